package dev.hopscope.ui;

import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import javafx.geometry.Point2D;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Twenty mixed edits made with mouse and keyboard, then undone and redone with the shortcuts. */
@ExtendWith(ApplicationExtension.class)
class UndoRedoTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private final List<Document> states = new ArrayList<>();

    private void step() {
        DesignerFixture.settle(null);
        Document now = app.state().current();
        if (states.isEmpty() || !states.get(states.size() - 1).equals(now)) states.add(now);
    }

    private void palette(FxRobot robot, String entry, double x, double y) {
        robot.drag("#palette-" + entry, MouseButton.PRIMARY).dropTo(app.screen(x, y));
        step();
    }

    private void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.drag(from, MouseButton.PRIMARY).dropTo(to);
        step();
    }

    private String newest(Class<? extends dev.hopscope.model.Node> type) {
        var all = app.state().current().all(type);
        return all.get(all.size() - 1).id();
    }

    @Test void undoingTwentyMixedEditsRestoresExactlyTheStartAndRedoRestoresTheEnd(FxRobot robot) {
        app.empty(0.7);
        step();
        Document start = app.state().current();
        palette(robot, "underlay", 500, 560);                     // 1
        palette(robot, "host", 250, 200);                         // 2 (joins the underlay)
        palette(robot, "host", 800, 200);                         // 3
        palette(robot, "docker0", 250, 300);                      // 4
        palette(robot, "user-bridge", 800, 300);                  // 5
        palette(robot, "container", 150, 240);                    // 6
        String c1 = newest(Container.class);
        palette(robot, "container", 330, 240);                    // 7
        String c2 = newest(Container.class);
        palette(robot, "overlay", 500, 20);                       // 8
        robot.clickOn(app.screenOf(c1, 0.5, 0.2));
        drag(robot, app.screenOf(c1, 1.0, 0.5), app.screenOf("host-1-docker0", 0.2, 0.5));   // 9 veth
        robot.clickOn(app.screenOf(c2, 0.5, 0.2));
        drag(robot, app.screenOf(c2, 1.0, 0.5), app.screenOf("ov1", 0.5, 0.5));        // 10 overlay
        drag(robot, app.screenOf("host-2", 0.8, 0.06), app.screenOf("host-2", 0.8, 0.06).add(40, 30)); // 11 move
        robot.clickOn(app.screenOf(c1, 0.5, 0.2));
        robot.type(KeyCode.LEFT, 2);                              // 12 (two nudges, one step)
        step();
        TextInputControl name = robot.lookup("#field-name").queryAs(TextInputControl.class);
        robot.clickOn(name).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("frontend"); // 13 one step for the word
        step();
        TextInputControl ports = robot.lookup("#field-ports").queryAs(TextInputControl.class);
        robot.clickOn(ports).write("8080:80/tcp");                // 14
        step();
        TextInputControl sockets = robot.lookup("#field-sockets").queryAs(TextInputControl.class);
        robot.clickOn(sockets).write("80/tcp");                   // 15
        step();
        robot.clickOn(app.screenOf(c1, 0.5, 0.2));
        robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);   // 16 duplicate
        step();
        robot.type(KeyCode.DELETE);                               // 17 delete the duplicate
        step();
        robot.clickOn(app.screenOf(c2, 0.5, 0.2));
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL); // 18 paste
        step();
        Point2D grip = app.screenOf("host-1", 1.0, 1.0).add(-3, -3);
        drag(robot, grip, grip.add(60, 40));                       // 19 resize
        robot.clickOn(app.screenOf("host-2", 0.8, 0.06));
        robot.type(KeyCode.DELETE);                               // 20 delete a host with its bridge
        step();

        Document end = app.state().current();
        assertThat(states).hasSizeGreaterThanOrEqualTo(21);
        assertThat(app.state().undoDepth()).isEqualTo(20);
        assertThat(end.get(c1, Container.class).orElseThrow().name()).isEqualTo("frontend");
        assertThat(robot.lookup("#menu-bar").tryQuery()).isPresent();

        robot.clickOn(app.screen(600, 700)); // focus the canvas, away from any field
        for (int i = 0; i < 20; i++) {
            assertThat(app.state().current()).isEqualTo(states.get(states.size() - 1 - i));
            robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
            DesignerFixture.settle(robot);
        }
        assertThat(app.state().current()).isEqualTo(start);
        assertThat(app.state().canUndo().get()).isFalse();
        for (int i = 0; i < 10; i++) robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        for (int i = 0; i < 10; i++) robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(app.state().current()).isEqualTo(end);
        assertThat(app.state().canRedo().get()).isFalse();
    }
}
