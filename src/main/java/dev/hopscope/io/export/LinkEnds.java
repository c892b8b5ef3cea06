package dev.hopscope.io.export;

import dev.hopscope.model.Box;
import dev.hopscope.model.layout.FacingSides;

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

    static double[] between(Box a, Box b) { return FacingSides.between(a, b); }

    private static double cx(Box b) { return FacingSides.cx(b); }

    private static double cy(Box b) { return FacingSides.cy(b); }
}
