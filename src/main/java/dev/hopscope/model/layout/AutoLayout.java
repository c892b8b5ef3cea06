package dev.hopscope.model.layout;

import static dev.hopscope.model.layout.Metrics.BAND_H;
import static dev.hopscope.model.layout.Metrics.BAND_MIN_W;
import static dev.hopscope.model.layout.Metrics.GAP;
import static dev.hopscope.model.layout.Metrics.GLOBE;
import static dev.hopscope.model.layout.Metrics.HOST_GAP;
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

/**
 * A complete, tidy layout of a document, following the canvas conventions of {@link Metrics}:
 * overlays as bands above the hosts they join, a lane of Services above each row of hosts (each
 * Service over the pods it selects), hosts in a grid chosen so the picture is about 16:10 with
 * their bridges and cards inside, and underlays as bands below with their externals as globes at
 * the band's right end. Deterministic: the same document always gives the same boxes.
 */
public final class AutoLayout {

    private static final double TARGET_ASPECT = 16.0 / 10.0;

    private AutoLayout() {}

    /** The document with every box recomputed (intents and policies have none). */
    public static Document apply(Document doc) {
        return doc.withLayout(compute(doc));
    }

    /**
     * The document with its existing boxes kept and a box for every node that lacks one: a new
     * child goes into its host (which grows, pushing what lies below or to the right of it
     * away), new top-level nodes are laid out together below the existing picture.
     */
    public static Document fillMissing(Document doc) {
        return doc.withLayout(MissingBoxes.fill(doc, compute(doc)));
    }

    /** True for the nodes that are drawn with a box. */
    public static boolean hasBox(Node n) {
        return !(n instanceof dev.hopscope.model.Intent) && !(n instanceof dev.hopscope.model.NetworkPolicy);
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
        List<Overlay> overlays = doc.all(Overlay.class);
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
                boolean bar = doc.get(e.getKey(), Bridge.class).isPresent();
                out.put(e.getKey(), new Box(hx + b.x(), hy + b.y(), bar ? w - 2 * HOST_PAD : b.w(), b.h()));
            }
        }

        for (int i = 0; i < overlays.size(); i++) {
            Overlay o = overlays.get(i);
            List<Box> joined = new ArrayList<>();
            for (Overlay.Member m : o.members()) if (hostBoxes.containsKey(m.host())) joined.add(hostBoxes.get(m.host()));
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
            else if (n instanceof Underlay || n instanceof Overlay) { w = BAND_MIN_W; h = BAND_H; }
            else if (n instanceof Service) { w = SERVICE_W; h = SERVICE_H; }
            else if (n instanceof Bridge) { w = Metrics.CARD_W; h = Metrics.BRIDGE_H; }
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
        double extra = doc.all(Overlay.class).size() * (BAND_H + GAP) + doc.all(Underlay.class).size() * (GLOBE + GAP);
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
}
