package dev.hopscope.ui;

import dev.hopscope.model.Document;
import dev.hopscope.ui.files.DialogPrompts;
import dev.hopscope.ui.files.Prompts;
import dev.hopscope.ui.files.RecoveryStore;
import dev.hopscope.ui.files.Settings;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The JavaFX application: builds the window around an {@link AppState}, restores the window's
 * size, position and theme, opens the start document (or offers to restore a crashed session's
 * work), and asks before closing unsaved work.
 */
public final class DesignerApp extends Application {

    @Override public void start(Stage stage) {
        Settings settings = Settings.load();
        StartupProbe.installWithReadyIfRequested(stage);
        // Nothing but the window before the first frame: it shows at once, in its size and the
        // theme's background, and the designer is built into it on the pulse after it was drawn.
        // Building it (stylesheets, about 2,500 more classes, panels) takes longer than the window.
        // The first frame says what is coming: a Text, not a Label, because a control would load
        // the default stylesheet before the first frame.
        javafx.scene.text.Text opening = new javafx.scene.text.Text("Opening the designer"
                + startFile(getParameters().getRaw()).map(f -> " with " + f.getFileName()).orElse("") + "…");
        opening.setFill(javafx.scene.paint.Color.GRAY);
        opening.setFont(javafx.scene.text.Font.font(15));
        opening.setId("opening");
        Scene scene = new Scene(new javafx.scene.layout.StackPane(opening), settings.number("window.w", 1440), settings.number("window.h", 900));
        scene.setFill(settings.flag("theme.dark") ? Theme.DARK_BACKGROUND : Theme.LIGHT_BACKGROUND);
        stage.setScene(scene);
        stage.setTitle("Hopscope");
        place(stage, settings);
        stage.show();
        afterFirstFrame(stage, () -> {
            MainWindow window = open(stage, settings, new DialogPrompts(() -> stage), RecoveryStore.inHome(),
                    startFile(getParameters().getRaw()));
            // the probe's READY: the designer is drawn once the canvas shows its first document
            if (window.canvas().sceneCurrent().get()) StartupProbe.ready();
            else window.canvas().sceneCurrent().addListener((o, was, now) -> { if (now) StartupProbe.ready(); });
        });
    }

    /** Runs {@code then} on the JavaFX thread once the showing stage has had a frame drawn. */
    private static void afterFirstFrame(Stage stage, Runnable then) {
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override public void handle(long now) {
                if (!stage.isShowing() || ++pulses < 2) return;
                stop();
                // after this pulse's rendering, not within it
                Platform.runLater(then);
            }
        }.start();
    }

    private static void place(Stage stage, Settings settings) {
        if (settings.has("window.x")) {
            stage.setX(settings.number("window.x", 0));
            stage.setY(settings.number("window.y", 0));
        }
        stage.setMaximized(settings.flag("window.maximized"));
    }

    /** The document named on the command line: Main passes an argument only when it is one. */
    static Optional<Path> startFile(List<String> raw) {
        return raw.size() == 1 ? Optional.of(Path.of(raw.get(0))) : Optional.empty();
    }

    /** Builds and shows the designer in a stage; tests call this with their own prompts and folders. */
    public static MainWindow open(Stage stage, Settings settings, Prompts prompts, RecoveryStore recovery) {
        return open(stage, settings, prompts, recovery, Optional.empty());
    }

    /** As above, then opens {@code startFile} over the start document, as File > Open would. */
    public static MainWindow open(Stage stage, Settings settings, Prompts prompts, RecoveryStore recovery,
                                  Optional<Path> startFile) {
        AppState state = new AppState(Document.empty("untitled"));
        Commands commands = new Commands(state, prompts, settings, recovery);
        MainWindow window = new MainWindow(state, commands);
        // a window already shown (the start-up's) keeps its scene and gets the designer as its root
        Scene scene = stage.getScene();
        if (scene == null) scene = new Scene(window.root(), settings.number("window.w", 1440), settings.number("window.h", 900));
        else scene.setRoot(window.root());
        Theme.apply(scene, commands.dark().get());
        Scene shown = scene;
        commands.dark().addListener((o, a, dark) -> Theme.apply(shown, dark));
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> commands.displayName() + (state.dirty().get() ? " •" : "") + " — Hopscope",
                state.dirty(), state.file(), state.document()));
        if (!stage.isShowing()) place(stage, settings);
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            e.setDropCompleted(!files.isEmpty());
            e.consume();
            // open after the drop returns, so a dialog does not block the platform's drag and drop
            if (!files.isEmpty()) Platform.runLater(() -> commands.open(files.get(0).toPath()));
        });
        stage.setOnCloseRequest(e -> {
            if (!commands.close()) {
                e.consume();
                return;
            }
            settings.setFlag("window.maximized", stage.isMaximized());
            if (!stage.isMaximized()) {
                settings.setNumber("window.x", stage.getX());
                settings.setNumber("window.y", stage.getY());
                settings.setNumber("window.w", stage.getWidth());
                settings.setNumber("window.h", stage.getHeight());
            }
            settings.save();
        });
        if (!stage.isShowing()) stage.show();
        commands.start(commands.startDocument());
        startFile.ifPresent(commands::open);
        dev.hopscope.ui.perf.PanProbe.installIfRequested(window);
        return window;
    }
}
