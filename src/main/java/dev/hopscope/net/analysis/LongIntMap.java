package dev.hopscope.net.analysis;

import java.util.Arrays;

/** A map from long to int by open addressing, without boxing: the matrix's short cuts index hundreds of thousands of addresses and MACs. */
final class LongIntMap {
    static final int MISSING = Integer.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        used = new boolean[cap];
    }

    int size() { return size; }

    private int slot(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        int mask = keys.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (used[i] && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    int get(long key) {
        int i = slot(key);
        return used[i] ? values[i] : MISSING;
    }

    void put(long key, int value) {
        int i = slot(key);
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            size++;
            if (size * 2 > keys.length) { values[i] = value; grow(); return; }
        }
        values[i] = value;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) if (u[i]) put(k[i], v[i]);
    }

    /** The keys, sorted. */
    long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) if (used[i]) out[n++] = keys[i];
        Arrays.sort(out);
        return out;
    }
}
