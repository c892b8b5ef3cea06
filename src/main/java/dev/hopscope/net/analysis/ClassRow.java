package dev.hopscope.net.analysis;

import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;

/**
 * One row of the matrix by classes: every member of {@code from} reaching every other member of
 * {@code to} with {@code probe} ends in {@code disposition}. {@code hosts} narrows the pairs it
 * holds for: all of them, only pairs on one host, or only pairs on different hosts.
 */
public record ClassRow(String from, String to, Probe probe, Disposition disposition, Hosts hosts) {

    /** Which pairs of members a class row speaks for. */
    public enum Hosts {
        ALL, SAME, DIFFERENT;

        /** The JSON value ({@code "same"}, {@code "different"}), or null when the row holds for all pairs. */
        public String label() { return this == ALL ? null : name().toLowerCase(java.util.Locale.ROOT); }
    }
}
