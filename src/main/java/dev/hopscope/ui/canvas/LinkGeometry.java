package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.layout.FacingSides;

/** Where a link meets its two boxes: facing sides for boxes, straight up or down onto bars and bands. */
final class LinkGeometry {
    private LinkGeometry() {}

    /** Inset from a bar's ends, so a link never lands on its rounded corner. */
    private static final double INSET = 12;

    static double[] ends(Box a, boolean aBar, Box b, boolean bBar) {
        if (bBar && !aBar) {
            double[] e = ontoBar(a, b);
            return e;
        }
        if (aBar && !bBar) {
            double[] e = ontoBar(b, a);
            return new double[] {e[2], e[3], e[0], e[1]};
        }
        return FacingSides.between(a, b);
    }

    /**
     * From the box's top or bottom centre straight to the bar's nearer edge; a box beside the bar
     * (a globe at the end of its underlay) meets the bar's end horizontally.
     */
    private static double[] ontoBar(Box box, Box bar) {
        boolean beside = box.y() < bar.y() + bar.h() && box.y() + box.h() > bar.y()
                && (box.x() >= bar.x() + bar.w() || box.x() + box.w() <= bar.x());
        if (beside) {
            boolean right = box.x() >= bar.x() + bar.w();
            double y = cy(bar);
            return new double[] {right ? box.x() : box.x() + box.w(), y, right ? bar.x() + bar.w() : bar.x(), y};
        }
        double x = Math.max(bar.x() + INSET, Math.min(bar.x() + bar.w() - INSET, cx(box)));
        boolean above = cy(box) < cy(bar);
        double y0 = above ? box.y() + box.h() : box.y();
        double y1 = above ? bar.y() : bar.y() + bar.h();
        return new double[] {x, y0, x, y1};
    }

    private static double cx(Box b) { return FacingSides.cx(b); }

    private static double cy(Box b) { return FacingSides.cy(b); }
}
