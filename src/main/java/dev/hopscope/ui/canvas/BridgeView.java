package dev.hopscope.ui.canvas;

/** A Linux bridge: a bar across its host, labelled with its device name and subnet on one line. */
public final class BridgeView extends NodeView {
    public BridgeView(String id) {
        super(id, "bridge", "mdi2l-lan");
        content.getStyleClass().add("inline");
        content.getChildren().remove(subtitle);
        ((javafx.scene.layout.HBox) content.getChildren().get(0)).getChildren().add(subtitle);
    }
}
