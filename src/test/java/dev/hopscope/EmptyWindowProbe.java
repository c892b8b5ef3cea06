package dev.hopscope;

import dev.hopscope.ui.StartupProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

/**
 * The baseline for packaging/startup-time.sh: the cheapest possible JavaFX window (an empty
 * Stage of the designer's size), measured by the same probe as Hopscope. The difference between
 * the two is what Hopscope itself adds to a first start. Not a test: run it with
 * {@code -Dhopscope.startupProbe=true}.
 */
public final class EmptyWindowProbe {
    private EmptyWindowProbe() {}

    public static void main(String[] args) {
        // Launched from a class that does not extend Application, as Hopscope's Main is, so both
        // start the same way from the class path.
        Application.launch(Window.class, args);
    }

    /** The empty window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("empty");
            stage.setScene(new Scene(new Pane(), 1280, 800));
            StartupProbe.installIfRequested(stage);
            stage.show();
        }
    }
}
