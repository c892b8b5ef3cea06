package dev.hopscope.model.layout;

import dev.hopscope.model.Box;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds room for a new box: the free spot nearest to where the user wanted it, keeping a gap to
 * every other box. Inside a host the spots lie on the snapping grid of the host's inner area;
 * on the open canvas they lie beside the existing boxes (the corners any tidy placement uses).
 */
final class FreeSpace {
    /** The snapping step of the canvas. */
    static final double STEP = 10;

    private FreeSpace() {}

    /**
     * The top-left corner of a free {@code w} × {@code h} box inside {@code area}, nearest to
     * {@code (px, py)} (the wanted top-left), at least {@code gap} from every box of {@code taken};
     * null when the area has no such spot.
     */
    static double[] inside(Box area, double w, double h, double px, double py, List<Box> taken, double gap) {
        double x0 = snapUp(area.x()), y0 = snapUp(area.y());
        double x1 = area.x() + area.w() - w, y1 = area.y() + area.h() - h;
        if (x1 < x0 || y1 < y0) return null;
        List<double[]> spots = new ArrayList<>();
        for (double x = x0; x <= x1 + 1e-9; x += STEP)
            for (double y = y0; y <= y1 + 1e-9; y += STEP) spots.add(new double[] {x, y, dist(x, y, px, py)});
        spots.sort(Comparator.comparingDouble(s -> s[2]));
        for (double[] s : spots) if (fits(new Box(s[0], s[1], w, h), taken, gap)) return new double[] {s[0], s[1]};
        return null;
    }

    /**
     * The top-left corner of a free {@code w} × {@code h} box on the open canvas nearest to
     * {@code (px, py)}: the wanted spot itself when free, else a spot just beside a box in the way.
     */
    static double[] open(double w, double h, double px, double py, List<Box> taken, double gap) {
        List<Double> xs = new ArrayList<>(List.of(snap(px)));
        List<Double> ys = new ArrayList<>(List.of(snap(py)));
        for (Box b : taken) {
            xs.add(snapUp(b.x() + b.w() + gap));
            xs.add(snapDown(b.x() - gap - w));
            ys.add(snapUp(b.y() + b.h() + gap));
            ys.add(snapDown(b.y() - gap - h));
        }
        List<double[]> spots = new ArrayList<>();
        for (double x : xs) for (double y : ys) spots.add(new double[] {x, y, dist(x, y, px, py)});
        spots.sort(Comparator.comparingDouble(s -> s[2]));
        for (double[] s : spots) if (fits(new Box(s[0], s[1], w, h), taken, gap)) return new double[] {s[0], s[1]};
        // cannot happen (below everything is always free), but never lose the node
        double below = py;
        for (Box b : taken) below = Math.max(below, b.y() + b.h() + gap);
        return new double[] {snap(px), snapUp(below)};
    }

    static boolean fits(Box b, List<Box> taken, double gap) {
        for (Box o : taken)
            if (b.x() < o.x() + o.w() + gap && o.x() < b.x() + b.w() + gap && b.y() < o.y() + o.h() + gap && o.y() < b.y() + b.h() + gap)
                return false;
        return true;
    }

    private static double dist(double x, double y, double px, double py) {
        // a little cheaper sideways than up or down: rows of cards read left to right
        return Math.hypot((x - px) * 0.9, y - py);
    }

    static double snap(double v) { return Math.round(v / STEP) * STEP; }

    private static double snapUp(double v) { return Math.ceil(v / STEP - 1e-9) * STEP; }

    private static double snapDown(double v) { return Math.floor(v / STEP + 1e-9) * STEP; }
}
