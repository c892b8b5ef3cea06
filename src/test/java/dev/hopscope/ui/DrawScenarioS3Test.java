package dev.hopscope.ui;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Disposition;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance: scenario S3 (two hosts, a VXLAN overlay with VNI 42, a on h1 and b on
 * h2) drawn on an empty canvas with the mouse, then saved, every step undone and redone, and
 * reopened. The engine confirms the drawing means what S3 means.
 */
@ExtendWith(ApplicationExtension.class)
class DrawScenarioS3Test {
    @TempDir Path home;
    @TempDir Path work;
    DesignerFixture app;
    Stage stage;

    @Start void start(Stage stage) {
        this.stage = stage;
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void palette(FxRobot robot, String entry, double x, double y) {
        robot.drag("#palette-" + entry, MouseButton.PRIMARY).dropTo(app.screen(x, y));
        DesignerFixture.settle(robot);
    }

    private void connect(FxRobot robot, String from, String to, double tx) {
        robot.clickOn(app.screenOf(from, 0.5, 0.2));
        Point2D handle = app.screenOf(from, 1.0, 0.5);
        robot.drag(handle, MouseButton.PRIMARY).dropTo(app.screenOf(to, tx, 0.5));
        DesignerFixture.settle(robot);
    }

    private void type(FxRobot robot, String key, String text) {
        TextInputControl f = robot.lookup("#field-" + key).queryAs(TextInputControl.class);
        robot.clickOn(f).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE).write(text);
        DesignerFixture.settle(robot);
    }

    @Test void s3IsDrawnWithTheMouseSavedUndoneRedoneAndReopened(FxRobot robot) {
        app.empty(0.7);
        Document empty = app.state().current();
        palette(robot, "underlay", 450, 520);
        palette(robot, "host", 220, 260);
        palette(robot, "host", 700, 260);
        palette(robot, "overlay", 450, 40);
        palette(robot, "container", 150, 300);
        palette(robot, "container", 620, 300);
        connect(robot, "web", "ov1", 0.2);
        connect(robot, "api", "ov1", 0.8);
        robot.clickOn(app.screenOf("web", 0.5, 0.2));
        type(robot, "name", "a");
        type(robot, "sockets", "80/tcp");
        robot.clickOn(app.screenOf("api", 0.5, 0.2));
        type(robot, "name", "b");
        type(robot, "sockets", "80/tcp");
        connect(robot, "web", "api", 0.5);     // an expected flow a → b

        Document drawn = app.state().current();
        assertThat(drawn.all(Host.class)).extracting(Host::address).containsExactly("192.168.50.11/24", "192.168.50.12/24");
        Overlay ov = drawn.all(Overlay.class).get(0);
        assertThat(ov.vni()).isEqualTo(42);
        assertThat(ov.subnet()).isEqualTo("10.0.9.0/24");
        assertThat(ov.members()).extracting(Overlay.Member::host).containsExactly("host-1", "host-2");
        Container a = drawn.get("web", Container.class).orElseThrow();
        Container b = drawn.get("api", Container.class).orElseThrow();
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.attachments()).containsExactly(new Attachment(ov.id(), "10.0.9.2", List.of()));
        assertThat(b.attachments()).containsExactly(new Attachment(ov.id(), "10.0.9.3", List.of()));
        Intent flow = drawn.all(Intent.class).get(0);
        assertThat(flow.from()).isEqualTo("web");
        assertThat(flow.to()).isEqualTo("api");

        // the engine reads the drawing as S3: VXLAN delivers, a full-size ping does not fit
        Network net = Network.compile(drawn);
        assertThat(net.trace("a", "10.0.9.3", Probe.icmp()).disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(net.trace("a", "10.0.9.3", Probe.tcp(80)).disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(net.trace("a", "10.0.9.3", Probe.parse("icmp/1472")).disposition()).isEqualTo(Disposition.MTU_EXCEEDED);

        Path file = work.resolve("s3.hopscope");
        app.prompts.files.add(file);
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(DocumentCodec.load(file)).isEqualTo(drawn);

        robot.clickOn(app.screen(450, 700));
        int steps = app.state().undoDepth();
        for (int i = 0; i < steps; i++) robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(app.state().current()).isEqualTo(empty);
        for (int i = 0; i < steps; i++) robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(app.state().current()).isEqualTo(drawn);
        assertThat(app.state().dirty().get()).isFalse();

        DesignerFixture.fx(() -> app.commands().newDocument());
        app.prompts.files.add(file);
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(app.state().current()).isEqualTo(drawn);
        assertThat(stage.getTitle()).isEqualTo("s3.hopscope — Hopscope");
    }
}
