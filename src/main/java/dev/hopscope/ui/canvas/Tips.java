package dev.hopscope.ui.canvas;

import javafx.scene.control.Tooltip;
import javafx.stage.Screen;
import javafx.util.Duration;

/**
 * Hover texts on the canvas (a finding's reason and fix, an intent's verdict): wrapped at a
 * readable width that is never wider than the screen, and shown long enough to be read.
 */
public final class Tips {
    /** About 70 characters of the tooltip's font: a comfortable line. */
    static final double READABLE_WIDTH = 480;

    private Tips() {}

    public static Tooltip of(String text) {
        Tooltip t = new Tooltip(text);
        t.getStyleClass().add("node-tip");
        t.setWrapText(true);
        t.setMaxWidth(maxWidth());
        t.setShowDelay(Duration.millis(400));
        t.setShowDuration(Duration.seconds(60));
        return t;
    }

    /** The widest a tooltip may be: a readable line, or the screen less a margin on a small screen. */
    public static double maxWidth() {
        double screen = Screen.getPrimary().getVisualBounds().getWidth();
        return Math.max(200, Math.min(READABLE_WIDTH, screen - 40));
    }
}
