package dev.hopscope.ui.matrix;

import dev.hopscope.io.Samples;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.ui.DesignerFixture;
import dev.hopscope.ui.Panels;
import javafx.scene.Node;
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
class MatrixViewTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void theIsolatedNetworksMatrixShowsADeniedCellThatOpensItsTrace(FxRobot robot) throws Exception {
        Panels panels = app.window.panels();
        fx(() -> app.state().reset(Samples.open("s11-isolated-networks.json"), null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !panels.analysis().running().get() && panels.analysis().analysis().get() != null));
        // a hidden tab's view joins the scene on the tab's first selection (start-up): no grid before, the analysis's grid after
        assertThat(fx(() -> panels.matrix().getScene())).isNull();
        assertThat(robot.lookup(".matrix-square").tryQuery()).isEmpty();
        fx(panels::showMatrix);
        WaitForAsyncUtils.waitForFxEvents();
        Node denied = robot.lookup("#matrix-grid .matrix-square." + MatrixView.styleClass(Disposition.DENIED)).query();
        assertThat(denied).isNotNull();
        assertThat(robot.lookup("#matrix-grid .matrix-square").queryAll()).hasSizeGreaterThan(1);
        app.snapshot(Path.of("target", "screens", "matrix-s11.png"));

        robot.clickOn(denied);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> panels.simulation().playback().trace().get() != null));
        assertThat(fx(() -> panels.simulation().playback().trace().get().disposition())).isEqualTo(Disposition.DENIED);
    }
}
