package dev.hopscope.net.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A finished run of tokens, compared by content (a zone's text, or a set's view of another zone). */
record Tokens(long[] tokens) implements Comparable<Tokens> {
    /** Items of a set in a canonical order (sorted), each followed by a separator. */
    static Tokens join(List<long[]> items) {
        List<long[]> sorted = new ArrayList<>(items);
        sorted.sort(Arrays::compare);
        int size = 0;
        for (long[] i : sorted) size += i.length + 1;
        long[] out = new long[size];
        int n = 0;
        for (long[] i : sorted) {
            System.arraycopy(i, 0, out, n, i.length);
            n += i.length;
            out[n++] = -1;
        }
        return new Tokens(out);
    }

    @Override public boolean equals(Object o) { return o instanceof Tokens t && Arrays.equals(tokens, t.tokens); }
    @Override public int hashCode() { return Arrays.hashCode(tokens); }
    @Override public int compareTo(Tokens o) { return Arrays.compare(tokens, o.tokens); }
    @Override public String toString() { return tokens.length + " tokens"; }
}
