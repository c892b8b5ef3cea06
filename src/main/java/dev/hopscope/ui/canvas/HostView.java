package dev.hopscope.ui.canvas;

import javafx.scene.shape.Rectangle;

/** A host: a large rounded box; name, role and underlay address in its 40-unit header. A grip resizes it. */
public final class HostView extends NodeView {
    private final Rectangle grip = new Rectangle();

    public HostView(String id) {
        super(id, "host", "mdi2s-server");
        grip.getStyleClass().add("resize-grip");
        grip.setWidth(12);
        grip.setHeight(12);
        getChildren().add(grip);
    }

    public boolean isGrip(javafx.scene.Node picked) { return picked == grip; }

    @Override protected void layoutContent(double w, double h) {
        content.resizeRelocate(0, 0, w, Math.min(h, 44));
        grip.setX(w - grip.getWidth());
        grip.setY(h - grip.getHeight());
    }
}
