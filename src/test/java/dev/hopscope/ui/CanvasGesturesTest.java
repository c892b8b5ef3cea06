package dev.hopscope.ui;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Link;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.model.edit.Creation;
import dev.hopscope.model.edit.Blueprint;
import javafx.geometry.Point2D;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Nesting, moving, connecting and selecting with the mouse on the real canvas. */
@ExtendWith(ApplicationExtension.class)
class CanvasGesturesTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    /** Two Docker hosts side by side, each with its docker0. */
    private void twoHosts() {
        app.empty(0.8);
        DesignerFixture.fx(() -> {
            AppState s = app.state();
            s.apply(Creation.drop(s.current(), Blueprint.HOST, 250, 200));
            s.apply(Creation.drop(s.current(), Blueprint.HOST, 750, 200));
            s.apply(Creation.drop(s.current(), Blueprint.DOCKER0, 250, 300));
            s.apply(Creation.drop(s.current(), Blueprint.DOCKER0, 750, 300));
        });
    }

    private void dragFromPalette(FxRobot robot, String entry, double x, double y) {
        robot.drag("#palette-" + entry, MouseButton.PRIMARY).dropTo(app.screen(x, y));
        DesignerFixture.settle(robot);
    }

    private void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.drag(from, MouseButton.PRIMARY).dropTo(to);
        DesignerFixture.settle(robot);
    }

    @Test void aContainerDroppedOnAHostNestsThereAndMovesWithIt(FxRobot robot) {
        twoHosts();
        dragFromPalette(robot, "container", 200, 240);
        Container c = app.state().current().all(Container.class).get(0);
        assertThat(c.host()).isEqualTo("host-1");
        Box cardBefore = app.state().current().box(c.id()).orElseThrow();
        Box hostBefore = app.state().current().box("host-1").orElseThrow();

        // grab the host by its header and move it down and right
        Point2D header = app.screenOf("host-1", 0.8, 0.06);
        drag(robot, header, header.add(80, 64));
        Box hostAfter = app.state().current().box("host-1").orElseThrow();
        Box cardAfter = app.state().current().box(c.id()).orElseThrow();
        double dx = hostAfter.x() - hostBefore.x();
        double dy = hostAfter.y() - hostBefore.y();
        assertThat(dx).isNotZero();
        assertThat(dy).isNotZero();
        assertThat(cardAfter).isEqualTo(cardBefore.moved(dx, dy));
        assertThat(app.state().current().box("host-1-docker0").orElseThrow().x()).isEqualTo(hostAfter.x() + 20);
        assertThat(app.state().undoText().get()).isEqualTo("Undo Move host-1");

        // one undo step puts host and card back together
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(app.state().current().box(c.id()).orElseThrow()).isEqualTo(cardBefore);
        assertThat(app.state().current().box("host-1").orElseThrow()).isEqualTo(hostBefore);
    }

    @Test void draggingACardIntoAnotherHostMovesItThere(FxRobot robot) {
        twoHosts();
        dragFromPalette(robot, "container", 200, 240);
        String id = app.state().current().all(Container.class).get(0).id();
        Point2D card = app.screenOf(id, 0.5, 0.2);
        Box other = app.state().current().box("host-2").orElseThrow();
        drag(robot, card, app.screen(other.x() + 120, other.y() + 100));
        Container moved = app.state().current().get(id, Container.class).orElseThrow();
        assertThat(moved.host()).isEqualTo("host-2");
        assertThat(app.state().undoText().get()).contains("into host-2");
    }

    @Test void connectingAContainerToABridgeMakesAVethWithAnAllocatedAddress(FxRobot robot) {
        twoHosts();
        dragFromPalette(robot, "container", 200, 240);
        String id = app.state().current().all(Container.class).get(0).id();
        DesignerFixture.fx(() -> app.state().select(List.of(id)));
        Point2D handle = app.screenOf(id, 1.0, 0.5);
        drag(robot, handle, app.screenOf("host-1-docker0", 0.3, 0.5));
        Document d = app.state().current();
        Container c = d.get(id, Container.class).orElseThrow();
        assertThat(c.attachments()).containsExactly(new Attachment("host-1-docker0", "172.17.0.2", List.of()));
        assertThat(TopologyGraph.of(d).edgeSet()).contains(new Link(Link.Kind.VETH, id, "host-1-docker0", "host-1-docker0"));
        assertThat(app.window.canvas().linkViews()).containsKey(new Link(Link.Kind.VETH, id, "host-1-docker0", "host-1-docker0").id());
        assertThat(robot.lookup(DesignerFixture.view(id)).queryAs(javafx.scene.Node.class).lookup(".title")).isNotNull();
    }

    @Test void anImpossibleLinkIsRefusedWithTheReason(FxRobot robot) {
        twoHosts();
        dragFromPalette(robot, "container", 200, 240);
        String id = app.state().current().all(Container.class).get(0).id();
        DesignerFixture.fx(() -> app.state().select(List.of(id)));
        Document before = app.state().current();
        drag(robot, app.screenOf(id, 1.0, 0.5), app.screenOf("host-2-docker0", 0.5, 0.5));
        assertThat(app.state().current()).isEqualTo(before);
        assertThat(robot.lookup("#status").queryLabeled().getText()).contains("never leaves its host");
    }

    @Test void clickShiftClickAndRubberBandSelect(FxRobot robot) {
        twoHosts();
        robot.clickOn(app.screenOf("host-1", 0.8, 0.06));
        assertThat(app.state().selection()).containsExactly("host-1");
        robot.press(KeyCode.SHIFT).clickOn(app.screenOf("host-2", 0.8, 0.06)).release(KeyCode.SHIFT);
        assertThat(app.state().selection()).containsExactlyInAnyOrder("host-1", "host-2");
        // a band around host-2 only: empty canvas to below-right of it
        Box h2 = app.state().current().box("host-2").orElseThrow();
        drag(robot, app.screen(h2.x() - 20, h2.y() - 20), app.screen(h2.x() + h2.w() + 20, h2.y() + h2.h() + 20));
        assertThat(app.state().selection()).containsExactlyInAnyOrder("host-2", "host-2-docker0");
        robot.type(KeyCode.DELETE);
        DesignerFixture.settle(robot);
        assertThat(app.state().current().all(Host.class)).extracting(Host::id).containsExactly("host-1");
        assertThat(app.state().current().all(Bridge.class)).extracting(Bridge::id).containsExactly("host-1-docker0");
    }

    @Test void arrowKeysNudgeAndARunOfNudgesIsOneUndoStep(FxRobot robot) {
        twoHosts();
        robot.clickOn(app.screenOf("host-1", 0.8, 0.06));
        Box before = app.state().current().box("host-1").orElseThrow();
        int depth = app.state().undoDepth();
        robot.type(KeyCode.RIGHT, 3).type(KeyCode.DOWN);
        DesignerFixture.settle(robot);
        assertThat(app.state().current().box("host-1").orElseThrow()).isEqualTo(before.moved(30, 10));
        assertThat(app.state().undoDepth()).isEqualTo(depth + 1);
    }
}
