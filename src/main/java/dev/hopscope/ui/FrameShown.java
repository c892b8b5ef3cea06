package dev.hopscope.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks once a stage's next frame is on the screen, not merely laid out: the designer builds
 * its panels after its first frame (issue 12, start-up), and the startup probe reports that frame.
 *
 * <p>Where Prism draws in software (no usable GPU: a virtual machine, a remote display, Xvfb), the
 * render thread draws a frame and then hands its pixels to the JavaFX thread, which puts them in
 * the window. Pulses go on meanwhile, so "two pulses after showing", which the designer and the
 * probe used to wait for, came before the first frame was drawn; the panels, queued then, kept
 * that frame off the screen for the half second they took, and the window stayed white while the
 * probe said painted. So this waits for the renderer's own word that the frame is done, which
 * comes after its pixels were handed over, and queues the tasks behind them.
 *
 * <p>That word comes from JavaFX's scene performance tracker ({@code com.sun.javafx.perf}), which
 * JavaFX exports to no module: it is reachable on the class path ({@code java -jar}) and where the
 * launcher opens it ({@code --add-exports javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED}, as the
 * app image's does). Where it is out of reach, the tasks run on the third pulse after showing, as
 * near as pulses can tell; and should no frame be drawn at all (nothing new to draw), after half a second.
 */
public final class FrameShown {
    private static final String KEY = "hopscope.frameShown";
    /** Pulses to wait without the tracker, and at most with it (nothing drawn: nothing to wait for). */
    private static final int PULSES_WITHOUT_TRACKER = 3;
    private static final int PULSES_AT_MOST = 30;

    private FrameShown() {}

    /** Runs {@code task} on the JavaFX thread once {@code stage}, showing, has its next frame on the screen. On the JavaFX thread. */
    public static void then(Stage stage, Runnable task) {
        new AnimationTimer() {
            @Override public void handle(long now) {
                Scene scene = stage.getScene();
                if (!stage.isShowing() || scene == null) return;
                stop();
                Waiting waiting = (Waiting) scene.getProperties().get(KEY);
                if (waiting == null) {
                    waiting = new Waiting(scene);
                    scene.getProperties().put(KEY, waiting);
                    waiting.start();
                }
                waiting.tasks.add(task);
            }
        }.start();
    }

    /** The tasks waiting for one scene's next frame on the screen, run in the order they came. */
    private static final class Waiting {
        private final Scene scene;
        private final List<Runnable> tasks = new ArrayList<>();
        private final AtomicBoolean rendered = new AtomicBoolean();
        private Method release;
        private AnimationTimer pulses;

        Waiting(Scene scene) { this.scene = scene; }

        void start() {
            boolean tracked = track();
            pulses = new AnimationTimer() {
                private int count;

                @Override public void handle(long now) {
                    if (++count >= (tracked ? PULSES_AT_MOST : PULSES_WITHOUT_TRACKER)) frameDone();
                }
            };
            pulses.start();
            // a frame to draw, should the scene have nothing new
            Platform.requestNextPulse();
        }

        /** Asks the scene's tracker to say when a frame is rendered; false where it is out of reach. */
        private boolean track() {
            try {
                Class<?> tracker = Class.forName("com.sun.javafx.perf.PerformanceTracker");
                Object sceneTracker = tracker.getMethod("getSceneTracker", Scene.class).invoke(null, scene);
                release = tracker.getMethod("releaseSceneTracker", Scene.class);
                // on the render thread, after the frame's pixels were queued for the JavaFX thread
                Runnable onRendered = this::frameDone;
                tracker.getMethod("setOnRenderedFrameTask", Runnable.class).invoke(sceneTracker, onRendered);
                return true;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return false;
            }
        }

        /** From any thread, once: the tasks go behind whatever the JavaFX thread has queued, the frame's pixels among it. */
        private void frameDone() {
            if (rendered.compareAndSet(false, true)) Platform.runLater(this::runTasks);
        }

        private void runTasks() {
            pulses.stop();
            scene.getProperties().remove(KEY, this);
            if (release != null) {
                try {
                    release.invoke(null, scene);
                } catch (ReflectiveOperationException e) {
                    // it only counts frames: left, it costs a counter per frame
                }
            }
            for (Runnable t : List.copyOf(tasks)) t.run();
        }
    }
}
