package dev.hopscope.ui;

import dev.hopscope.ui.files.RecoveryStore;
import dev.hopscope.ui.files.Settings;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Opens the real designer in a TestFX stage with its settings and recovery file in a temporary folder. */
public final class DesignerFixture {
    final Path home;
    final ScriptedPrompts prompts = new ScriptedPrompts();
    public MainWindow window;
    public Stage stage;

    public DesignerFixture(Path home) {
        this.home = home;
    }

    /** The fixture of the test running now: its canvas is what {@link #fx(Runnable)} waits for. */
    private static volatile DesignerFixture current;

    public void open(Stage stage) {
        this.stage = stage;
        current = this;
        window = DesignerApp.open(stage, new Settings(home.resolve("settings.properties")), prompts, new RecoveryStore(home));
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    public AppState state() { return window.state(); }

    /** The scripted answers to the designer's file dialogs. */
    public ScriptedPrompts prompts() { return prompts; }

    /**
     * The headless screen is 1280x800: the tests of the canvas fold the bottom dock away, so the
     * canvas has the room the coordinates in those tests assume.
     */
    void roomForTheCanvas() {
        window.bottomDock().setMinHeight(0);
        for (javafx.scene.Node n = window.bottomDock(); n != null; n = n.getParent())
            if (n instanceof javafx.scene.control.SplitPane sp) {
                sp.setDividerPositions(0.97);
                break;
            }
    }

    Commands commands() { return window.commands(); }

    /** Where a canvas point is on the screen, for the robot. */
    public javafx.geometry.Point2D screen(double x, double y) {
        return fx(() -> window.canvas().canvasToScreen(x, y));
    }

    /** The screen point at a fraction of a node's drawn box. */
    public javafx.geometry.Point2D screenOf(String id, double fx, double fy) {
        dev.hopscope.model.Box b = box(id);
        return screen(b.x() + b.w() * fx, b.y() + b.h() * fy);
    }

    public dev.hopscope.model.Box box(String id) {
        drawn();
        javafx.geometry.Bounds b = fx(() -> window.canvas().nodeBounds(id).orElseThrow());
        return new dev.hopscope.model.Box(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    /** Starts from an empty document at 100 % zoom with the origin in the canvas's top-left corner. */
    public void empty() { empty(1); }

    /** As {@link #empty()}, at the given zoom (the top-left corner stays the origin). */
    public void empty(double zoom) {
        fx(this::roomForTheCanvas);
        fx(() -> {
            state().reset(dev.hopscope.model.Document.empty("test"), null);
            window.canvas().viewport().zoomProperty().set(1);
            window.canvas().zoomReset();
        });
        fx(() -> {
            javafx.geometry.Point2D o = window.canvas().viewport().toCanvas(0, 0);
            window.canvas().viewport().panBy(o.getX(), o.getY());
            window.canvas().viewport().zoomAt(zoom, 0, 0);
        });
    }

    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs on the JavaFX thread, then waits until the canvas shows the scene of the document that left. */
    public static void fx(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        drawn();
    }

    /**
     * Waits until the canvas has applied the scene of the current document: scenes are computed
     * off the JavaFX thread, so an edit's views appear a moment after the edit.
     */
    public static void drawn() {
        DesignerFixture f = current;
        if (f == null || f.window == null) return;
        try {
            WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> f.window.canvas().sceneCurrent().get()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the canvas did not draw the current document within 20 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes what the window shows now to a PNG. */
    public void snapshot(Path png) {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        try {
            Files.createDirectories(png.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Finds a node's view, for robot lookups and clicks: {@code robot.clickOn(view("db"))}. Views
     * carry no CSS id (it would cost every view its own pass through the theme's rules).
     */
    public static java.util.function.Predicate<javafx.scene.Node> view(String nodeId) {
        return n -> n instanceof dev.hopscope.ui.canvas.NodeView v && v.nodeId().equals(nodeId);
    }

    /**
     * The words a node's view shows in its part of this style class ({@code title},
     * {@code subtitle}, {@code line}), whole: a word cut to its box ends in "…" and keeps the
     * whole as its accessible text.
     */
    public static String words(FxRobot robot, String nodeId, String styleClass) {
        javafx.scene.Node v = robot.lookup(view(nodeId)).query();
        javafx.scene.text.Text t = robot.from(v).lookup("." + styleClass).queryAs(javafx.scene.text.Text.class);
        String whole = fx(t::getAccessibleText);
        if (whole == null) return fx(t::getText);
        String shown = fx(t::getText);
        if (!shown.isEmpty() && (!shown.endsWith("…") || !whole.startsWith(shown.substring(0, shown.length() - 1))))
            throw new AssertionError("'" + shown + "' is not a cut of '" + whole + "'");
        return whole;
    }

    public static void settle(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        drawn();
    }
}
