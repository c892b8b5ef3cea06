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
 */
public final class Viewport {
    public static final double MIN_ZOOM = 0.05;
    public static final double MAX_ZOOM = 4;

    private final Translate pan = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);

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
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
    }

    /** Zooms by a factor keeping the canvas point under the screen point (x, y) still. */
    public void zoomAt(double factor, double x, double y) {
        double z0 = zoom.get();
        double z1 = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z0 * factor));
        double cx = (x - pan.getX()) / z0;
        double cy = (y - pan.getY()) / z0;
        zoom.set(z1);
        pan.setX(x - cx * z1);
        pan.setY(y - cy * z1);
    }

    /** Shows the canvas rectangle centred in a view of the given size. */
    public void fit(Bounds content, double viewW, double viewH, double margin) {
        if (content == null || content.isEmpty() || viewW <= 0 || viewH <= 0) return;
        double z = Math.min((viewW - 2 * margin) / content.getWidth(), (viewH - 2 * margin) / content.getHeight());
        z = Math.max(MIN_ZOOM, Math.min(1, z));
        zoom.set(z);
        pan.setX((viewW - content.getWidth() * z) / 2 - content.getMinX() * z);
        pan.setY((viewH - content.getHeight() * z) / 2 - content.getMinY() * z);
    }

    public Point2D toCanvas(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.get(), (y - pan.getY()) / zoom.get());
    }
}
