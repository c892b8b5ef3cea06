package dev.hopscope.ui;

import javafx.application.Application;

/** Starts the JavaFX designer; {@code dev.hopscope.Main} calls this so Main itself need not extend Application. */
public final class Designer {
    private Designer() {}

    public static void launch(String[] args) {
        Application.launch(DesignerApp.class, args);
    }
}
