package dev.hopscope.ui.canvas;

import javafx.geometry.Bounds;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

import java.util.ArrayList;
import java.util.List;

/** The snapping grid behind the drawing, drawn only over the visible area ({@code .grid}). */
final class GridLayer extends Path {
    /** A grid line every this many canvas units (several snap steps, so the grid stays calm). */
    private static final double SPACING = Snap.STEP * 4;
    /** Lines closer than this on screen are thinned out. */
    private static final double MIN_SCREEN_GAP = 12;

    GridLayer() {
        getStyleClass().add("grid");
        setMouseTransparent(true);
        // hairlines on whole pixels: without antialiasing they cost the renderer a fraction on every frame of a pan
        setSmooth(false);
    }

    void draw(Bounds area, double zoom) {
        double step = SPACING;
        while (step * zoom < MIN_SCREEN_GAP) step *= 5;
        List<PathElement> els = new ArrayList<>();
        double x0 = Math.floor(area.getMinX() / step) * step;
        double y0 = Math.floor(area.getMinY() / step) * step;
        for (double x = x0; x <= area.getMaxX(); x += step) {
            els.add(new MoveTo(x, area.getMinY()));
            els.add(new LineTo(x, area.getMaxY()));
        }
        for (double y = y0; y <= area.getMaxY(); y += step) {
            els.add(new MoveTo(area.getMinX(), y));
            els.add(new LineTo(area.getMaxX(), y));
        }
        getElements().setAll(els);
    }
}
