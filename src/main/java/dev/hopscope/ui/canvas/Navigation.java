package dev.hopscope.ui.canvas;

import javafx.scene.Cursor;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Panning and zooming: the wheel scrolls, Ctrl+wheel zooms about the pointer, the middle
 * button or Space+drag pans, and +, -, 0 and F zoom from the keyboard.
 */
final class Navigation {
    /** Zoom factor per wheel unit; the exponent keeps zoom in and out symmetric. */
    private static final double WHEEL_ZOOM = 0.0025;

    private final CanvasView canvas;
    private final Viewport viewport;
    private boolean spaceDown;

    Navigation(CanvasView canvas, Viewport viewport) {
        this.canvas = canvas;
        this.viewport = viewport;
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
        canvas.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = true;
                canvas.setCursor(Cursor.OPEN_HAND);
                e.consume();
            }
        });
        canvas.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                canvas.setCursor(null);
                e.consume();
            }
        });
        canvas.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if (e.isShortcutDown()) return;
            switch (e.getCharacter()) {
                case "+": case "=": canvas.zoomIn(); e.consume(); break;
                case "-": canvas.zoomOut(); e.consume(); break;
                case "0": canvas.zoomReset(); e.consume(); break;
                case "f": case "F": canvas.fit(); e.consume(); break;
                default: break;
            }
        });
    }

    private void scroll(ScrollEvent e) {
        if (e.isShortcutDown()) {
            double f = Math.exp(e.getDeltaY() * WHEEL_ZOOM * 4);
            viewport.zoomAt(f, e.getX(), e.getY());
        } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            viewport.panBy(e.getDeltaY(), 0);
        } else {
            viewport.panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    /** A pan gesture when the press is a middle button or Space is held; otherwise null. */
    Gesture press(MouseEvent e) {
        if (e.getButton() != MouseButton.MIDDLE && !(spaceDown && e.getButton() == MouseButton.PRIMARY)) return null;
        canvas.setCursor(Cursor.CLOSED_HAND);
        return new Gesture() {
            double lastX = e.getX();
            double lastY = e.getY();

            @Override public void drag(MouseEvent d) {
                viewport.panBy(d.getX() - lastX, d.getY() - lastY);
                lastX = d.getX();
                lastY = d.getY();
            }

            @Override public void release(MouseEvent r) {
                canvas.setCursor(spaceDown ? Cursor.OPEN_HAND : null);
            }
        };
    }
}
