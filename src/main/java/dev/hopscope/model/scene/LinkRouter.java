package dev.hopscope.model.scene;

import dev.hopscope.model.Box;
import dev.hopscope.model.layout.Metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes links orthogonally round the drawn nodes: a link never crosses a node other than its
 * two ends and the hosts they are nested in. A straight line is used when one is free (a card
 * hanging under its bridge); otherwise the cheapest route with few bends is searched on the
 * grid of lines that run along the obstacles at a clearance, and through the middle of the
 * gutters between them (A* over that sparse grid, cost = length + a price per bend).
 *
 * <p>Obstacles for one link: its own host's other children and every top-level node except the
 * hosts its ends live in (a node nested in another host is inside that host's box). The search
 * first looks in the neighbourhood of the two ends, then in the whole drawing; a route it cannot
 * find within its budget is drawn straight.
 */
final class LinkRouter {
    /** Distance kept from every obstacle, in canvas units. */
    static final double CLEAR = 7;
    /** What a bend costs, in canvas units of length: a short detour beats a staircase. */
    static final double BEND = 36;
    /** Ends keep this far from a box's corners. */
    static final double INSET = 10;
    /** States the search may settle before it gives up on one link. */
    static final int BUDGET = 60_000;
    private static final double NEAR = 120;

    private static final int UP = 0, DOWN = 1, LEFT = 2, RIGHT = 3;
    private static final int TOP_SIDE = 1, BOTTOM_SIDE = 2, LEFT_SIDE = 4, RIGHT_SIDE = 8, ALL_SIDES = 15;

    private final Map<String, NodeSpec> nodes;
    private final Map<String, List<NodeSpec>> children = new HashMap<>();
    private final List<NodeSpec> top = new ArrayList<>();
    /** Labels placed already (the wires'), which the links routed from now on go round as well. */
    private List<Box> labels = List.of();

    LinkRouter(Map<String, NodeSpec> nodes) {
        this.nodes = nodes;
        for (NodeSpec n : nodes.values()) {
            if (n.parent() != null && nodes.containsKey(n.parent())) children.computeIfAbsent(n.parent(), k -> new ArrayList<>()).add(n);
            else top.add(n);
        }
    }

    /**
     * From now on, routes go round these boxes too: the labels of the wires, placed before the
     * expected flows are routed, so a dashed line never runs over an interface's address.
     */
    void avoid(List<Box> placedLabels) {
        labels = List.copyOf(placedLabels);
    }

    /**
     * The route from {@code a}'s edge to {@code b}'s edge, as a polyline of at least two points.
     * When the labels to avoid leave no way (they may stand in the only gutter), the route is
     * searched without them: the label placer then moves a label the line runs over.
     */
    List<Point> route(NodeSpec a, NodeSpec b) {
        if (a.id().equals(b.parent())) return reverse(outToParent(b, a));
        if (b.id().equals(a.parent())) return outToParent(a, b);
        List<Point> found = routeOrNull(a, b);
        if (found == null && !labels.isEmpty()) {
            List<Box> avoided = labels;
            labels = List.of();
            try {
                found = routeOrNull(a, b);
            } finally {
                labels = avoided;
            }
        }
        return found != null ? found : fallback(end(a, b), end(b, a));
    }

    /** A route round every obstacle, or null when the search finds none within its budget. */
    private List<Point> routeOrNull(NodeSpec a, NodeSpec b) {
        List<Box> obstacles = obstacles(a, b);
        End from = end(a, b);
        End to = end(b, a);
        // a link between two nodes of one host stays inside that host
        NodeSpec home = a.parent() != null && a.parent().equals(b.parent()) ? nodes.get(a.parent()) : null;
        Box inside = home == null ? null : home.box();
        List<Point> straight = straight(from, to, obstacles);
        if (straight != null) return straight;
        List<Point> jogged = jogged(from, to, obstacles);
        if (jogged != null && (inside == null || routeWithin(jogged, inside))) return jogged;
        Box near = union(a.box(), b.box());
        near = new Box(near.x() - NEAR, near.y() - NEAR, near.w() + 2 * NEAR, near.h() + 2 * NEAR);
        if (inside != null) return search(from, to, within(obstacles, inside), inside);
        List<Point> found = search(from, to, within(obstacles, near), near);
        if (found == null) {
            Box all = near;
            for (Box o : obstacles) all = union(all, o);
            all = new Box(all.x() - NEAR, all.y() - NEAR, all.w() + 2 * NEAR, all.h() + 2 * NEAR);
            found = search(from, to, obstacles, all);
        }
        return found;
    }

    /**
     * Every box the link must go round, including the words in the header of the host an end
     * lives in (a line may leave a host through its header, but not through its name).
     */
    List<Box> obstacles(NodeSpec a, NodeSpec b) {
        List<Box> out = new ArrayList<>();
        for (NodeSpec n : scope(a, b)) out.add(n.box());
        out.addAll(labels);
        for (String p : new String[] {a.parent(), b.parent()}) {
            NodeSpec host = p == null ? null : nodes.get(p);
            if (host != null && host != a && host != b) out.add(headerWords(host));
        }
        return out;
    }

    /** Where a host's name and address are written: the left part of its header. */
    static Box headerWords(NodeSpec host) {
        Box b = host.box();
        double words = Math.max(host.text().title().length() * 8.5 + 26, host.text().subtitle().length() * 6.4) + 16;
        return new Box(b.x(), b.y(), Math.min(b.w(), words), Metrics.HOST_HEADER - 6);
    }

    /** The nodes a link between a and b must go round: top-level ones and the siblings of its ends. */
    private List<NodeSpec> scope(NodeSpec a, NodeSpec b) {
        List<NodeSpec> scope = new ArrayList<>(top);
        if (a.parent() != null) scope.addAll(children.getOrDefault(a.parent(), List.of()));
        if (b.parent() != null && !b.parent().equals(a.parent())) scope.addAll(children.getOrDefault(b.parent(), List.of()));
        // hosts hold cards and bars but never other hosts: an end's only enclosing node is its parent
        List<NodeSpec> out = new ArrayList<>(scope.size());
        for (NodeSpec n : scope) {
            String id = n.id();
            if (id.equals(a.id()) || id.equals(b.id()) || id.equals(a.parent()) || id.equals(b.parent())) continue;
            out.add(n);
        }
        return out;
    }

    /**
     * The route this link had in the previous scene, when it is still the one the search would
     * find: its ends have the same boxes and every node around it (within reach of a detour) is
     * the same node in the same place. An edit then re-routes only the links near what it moved.
     */
    List<Point> previousRoute(NodeSpec a, NodeSpec b, LinkSpec old, LinkRouter before) {
        if (old == null || before == null) return null;
        NodeSpec pa = before.nodes.get(a.id()), pb = before.nodes.get(b.id());
        if (pa == null || pb == null || !pa.box().equals(a.box()) || !pb.box().equals(b.box())
                || !java.util.Objects.equals(pa.parent(), a.parent()) || !java.util.Objects.equals(pb.parent(), b.parent())) return null;
        Box area = union(a.box(), b.box());
        for (Point p : old.route()) area = union(area, new Box(p.x(), p.y(), 0, 0));
        area = inflate(area, NEAR);
        Map<String, Box> now = near(scope(a, b), area), then = near(before.scope(pa, pb), area);
        return now.equals(then) && allFree(old.route(), labels) ? old.route() : null;
    }

    private static Map<String, Box> near(List<NodeSpec> scope, Box area) {
        Map<String, Box> out = new HashMap<>();
        for (NodeSpec n : scope) {
            Box o = n.box();
            if (o.x() < area.x() + area.w() && o.x() + o.w() > area.x() && o.y() < area.y() + area.h() && o.y() + o.h() > area.y())
                out.put(n.id(), o);
        }
        return out;
    }

    /**
     * A node to the host it sits in (an expected flow aimed at its own host's address): straight
     * out of the node's side nearest the host's border, to that border.
     */
    private List<Point> outToParent(NodeSpec child, NodeSpec host) {
        Box c = child.box(), h = host.box();
        double[][] outs = {
                {c.x(), c.y() + c.h() / 2, h.x(), c.y() + c.h() / 2},
                {c.x() + c.w(), c.y() + c.h() / 2, h.x() + h.w(), c.y() + c.h() / 2},
                {c.x() + c.w() / 2, c.y() + c.h(), c.x() + c.w() / 2, h.y() + h.h()},
                {c.x() + c.w() / 2, c.y(), c.x() + c.w() / 2, h.y()}};
        List<Box> obstacles = obstacles(child, host);
        double[] best = null;
        double bestLen = Double.MAX_VALUE;
        for (double[] o : outs) {
            double len = Math.abs(o[2] - o[0]) + Math.abs(o[3] - o[1]);
            boolean clear = free(Math.min(o[0], o[2]), Math.min(o[1], o[3]), Math.max(o[0], o[2]), Math.max(o[1], o[3]), obstacles);
            double score = len + (clear ? 0 : 10_000);
            if (score < bestLen) {
                bestLen = score;
                best = o;
            }
        }
        return List.of(new Point(best[0], best[1]), new Point(best[2], best[3]));
    }

    private static List<Point> reverse(List<Point> r) {
        List<Point> out = new ArrayList<>(r);
        java.util.Collections.reverse(out);
        return out;
    }

    // ---- the ends of a link ----

    /** Where a link may meet a node: which sides, and the point on them it would rather use. */
    private record End(Box box, int sides, double preferX, double preferY) {}

    private End end(NodeSpec n, NodeSpec other) {
        Box b = n.box();
        Box o = other.box();
        double px = clamp(o.x() + o.w() / 2, b.x() + INSET, b.x() + b.w() - INSET);
        double py = clamp(o.y() + o.h() / 2, b.y() + INSET, b.y() + b.h() - INSET);
        if (n.shape().isBar()) {
            // a bar is met on its long edges; a node level with it and beyond its end meets its end
            boolean beside = o.y() < b.y() + b.h() && o.y() + o.h() > b.y() && (o.x() >= b.x() + b.w() || o.x() + o.w() <= b.x());
            return new End(b, beside ? LEFT_SIDE | RIGHT_SIDE : TOP_SIDE | BOTTOM_SIDE, px, b.y() + b.h() / 2);
        }
        if (n.shape().isCard() || n.shape() == Shape.HOST || n.shape() == Shape.SERVICE)
            return new End(b, ALL_SIDES, b.x() + b.w() / 2, b.y() + b.h() / 2);
        return new End(b, ALL_SIDES, b.x() + b.w() / 2, b.y() + b.h() / 2);
    }

    // ---- straight lines ----

    /** A single vertical or horizontal segment between facing edges, if one is free. */
    private List<Point> straight(End a, End b, List<Box> obstacles) {
        Box p = a.box(), q = b.box();
        boolean aVertical = (a.sides() & (TOP_SIDE | BOTTOM_SIDE)) != 0, bVertical = (b.sides() & (TOP_SIDE | BOTTOM_SIDE)) != 0;
        double lo = Math.max(p.x(), q.x()) + INSET, hi = Math.min(p.x() + p.w(), q.x() + q.w()) - INSET;
        if (aVertical && bVertical && lo <= hi && (p.y() + p.h() <= q.y() || q.y() + q.h() <= p.y())) {
            boolean down = p.y() + p.h() <= q.y();
            double y0 = down ? p.y() + p.h() : p.y(), y1 = down ? q.y() : q.y() + q.h();
            for (double x : candidates(lo, hi, a.preferX(), b.preferX())) {
                if (free(x, Math.min(y0, y1), x, Math.max(y0, y1), obstacles)) return List.of(new Point(x, y0), new Point(x, y1));
            }
        }
        boolean aSide = (a.sides() & (LEFT_SIDE | RIGHT_SIDE)) != 0, bSide = (b.sides() & (LEFT_SIDE | RIGHT_SIDE)) != 0;
        double top = Math.max(p.y(), q.y()) + Math.min(INSET, Math.min(p.h(), q.h()) / 2 - 1);
        double bottom = Math.min(p.y() + p.h(), q.y() + q.h()) - Math.min(INSET, Math.min(p.h(), q.h()) / 2 - 1);
        if (aSide && bSide && top <= bottom && (p.x() + p.w() <= q.x() || q.x() + q.w() <= p.x())) {
            boolean right = p.x() + p.w() <= q.x();
            double x0 = right ? p.x() + p.w() : p.x(), x1 = right ? q.x() : q.x() + q.w();
            for (double y : candidates(top, bottom, a.preferY(), b.preferY())) {
                if (free(Math.min(x0, x1), y, Math.max(x0, x1), y, obstacles)) return List.of(new Point(x0, y), new Point(x1, y));
            }
        }
        return null;
    }

    /**
     * A route of one to three bends between ends one above the other (or side by side): a jog
     * across the gap between them, or a detour through the gutter beside either end, where a
     * card in a second row reaches its bar past the card above it. Tried before the search,
     * cheapest first; null when none is free.
     */
    private List<Point> jogged(End a, End b, List<Box> obstacles) {
        List<Point> r = joggedVertical(a, b, obstacles);
        if (r != null) return r;
        End ta = transpose(a), tb = transpose(b);
        List<Box> tObstacles = new ArrayList<>(obstacles.size());
        for (Box o : obstacles) tObstacles.add(transpose(o));
        r = joggedVertical(ta, tb, tObstacles);
        if (r == null) return null;
        List<Point> out = new ArrayList<>(r.size());
        for (Point p : r) out.add(new Point(p.y(), p.x()));
        return out;
    }

    private List<Point> joggedVertical(End a, End b, List<Box> obstacles) {
        Box p = a.box(), q = b.box();
        if ((a.sides() & (TOP_SIDE | BOTTOM_SIDE)) == 0 || (b.sides() & (TOP_SIDE | BOTTOM_SIDE)) == 0) return null;
        boolean down = p.y() + p.h() <= q.y();
        if (!down && !(q.y() + q.h() <= p.y())) return null;
        double ya = down ? p.y() + p.h() : p.y(), yb = down ? q.y() : q.y() + q.h();
        double sign = down ? 1 : -1;
        double gap = Math.abs(yb - ya);
        double[] mids = {(ya + yb) / 2, ya + sign * Math.min(gap / 2, CLEAR + 3), yb - sign * Math.min(gap / 2, CLEAR + 3)};
        List<double[]> xas = new ArrayList<>(), xbs = new ArrayList<>();
        xas.add(new double[] {clamp(a.preferX(), p.x() + INSET, p.x() + p.w() - INSET), 0});
        xbs.add(new double[] {clamp(b.preferX(), q.x() + INSET, q.x() + q.w() - INSET), 0});
        xbs.add(new double[] {clamp(a.preferX(), q.x() + INSET, q.x() + q.w() - INSET), 0});
        // the gutters beside each end: a detour past a neighbour in the way
        double[] gutters = {p.x() - Metrics.GAP / 2, p.x() + p.w() + Metrics.GAP / 2, q.x() - Metrics.GAP / 2, q.x() + q.w() + Metrics.GAP / 2};
        List<List<Point>> tries = new ArrayList<>();
        for (double[] xa : xas)
            for (double[] xb : xbs) {
                for (double ym : mids) tries.add(List.of(new Point(xa[0], ya), new Point(xa[0], ym), new Point(xb[0], ym), new Point(xb[0], yb)));
                for (double g : gutters) {
                    double y1 = mids[1], y2 = mids[2];
                    tries.add(List.of(new Point(xa[0], ya), new Point(xa[0], y1), new Point(g, y1), new Point(g, y2), new Point(xb[0], y2), new Point(xb[0], yb)));
                    if (g >= q.x() + INSET && g <= q.x() + q.w() - INSET)
                        tries.add(List.of(new Point(xa[0], ya), new Point(xa[0], y1), new Point(g, y1), new Point(g, yb)));
                }
            }
        tries.sort(java.util.Comparator.comparingDouble(t -> cost(simplify(t), a, b)));
        for (List<Point> t : tries) {
            List<Point> r = simplify(t);
            if (allFree(r, obstacles)) return r;
        }
        return null;
    }

    private static double cost(List<Point> r, End a, End b) {
        double len = 0;
        for (int i = 0; i + 1 < r.size(); i++) len += Math.abs(r.get(i).x() - r.get(i + 1).x()) + Math.abs(r.get(i).y() - r.get(i + 1).y());
        Point s = r.get(0), e = r.get(r.size() - 1);
        return len + BEND * (r.size() - 2) + 0.35 * (Math.abs(s.x() - a.preferX()) + Math.abs(e.x() - b.preferX()));
    }

    private static boolean allFree(List<Point> r, List<Box> obstacles) {
        for (int i = 0; i + 1 < r.size(); i++) {
            Point p = r.get(i), q = r.get(i + 1);
            // the first and last segments start on the ends' own edges, which are not obstacles
            if (!free(Math.min(p.x(), q.x()), Math.min(p.y(), q.y()), Math.max(p.x(), q.x()), Math.max(p.y(), q.y()), obstacles)) return false;
        }
        return true;
    }

    private static End transpose(End e) {
        int sides = ((e.sides() & TOP_SIDE) != 0 ? LEFT_SIDE : 0) | ((e.sides() & BOTTOM_SIDE) != 0 ? RIGHT_SIDE : 0)
                | ((e.sides() & LEFT_SIDE) != 0 ? TOP_SIDE : 0) | ((e.sides() & RIGHT_SIDE) != 0 ? BOTTOM_SIDE : 0);
        return new End(transpose(e.box()), sides, e.preferY(), e.preferX());
    }

    private static Box transpose(Box b) { return new Box(b.y(), b.x(), b.h(), b.w()); }

    /** Positions to try along a shared span: the preferred ones, the middle, then steps outwards. */
    private static double[] candidates(double lo, double hi, double preferA, double preferB) {
        List<Double> out = new ArrayList<>();
        for (double v : new double[] {clamp(preferA, lo, hi), clamp(preferB, lo, hi), (lo + hi) / 2}) if (!out.contains(v)) out.add(v);
        double mid = (lo + hi) / 2;
        for (double d = 12; d <= (hi - lo) / 2 && out.size() < 16; d += 12) {
            out.add(mid - d);
            out.add(mid + d);
        }
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    /** Whether an axis-parallel segment keeps clear of every obstacle. */
    static boolean free(double x0, double y0, double x1, double y1, List<Box> obstacles) {
        for (Box o : obstacles) {
            double ox0 = o.x() - CLEAR + 0.5, oy0 = o.y() - CLEAR + 0.5, ox1 = o.x() + o.w() + CLEAR - 0.5, oy1 = o.y() + o.h() + CLEAR - 0.5;
            if (x1 > ox0 && x0 < ox1 && y1 > oy0 && y0 < oy1) return false;
        }
        return true;
    }

    // ---- the search ----

    // scratch space of the search, reused from link to link: an entry counts only when its stamp is the current search's
    private double[] cost = new double[0];
    private int[] from = new int[0];
    private int[] seen = new int[0];
    private double[] goal = new double[0];
    private int[] goalSeen = new int[0];
    private int stamp;

    private List<Point> search(End a, End b, List<Box> obstacles, Box region) {
        double[] xs = coordinates(obstacles, a, b, region, true);
        double[] ys = coordinates(obstacles, a, b, region, false);
        int nx = xs.length, ny = ys.length;
        if ((long) nx * ny * 4 > 4_000_000) return null;
        Box[] inflated = new Box[obstacles.size() + 2];
        for (int i = 0; i < obstacles.size(); i++) inflated[i] = inflate(obstacles.get(i), CLEAR);
        inflated[obstacles.size()] = inflate(a.box(), CLEAR);
        inflated[obstacles.size() + 1] = inflate(b.box(), CLEAR);
        Grid g = new Grid(xs, ys, inflated);
        int states = nx * ny * 4;
        if (cost.length < states) {
            int n = Math.max(states, cost.length * 2);
            cost = new double[n];
            from = new int[n];
            seen = new int[n];
            goal = new double[n];
            goalSeen = new int[n];
        }
        if (++stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seen, 0);
            java.util.Arrays.fill(goalSeen, 0);
            stamp = 1;
        }
        Heap open = new Heap();
        stubs(b, g, true, (state, extra) -> {
            goal[state] = extra;
            goalSeen[state] = stamp;
        });
        stubs(a, g, false, (state, extra) -> {
            cost[state] = extra;
            seen[state] = stamp;
            from[state] = -1;
            open.push(state, extra + heuristic(g, state, b));
        });
        int settled = 0;
        while (!open.isEmpty()) {
            int state = open.pop();
            if (open.lastKey() > cost[state] + heuristic(g, state, b) + 1e-6) continue;
            if (goalSeen[state] == stamp) return path(g, from, state, a, b);
            if (++settled > BUDGET) return null;
            int cell = state >> 2, dir = state & 3;
            int i = cell / ny, j = cell % ny;
            for (int d = 0; d < 4; d++) {
                if (d == opposite(dir)) continue;
                int ni = i + (d == LEFT ? -1 : d == RIGHT ? 1 : 0), nj = j + (d == UP ? -1 : d == DOWN ? 1 : 0);
                if (ni < 0 || nj < 0 || ni >= nx || nj >= ny || g.blocked(i, j, ni, nj)) continue;
                int next = ((ni * ny + nj) << 2) | d;
                double c = cost[state] + Math.abs(xs[ni] - xs[i]) + Math.abs(ys[nj] - ys[j]) + (d == dir ? 0 : BEND);
                if (goalSeen[next] == stamp) c += goal[next];
                if (seen[next] != stamp || c < cost[next] - 1e-9) {
                    seen[next] = stamp;
                    cost[next] = c;
                    from[next] = state;
                    open.push(next, c + heuristic(g, next, b));
                }
            }
        }
        return null;
    }

    /** Receives one stub state and what starting (or arriving) there costs. */
    private interface StubSink {
        void accept(int state, double extra);
    }

    /**
     * The states on the stub lines of an end: for each allowed side, the grid points CLEAR
     * outside it and within its span, leaving outwards (or, for a goal, arriving inwards), with
     * the cost of being away from the preferred point.
     */
    private static void stubs(End e, Grid g, boolean arriving, StubSink out) {
        Box b = e.box();
        int ny = g.ys.length;
        for (int side : new int[] {TOP_SIDE, BOTTOM_SIDE, LEFT_SIDE, RIGHT_SIDE}) {
            if ((e.sides() & side) == 0) continue;
            boolean horizontalEdge = side == TOP_SIDE || side == BOTTOM_SIDE;
            int outward = side == TOP_SIDE ? UP : side == BOTTOM_SIDE ? DOWN : side == LEFT_SIDE ? LEFT : RIGHT;
            int dir = arriving ? opposite(outward) : outward;
            if (horizontalEdge) {
                double y = side == TOP_SIDE ? b.y() - CLEAR : b.y() + b.h() + CLEAR;
                int j = indexOf(g.ys, y);
                if (j < 0) continue;
                double inset = Math.min(INSET, b.w() / 2 - 1);
                for (int i = 0; i < g.xs.length; i++) {
                    double x = g.xs[i];
                    if (x < b.x() + inset || x > b.x() + b.w() - inset) continue;
                    out.accept(((i * ny + j) << 2) | dir, 0.35 * Math.abs(x - e.preferX()) + CLEAR);
                }
            } else {
                double x = side == LEFT_SIDE ? b.x() - CLEAR : b.x() + b.w() + CLEAR;
                int i = indexOf(g.xs, x);
                if (i < 0) continue;
                double inset = Math.min(INSET, b.h() / 2 - 1);
                for (int j = 0; j < ny; j++) {
                    double y = g.ys[j];
                    if (y < b.y() + inset || y > b.y() + b.h() - inset) continue;
                    out.accept(((i * ny + j) << 2) | dir, 0.35 * Math.abs(y - e.preferY()) + CLEAR);
                }
            }
        }
    }

    private static double heuristic(Grid g, int state, End b) {
        int cell = state >> 2;
        double x = g.xs[cell / g.ys.length], y = g.ys[cell % g.ys.length];
        Box t = b.box();
        double dx = Math.max(0, Math.max(t.x() - CLEAR - x, x - t.x() - t.w() - CLEAR));
        double dy = Math.max(0, Math.max(t.y() - CLEAR - y, y - t.y() - t.h() - CLEAR));
        return dx + dy;
    }

    /** The points of a found route, from a's edge to b's edge, with straight runs merged. */
    private static List<Point> path(Grid g, int[] from, int goal, End a, End b) {
        List<Point> rev = new ArrayList<>();
        int ny = g.ys.length;
        for (int s = goal; s != -1; s = from[s]) {
            int cell = s >> 2;
            rev.add(new Point(g.xs[cell / ny], g.ys[cell % ny]));
        }
        List<Point> pts = new ArrayList<>();
        pts.add(onEdge(rev.get(rev.size() - 1), a.box()));
        for (int k = rev.size() - 1; k >= 0; k--) pts.add(rev.get(k));
        pts.add(onEdge(rev.get(0), b.box()));
        return simplify(pts);
    }

    /** The point on the box's edge straight in from a stub point CLEAR outside it. */
    private static Point onEdge(Point stub, Box b) {
        if (stub.y() < b.y()) return new Point(stub.x(), b.y());
        if (stub.y() > b.y() + b.h()) return new Point(stub.x(), b.y() + b.h());
        if (stub.x() < b.x()) return new Point(b.x(), stub.y());
        return new Point(b.x() + b.w(), stub.y());
    }

    /**
     * The route moved sideways by {@code d}: each segment shifts across its own direction, each
     * bend follows its two segments, and the ends slide along the edges they sit on (kept within
     * them). Parallel expected flows between one pair fan out this way instead of overlapping.
     */
    /**
     * A route beside {@code route} for the k-th (from 1) of several expected flows between one
     * pair: moved by 10, -10, 20, ... units, the first of those that keeps clear of the link's
     * obstacles; the route itself when none does.
     */
    List<Point> besides(List<Point> route, int k, NodeSpec a, NodeSpec b) {
        List<Box> obstacles = obstacles(a, b);
        for (int tries = 0; tries < 4; tries++) {
            int n = k + tries;
            double d = ((n + 1) / 2) * 10.0 * (n % 2 == 1 ? 1 : -1);
            List<Point> moved = simplify(offset(route, d, a.box(), b.box()));
            if (moved != route && allFree(moved, obstacles)) return moved;
        }
        return route;
    }

    static List<Point> offset(List<Point> route, double d, Box a, Box b) {
        int n = route.size();
        if (n < 2) return route;
        List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Point p = route.get(i);
            double x = p.x(), y = p.y();
            if (i > 0) {
                Point q = route.get(i - 1);
                if (q.x() == p.x()) x += d; else y += d;
            }
            if (i < n - 1) {
                Point q = route.get(i + 1);
                if (q.x() == p.x()) x = p.x() + d; else y = p.y() + d;
            }
            out.add(new Point(x, y));
        }
        // the ends slide along their edges; if one would leave its edge the fan-out is not worth a crooked line
        return fits(out.get(0), a) && fits(out.get(n - 1), b) ? out : route;
    }

    /** Whether a point lies on the box's edge, away from its corners. */
    private static boolean fits(Point p, Box b) {
        double e = 1e-9;
        boolean onTopOrBottom = Math.abs(p.y() - b.y()) < e || Math.abs(p.y() - b.y() - b.h()) < e;
        boolean onSide = Math.abs(p.x() - b.x()) < e || Math.abs(p.x() - b.x() - b.w()) < e;
        if (onTopOrBottom) return p.x() >= b.x() + 2 - e && p.x() <= b.x() + b.w() - 2 + e;
        if (onSide) return p.y() >= b.y() + 2 - e && p.y() <= b.y() + b.h() - 2 + e;
        return false;
    }

    static List<Point> simplify(List<Point> pts) {
        List<Point> out = new ArrayList<>();
        for (Point p : pts) {
            if (!out.isEmpty() && out.get(out.size() - 1).equals(p)) continue;
            if (out.size() >= 2) {
                Point a = out.get(out.size() - 2), b = out.get(out.size() - 1);
                boolean collinear = (a.x() == b.x() && b.x() == p.x()) || (a.y() == b.y() && b.y() == p.y());
                if (collinear) out.remove(out.size() - 1);
            }
            out.add(p);
        }
        if (out.size() == 1) out.add(out.get(0));
        return out;
    }

    /** No free route: facing sides, joined by one bend. */
    private static List<Point> fallback(End a, End b) {
        Box p = a.box(), q = b.box();
        double[] s = dev.hopscope.model.layout.FacingSides.between(p, q);
        Point start = new Point(s[0], s[1]), end = new Point(s[2], s[3]);
        if (start.x() == end.x() || start.y() == end.y()) return List.of(start, end);
        boolean verticalFirst = start.y() == p.y() || start.y() == p.y() + p.h();
        Point corner = verticalFirst ? new Point(start.x(), end.y()) : new Point(end.x(), start.y());
        return List.of(start, corner, end);
    }

    // ---- the grid ----

    /**
     * The grid lines along one axis: each obstacle's edges at the clearance, the middle of each
     * gutter between them, the ends' sides and stubs and preferred points, and the region's edges.
     */
    private static double[] coordinates(List<Box> obstacles, End a, End b, Box region, boolean xAxis) {
        List<Double> edges = new ArrayList<>();
        for (Box o : obstacles) {
            edges.add((xAxis ? o.x() : o.y()) - CLEAR);
            edges.add((xAxis ? o.x() + o.w() : o.y() + o.h()) + CLEAR);
        }
        List<Double> all = new ArrayList<>(edges);
        double[] sorted = edges.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (int k = 0; k + 1 < sorted.length; k++)
            if (sorted[k + 1] - sorted[k] > 2 * CLEAR) all.add((sorted[k] + sorted[k + 1]) / 2);
        for (End e : new End[] {a, b}) {
            Box bx = e.box();
            double lo = xAxis ? bx.x() : bx.y(), hi = xAxis ? bx.x() + bx.w() : bx.y() + bx.h();
            all.add(lo - CLEAR);
            all.add(hi + CLEAR);
            all.add((lo + hi) / 2);
            all.add(clamp(xAxis ? e.preferX() : e.preferY(), lo + INSET, hi - INSET));
        }
        // each end's preferred point projected onto the other, for straight approaches
        all.add(clamp(xAxis ? a.preferX() : a.preferY(), xAxis ? b.box().x() + INSET : b.box().y() + INSET,
                xAxis ? b.box().x() + b.box().w() - INSET : b.box().y() + b.box().h() - INSET));
        all.add(clamp(xAxis ? b.preferX() : b.preferY(), xAxis ? a.box().x() + INSET : a.box().y() + INSET,
                xAxis ? a.box().x() + a.box().w() - INSET : a.box().y() + a.box().h() - INSET));
        double lo = xAxis ? region.x() : region.y(), hi = xAxis ? region.x() + region.w() : region.y() + region.h();
        all.add(lo);
        all.add(hi);
        return all.stream().mapToDouble(Double::doubleValue).filter(v -> v >= lo && v <= hi)
                .map(v -> Math.round(v * 2) / 2.0).sorted().distinct().toArray();
    }

    /**
     * The grid and which moves between neighbouring points cross an obstacle. Every obstacle's
     * edges are grid lines, so the stretch between two neighbouring lines lies wholly inside an
     * obstacle or wholly outside it: a move is blocked when that stretch is inside and the line it
     * runs on passes strictly through the obstacle (its edges are lanes).
     */
    private static final class Grid {
        final double[] xs;
        final double[] ys;
        /** [i * ny + j]: the move from (i, j) to (i + 1, j) is blocked. */
        private final boolean[] right;
        /** [i * ny + j]: the move from (i, j) to (i, j + 1) is blocked. */
        private final boolean[] down;

        Grid(double[] xs, double[] ys, Box[] boxes) {
            this.xs = xs;
            this.ys = ys;
            int nx = xs.length, ny = ys.length;
            right = new boolean[nx * ny];
            down = new boolean[nx * ny];
            for (Box o : boxes) {
                int i0 = ceil(xs, o.x()), i1 = floor(xs, o.x() + o.w());
                int j0 = ceil(ys, o.y()), j1 = floor(ys, o.y() + o.h());
                if (i0 < 0 || j0 < 0 || i1 < 0 || j1 < 0) continue;
                // horizontal moves on lines strictly inside the box's height
                for (int j = j0; j <= j1; j++) {
                    if (!(ys[j] > o.y() && ys[j] < o.y() + o.h())) continue;
                    for (int i = Math.max(0, i0 - 1); i <= i1 && i + 1 < nx; i++) {
                        double mid = (xs[i] + xs[i + 1]) / 2;
                        if (mid > o.x() && mid < o.x() + o.w()) right[i * ny + j] = true;
                    }
                }
                for (int i = i0; i <= i1; i++) {
                    if (!(xs[i] > o.x() && xs[i] < o.x() + o.w())) continue;
                    for (int j = Math.max(0, j0 - 1); j <= j1 && j + 1 < ny; j++) {
                        double mid = (ys[j] + ys[j + 1]) / 2;
                        if (mid > o.y() && mid < o.y() + o.h()) down[i * ny + j] = true;
                    }
                }
            }
        }

        boolean blocked(int i, int j, int ni, int nj) {
            int ny = ys.length;
            if (nj == j) return right[Math.min(i, ni) * ny + j];
            return down[i * ny + Math.min(j, nj)];
        }

        /** The first index whose value is at least v, or -1. */
        private static int ceil(double[] a, double v) {
            int k = Arrays.binarySearch(a, v);
            if (k < 0) k = -k - 1;
            return k < a.length ? k : -1;
        }

        /** The last index whose value is at most v, or -1. */
        private static int floor(double[] a, double v) {
            int k = Arrays.binarySearch(a, v);
            if (k < 0) k = -k - 2;
            return k;
        }
    }

    /** A binary heap of states keyed by cost. */
    private static final class Heap {
        private int[] items = new int[256];
        private double[] keys = new double[256];
        private int size;
        private double last;

        boolean isEmpty() { return size == 0; }

        double lastKey() { return last; }

        void push(int item, double key) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
            }
            int k = size++;
            while (k > 0) {
                int p = (k - 1) / 2;
                if (keys[p] <= key) break;
                items[k] = items[p];
                keys[k] = keys[p];
                k = p;
            }
            items[k] = item;
            keys[k] = key;
        }

        int pop() {
            int top = items[0];
            last = keys[0];
            size--;
            int item = items[size];
            double key = keys[size];
            int k = 0;
            while (true) {
                int c = 2 * k + 1;
                if (c >= size) break;
                if (c + 1 < size && keys[c + 1] < keys[c]) c++;
                if (keys[c] >= key) break;
                items[k] = items[c];
                keys[k] = keys[c];
                k = c;
            }
            items[k] = item;
            keys[k] = key;
            return top;
        }
    }

    // ---- small helpers ----

    private static int opposite(int d) { return d == UP ? DOWN : d == DOWN ? UP : d == LEFT ? RIGHT : LEFT; }

    private static int indexOf(double[] sorted, double v) {
        int k = Arrays.binarySearch(sorted, Math.round(v * 2) / 2.0);
        return k >= 0 ? k : -1;
    }

    static double clamp(double v, double lo, double hi) { return hi < lo ? (lo + hi) / 2 : Math.max(lo, Math.min(hi, v)); }

    static Box inflate(Box b, double d) { return new Box(b.x() - d, b.y() - d, b.w() + 2 * d, b.h() + 2 * d); }

    static Box union(Box a, Box b) {
        double x0 = Math.min(a.x(), b.x()), y0 = Math.min(a.y(), b.y());
        double x1 = Math.max(a.x() + a.w(), b.x() + b.w()), y1 = Math.max(a.y() + a.h(), b.y() + b.h());
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    private static boolean routeWithin(List<Point> route, Box region) {
        for (Point p : route)
            if (p.x() < region.x() || p.x() > region.x() + region.w() || p.y() < region.y() || p.y() > region.y() + region.h()) return false;
        return true;
    }

    private static List<Box> within(List<Box> obstacles, Box region) {
        List<Box> out = new ArrayList<>();
        for (Box o : obstacles)
            if (o.x() < region.x() + region.w() && o.x() + o.w() > region.x() && o.y() < region.y() + region.h() && o.y() + o.h() > region.y())
                out.add(o);
        return out;
    }
}
