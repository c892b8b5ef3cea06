package dev.hopscope.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void opensWithTheStartDocumentDrawnAndEverySeamInPlace(FxRobot robot) {
        DesignerFixture.settle(robot);
        assertThat(app.state().current().nodes()).isNotEmpty();
        assertThat(robot.lookup(DesignerFixture.view("frontend")).tryQuery()).isPresent();
        assertThat(app.window.canvas().nodeBounds("frontend")).isPresent();
        assertThat(app.stage.getTitle()).isEqualTo(app.state().current().name() + " — Hopscope");
        assertThat(app.window.bottomDock().getTabs()).isNotEmpty();
        assertThat(app.window.canvas().overlayLayer()).isNotNull();
        assertThat(app.stage.getTitle()).contains("Hopscope").doesNotContain("•");
        app.snapshot(Path.of("target", "screens", "main-window.png"));
        assertThat(Files.exists(Path.of("target", "screens", "main-window.png"))).isTrue();
    }
}
