package dev.hopscope.ui.flags;

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
class IntentToolTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void theIntentToolDrawsAnExpectedFlowBetweenTwoClickedEndpoints(FxRobot robot) throws Exception {
        Panels panels = app.window.panels();
        fx(() -> app.state().reset(Samples.open("s11-isolated-networks.json"), null));
        fx(() -> app.window.canvas().fit());
        WaitForAsyncUtils.waitForFxEvents();
        int before = fx(() -> app.state().current().all(Intent.class).size());
        robot.clickOn("#intent-tool");
        robot.clickOn(dev.hopscope.ui.DesignerFixture.view("a"));
        robot.clickOn(dev.hopscope.ui.DesignerFixture.view("b"));
        WaitForAsyncUtils.waitForFxEvents();
        var intents = fx(() -> app.state().current().all(Intent.class));
        assertThat(intents).hasSize(before + 1);
        Intent added = intents.get(intents.size() - 1);
        assertThat(added.from()).isEqualTo("a");
        assertThat(added.to()).isEqualTo("b");
        assertThat(fx(() -> app.state().selection().contains(added.id()))).isTrue();
        String link = "intent:a->b@" + added.id();
        // a and b are isolated: the new expectation does not hold and is drawn red
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> panels.flags().flaggedLinks().contains(link)));
        assertThat(fx(() -> app.window.canvas().linkViews().get(link).getPseudoClassStates().toString())).contains("unreachable");
        // pointed at, the arrow tells why and how to fix it
        dev.hopscope.ui.canvas.LinkView arrow = fx(() -> app.window.canvas().linkViews().get(link));
        java.util.List<dev.hopscope.model.scene.Point> route = fx(arrow::route);
        dev.hopscope.model.scene.Point p = route.get(0), q = route.get(1);
        robot.moveTo(app.screen((p.x() + q.x()) / 2, (p.y() + q.y()) / 2));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> arrow.tooltip() != null && arrow.tooltip().isShowing()));
        assertThat(fx(() -> arrow.tooltip().getText())).contains("VIOLATED", "Fix:");
        app.snapshot(Path.of("target", "screens", "intent-tool-s11.png"));
    }
}
