package dev.hopscope.model.edit;

import dev.hopscope.model.Pod;

/**
 * The canvas conventions in canvas units, for boxes the designer creates. They are document
 * data (saved in the layout), not styling, which is why they live here and not in CSS.
 */
public final class Sizes {
    private Sizes() {}

    public static final double HOST_HEADER = 40;
    public static final double HOST_PAD = 20;
    public static final double HOST_W = 420;
    public static final double HOST_H = 260;
    public static final double HOST_MIN_W = 240;
    public static final double HOST_MIN_H = 110;
    public static final double BRIDGE_H = 30;
    public static final double CARD_W = 160;
    public static final double CARD_H = 70;
    public static final double POD_EXTRA = 18;
    public static final double BAND_H = 26;
    public static final double BAND_MIN_W = 200;
    public static final double GLOBE = 64;
    public static final double SERVICE_W = 150;
    public static final double SERVICE_H = 50;
    public static final double GAP = 20;

    public static double podHeight(Pod p) {
        return CARD_H + POD_EXTRA * Math.max(0, p.containers().size() - 1);
    }
}
