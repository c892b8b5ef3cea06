package dev.hopscope.ui;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.edit.Blueprint;
import dev.hopscope.model.edit.Creation;
import javafx.css.PseudoClass;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
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

/** Typing in the inspector: valid text is applied as one step, invalid text is marked and not applied. */
@ExtendWith(ApplicationExtension.class)
class InspectorTest {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void setUp() {
        app.empty(0.8);
        DesignerFixture.fx(() -> {
            AppState s = app.state();
            s.apply(Creation.drop(s.current(), Blueprint.HOST, 250, 200));
            s.apply(Creation.drop(s.current(), Blueprint.DOCKER0, 250, 300));
            s.apply(Creation.drop(s.current(), Blueprint.CONTAINER, 200, 300));
            s.apply(Creation.drop(s.current(), Blueprint.OVERLAY, 250, 30));
        });
    }

    private TextInputControl field(FxRobot robot, String key) {
        return robot.lookup("#field-" + key).queryAs(TextInputControl.class);
    }

    private void retype(FxRobot robot, String key, String text) {
        TextInputControl f = field(robot, key);
        robot.clickOn(f).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) robot.write(text);
        DesignerFixture.settle(robot);
    }

    private void select(String id) {
        DesignerFixture.fx(() -> app.state().select(List.of(id)));
    }

    @Test void aBadSubnetIsMarkedAndNotAppliedAGoodOneIsOneStep(FxRobot robot) {
        setUp();
        select("host-1-docker0");
        int depth = app.state().undoDepth();
        retype(robot, "subnet", "172.30.0.0/33");
        assertThat(field(robot, "subnet").getPseudoClassStates()).contains(INVALID);
        assertThat(robot.lookup(".field-error").match(javafx.scene.Node::isVisible).queryAs(Label.class).getText()).contains("prefix");
        // each valid prefix of what was typed was applied live; the invalid text never is
        String kept = app.state().current().get("host-1-docker0", Bridge.class).orElseThrow().subnet();
        assertThat(kept).isNotEqualTo("172.30.0.0/33");
        assertThat(dev.hopscope.model.Cidr.isValid(kept)).isTrue();
        retype(robot, "subnet", "172.30.0.0/16");
        assertThat(field(robot, "subnet").getPseudoClassStates()).doesNotContain(INVALID);
        assertThat(app.state().current().get("host-1-docker0", Bridge.class).orElseThrow().subnet()).isEqualTo("172.30.0.0/16");
        assertThat(app.state().undoDepth()).isEqualTo(depth + 1);
        DesignerFixture.fx(() -> app.state().undo());
        assertThat(app.state().current().get("host-1-docker0", Bridge.class).orElseThrow().subnet()).isEqualTo("172.17.0.0/16");
        DesignerFixture.fx(() -> app.state().redo());
        // the bridge bar on the canvas shows the new subnet at once
        assertThat(DesignerFixture.words(robot, "host-1-docker0", "subtitle")).startsWith("172.30.0.0/16");
    }

    @Test void portsSocketsAndAttachmentsParseAsTyped(FxRobot robot) {
        setUp();
        select("web");
        retype(robot, "ports", "8080:80x");
        assertThat(field(robot, "ports").getPseudoClassStates()).contains(INVALID);
        retype(robot, "ports", "8080:80/tcp, 127.0.0.1:5353:53/udp");
        Container c = app.state().current().get("web", Container.class).orElseThrow();
        assertThat(c.ports()).containsExactly(PublishedPort.tcp(8080, 80), new PublishedPort("127.0.0.1", 5353, 53, dev.hopscope.model.Proto.UDP));
        retype(robot, "sockets", "80/tcp, 127.0.0.1:2368");
        c = app.state().current().get("web", Container.class).orElseThrow();
        assertThat(c.sockets()).hasSize(2);
        assertThat(c.sockets().get(1).loopbackOnly()).isTrue();
        retype(robot, "attachments", "nowhere 10.0.0.2");
        assertThat(field(robot, "attachments").getPseudoClassStates()).contains(INVALID);
        retype(robot, "attachments", "docker0 172.17.0.9 web www\nov1");
        c = app.state().current().get("web", Container.class).orElseThrow();
        assertThat(c.attachments()).hasSize(2);
        assertThat(c.attachments().get(0).ip()).isEqualTo("172.17.0.9");
        assertThat(c.attachments().get(0).aliases()).containsExactly("web", "www");
        assertThat(c.attachments().get(1).network()).isEqualTo("ov1");
    }

    @Test void overlayAndBridgeSwitchesAndChoicesAreEdits(FxRobot robot) {
        setUp();
        select("ov1");
        retype(robot, "vni", "0");
        assertThat(field(robot, "vni").getPseudoClassStates()).contains(INVALID);
        retype(robot, "vni", "4097");
        robot.clickOn(robot.lookup("#field-encrypted").queryAs(CheckBox.class));
        DesignerFixture.fx(() -> {
            @SuppressWarnings("unchecked") ComboBox<Overlay.Driver> driver = robot.lookup("#field-driver").queryAs(ComboBox.class);
            driver.setValue(Overlay.Driver.FLANNEL_VXLAN);
        });
        Overlay o = app.state().current().get("ov1", Overlay.class).orElseThrow();
        assertThat(o.vni()).isEqualTo(4097);
        assertThat(o.encrypted()).isTrue();
        assertThat(o.driver()).isEqualTo(Overlay.Driver.FLANNEL_VXLAN);
        assertThat(app.state().undoText().get()).contains("driver");

        select("host-1-docker0");
        robot.clickOn(robot.lookup("#field-masquerade").queryAs(CheckBox.class));
        assertThat(app.state().current().get("host-1-docker0", Bridge.class).orElseThrow().masquerade()).isFalse();
        // undo brings the checkbox back with the document
        DesignerFixture.fx(() -> app.state().undo());
        assertThat(robot.lookup("#field-masquerade").queryAs(CheckBox.class).isSelected()).isTrue();
    }

    @Test void undoUpdatesAFieldTheUserIsNotTypingIn(FxRobot robot) {
        setUp();
        select("host-1");
        retype(robot, "name", "edge");
        assertThat(app.state().current().node("host-1").orElseThrow().name()).isEqualTo("edge");
        robot.clickOn(app.screen(700, 500));
        DesignerFixture.fx(() -> app.state().select(List.of("host-1")));
        DesignerFixture.fx(() -> app.state().undo());
        Document d = app.state().current();
        assertThat(d.node("host-1").orElseThrow().name()).isEqualTo("host-1");
        assertThat(field(robot, "name").getText()).isEqualTo("host-1");
    }
}
