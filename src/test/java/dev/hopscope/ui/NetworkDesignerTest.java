package dev.hopscope.ui;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Link;
import dev.hopscope.model.Network;
import dev.hopscope.model.Pod;
import dev.hopscope.model.kinds.NetworkKind;
import dev.hopscope.model.kinds.NetworkKinds;
import dev.hopscope.ui.canvas.NetworkView;
import javafx.geometry.Point2D;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Networks of a registered kind in the designer, through the real scene: palette entries made
 * from the registry, dragged into a host (macvlan) or onto the canvas (Calico), containers and
 * pods connected to them with the handle, the inspector's generated fields with undo, and every
 * sample that has such a network opened with its bar or band and its lesson.
 */
@ExtendWith(ApplicationExtension.class)
class NetworkDesignerTest {
    @TempDir static java.nio.file.Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void drag(FxRobot robot, String entry, double x, double y) {
        robot.drag("#palette-" + entry, MouseButton.PRIMARY).dropTo(app.screen(x, y));
        DesignerFixture.settle(robot);
    }

    private void connect(FxRobot robot, String from, String to) {
        robot.moveTo(app.screenOf(from, 0.5, 0.5));
        robot.drag(app.screenOf(from, 1.0, 0.5), MouseButton.PRIMARY).dropTo(app.screenOf(to, 0.75, 0.5));
        DesignerFixture.settle(robot);
    }

    @Test void aMacvlanNetworkFromThePaletteTakesContainersAndItsShimIsSetAndUndoneInTheInspector(FxRobot robot) {
        // one entry per registered kind, titled as the kind is
        for (NetworkKind k : NetworkKinds.all())
            assertThat(robot.lookup("#palette-network-" + k.driver()).tryQuery()).as(k.driver()).isPresent();

        app.empty(0.8);
        drag(robot, "host", 300, 220);
        Host host = app.state().current().all(Host.class).get(0);
        Box hb = app.state().current().box(host.id()).orElseThrow();
        drag(robot, "network-macvlan", hb.x() + hb.w() / 2, hb.y() + hb.h() - 40);
        Network w = app.state().current().all(Network.class).get(0);
        assertThat(w.driver()).isEqualTo("macvlan");
        assertThat(w.host()).isEqualTo(host.id());
        String bar = w.id();
        assertThat(robot.lookup(DesignerFixture.view(bar)).queryAs(NetworkView.class).getStyleClass()).contains("network", "network-host");
        assertThat(DesignerFixture.words(robot, bar, "title")).isEqualTo(w.name() + " · macvlan on eth0");
        assertThat(DesignerFixture.words(robot, bar, "subtitle")).startsWith("192.168.50.0/24");

        drag(robot, "container", hb.x() + 100, hb.y() + 95);
        drag(robot, "container", hb.x() + 300, hb.y() + 95);
        List<Container> cs = app.state().current().all(Container.class);
        assertThat(cs).hasSize(2);
        connect(robot, cs.get(0).id(), w.id());
        connect(robot, cs.get(1).id(), w.id());
        Document d = app.state().current();
        // Docker's macvlan IPAM: the gateway .1 is the LAN's router, containers take .2 and .3
        assertThat(d.get(cs.get(0).id(), Container.class).orElseThrow().attachments())
                .containsExactly(new Attachment(w.id(), "192.168.50.2", List.of()));
        assertThat(d.get(cs.get(1).id(), Container.class).orElseThrow().attachments())
                .containsExactly(new Attachment(w.id(), "192.168.50.3", List.of()));
        assertThat(app.window.canvas().linkViews().values()).filteredOn(l -> l.link().target().equals(w.id()))
                .extracting(l -> l.link().kind()).containsExactly(Link.Kind.VETH, Link.Kind.VETH);
        // a container dropped from the palette onto the bar is attached at once, in the same step
        int before = app.state().undoDepth();
        Box barBox = app.state().current().box(w.id()).orElseThrow();
        drag(robot, "container", barBox.x() + barBox.w() * 0.8, barBox.y() + barBox.h() / 2);
        Container third = app.state().current().all(Container.class).get(2);
        assertThat(third.attachments()).containsExactly(new Attachment(w.id(), "192.168.50.4", List.of()));
        assertThat(app.state().undoDepth()).isEqualTo(before + 1);
        // dropped again, the same container is refused, and the status line says why
        connect(robot, cs.get(0).id(), w.id());
        assertThat(app.state().message().get()).isEqualTo(cs.get(0).name() + " is already on " + w.name());

        robot.clickOn(app.screenOf(w.id(), 0.9, 0.5));
        DesignerFixture.settle(robot);
        assertThat(app.state().selection()).containsExactly(w.id());
        // one field per option of the kind, of the option's type
        assertThat(robot.lookup("#field-parent").tryQuery()).containsInstanceOf(TextField.class);
        assertThat(robot.lookup("#field-mode").queryAs(ComboBox.class).getItems()).containsExactly("bridge", "private", "vepa", "passthru");
        int depth = app.state().undoDepth();

        TextField shim = robot.lookup("#field-shim").queryAs(TextField.class);
        DesignerFixture.fx(shim::requestFocus);   // the field may lie below the inspector's fold
        robot.write("192.168.50.");
        DesignerFixture.settle(robot);
        assertThat(shim.getPseudoClassStates()).extracting(Object::toString).contains("invalid");
        assertThat(robot.lookup(".field-error").queryAllAs(Label.class)).filteredOn(Label::isVisible).extracting(Label::getText)
                .containsExactly("'192.168.50.' is not an IPv4 address");
        robot.write("250");
        DesignerFixture.settle(robot);
        assertThat(app.state().current().get(w.id(), Network.class).orElseThrow().options()).containsEntry("shim", "192.168.50.250");
        assertThat(app.state().undoDepth()).as("typing in one field is one step").isEqualTo(depth + 1);
        assertThat(DesignerFixture.words(robot, bar, "subtitle")).contains("shim 192.168.50.250");

        robot.clickOn(app.screenOf(w.id(), 0.9, 0.5));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        DesignerFixture.settle(robot);
        assertThat(app.state().current().get(w.id(), Network.class).orElseThrow().options()).doesNotContainKey("shim");
        assertThat(DesignerFixture.words(robot, bar, "subtitle")).doesNotContain("shim");
        assertThat(robot.lookup("#field-shim").queryAs(TextField.class).getText()).isEmpty();

        // a choice back at its default leaves the file: the option is removed, not written out
        ComboBox<?> mode = robot.lookup("#field-mode").queryAs(ComboBox.class);
        DesignerFixture.fx(() -> ((ComboBox<String>) (ComboBox<?>) mode).setValue("private"));
        assertThat(app.state().current().get(w.id(), Network.class).orElseThrow().options()).containsEntry("mode", "private");
        assertThat(app.state().undoText().get()).contains("mode");
        DesignerFixture.fx(() -> ((ComboBox<String>) (ComboBox<?>) mode).setValue("bridge"));
        assertThat(app.state().current().get(w.id(), Network.class).orElseThrow().options()).doesNotContainKey("mode");
    }

    @Test void aCalicoNetworkIsABandOverTheNodesAndPodsConnectedToItTakeTheirNodesBlock(FxRobot robot) {
        app.empty(0.6);
        drag(robot, "k8s-node", 300, 260);
        drag(robot, "k8s-node", 850, 260);
        List<Host> nodes = app.state().current().all(Host.class);
        assertThat(nodes).hasSize(2);
        Box n2 = app.state().current().box(nodes.get(1).id()).orElseThrow();
        drag(robot, "pod", n2.x() + 100, n2.y() + 100);
        Pod pod = app.state().current().all(Pod.class).get(0);
        assertThat(pod.network()).as("no pod network yet").isNull();
        Box n1 = app.state().current().box(nodes.get(0).id()).orElseThrow();
        drag(robot, "container", n1.x() + 100, n1.y() + 100);
        Container c = app.state().current().all(Container.class).get(0);

        drag(robot, "network-calico", 575, 40);
        Network calico = app.state().current().all(Network.class).get(0);
        assertThat(calico.driver()).isEqualTo("calico");
        assertThat(calico.host()).isNull();
        String band = calico.id();
        assertThat(robot.lookup(DesignerFixture.view(band)).queryAs(NetworkView.class).getStyleClass()).contains("network-cluster");
        assertThat(DesignerFixture.words(robot, band, "title")).as("named after its driver, told once").isEqualTo("calico");
        assertThat(DesignerFixture.words(robot, band, "subtitle")).as("every setting at its default").isEqualTo("10.48.0.0/16");
        // membership: a link from each node the band spans
        assertThat(app.window.canvas().linkViews().values())
                .filteredOn(l -> l.link().target().equals(calico.id()) && l.link().kind() == Link.Kind.OVERLAY)
                .extracting(l -> l.link().source()).containsExactlyInAnyOrder(nodes.get(0).id(), nodes.get(1).id());
        assertThat(app.window.canvas().linkViews().values())
                .filteredOn(l -> l.link().target().equals(calico.id()) && l.link().kind() == Link.Kind.OVERLAY)
                .extracting(l -> l.labelText()).containsOnly("member");

        connect(robot, pod.id(), calico.id());
        Pod on = app.state().current().get(pod.id(), Pod.class).orElseThrow();
        assertThat(on.network()).isEqualTo(calico.id());
        assertThat(on.ip()).as("n2 owns 10.48.0.64/26, its tunnel .65").isEqualTo("10.48.0.66");
        assertThat(app.window.canvas().linkViews().values())
                .anyMatch(l -> l.link().source().equals(pod.id()) && l.link().target().equals(calico.id()));

        connect(robot, c.id(), calico.id());
        assertThat(app.state().message().get()).isEqualTo("containers cannot join " + calico.name() + ": a Calico takes pods");
        assertThat(app.state().current().get(c.id(), Container.class).orElseThrow().attachments()).isEmpty();

        robot.clickOn(app.screenOf(calico.id(), 0.95, 0.5));
        DesignerFixture.settle(robot);
        CheckBox nat = robot.lookup("#field-natOutgoing").queryAs(CheckBox.class);
        assertThat(nat.isSelected()).as("natOutgoing defaults to on").isTrue();
        DesignerFixture.fx(nat::requestFocus);
        robot.type(KeyCode.SPACE);
        DesignerFixture.settle(robot);
        assertThat(app.state().current().get(calico.id(), Network.class).orElseThrow().options()).containsEntry("natOutgoing", "false");
        assertThat(DesignerFixture.words(robot, band, "subtitle")).isEqualTo("10.48.0.0/16 · no natOutgoing");
    }

    @Test void everySampleWithANetworkOpensWithItsBarOrBandAndItsLesson(FxRobot robot) {
        int opened = 0;
        for (String name : app.commands().sampleNames()) {
            DesignerFixture.fx(() -> app.commands().openSample(name));
            DesignerFixture.settle(robot);
            Document doc = app.state().current();
            List<Network> networks = doc.all(Network.class);
            if (networks.isEmpty()) continue;
            opened++;
            assertThat(app.prompts.errors).as(name).isEmpty();
            for (Network w : networks) {
                NetworkView v = robot.lookup(DesignerFixture.view(w.id())).queryAs(NetworkView.class);
                assertThat(v.getStyleClass()).as(name).contains(w.host() != null ? "network-host" : "network-cluster");
                String title = DesignerFixture.words(robot, w.id(), "title");
                assertThat(title).as(name).startsWith(w.name().equals(w.driver()) ? w.name() : w.name() + " · " + w.driver());
                assertThat(DesignerFixture.words(robot, w.id(), "subtitle")).as(name).startsWith(w.subnet());
            }
            assertThat(doc.lesson()).as(name + " has a lesson").isNotNull();
            Label lesson = robot.lookup("#lesson-text").queryAs(Label.class);
            assertThat(lesson.getText()).as(name).isEqualTo(doc.lesson().text());
            assertThat(lesson.isVisible() && lesson.getScene() != null).as(name + ": the lesson shows").isTrue();
        }
        assertThat(opened).as("samples with a network: s13-macvlan, macvlan-shim, s14-calico, calico-vxlan at least").isGreaterThanOrEqualTo(4);
    }
}
