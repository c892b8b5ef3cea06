package dev.hopscope.ui.canvas;

/** Grid snapping in canvas units: moves and sizes land on multiples of the grid step. */
public final class Snap {
    private Snap() {}

    public static final double STEP = 10;

    public static double round(double v) { return Math.round(v / STEP) * STEP; }
}
