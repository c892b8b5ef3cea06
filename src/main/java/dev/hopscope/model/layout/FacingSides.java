package dev.hopscope.model.layout;

import dev.hopscope.model.Box;

/**
 * Where a straight link between two boxes meets them: the middle of the side of each box that
 * faces the other. Shared by the canvas and the picture exporters, so both draw links alike.
 */
public final class FacingSides {
    private FacingSides() {}

    /** {x1, y1, x2, y2}: from the side of {@code a} facing {@code b} to the side of {@code b} facing {@code a}. */
    public static double[] between(Box a, Box b) {
        double[] s = side(a, cx(b), cy(b));
        double[] t = side(b, cx(a), cy(a));
        return new double[] {s[0], s[1], t[0], t[1]};
    }

    /** The middle of the side of the box that faces the point. */
    public static double[] side(Box b, double px, double py) {
        double dx = (px - cx(b)) / Math.max(1, b.w());
        double dy = (py - cy(b)) / Math.max(1, b.h());
        if (Math.abs(dx) > Math.abs(dy)) return new double[] {dx > 0 ? b.x() + b.w() : b.x(), cy(b)};
        return new double[] {cx(b), dy > 0 ? b.y() + b.h() : b.y()};
    }

    public static double cx(Box b) { return b.x() + b.w() / 2; }

    public static double cy(Box b) { return b.y() + b.h() / 2; }
}
