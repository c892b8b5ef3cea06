package dev.hopscope.model.layout;

import static dev.hopscope.model.layout.Metrics.BAND_H;
import static dev.hopscope.model.layout.Metrics.BAND_MIN_W;
import static dev.hopscope.model.layout.Metrics.GAP;
import static dev.hopscope.model.layout.Metrics.GLOBE;
import static dev.hopscope.model.layout.Metrics.HOST_GAP;
import static dev.hopscope.model.layout.Metrics.HOST_HEADER;
import static dev.hopscope.model.layout.Metrics.HOST_PAD;
import static dev.hopscope.model.layout.Metrics.MARGIN;
import static dev.hopscope.model.layout.Metrics.SERVICE_H;
import static dev.hopscope.model.layout.Metrics.SERVICE_W;

import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Labels;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * The one placement algorithm of Hopscope, following the canvas conventions of {@link Metrics}.
 * {@link #apply} lays out a whole document: overlays as bands above the hosts they join, a lane
 * of Services above each row of hosts (each Service over the pods it selects), hosts in a grid
 * chosen so the picture is about 16:10 with their bridges and cards inside ({@link HostPacker}),
 * and underlays as bands below with their externals as globes at the band's right end.
 * {@link #complete} and {@link #place} keep every box the user placed and find room for the
 * rest by the same conventions: a new card goes to the free spot nearest where it was wanted
 * (under its bridge's bar, never over it), a new bar to a free strip of its host, and a host
 * that has no room grows, pushing what lies below or beside it away by exactly the growth.
 * Deterministic: the same document always gives the same boxes.
 */
public final class AutoLayout {

    private static final double TARGET_ASPECT = 16.0 / 10.0;

    private AutoLayout() {}

    /** The document with every box recomputed (intents and policies have none). */
    public static Document apply(Document doc) {
        return doc.withLayout(compute(doc));
    }

    /** The same as {@link #complete}: the name the exporters know it by. */
    public static Document fillMissing(Document doc) {
        return complete(doc);
    }

    /**
     * The document with every box it has kept and a box for every drawn node that lacks one (or
     * has no size): a new host is packed and put below the picture, a new child goes to the free
     * spot of its host nearest its bridge (the host grows if it is full), other nodes beside
     * what they belong to. Returns the document itself when nothing is missing.
     */
    public static Document complete(Document doc) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        List<Node> missing = new ArrayList<>();
        for (Node n : doc.nodes()) {
            if (!hasBox(n)) continue;
            Box b = doc.box(n.id()).orElse(null);
            Box sized = b == null ? null : sized(n, b);
            if (sized != null) boxes.put(n.id(), sized);
            if (b == null || !sized.equals(b)) missing.add(n);
        }
        if (missing.isEmpty()) return doc;
        missing.removeIf(n -> boxes.containsKey(n.id()));
        Placer placer = new Placer(doc, boxes);
        // hosts first, packed with whatever they hold; then what goes into hosts; then the rest
        for (Node n : missing) if (n instanceof Host) placer.newHost((Host) n, null);
        for (Node n : missing) if (n.parent() != null && !boxes.containsKey(n.id())) placer.intoHost(n, null);
        for (Node n : missing) if (!boxes.containsKey(n.id())) placer.topLevel(n, null);
        return doc.withLayout(placer.boxes);
    }

    /**
     * Gives the node {@code id} a box at the free spot nearest the canvas point (x, y): a host
     * or other top-level node beside what is in the way, a bridge or card inside its host (a
     * card dropped on a bar goes just under it, so it never covers the bar's name); a host with
     * no room grows. Every other box stays, except those a growing host pushes away.
     */
    public static Document place(Document doc, String id, double x, double y) {
        Node n = doc.node(id).orElseThrow(() -> new IllegalArgumentException("no node '" + id + "'"));
        Map<String, Box> boxes = new LinkedHashMap<>(doc.layout());
        boxes.remove(id);
        Placer placer = new Placer(doc, boxes);
        double[] at = {x, y};
        if (n instanceof Host h) placer.newHost(h, at);
        else if (n.parent() != null && boxes.containsKey(n.parent())) placer.intoHost(n, at);
        else placer.topLevel(n, at);
        return doc.withLayout(placer.boxes);
    }

    /** A box with its conventional size where it has none (small nodes may leave w and h 0). */
    private static Box sized(Node n, Box b) {
        if (b.w() > 0 && b.h() > 0) return b;
        double[] wh = size(n);
        return new Box(b.x(), b.y(), Math.max(b.w(), wh[0]), wh[1]);
    }

    /** The conventional size of a node that is not packed: cards, bars, bands, globes, Services, an empty host. */
    static double[] size(Node n) {
        if (n instanceof External) return new double[] {GLOBE, GLOBE};
        if (isBand(n)) return new double[] {BAND_MIN_W, BAND_H};
        if (n instanceof Service) return new double[] {SERVICE_W, SERVICE_H};
        if (isBar(n)) return new double[] {Metrics.CARD_W, Metrics.BRIDGE_H};
        if (n instanceof Host) return new double[] {Metrics.NEW_HOST_W, Metrics.NEW_HOST_H};
        return new double[] {Metrics.CARD_W, HostPacker.cardHeight(n)};
    }

    /** Bars inside a host: bridges, and networks of a kind that lives in one host (macvlan, ipvlan). */
    public static boolean isBar(Node n) {
        return n instanceof Bridge || n instanceof dev.hopscope.model.Network w && w.host() != null;
    }

    /** Bands across hosts: underlays, overlays, and networks of a kind that spans a cluster. */
    public static boolean isBand(Node n) {
        return n instanceof Underlay || n instanceof Overlay || n instanceof dev.hopscope.model.Network w && w.host() == null;
    }

    /** Bands over the hosts (overlays and cluster networks), in document order. */
    static List<Node> upperBands(Document doc) {
        List<Node> out = new ArrayList<>();
        for (Node n : doc.nodes()) if (n instanceof Overlay || n instanceof dev.hopscope.model.Network w && w.host() == null) out.add(n);
        return out;
    }

    /** The hosts an upper band joins: an overlay's members; a cluster network's members, or every host. */
    static List<String> joined(Document doc, Node band) {
        if (band instanceof Overlay o) return o.members().stream().map(Overlay.Member::host).toList();
        if (band instanceof dev.hopscope.model.Network w) {
            if (!w.members().isEmpty()) return w.members();
            return doc.all(Host.class).stream().map(Host::id).toList();
        }
        return List.of();
    }

    /** True for the nodes that are drawn with a box. */
    public static boolean hasBox(Node n) {
        return n.kind().drawn();
    }

    static Map<String, Box> compute(Document doc) {
        Map<String, Box> out = new LinkedHashMap<>();
        List<Host> hosts = doc.all(Host.class);
        List<HostPacker.Packed> packed = new ArrayList<>();
        for (Host h : hosts) packed.add(HostPacker.pack(doc, doc.children(h.id())));

        int cols = gridColumns(doc, packed);
        int rows = hosts.isEmpty() ? 1 : (hosts.size() + cols - 1) / cols;
        double[] colW = new double[cols];
        double[] rowH = new double[rows];
        for (int i = 0; i < packed.size(); i++) {
            colW[i % cols] = Math.max(colW[i % cols], packed.get(i).width());
            rowH[i / cols] = Math.max(rowH[i / cols], packed.get(i).height());
        }
        double[] colX = new double[cols];
        double x = MARGIN;
        for (int c = 0; c < cols; c++) { colX[c] = x; x += colW[c] + HOST_GAP; }

        // Services go in a lane above the row holding most of the pods they select
        Map<String, Integer> podRow = new HashMap<>();
        Map<String, Double> podCenter = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++)
            for (Map.Entry<String, Box> e : packed.get(i).children().entrySet()) {
                podRow.put(e.getKey(), i / cols);
                podCenter.put(e.getKey(), colX[i % cols] + e.getValue().x() + e.getValue().w() / 2);
            }
        List<List<ServiceSpot>> lanes = new ArrayList<>();
        for (int r = 0; r < rows; r++) lanes.add(new ArrayList<>());
        for (Service s : doc.all(Service.class)) {
            int[] perRow = new int[rows];
            double sum = 0;
            int count = 0;
            for (Pod p : doc.all(Pod.class)) {
                if (s.selector().isEmpty() || !p.namespace().equals(s.namespace()) || !Labels.matches(s.selector(), p.labels())) continue;
                Integer r = podRow.get(p.id());
                if (r == null) continue;
                perRow[r]++;
                sum += podCenter.get(p.id());
                count++;
            }
            int best = 0;
            for (int r = 1; r < rows; r++) if (perRow[r] > perRow[best]) best = r;
            lanes.get(best).add(new ServiceSpot(s.id(), count == 0 ? Double.MAX_VALUE : sum / count));
        }

        double y = MARGIN;
        List<Node> overlays = upperBands(doc);
        double overlayTop = y;
        y += overlays.size() * (BAND_H + GAP);
        double[] rowY = new double[rows];
        for (int r = 0; r < rows; r++) {
            if (!lanes.get(r).isEmpty()) {
                placeServices(lanes.get(r), y, out);
                y += SERVICE_H + GAP;
            }
            rowY[r] = y;
            y += rowH[r] + (r == rows - 1 ? GAP : HOST_GAP);
        }
        Map<String, Box> hostBoxes = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            Host h = hosts.get(i);
            double hx = colX[i % cols], hy = rowY[i / cols];
            double w = colW[i % cols];
            Box hb = new Box(hx, hy, w, rowH[i / cols]);
            out.put(h.id(), hb);
            hostBoxes.put(h.id(), hb);
            for (Map.Entry<String, Box> e : packed.get(i).children().entrySet()) {
                Box b = e.getValue();
                boolean bar = doc.node(e.getKey()).filter(AutoLayout::isBar).isPresent();
                out.put(e.getKey(), new Box(hx + b.x(), hy + b.y(), bar ? w - 2 * HOST_PAD : b.w(), b.h()));
            }
        }

        for (int i = 0; i < overlays.size(); i++) {
            Node o = overlays.get(i);
            List<Box> joined = new ArrayList<>();
            for (String m : joined(doc, o)) if (hostBoxes.containsKey(m)) joined.add(hostBoxes.get(m));
            out.put(o.id(), band(joined, overlayTop + i * (BAND_H + GAP)));
        }

        for (Underlay u : doc.all(Underlay.class)) {
            List<Box> connected = new ArrayList<>();
            for (Host h : hosts) if (u.id().equals(h.underlay())) connected.add(hostBoxes.get(h.id()));
            List<External> globes = new ArrayList<>();
            for (External e : doc.all(External.class)) if (u.id().equals(e.underlay())) globes.add(e);
            double laneH = globes.isEmpty() ? BAND_H : GLOBE;
            Box band = band(connected, y + (laneH - BAND_H) / 2);
            out.put(u.id(), band);
            double gx = band.x() + band.w() + GAP;
            for (External e : globes) {
                out.put(e.id(), new Box(gx, y, GLOBE, GLOBE));
                gx += GLOBE + GAP;
            }
            y += laneH + GAP;
        }

        // what belongs nowhere (no underlay, or a host that does not exist) gets a last row
        double loose = MARGIN;
        for (Node n : doc.nodes()) {
            if (out.containsKey(n.id()) || !hasBox(n)) continue;
            double w, h;
            if (n instanceof External) { w = GLOBE; h = GLOBE; }
            else if (isBand(n)) { w = BAND_MIN_W; h = BAND_H; }
            else if (n instanceof Service) { w = SERVICE_W; h = SERVICE_H; }
            else if (isBar(n)) { w = Metrics.CARD_W; h = Metrics.BRIDGE_H; }
            else if (n instanceof Host) { w = Metrics.HOST_MIN_W; h = Metrics.HOST_MIN_H; }
            else { w = Metrics.CARD_W; h = HostPacker.cardHeight(n); }
            out.put(n.id(), new Box(loose, y, w, h));
            loose += w + GAP;
        }
        return out;
    }

    private record ServiceSpot(String id, double center) {}

    /** Services left to right, each as near as it can be to the middle of its pods. */
    private static void placeServices(List<ServiceSpot> lane, double y, Map<String, Box> out) {
        List<ServiceSpot> sorted = new ArrayList<>(lane);
        sorted.sort(Comparator.comparingDouble(ServiceSpot::center));
        double cursor = MARGIN;
        for (ServiceSpot s : sorted) {
            double want = s.center() == Double.MAX_VALUE ? cursor : s.center() - SERVICE_W / 2;
            double sx = Math.max(cursor, want);
            out.put(s.id(), new Box(sx, y, SERVICE_W, SERVICE_H));
            cursor = sx + SERVICE_W + GAP;
        }
    }

    /** A band spanning the given boxes horizontally, or a short one at the left margin. */
    private static Box band(List<Box> spanned, double y) {
        if (spanned.isEmpty()) return new Box(MARGIN, y, BAND_MIN_W, BAND_H);
        double left = Double.MAX_VALUE, right = -Double.MAX_VALUE;
        for (Box b : spanned) { left = Math.min(left, b.x()); right = Math.max(right, b.x() + b.w()); }
        return new Box(left, y, right - left, BAND_H);
    }

    /** The number of grid columns whose picture comes closest to 16:10. */
    private static int gridColumns(Document doc, List<HostPacker.Packed> packed) {
        int n = packed.size();
        if (n <= 1) return 1;
        double extra = upperBands(doc).size() * (BAND_H + GAP) + doc.all(Underlay.class).size() * (GLOBE + GAP);
        int best = 1;
        double bestScore = Double.MAX_VALUE;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double[] colW = new double[cols];
            double[] rowH = new double[rows];
            for (int i = 0; i < n; i++) {
                colW[i % cols] = Math.max(colW[i % cols], packed.get(i).width());
                rowH[i / cols] = Math.max(rowH[i / cols], packed.get(i).height());
            }
            double w = (cols - 1) * HOST_GAP, h = (rows - 1) * HOST_GAP + extra;
            for (double v : colW) w += v;
            for (double v : rowH) h += v;
            double score = Math.abs(Math.log(w / h / TARGET_ASPECT));
            if (score < bestScore - 1e-9) { bestScore = score; best = cols; }
        }
        return best;
    }

    /** Finds room for nodes one at a time, keeping every box already placed. */
    private static final class Placer {
        final Document doc;
        final Map<String, Box> boxes;

        Placer(Document doc, Map<String, Box> boxes) {
            this.doc = doc;
            this.boxes = boxes;
        }

        /** A host, packed with its children that have no box yet, at the free spot nearest {@code at} (or below the picture). */
        void newHost(Host h, double[] at) {
            List<Node> inside = new ArrayList<>();
            for (Node c : doc.children(h.id())) if (!boxes.containsKey(c.id())) inside.add(c);
            HostPacker.Packed packed = HostPacker.pack(doc, inside);
            double w = inside.isEmpty() ? Metrics.NEW_HOST_W : packed.width();
            double hh = inside.isEmpty() ? Metrics.NEW_HOST_H : packed.height();
            double px, py;
            if (at != null) {
                px = at[0] - w / 2;
                py = at[1] - HOST_HEADER / 2;
            } else {
                px = MARGIN;
                py = MARGIN;
                for (Box b : boxes.values()) py = Math.max(py, b.y() + b.h() + HOST_GAP);
            }
            double[] spot = FreeSpace.open(w, hh, px, py, topLevel(h.id()), HOST_GAP / 2);
            boxes.put(h.id(), new Box(spot[0], spot[1], w, hh));
            for (Map.Entry<String, Box> e : packed.children().entrySet()) {
                Box b = e.getValue();
                boolean bar = doc.node(e.getKey()).filter(AutoLayout::isBar).isPresent();
                boxes.put(e.getKey(), new Box(spot[0] + b.x(), spot[1] + b.y(), bar ? w - 2 * HOST_PAD : b.w(), b.h()));
            }
        }

        /**
         * A bridge or card into its host: the free spot nearest {@code at}, or for a card without
         * one, just under its first bridge's bar; a full host grows downwards.
         */
        void intoHost(Node n, double[] at) {
            Box host = boxes.get(n.parent());
            if (host == null) {
                topLevel(n, at);
                return;
            }
            List<Box> taken = new ArrayList<>();
            for (Node c : doc.children(n.parent())) if (!c.id().equals(n.id()) && boxes.containsKey(c.id())) taken.add(boxes.get(c.id()));
            Box inner = new Box(host.x() + HOST_PAD, host.y() + HOST_HEADER, host.w() - 2 * HOST_PAD, host.h() - HOST_HEADER - HOST_PAD / 2);
            double w, h, px, py;
            if (isBar(n)) {
                w = host.w() - 2 * HOST_PAD;
                h = Metrics.BRIDGE_H;
                px = inner.x();
                py = at != null ? at[1] - h / 2 : inner.y();
            } else {
                w = Metrics.CARD_W;
                h = HostPacker.cardHeight(n);
                Box under = at != null ? barAt(n.parent(), at[0], at[1]) : firstBar(n);
                if (under != null) {
                    // under the bar, where the card's veth is a short straight line and the bar's name stays visible
                    px = (at != null ? at[0] : under.x() + HOST_PAD) - (at != null ? w / 2 : 0);
                    py = under.y() + under.h() + GAP;
                } else if (at != null) {
                    px = at[0] - w / 2;
                    py = at[1] - h / 2;
                } else {
                    px = inner.x();
                    py = inner.y();
                }
            }
            double[] spot;
            Box bar = isBar(n) ? null : at != null ? barAt(n.parent(), at[0], at[1]) : firstBar(n);
            if (isBar(n)) {
                spot = strip(inner, w, h, py, taken);
            } else if (bar != null) {
                // right under its bar, else right over it (a short straight veth either way), else anywhere
                Box under = new Box(inner.x(), bar.y() + bar.h() + GAP, inner.w(), h + FreeSpace.STEP);
                Box over = new Box(inner.x(), bar.y() - GAP - h - FreeSpace.STEP, inner.w(), h + FreeSpace.STEP);
                spot = FreeSpace.inside(clip(under, inner), w, h, px, under.y(), taken, GAP);
                if (spot == null) spot = FreeSpace.inside(clip(over, inner), w, h, px, bar.y() - GAP - h, taken, GAP);
                if (spot == null) spot = FreeSpace.inside(inner, w, h, px, py, taken, GAP);
            } else {
                spot = FreeSpace.inside(inner, w, h, px, py, taken, GAP);
            }
            if (spot == null) spot = grow(n.parent(), w, h, px, taken);
            boxes.put(n.id(), new Box(spot[0], spot[1], w, h));
        }

        private static Box clip(Box b, Box area) {
            double y0 = Math.max(b.y(), area.y()), y1 = Math.min(b.y() + b.h(), area.y() + area.h());
            return new Box(b.x(), y0, b.w(), Math.max(0, y1 - y0));
        }

        /** A free full-width strip for a bar, nearest the wanted height. */
        private double[] strip(Box inner, double w, double h, double py, List<Box> taken) {
            Box column = new Box(inner.x(), inner.y(), w, inner.h());
            return FreeSpace.inside(column, w, h, inner.x(), py, taken, GAP);
        }

        /**
         * Makes room at the bottom of a full host: the host grows by one row and what lies below
         * or to the right of it moves away by the growth, only if the grown host would crowd it.
         */
        private double[] grow(String hostId, double w, double h, double px, List<Box> taken) {
            Box host = boxes.get(hostId);
            double bottom = host.y() + HOST_HEADER - GAP / 2;
            for (Box b : taken) bottom = Math.max(bottom, b.y() + b.h());
            double left = host.x() + HOST_PAD;
            double x = Math.max(left, Math.min(FreeSpace.snap(px), host.x() + host.w() - HOST_PAD - w));
            double y = bottom + GAP;
            double needBottom = y + h + HOST_PAD, needRight = Math.max(x + w + HOST_PAD, host.x() + host.w());
            double oldBottom = host.y() + host.h(), oldRight = host.x() + host.w();
            Box grown = new Box(host.x(), host.y(), needRight - host.x(), Math.max(host.h(), needBottom - host.y()));
            Set<String> inside = new HashSet<>();
            inside.add(hostId);
            for (Node c : doc.children(hostId)) inside.add(c.id());
            if (crowds(grown, inside)) {
                if (needBottom > oldBottom) shift(inside, 0, needBottom - oldBottom, oldBottom, true);
                if (needRight > oldRight) shift(inside, needRight - oldRight, 0, oldRight, false);
            }
            boxes.put(hostId, grown);
            return new double[] {x, y};
        }

        private boolean crowds(Box b, Set<String> inside) {
            for (Map.Entry<String, Box> e : boxes.entrySet()) {
                if (inside.contains(e.getKey())) continue;
                Box o = e.getValue();
                boolean apart = o.x() >= b.x() + b.w() + GAP || b.x() >= o.x() + o.w() + GAP
                        || o.y() >= b.y() + b.h() + GAP || b.y() >= o.y() + o.h() + GAP;
                if (!apart) return true;
            }
            return false;
        }

        /** Moves every box beyond a line (below it, or right of it) by the same distance. */
        private void shift(Set<String> keep, double dx, double dy, double line, boolean vertical) {
            for (Map.Entry<String, Box> e : boxes.entrySet()) {
                if (keep.contains(e.getKey())) continue;
                Box b = e.getValue();
                if (vertical ? b.y() >= line : b.x() >= line) e.setValue(b.moved(dx, dy));
            }
        }

        /** The bar of a bridge of this host under the point, if any. */
        private Box barAt(String hostId, double x, double y) {
            for (Node c : doc.children(hostId)) {
                Box b = boxes.get(c.id());
                if (isBar(c) && b != null && x >= b.x() && x <= b.x() + b.w() && y >= b.y() && y <= b.y() + b.h()) return b;
            }
            return null;
        }

        /** The bar of the first bridge a card plugs into, if it has a box. */
        private Box firstBar(Node card) {
            for (String b : HostPacker.bridgesOf(doc, card)) if (boxes.containsKey(b)) return boxes.get(b);
            return null;
        }

        /**
         * A node outside the hosts at the free spot nearest {@code at}, or nearest where it
         * belongs: an underlay under the hosts, an overlay over them, an external at the right
         * end of its underlay, a Service over the hosts.
         */
        void topLevel(Node n, double[] at) {
            double[] wh = size(n);
            double px, py;
            if (at != null) {
                px = at[0] - wh[0] / 2;
                py = at[1] - wh[1] / 2;
            } else {
                double top = Double.MAX_VALUE, bottom = MARGIN, right = MARGIN;
                for (Host h : doc.all(Host.class)) {
                    Box b = boxes.get(h.id());
                    if (b == null) continue;
                    top = Math.min(top, b.y());
                    bottom = Math.max(bottom, b.y() + b.h());
                    right = Math.max(right, b.x() + b.w());
                }
                if (top == Double.MAX_VALUE) top = MARGIN;
                px = MARGIN;
                py = bottom + GAP * 2;
                if (n instanceof Overlay || n instanceof Service || isBand(n) && !(n instanceof Underlay)) py = top - GAP - wh[1];
                if (n instanceof External e && e.underlay() != null && boxes.containsKey(e.underlay())) {
                    Box band = boxes.get(e.underlay());
                    px = Math.max(right, band.x() + band.w()) + GAP;
                    py = band.y() + band.h() / 2 - wh[1] / 2;
                }
            }
            double[] spot = FreeSpace.open(wh[0], wh[1], px, py, topLevel(n.id()), GAP);
            boxes.put(n.id(), new Box(spot[0], spot[1], wh[0], wh[1]));
        }

        /** The boxes of the nodes outside hosts (hosts included), other than {@code except}. */
        private List<Box> topLevel(String except) {
            List<Box> out = new ArrayList<>();
            for (Node o : doc.nodes()) {
                if (o.id().equals(except) || o.parent() != null && boxes.containsKey(o.parent())) continue;
                Box b = boxes.get(o.id());
                if (b != null) out.add(b);
            }
            return out;
        }
    }
}
