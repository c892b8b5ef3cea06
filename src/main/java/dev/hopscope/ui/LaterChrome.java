package dev.hopscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The parts of the chrome made once the window is complete rather than before its first frame
 * (issue 12, start-up): the palette's and the toolbar's icons, and their tooltips.
 * <ul>
 * <li>A Tooltip is a popup control of its own with its behaviour and CSS bridge, and the
 * palette's and the toolbar's thirty of them cost about a tenth of a second before the first
 * frame, though none can show until the user points at something, after input is let through
 * ({@link DesignerApp.Opening#complete()}): each is made when the pointer first enters its
 * control ({@link HoverTip}).</li>
 * <li>An icon is an Ikonli {@link FontIcon}: the first one loads Ikonli's handlers and its
 * 1.3 MB icon font, and each is a text node the theme's many {@code .ikonli-font-icon} rules are
 * matched against. The first frame has a box of the icon's size in its place (the stylesheet
 * gives the box its size), so nothing moves when the icon comes into it.</li>
 * </ul>
 */
public final class LaterChrome {
    private final List<Runnable> pending = new ArrayList<>();
    private boolean made;

    /** Gives {@code control} the tooltip {@code tip} makes, when the pointer first enters it ({@link HoverTip}). */
    public void tooltip(Control control, Supplier<Tooltip> tip) {
        HoverTip.install(control, tip);
    }

    /**
     * A box of style class {@code boxClass} (which gives it the icon's size) that holds the icon
     * {@code literal} (an Ikonli icon code, "mdi2d-docker") now if {@link #make()} has run, else then.
     */
    public StackPane icon(String literal, String boxClass) {
        StackPane box = new StackPane();
        box.getStyleClass().add(boxClass);
        later(() -> box.getChildren().setAll(new FontIcon(literal)));
        return box;
    }

    private void later(Runnable part) {
        if (made) part.run();
        else pending.add(part);
    }

    /** Makes every part asked for so far, and from now on each when asked. On the JavaFX thread. */
    public void make() {
        made = true;
        pending.forEach(Runnable::run);
        pending.clear();
    }
}
