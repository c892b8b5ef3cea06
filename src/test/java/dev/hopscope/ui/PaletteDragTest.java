package dev.hopscope.ui;

import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Node;
import dev.hopscope.model.NodeKind;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Drags every kind from the palette onto the canvas with the mouse and checks the document. */
@ExtendWith(ApplicationExtension.class)
class PaletteDragTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void drag(FxRobot robot, String entry, double x, double y) {
        Point2D to = app.screen(x, y);
        robot.drag("#palette-" + entry, MouseButton.PRIMARY).dropTo(to);
        DesignerFixture.settle(robot);
    }

    private static <T extends Node> T only(Document d, Class<T> type) {
        assertThat(d.all(type)).as(type.getSimpleName()).hasSize(1);
        return d.all(type).get(0);
    }

    @Test void everyKindDraggedFromThePaletteLandsInTheModel(FxRobot robot) {
        app.empty(0.6);
        drag(robot, "host", 300, 200);
        Host host = only(app.state().current(), Host.class);
        Box hb = app.state().current().box(host.id()).orElseThrow();
        assertThat(hb.x()).isLessThan(300);
        assertThat(hb.x() + hb.w()).isGreaterThan(300);

        drag(robot, "docker0", hb.x() + hb.w() / 2, hb.y() + hb.h() - 40);
        Bridge docker0 = only(app.state().current(), Bridge.class);
        assertThat(docker0.host()).isEqualTo(host.id());
        assertThat(docker0.subnet()).isEqualTo("172.17.0.0/16");

        drag(robot, "container", hb.x() + 100, hb.y() + 90);
        Container c = only(app.state().current(), Container.class);
        assertThat(c.host()).isEqualTo(host.id());

        drag(robot, "user-bridge", hb.x() + hb.w() / 2, hb.y() + 150);
        assertThat(app.state().current().all(Bridge.class)).hasSize(2)
                .anyMatch(b -> b.bridgeKind() == Bridge.Kind.USER_DEFINED && b.host().equals(host.id()));

        drag(robot, "pod", hb.x() + 300, hb.y() + 90);
        Pod pod = only(app.state().current(), Pod.class);
        assertThat(pod.node()).isEqualTo(host.id());

        drag(robot, "k8s-node", 900, 200);
        Host node = app.state().current().all(Host.class).stream().filter(h -> h.role() == Host.Role.K8S_NODE).findFirst().orElseThrow();
        Box nb = app.state().current().box(node.id()).orElseThrow();
        drag(robot, "cni-bridge", nb.x() + nb.w() / 2, nb.y() + nb.h() - 40);
        assertThat(app.state().current().all(Bridge.class)).anyMatch(b -> b.bridgeKind() == Bridge.Kind.CNI && b.host().equals(node.id()));

        drag(robot, "service", 300, 420);
        only(app.state().current(), Service.class);
        drag(robot, "overlay", 500, 30);
        only(app.state().current(), Overlay.class);
        drag(robot, "underlay", 500, 520);
        only(app.state().current(), Underlay.class);
        drag(robot, "external", 1000, 520);
        External ext = only(app.state().current(), External.class);
        assertThat(ext.underlay()).as("a lone underlay is where a new external belongs").isNotNull();

        Document d = app.state().current();
        for (Node n : d.nodes()) assertThat(d.box(n.id())).as("box of " + n.id()).isPresent();
        assertThat(d.nodes()).extracting(Node::kind).contains(NodeKind.HOST, NodeKind.BRIDGE, NodeKind.CONTAINER, NodeKind.POD,
                NodeKind.SERVICE, NodeKind.OVERLAY, NodeKind.UNDERLAY, NodeKind.EXTERNAL);
        assertThat(app.state().undoDepth()).isEqualTo(11);
    }

    @Test void aContainerDroppedOutsideEveryHostIsRefusedWithAMessage(FxRobot robot) {
        app.empty();
        drag(robot, "container", 300, 200);
        assertThat(app.state().current().nodes()).isEmpty();
        assertThat(app.state().message().get()).contains("inside a host");
    }
}
