package dev.hopscope.ui;

import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

import java.net.URL;

/**
 * Light and dark looks: AtlantaFX Primer as the user-agent stylesheet, our hopscope.css on the
 * scene, and {@code :dark} on the root so our own colour variables switch with the theme.
 * The AtlantaFX stylesheets are loaded as resources rather than through its theme classes:
 * atlantafx-base 2.1.0 is compiled for Java 21 and its classes do not load on our Java 17.
 * They are the build's trimmed copies (packaging/TrimTheme.java): AtlantaFX's own text without
 * the rules for controls Hopscope never makes, which every start would read and match for nothing.
 */
public final class Theme {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    public static final String STYLESHEET = Theme.class.getResource("hopscope.css").toExternalForm();
    private static final String LIGHT = "/dev/hopscope/ui/theme/primer-light.css";
    private static final String DARK_CSS = "/dev/hopscope/ui/theme/primer-dark.css";
    /** The themes' window backgrounds (Primer's -color-bg-default), for the window shown before any stylesheet is read. */
    public static final javafx.scene.paint.Color LIGHT_BACKGROUND = javafx.scene.paint.Color.web("#ffffff");
    public static final javafx.scene.paint.Color DARK_BACKGROUND = javafx.scene.paint.Color.web("#0d1117");

    private Theme() {}

    /**
     * Sets the theme's user-agent stylesheet (JavaFX reads the binary .bss the build puts beside
     * the .css). Call it before the first control is made: a control made without one loads JavaFX's
     * own Modena stylesheet first, for nothing.
     */
    public static void userAgent(boolean dark) {
        URL base = Theme.class.getResource(dark ? DARK_CSS : LIGHT);
        if (base != null) Application.setUserAgentStylesheet(base.toExternalForm());
    }

    public static void apply(Scene scene, boolean dark) {
        userAgent(dark);
        if (!scene.getStylesheets().contains(STYLESHEET)) scene.getStylesheets().add(STYLESHEET);
        scene.getRoot().pseudoClassStateChanged(DARK, dark);
    }
}
