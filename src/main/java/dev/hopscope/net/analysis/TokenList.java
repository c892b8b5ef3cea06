package dev.hopscope.net.analysis;

import java.util.Arrays;

/** A growable run of tokens (longs): how {@link HostSymmetry} writes a zone without building strings. */
final class TokenList {
    private long[] a = new long[32];
    private int n;

    void add(long t) {
        if (n == a.length) a = Arrays.copyOf(a, n * 2);
        a[n++] = t;
    }

    void addAll(long[] ts) {
        if (n + ts.length > a.length) a = Arrays.copyOf(a, Math.max(n * 2, n + ts.length));
        System.arraycopy(ts, 0, a, n, ts.length);
        n += ts.length;
    }

    long[] toArray() { return Arrays.copyOf(a, n); }
}
