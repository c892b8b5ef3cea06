package dev.hopscope.ui.canvas;

import org.kordamp.ikonli.javafx.FontIcon;

/** An endpoint outside the hosts: a globe with its name and address under it. */
public final class ExternalView extends NodeView {
    private final FontIcon globe = new FontIcon("mdi2e-earth");

    public ExternalView(String id) {
        super(id, "external", "mdi2w-web");
        globe.getStyleClass().add("globe");
        getChildren().add(0, globe);
    }

    @Override protected void layoutContent(double w, double h) {
        globe.autosize();
        globe.relocate((w - globe.prefWidth(-1)) / 2, (h - globe.prefHeight(-1)) / 2);
        // the words sit beside the globe, so links above and below it never cross them
        double cw = content.prefWidth(-1);
        double ch = content.prefHeight(cw);
        content.resizeRelocate(w + 4, (h - ch) / 2, cw, ch);
    }
}
