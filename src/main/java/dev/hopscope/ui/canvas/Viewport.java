package dev.hopscope.ui.canvas;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * Pan and zoom of the canvas: screen = canvas × zoom + pan. Only the world group's transforms
 * change, so panning moves no node and re-lays out nothing.
 *
 * <p>The pan shown is on whole pixels (the exact one is kept, so slow drags of fractions of a
 * pixel still add up): the software renderer copies a cached picture at a whole-pixel offset,
 * but resamples every pixel of it at a fractional one, which cost twice as much a frame.
 */
public final class Viewport {
    public static final double MIN_ZOOM = 0.05;
    public static final double MAX_ZOOM = 4;

    private final Translate pan = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);
    /** The pan as asked for; {@link #pan} shows it rounded to whole pixels. */
    private double panX, panY;

    public Viewport() {
        zoom.addListener((o, a, z) -> {
            scale.setX(z.doubleValue());
            scale.setY(z.doubleValue());
        });
    }

    Translate pan() { return pan; }

    Scale scale() { return scale; }

    public DoubleProperty zoomProperty() { return zoom; }

    public double zoom() { return zoom.get(); }

    public void panBy(double dx, double dy) {
        panTo(panX + dx, panY + dy);
    }

    /** Puts the canvas origin at this screen point (rounded to whole pixels on the screen). */
    public void panTo(double x, double y) {
        panX = x;
        panY = y;
        pan.setX(Math.round(x));
        pan.setY(Math.round(y));
    }

    /** Zooms by a factor keeping the canvas point under the screen point (x, y) still. */
    public void zoomAt(double factor, double x, double y) {
        double z0 = zoom.get();
        double z1 = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z0 * factor));
        double cx = (x - panX) / z0;
        double cy = (y - panY) / z0;
        // pan first: a zoom's listeners see the view it ends in
        panTo(x - cx * z1, y - cy * z1);
        zoom.set(z1);
    }

    /** Shows the canvas rectangle centred in a view of the given size. */
    public void fit(Bounds content, double viewW, double viewH, double margin) {
        if (content == null || content.isEmpty() || viewW <= 0 || viewH <= 0) return;
        double z = Math.min((viewW - 2 * margin) / content.getWidth(), (viewH - 2 * margin) / content.getHeight());
        z = Math.max(MIN_ZOOM, Math.min(1, z));
        panTo((viewW - content.getWidth() * z) / 2 - content.getMinX() * z, (viewH - content.getHeight() * z) / 2 - content.getMinY() * z);
        zoom.set(z);
    }

    public Point2D toCanvas(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.get(), (y - pan.getY()) / zoom.get());
    }
}
