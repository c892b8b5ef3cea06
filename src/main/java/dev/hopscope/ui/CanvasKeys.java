package dev.hopscope.ui;

import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.canvas.Snap;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Keys on the focused canvas: Delete / Backspace delete, the arrows nudge (Shift: ten steps). */
final class CanvasKeys {
    private CanvasKeys() {}

    static void install(CanvasView canvas, EditActions actions) {
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown()) return;
            double step = e.isShiftDown() ? Snap.STEP * 10 : Snap.STEP;
            KeyCode k = e.getCode();
            if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) actions.delete();
            else if (k == KeyCode.LEFT) actions.nudge(-step, 0);
            else if (k == KeyCode.RIGHT) actions.nudge(step, 0);
            else if (k == KeyCode.UP) actions.nudge(0, -step);
            else if (k == KeyCode.DOWN) actions.nudge(0, step);
            else return;
            e.consume();
        });
    }
}
