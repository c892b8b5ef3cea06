package dev.hopscope.ui;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Document;
import dev.hopscope.ui.files.DialogPrompts;
import dev.hopscope.ui.files.Prompts;
import dev.hopscope.ui.files.RecoveryStore;
import dev.hopscope.ui.files.Settings;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.input.InputEvent;
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
        StartupProbe.installWithReadyIfRequested(stage);
        // The first frame is the real window, its chrome (menu bar, toolbar, palette, an empty
        // canvas saying what is opening) in place; the inspector, the panels and the document are
        // built into it once that frame is on the screen, so nothing in the chrome moves.
        Opening opening = show(stage, Settings.load(), new DialogPrompts(() -> stage), RecoveryStore.inHome(),
                startFile(getParameters().getRaw()));
        StartupProbe.mark("chrome-shown");
        // The icons come first, in a frame of their own, then the rest: the icons (Ikonli and its
        // font) take a tenth of a second, the inspector, the panels and the document most of a
        // second, and the toolbar and palette showed empty icon boxes all that while.
        FrameShown.then(stage, () -> {
            opening.icons();
            FrameShown.then(stage, () -> {
                StartupProbe.mark("icons-shown");
                complete(opening);
            });
        });
    }

    /** Completes the window once its first frame (and then its icons) are on the screen; tells the probe when it is drawn. */
    private static void complete(Opening opening) {
        MainWindow window = opening.complete();
        StartupProbe.mark("panels-and-document");
        // the probe's READY: the designer is drawn once the canvas shows its start document
        // and the analysis of that document is in (its flags on the canvas, the findings listed)
        javafx.beans.InvalidationListener check = o -> {
            if (window.canvas().sceneCurrent().get() && !window.panels().analysis().running().get()) StartupProbe.ready();
        };
        window.canvas().sceneCurrent().addListener(check);
        window.panels().analysis().running().addListener(check);
        check.invalidated(null);
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

    /** The scene property that holds the input filter of an opening not completed yet. */
    private static final String WAITING = "hopscope.opening.waiting";

    /** Builds and shows the designer in a stage; tests call this with their own prompts and folders. */
    public static MainWindow open(Stage stage, Settings settings, Prompts prompts, RecoveryStore recovery) {
        return open(stage, settings, prompts, recovery, Optional.empty());
    }

    /** As above, then opens {@code startFile} over the start document, as File > Open would. */
    public static MainWindow open(Stage stage, Settings settings, Prompts prompts, RecoveryStore recovery,
                                  Optional<Path> startFile) {
        return show(stage, settings, prompts, recovery, startFile).complete();
    }

    /**
     * Shows the designer's window with its chrome only: menu bar, toolbar, palette, and an empty
     * canvas saying what is opening. Input waits until {@link Opening#complete()}, which adds the
     * inspector and the panels and opens the start document (or {@code startFile}).
     */
    @SuppressWarnings("unchecked")
    public static Opening show(Stage stage, Settings settings, Prompts prompts, RecoveryStore recovery,
                               Optional<Path> startFile) {
        Theme.userAgent(settings.flag("theme.dark"));
        AppState state = new AppState(Document.empty("untitled"));
        Commands commands = new Commands(state, prompts, settings, recovery);
        String what = startFile.map(f -> String.valueOf(f.getFileName())).orElse(Menus.sampleTitle(Samples.WELCOME));
        MainWindow window = new MainWindow(state, commands, what);
        StartupProbe.mark("chrome-built");
        // a window already shown keeps its scene and gets the designer as its root
        Scene scene = stage.getScene();
        if (scene == null) scene = new Scene(window.root(), settings.number("window.w", 1440), settings.number("window.h", 900));
        else scene.setRoot(window.root());
        Theme.apply(scene, commands.dark().get());
        Scene shown = scene;
        commands.dark().addListener((o, a, dark) -> Theme.apply(shown, dark));
        stage.setScene(scene);
        stage.titleProperty().unbind();
        stage.setTitle("Hopscope");
        if (!stage.isShowing()) place(stage, settings);
        // clicks and keys wait for the panels and the document: the window is not half working
        EventHandler<InputEvent> waiting = Event::consume;
        // a scene shown before (a test's stage) drops the filter of an opening that never completed
        if (scene.getProperties().remove(WAITING) instanceof EventHandler<?> stale)
            scene.removeEventFilter(InputEvent.ANY, (EventHandler<InputEvent>) stale);
        scene.getProperties().put(WAITING, waiting);
        scene.addEventFilter(InputEvent.ANY, waiting);
        if (!stage.isShowing()) stage.show();
        return new Opening(stage, settings, window, startFile, waiting);
    }

    /** The designer's window between its first frame and its start document: {@link #complete()} finishes it. */
    public static final class Opening {
        private final Stage stage;
        private final Settings settings;
        private final MainWindow window;
        private final Optional<Path> startFile;
        private final EventHandler<InputEvent> waiting;

        private Opening(Stage stage, Settings settings, MainWindow window, Optional<Path> startFile,
                        EventHandler<InputEvent> waiting) {
            this.stage = stage;
            this.settings = settings;
            this.window = window;
            this.startFile = startFile;
            this.waiting = waiting;
        }

        /** The window, complete or not. */
        public MainWindow window() { return window; }

        /** Puts the palette's and the toolbar's icons in their boxes ({@link LaterChrome}), before {@link #complete()} if called first. On the JavaFX thread. */
        public void icons() { window.later().make(); }

        /**
         * Adds the inspector and the panels, opens the start document (and then the start file,
         * as File > Open would: a bad one says why and leaves the start document), and lets
         * input through. On the JavaFX thread; once.
         */
        public MainWindow complete() {
            if (window.completed()) return window;
            window.complete();
            Commands commands = window.commands();
            AppState state = window.state();
            Scene scene = stage.getScene();
            stage.titleProperty().bind(Bindings.createStringBinding(
                    () -> commands.displayName() + (state.dirty().get() ? " •" : "") + " — Hopscope",
                    state.dirty(), state.file(), state.document()));
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
            scene.removeEventFilter(InputEvent.ANY, waiting);
            scene.getProperties().remove(WAITING, waiting);
            commands.start(commands.startDocument());
            startFile.ifPresent(commands::open);
            // the words on the canvas go once it shows the document
            javafx.scene.control.Label loading = window.loading();
            Once.whenTrue(window.canvas().sceneCurrent(), () -> loading.setVisible(false));
            dev.hopscope.ui.perf.PanProbe.installIfRequested(window);
            return window;
        }
    }
}
