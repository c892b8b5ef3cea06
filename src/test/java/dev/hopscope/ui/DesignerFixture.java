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

    public void open(Stage stage) {
        this.stage = stage;
        window = DesignerApp.open(stage, new Settings(home.resolve("settings.properties")), prompts, new RecoveryStore(home));
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    public AppState state() { return window.state(); }

    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void fx(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
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

    public static void settle(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
    }
}
