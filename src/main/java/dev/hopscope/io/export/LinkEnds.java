package dev.hopscope.io.export;

import dev.hopscope.model.Box;

/** Where a drawn link meets its boxes: facing sides between boxes, straight down or up onto bars and bands. */
final class LinkEnds {
    private LinkEnds() {}

    private static final double INSET = 12;

    /** From the box's top or bottom edge straight to the bar's nearer edge, where they overlap horizontally. */
    static double[] ontoBar(Box box, Box bar) {
        double lo = Math.max(bar.x() + INSET, box.x() + 6), hi = Math.min(bar.x() + bar.w() - INSET, box.x() + box.w() - 6);
        if (lo > hi) {
            // beside the bar: from the facing side of the box to the bar's nearer end
            boolean right = cx(box) > cx(bar);
            double y = Math.max(bar.y(), Math.min(bar.y() + bar.h(), cy(box)));
            return new double[] {right ? box.x() : box.x() + box.w(), cy(box), right ? bar.x() + bar.w() : bar.x(), bar.y() + bar.h() / 2};
        }
        double x = Math.max(lo, Math.min(hi, cx(box)));
        boolean above = cy(box) < cy(bar);
        double y0 = above ? box.y() + box.h() : box.y();
        double y1 = above ? bar.y() : bar.y() + bar.h();
        return new double[] {x, y0, x, y1};
    }

    static double[] between(Box a, Box b) {
        double[] s = side(a, cx(b), cy(b));
        double[] t = side(b, cx(a), cy(a));
        return new double[] {s[0], s[1], t[0], t[1]};
    }

    private static double[] side(Box b, double px, double py) {
        double dx = (px - cx(b)) / Math.max(1, b.w());
        double dy = (py - cy(b)) / Math.max(1, b.h());
        if (Math.abs(dx) > Math.abs(dy)) return new double[] {dx > 0 ? b.x() + b.w() : b.x(), cy(b)};
        return new double[] {cx(b), dy > 0 ? b.y() + b.h() : b.y()};
    }

    private static double cx(Box b) { return b.x() + b.w() / 2; }

    private static double cy(Box b) { return b.y() + b.h() / 2; }
}
