package dev.hopscope.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/** The Help menu's list of keyboard shortcuts and mouse gestures. */
final class Shortcuts {
    private Shortcuts() {}

    static final String TEXT = String.join("\n",
            "Drag from the palette           add a node (cards and bridges into a host)",
            "Click / Shift+click / drag box  select",
            "Drag a node                     move (a host moves its contents)",
            "Drag a host's corner grip       resize",
            "Drag from a node's handle       connect (or Alt+drag from the node)",
            "Delete, Backspace               delete the selection or the selected link",
            "Arrow keys (Shift: ×10)         nudge",
            "Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y  undo, redo",
            "Ctrl+A, Ctrl+C, Ctrl+X, Ctrl+V, Ctrl+D   select all, copy, cut, paste, duplicate",
            "Ctrl+N, Ctrl+O, Ctrl+S          new, open, save",
            "+, -, 0, F                      zoom in, out, 100 %, fit",
            "Ctrl+wheel                      zoom at the pointer",
            "Wheel, middle-drag, Space+drag  pan",
            "Ctrl+L                          auto-layout");

    static void show(javafx.scene.Node owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, TEXT, ButtonType.OK);
        a.setHeaderText("Keyboard shortcuts");
        a.getDialogPane().getStyleClass().add("shortcuts");
        a.initOwner(owner.getScene().getWindow());
        a.show();
    }
}
