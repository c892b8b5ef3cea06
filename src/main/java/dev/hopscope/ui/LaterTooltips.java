package dev.hopscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;

/**
 * Tooltips for the chrome, made once the window is complete rather than before its first frame
 * (issue 12, start-up): a Tooltip is a popup control of its own with its behaviour and CSS
 * bridge, and the palette's and the toolbar's thirty of them cost about a tenth of a second
 * before the first frame, though none can show until the user points at something, after input
 * is let through ({@link DesignerApp.Opening#complete()}).
 */
public final class LaterTooltips {
    private final List<Runnable> pending = new ArrayList<>();
    private boolean made;

    /** Gives {@code control} the tooltip {@code tip} makes, now if {@link #make()} has run, else then. */
    public void set(Control control, Supplier<Tooltip> tip) {
        if (made) control.setTooltip(tip.get());
        else pending.add(() -> control.setTooltip(tip.get()));
    }

    /** Makes every tooltip asked for so far, and from now on each when asked. On the JavaFX thread. */
    public void make() {
        made = true;
        pending.forEach(Runnable::run);
        pending.clear();
    }
}
