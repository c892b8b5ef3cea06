package dev.hopscope.ui.compare;

import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/**
 * One pair of endpoints whose flows changed, drawn on the canvas: a thick arrow from the source's
 * edge to the destination's, {@code :broke} (red) when one of its flows broke, else {@code :fixed}
 * (green), with a tag naming the probes ({@code .compare-tag}). Style classes
 * {@code .compare-arrow}, {@code .compare-line}, {@code .compare-head}; {@code :focused} while its
 * row is selected in the list.
 */
final class CompareArrow extends Group {
    static final PseudoClass BROKE = PseudoClass.getPseudoClass("broke");
    static final PseudoClass FIXED = PseudoClass.getPseudoClass("fixed");
    static final PseudoClass FOCUSED = PseudoClass.getPseudoClass("focused");

    private final Line line = new Line();
    private final Polygon head = new Polygon();
    private final Label tag = new Label();

    CompareArrow(String from, String to, boolean broke, String tagText, Bounds a, Bounds b) {
        getStyleClass().add("compare-arrow");
        setId("compare-arrow-" + from + "-" + to);
        line.getStyleClass().add("compare-line");
        head.getStyleClass().add("compare-head");
        tag.getStyleClass().add("compare-tag");
        tag.setText(tagText);
        pseudoClassStateChanged(BROKE, broke);
        pseudoClassStateChanged(FIXED, !broke);
        getChildren().addAll(line, head, tag);
        connect(a, b);
    }

    boolean broke() { return getPseudoClassStates().contains(BROKE); }

    void focus(boolean on) {
        pseudoClassStateChanged(FOCUSED, on);
        if (on) toFront();
    }

    /** From edge to edge, bowed off the straight line a little so it does not hide an intent drawn there. */
    private void connect(Bounds a, Bounds b) {
        Point2D ca = new Point2D(a.getCenterX(), a.getCenterY());
        Point2D cb = new Point2D(b.getCenterX(), b.getCenterY());
        Point2D normal = new Point2D(-(cb.getY() - ca.getY()), cb.getX() - ca.getX());
        double len = Math.max(1, normal.magnitude());
        Point2D shift = normal.multiply(8 / len);
        Point2D s = edge(a, ca, cb).add(shift);
        Point2D e = edge(b, cb, ca).add(shift);
        line.setStartX(s.getX());
        line.setStartY(s.getY());
        line.setEndX(e.getX());
        line.setEndY(e.getY());
        double ang = Math.atan2(e.getY() - s.getY(), e.getX() - s.getX());
        double k = 12;
        head.getPoints().setAll(e.getX(), e.getY(),
                e.getX() - k * Math.cos(ang - 0.4), e.getY() - k * Math.sin(ang - 0.4),
                e.getX() - k * Math.cos(ang + 0.4), e.getY() - k * Math.sin(ang + 0.4));
        tag.applyCss();
        tag.autosize();
        Point2D mid = s.midpoint(e);
        tag.relocate(mid.getX() - tag.getWidth() / 2, mid.getY() - tag.getHeight() / 2);
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
