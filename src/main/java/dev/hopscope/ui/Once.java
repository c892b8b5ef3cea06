package dev.hopscope.ui;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/** Runs something the first time a flag is true (at once if it already is), then stops listening. */
public final class Once {
    private Once() {}

    public static void whenTrue(ObservableValue<Boolean> flag, Runnable action) {
        if (Boolean.TRUE.equals(flag.getValue())) {
            action.run();
            return;
        }
        flag.addListener(new ChangeListener<>() {
            @Override public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (!Boolean.TRUE.equals(now)) return;
                o.removeListener(this);
                action.run();
            }
        });
    }
}
