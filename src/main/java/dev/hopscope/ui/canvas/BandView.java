package dev.hopscope.ui.canvas;

/** An underlay (under the hosts) or an overlay (over them): a band spanning what it joins. */
public final class BandView extends NodeView {
    public BandView(String id, boolean overlay) {
        super(id, overlay ? "overlay" : "underlay", overlay ? "mdi2v-vector-polyline" : "mdi2e-ethernet");
        content.getStyleClass().add("inline");
        content.getChildren().remove(subtitle);
        ((javafx.scene.layout.HBox) content.getChildren().get(0)).getChildren().add(subtitle);
    }
}
