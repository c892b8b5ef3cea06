package dev.hopscope.ui.sim;

/** The teaching panels' own stylesheet (teaching.css), which each of them adds to its root. */
public final class Stylesheets {
    public static final String TEACHING = dev.hopscope.ui.Theme.class.getResource("teaching.css").toExternalForm();

    private Stylesheets() {}

    /** Adds the stylesheet to a panel's root once. */
    public static void addTo(javafx.scene.Parent root) {
        if (!root.getStylesheets().contains(TEACHING)) root.getStylesheets().add(TEACHING);
    }
}
