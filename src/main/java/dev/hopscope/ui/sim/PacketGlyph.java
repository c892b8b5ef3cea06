package dev.hopscope.ui.sim;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The packet drawn on the canvas's overlay layer: a small body with a letter icon ({@code .packet-body},
 * {@code .packet-icon}), standing beside a bar's words rather than on them (see {@link GlyphPath}),
 * inside an outer envelope ({@code .packet-envelope}) while it is VXLAN-encapsulated, with a tag
 * ({@code .packet-tag}: "VNI 42"). Pseudo-classes {@code :reply} (the reply leg's colour),
 * {@code :encapsulated}. Its translate is the point it stands on, in canvas coordinates.
 */
public final class PacketGlyph extends StackPane {
    static final PseudoClass REPLY = PseudoClass.getPseudoClass("reply");
    static final PseudoClass ENCAPSULATED = PseudoClass.getPseudoClass("encapsulated");
    static final PseudoClass EXCHANGE = PseudoClass.getPseudoClass("exchange");

    private final Region envelope = new Region();
    private final Region body = new Region();
    private final Label tag = new Label();
    private final org.kordamp.ikonli.javafx.FontIcon icon = new org.kordamp.ikonli.javafx.FontIcon("mdi2e-email-outline");

    public PacketGlyph() {
        getStyleClass().add("packet-glyph");
        setId("packet-glyph");
        setManaged(false);
        setMouseTransparent(true);
        envelope.getStyleClass().add("packet-envelope");
        body.getStyleClass().add("packet-body");
        tag.getStyleClass().add("packet-tag");
        tag.setManaged(false);
        icon.getStyleClass().add("packet-icon");
        getChildren().addAll(envelope, body, icon, tag);
        // centred on its translate point whatever size the stylesheet gives it
        widthProperty().addListener(o -> setLayoutX(-getWidth() / 2));
        heightProperty().addListener(o -> setLayoutY(-getHeight() / 2));
        setVisible(false);
    }

    public void setReply(boolean on) { pseudoClassStateChanged(REPLY, on); }

    /** Shows the outer envelope and its tag ("VNI 42"), or hides them when tag is null. */
    public void setEncapsulated(String tagText) {
        boolean on = tagText != null;
        pseudoClassStateChanged(ENCAPSULATED, on);
        envelope.setVisible(on);
        tag.setVisible(on);
        tag.setText(on ? tagText : "");
    }

    public boolean isEncapsulated() { return envelope.isVisible(); }

    /** Marks the glyph as an ARP or DNS exchange ({@code :exchange}) with its tag, or a plain packet when null. */
    public void setExchange(String tagText) {
        boolean on = tagText != null;
        pseudoClassStateChanged(EXCHANGE, on);
        icon.setIconLiteral(on ? "mdi2h-help" : "mdi2e-email-outline");
        if (on) {
            tag.setVisible(true);
            tag.setText(tagText);
        } else if (!envelope.isVisible()) {
            tag.setVisible(false);
            tag.setText("");
        }
    }

    public String tagText() { return tag.getText(); }

    @Override protected void layoutChildren() {
        super.layoutChildren();
        tag.autosize();
        tag.relocate((getWidth() - tag.getWidth()) / 2, getHeight());
    }

    /** Lets the stylesheet size it now, so it is centred before the first pulse. */
    void size() {
        applyCss();
        autosize();
        setLayoutX(-getWidth() / 2);
        setLayoutY(-getHeight() / 2);
    }
}
