package dev.hopscope.ui;

import java.util.function.Supplier;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A control's hover text whose {@link Tooltip} is made when the pointer first enters the
 * control (issue 12, start-up). A Tooltip is a popup window of its own (a scene, a skin, a CSS
 * bridge): the designer's buttons and rows asked for about fifty of them while it opened, none of
 * which can show before the pointer comes. The Tooltip behaves as one set from the start: it
 * shows once the pointer rests on the control, as JavaFX's own delay has it.
 */
public final class HoverTip {
    private HoverTip() {}

    /** Gives {@code control} the tooltip {@code tip} makes, on the pointer's first entry. */
    public static void install(Control control, Supplier<Tooltip> tip) {
        control.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override public void handle(MouseEvent e) {
                control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (control.getTooltip() == null) control.setTooltip(tip.get());
            }
        });
    }

    /** As {@link #install(Control, Supplier)} with a plain Tooltip of {@code text}. */
    public static void install(Control control, String text) {
        install(control, () -> new Tooltip(text));
    }
}
