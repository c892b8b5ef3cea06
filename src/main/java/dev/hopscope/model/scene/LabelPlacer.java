package dev.hopscope.model.scene;

import dev.hopscope.model.Box;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts each link's label where it can be read: beside its own route, on no node, no other label
 * and no other link's line. Candidates run along the route from its source (a veth's label sits
 * near the card it names); a label with no free place is not drawn rather than drawn over
 * something. Boxes, lines and placed labels are kept in a spatial hash, so a large drawing costs
 * about as much per link as a small one.
 */
final class LabelPlacer {
    /** Label size estimate: the canvas draws link labels in a 10 px font. */
    static final double CHAR_W = 6.2;
    static final double PAD_W = 8;
    static final double LABEL_H = 14;
    /** Distance between a label and its line. */
    static final double GAP = 3;
    private static final double[] ALONG = {0.5, 0.3, 0.7, 0.15, 0.85, 0.4, 0.6, 0.05, 0.95};

    private final Hash obstacles = new Hash();
    private final Hash lines = new Hash();
    /** The dashed lines of expected flows: a wire's label keeps off them too, unless that leaves it no place. */
    private final Hash flows = new Hash();

    /** Nodes a label must not cover: the whole box, or for a host only its header (labels may sit inside a host). */
    LabelPlacer(Iterable<NodeSpec> nodes, double hostHeader) {
        for (NodeSpec n : nodes) {
            Box b = n.box();
            obstacles.add(n.shape() == Shape.HOST ? new Box(b.x(), b.y(), b.w(), Math.min(b.h(), hostHeader)) : b, null);
        }
    }

    /** Registers a route's segments, so other labels stay off it; {@code flow} for an expected flow's dashed line. */
    void addRoute(String linkId, List<Point> route, boolean flow) {
        for (int i = 0; i + 1 < route.size(); i++) {
            Point a = route.get(i), b = route.get(i + 1);
            (flow ? flows : lines).add(new Box(Math.min(a.x(), b.x()) - 1, Math.min(a.y(), b.y()) - 1, Math.abs(a.x() - b.x()) + 2, Math.abs(a.y() - b.y()) + 2), linkId);
        }
    }

    static double width(String label) { return label.length() * CHAR_W + PAD_W; }

    /** Whether a label placed at {@code at} lies on an expected flow's line. */
    boolean onFlow(Point at, String label) {
        return flows.hits(new Box(at.x(), at.y(), width(label), LABEL_H), null);
    }

    /**
     * Where the label's top-left corner goes, or null when no place along the route is free. A
     * place on no line at all is preferred; failing that, one on the dashed line of an expected
     * flow (whose own label shows on hover) rather than none.
     */
    Point place(String linkId, String label, List<Point> route) {
        return place(linkId, label, route, null);
    }

    /**
     * As {@link #place(String, String, List)}, the label kept inside {@code within} when that is
     * not null: a wire inside one host (a veth) is labelled inside that host, never beside it.
     */
    Point place(String linkId, String label, List<Point> route, Box within) {
        if (label == null || label.isEmpty()) return null;
        return place(width(label), LABEL_H, route, within);
    }

    /** A free place for a w × h box beside the route, off the expected flows' lines if it can be. */
    Point place(double w, double h, List<Point> route, Box within) {
        if (route.size() < 2) return null;
        Point p = place(w, h, route, true, within);
        return p != null ? p : place(w, h, route, false, within);
    }

    /**
     * A free place for a w × h box as near {@code c} as can be (up to {@code reach} away), for a
     * line too short to hold it beside (two cards side by side): rings of places round c, nearest first.
     */
    Point near(Point c, double w, double h, double reach) {
        for (double r = 0; r <= reach; r += h / 2)
            for (double[] d : new double[][] {{0, -1}, {0, 1}, {-1, 0}, {1, 0}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}}) {
                Box spot = new Box(c.x() - w / 2 + d[0] * (r + w / 2), c.y() - h / 2 + d[1] * r, w, h);
                if (obstacles.hits(spot, null) || lines.hits(spot, null) || flows.hits(spot, null)) continue;
                obstacles.add(spot, null);
                return new Point(spot.x(), spot.y());
            }
        return null;
    }

    /** A box no label may cover from now on (a label placed before this placer existed). */
    void block(Box b) { obstacles.add(b, null); }

    private Point place(double w, double h, List<Point> route, boolean offFlows, Box within) {
        for (double t : ALONG) {
            for (int i = 0; i + 1 < route.size(); i++) {
                Point a = route.get(i), b = route.get(i + 1);
                double len = Math.abs(a.x() - b.x()) + Math.abs(a.y() - b.y());
                boolean vertical = a.x() == b.x();
                if (len < (vertical ? h : w) + 2 * GAP) continue;
                double x = a.x() + (b.x() - a.x()) * t, y = a.y() + (b.y() - a.y()) * t;
                Box[] spots = vertical
                        // left of a vertical line first: cards in a row hang from their bar at their middles, and a
                        // label on the left of each veth leaves the gap to the next card's veth free for that one's
                        ? new Box[] {new Box(x - GAP - 1 - w, y - h / 2, w, h), new Box(x + GAP + 1, y - h / 2, w, h)}
                        : new Box[] {new Box(x - w / 2, y - GAP - 1 - h, w, h), new Box(x - w / 2, y + GAP + 1, w, h)};
                for (Box spot : spots) {
                    if (within != null && !inside(spot, within)) continue;
                    if (obstacles.hits(spot, null) || lines.hits(spot, null) || offFlows && flows.hits(spot, null)) continue;
                    obstacles.add(spot, null);
                    return new Point(spot.x(), spot.y());
                }
            }
        }
        return null;
    }

    private static boolean inside(Box b, Box outer) {
        return b.x() >= outer.x() && b.y() >= outer.y() && b.x() + b.w() <= outer.x() + outer.w() && b.y() + b.h() <= outer.y() + outer.h();
    }

    /** A uniform grid of buckets of boxes. */
    private static final class Hash {
        private static final double CELL = 160;
        private final Map<Long, List<Object[]>> cells = new HashMap<>();

        void add(Box b, String owner) {
            Object[] entry = {b, owner};
            for (long key : keys(b)) cells.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }

        /** Whether the box overlaps a stored box of another owner than {@code except}. */
        boolean hits(Box b, String except) {
            for (long key : keys(b)) {
                List<Object[]> list = cells.get(key);
                if (list == null) continue;
                for (Object[] e : list) {
                    Box o = (Box) e[0];
                    if (except != null && except.equals(e[1])) continue;
                    if (b.x() < o.x() + o.w() && o.x() < b.x() + b.w() && b.y() < o.y() + o.h() && o.y() < b.y() + b.h()) return true;
                }
            }
            return false;
        }

        private static long[] keys(Box b) {
            int x0 = (int) Math.floor(b.x() / CELL), x1 = (int) Math.floor((b.x() + b.w()) / CELL);
            int y0 = (int) Math.floor(b.y() / CELL), y1 = (int) Math.floor((b.y() + b.h()) / CELL);
            long[] out = new long[(x1 - x0 + 1) * (y1 - y0 + 1)];
            int k = 0;
            for (int x = x0; x <= x1; x++)
                for (int y = y0; y <= y1; y++) out[k++] = ((long) x << 32) ^ (y & 0xffffffffL);
            return out;
        }
    }
}
