package dev.hopscope.ui.canvas;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.ImageView;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * While a large drawing zooms, a picture of the canvas taken at the gesture's first frame,
 * scaled and moved with the viewport, stands in for the drawing (which is left in the scene,
 * transparent, so that the pointer still finds it): redrawing the far layer and every node's
 * cache at each step of a zoom cost the software renderer 40 to 60 ms a frame.
 */
final class ZoomPicture extends ImageView {
    private final Viewport viewport;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate origin = new Translate();
    /** The zoom the picture was taken at. */
    private double takenAt;

    ZoomPicture(Viewport viewport) {
        this.viewport = viewport;
        setMouseTransparent(true);
        setManaged(false);
        setVisible(false);
        Translate pan = new Translate();
        pan.xProperty().bind(viewport.pan().xProperty());
        pan.yProperty().bind(viewport.pan().yProperty());
        getTransforms().addAll(pan, scale, origin);
    }

    boolean shown() { return isVisible(); }

    /** Takes the picture of what {@code world} shows in a {@code w} x {@code h} canvas, and hides the world. */
    void take(Node world, double w, double h, Color background) {
        if (isVisible() || w <= 0 || h <= 0) return;
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(background);
        p.setViewport(new Rectangle2D(0, 0, Math.ceil(w), Math.ceil(h)));
        setImage(world.snapshot(p, null));
        takenAt = viewport.zoom();
        origin.setX(-viewport.pan().getX());
        origin.setY(-viewport.pan().getY());
        scale.setX(1);
        scale.setY(1);
        setVisible(true);
        world.setOpacity(0);
    }

    /** Follows the viewport's zoom. */
    void follow() {
        double f = viewport.zoom() / takenAt;
        scale.setX(f);
        scale.setY(f);
    }

    /** The real drawing comes back. */
    void drop(Node world) {
        if (!isVisible()) return;
        setVisible(false);
        setImage(null);
        world.setOpacity(1);
    }

    /** Where the picture shows a canvas point, in the canvas's own coordinates. */
    Point2D at(double x, double y) {
        return localToParent(takenAt * x - origin.getX(), takenAt * y - origin.getY());
    }
}
