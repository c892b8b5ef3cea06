package dev.hopscope.ui.canvas;

import javafx.geometry.Bounds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which things (the specs of nodes or links) lie in a part of the canvas, from a uniform grid of
 * buckets: finding what a pan brings into view costs the things near the screen, not every one
 * of a large drawing. The answer is exact (each thing's own box against the area), so a pan that
 * moves the area a little brings in only what that little strip reaches, not a whole column of
 * buckets at once.
 */
final class Culling<T> {
    /** Bucket size in canvas units: about a host, so a screen covers a handful of buckets. */
    private static final double CELL = 400;
    private final Map<Long, List<Filed<T>>> cells = new HashMap<>();
    /** Each thing's own box, by identity (a spec record's own hash walks all its fields). */
    private final Map<T, Filed<T>> boxes = new java.util.IdentityHashMap<>();

    private record Filed<T>(T thing, double x, double y, double w, double h) {
        boolean meets(Bounds area) {
            return x <= area.getMaxX() && x + w >= area.getMinX() && y <= area.getMaxY() && y + h >= area.getMinY();
        }

        double distance(Bounds area) {
            double dx = Math.max(0, Math.max(area.getMinX() - (x + w), x - area.getMaxX()));
            double dy = Math.max(0, Math.max(area.getMinY() - (y + h), y - area.getMaxY()));
            return Math.hypot(dx, dy);
        }
    }

    void clear() {
        cells.clear();
        boxes.clear();
    }

    /** Files a thing under every bucket its box (canvas units) touches. */
    void add(T thing, double x, double y, double w, double h) {
        Filed<T> f = new Filed<>(thing, x, y, w, h);
        boxes.put(thing, f);
        int x0 = cell(x), x1 = cell(x + w), y0 = cell(y), y1 = cell(y + h);
        for (int i = x0; i <= x1; i++)
            for (int j = y0; j <= y1; j++) cells.computeIfAbsent(key(i, j), k -> new ArrayList<>()).add(f);
    }

    /** The things whose box meets this area. */
    Set<T> near(Bounds area) {
        Set<T> out = new LinkedHashSet<>();
        int x0 = cell(area.getMinX()), x1 = cell(area.getMaxX()), y0 = cell(area.getMinY()), y1 = cell(area.getMaxY());
        for (int i = x0; i <= x1; i++)
            for (int j = y0; j <= y1; j++) {
                List<Filed<T>> list = cells.get(key(i, j));
                if (list != null) for (Filed<T> f : list) if (f.meets(area)) out.add(f.thing());
            }
        return out;
    }

    /** Whether a thing filed here meets this area. */
    boolean meets(T thing, Bounds area) {
        Filed<T> f = boxes.get(thing);
        return f != null && f.meets(area);
    }

    /** How far a thing filed here lies outside this area, in canvas units (0 when it meets it). */
    double distance(T thing, Bounds area) {
        Filed<T> f = boxes.get(thing);
        return f == null ? Double.MAX_VALUE : f.distance(area);
    }

    private static int cell(double v) { return (int) Math.floor(v / CELL); }

    private static long key(int i, int j) { return ((long) i << 32) ^ (j & 0xffffffffL); }
}
