package dev.hopscope.ui.sim;

import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;

/** The red mark where a packet was dropped, with the disposition ({@code .drop-mark}). */
public final class DropMark extends Label {
    public DropMark() {
        super(null, new FontIcon("mdi2c-close-circle"));
        getStyleClass().add("drop-mark");
        setId("drop-mark");
        setManaged(false);
        setMouseTransparent(true);
        setVisible(false);
    }

    public void showAt(double x, double y, String text) {
        setText(text);
        setVisible(true);
        applyCss();
        autosize();
        // the icon sits on the point; the words to its right
        relocate(x - getHeight() / 2, y - getHeight() / 2);
        toFront();
    }

    public void hide() { setVisible(false); }
}
