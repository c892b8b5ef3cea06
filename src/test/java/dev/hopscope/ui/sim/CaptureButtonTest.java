package dev.hopscope.ui.sim;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Probe;
import dev.hopscope.ui.DesignerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Save as capture…" in the simulation panel, clicked through the real scene; the file chooser is answered by the test. */
@ExtendWith(ApplicationExtension.class)
class CaptureButtonTest {
    @TempDir static Path home;
    @TempDir Path out;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private SimulationPanel panel() { return app.window.panels().simulation(); }

    @Test void theButtonSavesTheTraceOnScreenAsAPcapng(FxRobot robot) throws Exception {
        fx(() -> app.state().reset(Samples.open("docker-overlay.json"), null));
        fx(() -> panel().playback().load(null));
        Button button = robot.lookup("#sim-capture").queryButton();
        assertThat(fx(button::isDisabled)).as("nothing traced yet").isTrue();

        fx(() -> panel().traceFlow("web", "api:8080", Probe.tcp(8080), false));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> panel().playback().trace().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(button::isDisabled)).isFalse();

        List<String> suggested = new ArrayList<>();
        Path file = out.resolve("overlay");
        fx(() -> panel().captures().chooseWith(name -> {
            suggested.add(name);
            return Optional.of(file);
        }));
        robot.clickOn("#sim-capture");
        Path written = out.resolve("overlay.pcapng");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> app.state().message().get().startsWith("Saved")));
        assertThat(suggested).containsExactly("web-to-api-tcp-8080.pcapng");
        assertThat(Files.exists(written)).as("the .pcapng extension is added").isTrue();
        byte[] b = Files.readAllBytes(written);
        assertThat(b).startsWith(0x0A, 0x0D, 0x0D, 0x0A);
        assertThat(fx(() -> app.state().message().get())).contains(written.toString()).contains("Wireshark");
        app.snapshot(Path.of("target", "screens", "sim-capture-saved.png"));
    }

    @Test void aCancelledChooserWritesNothingAndAFailureIsSaidPlainly(FxRobot robot) throws Exception {
        fx(() -> app.state().reset(Samples.open("s01-same-bridge.json"), null));
        fx(() -> panel().traceFlow("a", "172.17.0.3", Probe.icmp(), false));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> panel().playback().trace().get() != null));
        fx(() -> panel().captures().chooseWith(name -> Optional.empty()));
        robot.clickOn("#sim-capture");
        WaitForAsyncUtils.waitForFxEvents();
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
        fx(() -> panel().captures().chooseWith(name -> Optional.of(out.resolve("missing-folder").resolve("x.pcapng"))));
        robot.clickOn("#sim-capture");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> app.state().message().get().startsWith("Could not save")));
        assertThat(fx(() -> app.state().message().get())).contains("missing-folder").doesNotContain("Exception");
    }
}
