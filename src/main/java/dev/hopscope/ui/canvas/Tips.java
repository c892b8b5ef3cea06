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

    /**
     * A view's hover text whose Tooltip is made on the first hover: flags set the text of hundreds
     * of views at once on a large design, and a Tooltip is costly to make.
     */
    static final class OnHover {
        private final javafx.scene.Node owner;
        private String text;
        private Tooltip tooltip;

        OnHover(javafx.scene.Node owner) {
            this.owner = owner;
            owner.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> make());
        }

        /** The text, or null or blank for none. */
        void set(String next) {
            text = next == null || next.isBlank() ? null : next;
            if (text == null) {
                if (tooltip != null) Tooltip.uninstall(owner, tooltip);
                tooltip = null;
            } else if (tooltip != null) {
                tooltip.setText(text);
            }
        }

        String text() { return text; }

        Tooltip tooltip() { return tooltip; }

        private void make() {
            if (tooltip != null || text == null) return;
            tooltip = of(text);
            Tooltip.install(owner, tooltip);
        }
    }
}
