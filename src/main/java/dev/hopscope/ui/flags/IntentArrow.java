package dev.hopscope.ui.flags;

import dev.hopscope.net.analysis.IntentResult;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * A dashed arrow for intents whose destination is an address (the canvas draws only intents
 * between two named nodes): one arrow per pair of nodes, {@code :holds} when all of its intents
 * hold, {@code :unreachable} when one does not. Style classes {@code .intent-arrow}, {@code .arrow-line},
 * {@code .arrow-head}.
 */
final class IntentArrow extends Group {
    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");

    private final String from;
    private final String to;
    private final List<IntentResult> results = new ArrayList<>();
    private final Line line = new Line();
    private final Polygon head = new Polygon();

    IntentArrow(String from, String to) {
        this.from = from;
        this.to = to;
        getStyleClass().add("intent-arrow");
        setId("intent-arrow-" + from + "-" + to);
        line.getStyleClass().add("arrow-line");
        head.getStyleClass().add("arrow-head");
        getChildren().addAll(line, head);
    }

    String from() { return from; }

    String to() { return to; }

    void add(IntentResult r) {
        results.add(r);
        boolean broken = firstBroken() != null;
        pseudoClassStateChanged(UNREACHABLE, broken);
        pseudoClassStateChanged(FlagPainter.HOLDS, !broken);
    }

    IntentResult firstBroken() {
        for (IntentResult r : results) if (!r.ok()) return r;
        return null;
    }

    List<IntentResult> results() { return results; }

    Point2D middle() { return new Point2D((line.getStartX() + line.getEndX()) / 2, (line.getStartY() + line.getEndY()) / 2); }

    /** From the edge of one box to the edge of the other, bowed a little off the straight line between their centres. */
    void connect(Bounds a, Bounds b) {
        Point2D ca = new Point2D(a.getCenterX(), a.getCenterY());
        Point2D cb = new Point2D(b.getCenterX(), b.getCenterY());
        Point2D s = edge(a, ca, cb);
        Point2D e = edge(b, cb, ca);
        line.setStartX(s.getX());
        line.setStartY(s.getY());
        line.setEndX(e.getX());
        line.setEndY(e.getY());
        double ang = Math.atan2(e.getY() - s.getY(), e.getX() - s.getX());
        double k = 10;
        head.getPoints().setAll(e.getX(), e.getY(),
                e.getX() - k * Math.cos(ang - 0.4), e.getY() - k * Math.sin(ang - 0.4),
                e.getX() - k * Math.cos(ang + 0.4), e.getY() - k * Math.sin(ang + 0.4));
    }

    /** Where the ray from the centre c towards p leaves box r. */
    static Point2D edge(Bounds r, Point2D c, Point2D p) {
        double dx = p.getX() - c.getX(), dy = p.getY() - c.getY();
        if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) return c;
        double tx = Math.abs(dx) < 1e-9 ? Double.MAX_VALUE : (r.getWidth() / 2) / Math.abs(dx);
        double ty = Math.abs(dy) < 1e-9 ? Double.MAX_VALUE : (r.getHeight() / 2) / Math.abs(dy);
        double t = Math.min(Math.min(tx, ty), 1);
        return new Point2D(c.getX() + dx * t, c.getY() + dy * t);
    }
}
