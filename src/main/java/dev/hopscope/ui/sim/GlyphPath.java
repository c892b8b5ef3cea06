package dev.hopscope.ui.sim;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.trace.StepKind;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the packet glyph stands for each step, in canvas coordinates, from the hop's node as the
 * canvas draws it. A card's centre; a host's lower edge (its routing table, below its cards); on a
 * bar (a bridge, the underlay, an overlay band) the point nearest to where the packet came from,
 * the VXLAN endpoint's host for an encapsulation, and the middle of its way across an underlay.
 */
public final class GlyphPath {
    private GlyphPath() {}

    public static List<Point2D> of(List<Step> steps, Document doc, Function<String, Optional<Bounds>> bounds) {
        return of(steps, doc, bounds, id -> Optional.empty());
    }

    /** Half the glyph's width and a little air: how far from a bar's words the glyph stands. */
    static final double CLEARANCE = 20;

    /**
     * As above; {@code words} gives, for a bar, the span [minX, maxX] its name and subnet cover, and
     * a glyph that would stand on them moves beside them (to the right where the bar has room).
     */
    public static List<Point2D> of(List<Step> steps, Document doc, Function<String, Optional<Bounds>> bounds,
                                   Function<String, Optional<double[]>> words) {
        int n = steps.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        boolean[] open = new boolean[n];
        Bounds[] bars = new Bounds[n];
        double lastX = Double.NaN, lastY = Double.NaN;
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            String id = s.hop().node();
            Optional<Bounds> b = id == null ? Optional.empty() : bounds.apply(id);
            if (b.isEmpty() && s.hop().host() != null) b = bounds.apply(s.hop().host());
            if (b.isEmpty()) {
                xs[i] = lastX;
                ys[i] = lastY;
                open[i] = Double.isNaN(lastX);
                continue;
            }
            Bounds r = b.get();
            Node node = id == null ? null : doc.node(id).orElse(null);
            if (isBar(node, r)) {
                ys[i] = r.getCenterY();
                StepKind k = s.hop().step();
                Optional<Bounds> host = s.hop().host() == null ? Optional.empty() : bounds.apply(s.hop().host());
                boolean hostIsOther = host.isPresent() && !s.hop().host().equals(id);
                if ((k == StepKind.ENCAP || k == StepKind.DECAP || Double.isNaN(lastX)) && hostIsOther) xs[i] = clamp(host.get().getCenterX(), r);
                else if (k == StepKind.UNDERLAY || Double.isNaN(lastX)) { xs[i] = r.getCenterX(); open[i] = true; }
                else xs[i] = clamp(lastX, r);
            } else if (node instanceof Host) {
                xs[i] = r.getCenterX();
                ys[i] = r.getMaxY() - Math.min(14, r.getHeight() / 4);
            } else {
                xs[i] = r.getCenterX();
                ys[i] = r.getCenterY();
            }
            if (node != null && isBar(node, r)) bars[i] = r;
            if (bars[i] != null && !open[i]) xs[i] = besideWords(xs[i], r, words.apply(id));
            lastX = xs[i];
            lastY = ys[i];
        }
        // an underlay crossing stands between the host it left and the one it reaches
        for (int i = 0; i < n; i++) {
            if (!open[i]) continue;
            double before = Double.NaN, after = Double.NaN;
            for (int j = i - 1; j >= 0; j--) if (!open[j]) { before = xs[j]; break; }
            for (int j = i + 1; j < n; j++) if (!open[j]) { after = xs[j]; break; }
            double mid = !Double.isNaN(before) && !Double.isNaN(after) ? (before + after) / 2 : !Double.isNaN(before) ? before : after;
            if (!Double.isNaN(mid)) xs[i] = mid;
            if (Double.isNaN(ys[i])) ys[i] = 0;
            if (Double.isNaN(xs[i])) xs[i] = 0;
            if (bars[i] != null) xs[i] = besideWords(xs[i], bars[i], words.apply(steps.get(i).hop().node()));
        }
        List<Point2D> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Point2D(xs[i], ys[i]));
        return out;
    }

    /** x unchanged when it is clear of the words; else just right of them, or left when the bar ends first. */
    static double besideWords(double x, Bounds bar, Optional<double[]> words) {
        if (words.isEmpty()) return x;
        double lo = words.get()[0] - CLEARANCE, hi = words.get()[1] + CLEARANCE;
        if (x <= lo || x >= hi) return x;
        if (hi <= bar.getMaxX() - 2) return hi;
        if (lo >= bar.getMinX() + 2) return lo;
        return x;
    }

    private static boolean isBar(Node n, Bounds r) {
        return n instanceof Bridge || n instanceof Underlay || n instanceof Overlay || r.getWidth() > 3 * r.getHeight();
    }

    private static double clamp(double x, Bounds r) {
        double m = Math.min(12, r.getWidth() / 2);
        return Math.max(r.getMinX() + m, Math.min(r.getMaxX() - m, x));
    }
}
