package dev.hopscope.ui;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.model.edit.Blueprint;
import dev.hopscope.model.edit.Creation;
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
import java.util.ArrayList;
import java.util.List;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, points 1 and 3, with the mouse: a card dropped on a bar is re-attached there in one
 * undoable step (or refused with the reason), and new nodes land in free space, the host growing
 * when it is full.
 */
@ExtendWith(ApplicationExtension.class)
class DropAndPlaceTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.drag(from, MouseButton.PRIMARY).dropTo(to);
        DesignerFixture.settle(robot);
    }

    private void palette(FxRobot robot, String entry, double x, double y) {
        robot.drag("#palette-" + entry, MouseButton.PRIMARY).dropTo(app.screen(x, y));
        DesignerFixture.settle(robot);
    }

    private Container container(String id) { return app.state().current().get(id, Container.class).orElseThrow(); }

    /** host-1 with docker0 and br-net (172.18.0.0/16), web and api on docker0; host-2 with its own docker0; the LAN. */
    private void twoBridges() {
        app.empty(0.7);
        fx(() -> {
            AppState s = app.state();
            s.apply(Creation.drop(s.current(), Blueprint.UNDERLAY, 500, 700));
            s.apply(Creation.drop(s.current(), Blueprint.HOST, 300, 100));
            s.apply(Creation.drop(s.current(), Blueprint.HOST, 1000, 100));
            Box h1 = s.current().box("host-1").orElseThrow();
            s.apply(Creation.drop(s.current(), Blueprint.DOCKER0, h1.x() + 100, h1.y() + 60));
            s.apply(Creation.drop(s.current(), Blueprint.USER_BRIDGE, h1.x() + 100, h1.y() + 200));
            Box d0 = s.current().box("host-1-docker0").orElseThrow();
            s.apply(Creation.drop(s.current(), Blueprint.CONTAINER, d0.x() + 60, d0.y() + 10));
            s.apply(Creation.drop(s.current(), Blueprint.CONTAINER, d0.x() + 260, d0.y() + 10));
            Box h2 = s.current().box("host-2").orElseThrow();
            s.apply(Creation.drop(s.current(), Blueprint.DOCKER0, h2.x() + 100, h2.y() + 60));
        });
    }

    @Test void aCardDroppedOnABarIsReattachedThereInOneStepOrRefusedWithTheReason(FxRobot robot) {
        twoBridges();
        assertThat(container("web").attachments()).containsExactly(new Attachment("host-1-docker0", "172.17.0.2", List.of()));
        assertThat(container("api").attachments()).containsExactly(new Attachment("host-1-docker0", "172.17.0.3", List.of()));
        String net = app.state().current().all(Bridge.class).stream().filter(b -> b.bridgeKind() == Bridge.Kind.USER_DEFINED)
                .findFirst().orElseThrow().id();
        assertThat(app.state().current().get(net, Bridge.class).orElseThrow().subnet()).isEqualTo("172.18.0.0/16");
        Document before = app.state().current();
        int depth = app.state().undoDepth();

        // web onto br-net: a new veth with br-net's first free address (.1 is the gateway), docker0's veth gone, one step
        drag(robot, app.screenOf("web", 0.5, 0.3), app.screenOf(net, 0.3, 0.5));
        assertThat(container("web").attachments()).containsExactly(new Attachment(net, "172.18.0.2", List.of()));
        assertThat(app.state().undoDepth()).isEqualTo(depth + 1);
        assertThat(app.state().undoText().get()).isEqualTo("Undo Move web onto br-net (veth, 172.18.0.2)");
        Box card = app.box("web"), bar = app.box(net);
        assertThat(intersects(card, bar)).as("the card does not cover the bar it plugs into").isFalse();
        boolean under = card.y() >= bar.y() + bar.h() && card.y() <= bar.y() + bar.h() + 40;
        boolean over = card.y() + card.h() <= bar.y() && card.y() + card.h() >= bar.y() - 40;
        assertThat(under || over).as("it sits right under or over the bar: %s, bar %s", card, bar).isTrue();
        assertThat(app.window.canvas().linkViews()).containsKey("veth:web->" + net + "@" + net)
                .doesNotContainKey("veth:web->host-1-docker0@host-1-docker0");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(app.state().current()).isEqualTo(before);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);

        // api onto host-2's docker0: it moves into host-2 with a veth there
        drag(robot, app.screenOf("api", 0.5, 0.3), app.screenOf("host-2-docker0", 0.5, 0.5));
        assertThat(container("api").host()).isEqualTo("host-2");
        assertThat(container("api").attachments()).containsExactly(new Attachment("host-2-docker0", "172.17.0.2", List.of()));
        assertThat(app.state().undoText().get()).isEqualTo("Undo Move api into host-2, onto docker0 (veth, 172.17.0.2)");

        // impossible drops change nothing and say why
        Document now = app.state().current();
        Box webBox = app.box("web");
        drag(robot, app.screenOf("web", 0.5, 0.3), app.screenOf("lan", 0.5, 0.5));
        assertThat(app.state().current()).isEqualTo(now);
        assertThat(app.state().message().get()).contains("cannot plug into the underlay lan");
        assertThat(app.box("web")).as("the card is back where it was").isEqualTo(webBox);
        fx(() -> app.state().executeEdit("Host mode", d -> d.update("web", n -> ((Container) n).withMode(Container.Mode.HOST, null))));
        now = app.state().current();
        drag(robot, app.screenOf("web", 0.5, 0.3), app.screenOf("host-1-docker0", 0.5, 0.5));
        assertThat(app.state().current()).isEqualTo(now);
        assertThat(app.state().message().get()).contains("web uses host network mode").contains("no veth");
    }

    @Test void newNodesLandInFreeSpaceAndAFullHostGrows(FxRobot robot) {
        app.empty(0.7);
        palette(robot, "host", 300, 160);
        Box host = app.box("host-1");
        palette(robot, "docker0", host.x() + 200, host.y() + 70);
        // a second bridge dropped right on the first: it takes the free strip nearest, never the first's place
        Box d0 = app.box("host-1-docker0");
        palette(robot, "user-bridge", d0.x() + 100, d0.y() + d0.h() / 2);
        Document d = app.state().current();
        String net = d.all(Bridge.class).stream().filter(b -> b.bridgeKind() == Bridge.Kind.USER_DEFINED).findFirst().orElseThrow().id();
        assertThat(intersects(app.box(net), app.box("host-1-docker0"))).isFalse();

        // cards dropped on docker0's bar hang under it, never over the bar's name, and never on one another
        for (int i = 0; i < 5; i++) {
            Box bar = app.box("host-1-docker0");
            palette(robot, "container", bar.x() + 60, bar.y() + bar.h() / 2);
        }
        d = app.state().current();
        List<String> cards = d.all(Container.class).stream().map(Node::id).toList();
        assertThat(cards).hasSize(5);
        Box grown = app.box("host-1");
        assertThat(grown.h() * grown.w()).as("the host grew to hold them").isGreaterThan(host.h() * host.w());
        List<String> children = new ArrayList<>(cards);
        children.add("host-1-docker0");
        children.add(net);
        for (int i = 0; i < children.size(); i++) {
            Box b = app.box(children.get(i));
            assertThat(inside(b, grown)).as(children.get(i) + " inside its host").isTrue();
            for (int j = i + 1; j < children.size(); j++)
                assertThat(intersects(b, app.box(children.get(j)))).as(children.get(i) + " / " + children.get(j)).isFalse();
        }
        for (String c : cards) assertThat(container(c).attachments()).extracting(Attachment::network).containsExactly("host-1-docker0");
        app.snapshot(Path.of("target", "screens", "placed-cards.png"));
    }

    static boolean intersects(Box x, Box y) {
        return x.x() < y.x() + y.w() && y.x() < x.x() + x.w() && x.y() < y.y() + y.h() && y.y() < x.y() + x.h();
    }

    static boolean inside(Box b, Box host) {
        return b.x() >= host.x() && b.y() >= host.y() && b.x() + b.w() <= host.x() + host.w() && b.y() + b.h() <= host.y() + host.h();
    }
}
