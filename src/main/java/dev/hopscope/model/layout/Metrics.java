package dev.hopscope.model.layout;

import dev.hopscope.model.Pod;

/**
 * The sizes of the canvas conventions, in canvas units. The canvas, the auto-layout and the
 * exporters draw from the same numbers so that a laid-out document looks the same everywhere.
 */
public final class Metrics {
    private Metrics() {}

    /** Host header: name, role, underlay address. */
    public static final double HOST_HEADER = 40;
    /** Padding between a host's border and its children. */
    public static final double HOST_PAD = 20;
    /** Smallest host, so an empty host still shows its header readably. */
    public static final double HOST_MIN_W = 240;
    public static final double HOST_MIN_H = 110;
    public static final double BRIDGE_H = 30;
    public static final double CARD_W = 160;
    public static final double CARD_H = 70;
    /** A pod card grows this much per container beyond its first. */
    public static final double POD_EXTRA = 18;
    public static final double BAND_H = 26;
    public static final double GLOBE = 64;
    public static final double SERVICE_W = 150;
    public static final double SERVICE_H = 60;
    /** Least space between two boxes that are not nested. */
    public static final double GAP = 20;
    /** Space between hosts, wider than {@link #GAP} so links between them have room. */
    public static final double HOST_GAP = 60;
    /** Space around the whole picture. */
    public static final double MARGIN = 20;
    /** A new, empty host is roomy enough for a bridge and two cards side by side. */
    public static final double NEW_HOST_W = 420;
    public static final double NEW_HOST_H = 260;
    /** Default length of a band with nothing to span. */
    public static final double BAND_MIN_W = 200;

    public static double podHeight(Pod p) {
        return CARD_H + POD_EXTRA * Math.max(0, p.containers().size() - 1);
    }
}
