package dev.hopscope.model.scene;

import java.util.List;

/** A point in canvas units. */
public record Point(double x, double y) {

    /** The point {@code d} from this one towards {@code to} (axis-parallel or not). */
    public Point toward(Point to, double d) {
        double len = Math.hypot(to.x - x, to.y - y);
        if (len == 0) return this;
        return new Point(x + (to.x - x) * d / len, y + (to.y - y) * d / len);
    }

    /** The point halfway along a route (of axis-parallel segments), where a link's words go when nothing else is free. */
    public static Point midway(List<Point> route) {
        if (route.isEmpty()) return new Point(0, 0);
        double total = 0;
        for (int i = 0; i + 1 < route.size(); i++) total += along(route.get(i), route.get(i + 1));
        double half = total / 2;
        for (int i = 0; i + 1 < route.size(); i++) {
            double d = along(route.get(i), route.get(i + 1));
            if (half <= d && d > 0) return route.get(i).toward(route.get(i + 1), half);
            half -= d;
        }
        return route.get(0);
    }

    /** The length of an axis-parallel segment. */
    public static double along(Point a, Point b) { return Math.abs(a.x - b.x) + Math.abs(a.y - b.y); }
}
