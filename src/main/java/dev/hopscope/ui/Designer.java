package dev.hopscope.ui;

/** Starts the JavaFX designer (placeholder until the designer lands). */
public final class Designer {
    private Designer() {}

    public static void launch(String[] args) {
        System.out.println("The designer is not built yet; try: hopscope analyze FILE");
    }
}
