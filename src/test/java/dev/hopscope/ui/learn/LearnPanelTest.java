package dev.hopscope.ui.learn;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.ui.DesignerFixture;
import dev.hopscope.ui.Panels;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class LearnPanelTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void aSampleShowsItsLessonAndPlaysItsTrace(FxRobot robot) throws Exception {
        Panels panels = app.window.panels();
        Document s3 = Samples.open("s03-vxlan-overlay.json");
        fx(() -> app.state().reset(s3, null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> panels.learn().isVisible())).isTrue();
        assertThat(robot.lookup("#lesson-text").queryLabeled().getText()).isEqualTo(s3.lesson().text());
        // the lesson's flow waits in the simulation panel, ready for its Play button
        assertThat(robot.lookup("#sim-source").queryComboBox().getValue()).isEqualTo(s3.lesson().from());
        robot.clickOn("#lesson-play");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> panels.simulation().playback().playing().get()));
        assertThat(fx(() -> panels.simulation().playback().steps().stream().anyMatch(s -> s.hop().step() == StepKind.ENCAP))).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> panels.simulation().playback().current().get() >= 2));
        app.snapshot(Path.of("target", "screens", "learn-s03-playing.png"));

        // a document without a lesson hides the panel
        fx(() -> app.state().reset(Document.empty("blank"), null));
        assertThat(fx(() -> panels.learn().isVisible())).isFalse();
    }
}
