package dev.hopscope.ui.canvas;

import javafx.scene.input.MouseEvent;

/** A mouse gesture in progress on the canvas, from press to release. */
interface Gesture {
    void drag(MouseEvent e);

    void release(MouseEvent e);
}
