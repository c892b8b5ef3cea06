package dev.hopscope.model;

/** Where a node sits on the canvas, in canvas units; hosts use w and h, small nodes may leave them 0. */
public record Box(double x, double y, double w, double h) {

    /**
     * Coordinates lie within ±this and sizes within 0..this: ten million canvas units is fifty
     * times the widest layout our own importers produce (100,000 services on one host), and
     * keeps every sum and scaled pixel count far from overflow.
     */
    public static final double LIMIT = 10_000_000;

    public Box moved(double dx, double dy) { return new Box(x + dx, y + dy, w, h); }

    /** What is wrong with this box, or null: a coordinate or size that is not finite or out of bounds. */
    public String problem() {
        if (!Double.isFinite(x) || Math.abs(x) > LIMIT) return "x = " + x + " is outside ±" + (long) LIMIT;
        if (!Double.isFinite(y) || Math.abs(y) > LIMIT) return "y = " + y + " is outside ±" + (long) LIMIT;
        if (!Double.isFinite(w) || w < 0 || w > LIMIT) return "w = " + w + " is outside 0.." + (long) LIMIT;
        if (!Double.isFinite(h) || h < 0 || h > LIMIT) return "h = " + h + " is outside 0.." + (long) LIMIT;
        return null;
    }
}
