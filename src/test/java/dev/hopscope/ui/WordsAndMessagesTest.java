package dev.hopscope.ui;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.edit.Blueprint;
import dev.hopscope.model.edit.Creation;
import dev.hopscope.ui.flags.FindingsView;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, points 7 and 8: what the designer says. Default names read as names, the inspector
 * shows network names and the Edit menu does not repeat its hints, a new document opens at
 * 100 %, one list says what is wrong; long findings wrap, a broken intent has a fix line, and
 * a hover text is never wider than the screen.
 */
@ExtendWith(ApplicationExtension.class)
class WordsAndMessagesTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void analysed() throws Exception {
        var analysis = app.window.panels().analysis();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(() -> !analysis.running().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test void theWordsANewUserReads(FxRobot robot) throws Exception {
        fx(() -> app.commands().newDocument());
        assertThat(fx(() -> app.window.canvas().viewport().zoom())).as("a new document opens at 100 %").isEqualTo(1.0);
        fx(() -> {
            AppState s = app.state();
            s.apply(Creation.drop(s.current(), Blueprint.HOST, 250, 150));
            s.apply(Creation.drop(s.current(), Blueprint.DOCKER0, 250, 300));
            s.apply(Creation.drop(s.current(), Blueprint.CONTAINER, 200, 200));
        });
        Container c = app.state().current().all(Container.class).get(0);
        assertThat(c.name()).as("a container is named for a role it may play").isEqualTo("web");
        assertThat(app.state().current().all(dev.hopscope.model.Host.class).get(0).name()).isEqualTo("host-1");
        assertThat(app.state().undoText().get()).isEqualTo("Undo Add container web to host-1");

        // the networks field names the bridge as the user knows it, and its edit is named without the field's help
        fx(() -> app.state().apply(dev.hopscope.model.edit.Connections.connect(app.state().current(), "web", "host-1-docker0")));
        fx(() -> app.state().select(List.of("web")));
        TextInputControl networks = robot.lookup("#field-attachments").queryAs(TextInputControl.class);
        assertThat(networks.getText()).isEqualTo("docker0 172.17.0.2").doesNotContain("host-1-docker0");
        robot.clickOn(networks).press(KeyCode.CONTROL).type(KeyCode.END).release(KeyCode.CONTROL).write(" www");
        DesignerFixture.settle(robot);
        assertThat(app.state().current().get("web", Container.class).orElseThrow().attachments())
                .containsExactly(new Attachment("host-1-docker0", "172.17.0.2", List.of("www")));
        assertThat(app.state().undoText().get()).isEqualTo("Undo Edit networks of web");

        // one list tells what is wrong: a structural problem is in Findings, and no tab says "no problems"
        fx(() -> app.state().executeEdit("Break the subnet", d -> d.update("host-1-docker0", n -> ((Bridge) n).withSubnet("172.17.0.0/40"))));
        analysed();
        assertThat(fx(() -> app.window.bottomDock().getTabs().stream().map(Tab::getText).toList())).noneMatch(t -> t.startsWith("Problems"));
        List<FindingsView.Item> items = fx(() -> List.copyOf(app.window.panels().findings().getItems()));
        assertThat(items).anyMatch(i -> i.problem() != null && i.title().contains("host-1-docker0"));
        assertThat(fx(() -> app.window.panels().findings().getPlaceholder() instanceof Label l ? l.getText() : "")).doesNotContain("No problems");
    }

    @Test void longMessagesWrapABrokenIntentSaysHowToFixItAndTipsFitTheScreen(FxRobot robot) throws Exception {
        fx(() -> app.stage.setWidth(760));
        fx(() -> app.state().reset(Samples.open("default-bridge-dns.json"), null));
        fx(() -> app.state().executeEdit("Move app2 to docker0", d -> d.update("app2",
                n -> ((Container) n).withAttachments(List.of(Attachment.to("docker0"))))));
        analysed();
        fx(() -> app.window.panels().showFindings());
        WaitForAsyncUtils.waitForFxEvents();
        FindingsView list = app.window.panels().findings();
        FindingsView.Item broken = fx(() -> list.getItems().stream().filter(i -> i.intent() != null).findFirst().orElseThrow());
        assertThat(broken.detail()).contains("Fix: ").contains("user-defined network");

        // every shown row fits the list's width; the broken intent's words wrap onto several lines
        List<ListCell<?>> cells = new java.util.ArrayList<>();
        for (javafx.scene.Node n : robot.lookup("#findings .list-cell").queryAll())
            if (n instanceof ListCell<?> cell && cell.getItem() != null) cells.add(cell);
        assertThat(cells).isNotEmpty();
        double listWidth = fx(list::getWidth);
        for (ListCell<?> cell : cells) {
            javafx.geometry.Bounds row = fx(() -> cell.getGraphic().getBoundsInParent());
            assertThat(row.getMaxX()).as("row %s", cell.getItem()).isLessThanOrEqualTo(listWidth);
        }
        ListCell<?> brokenCell = cells.stream().filter(cell -> cell.getItem() == broken).findFirst().orElseThrow();
        Label detail = fx(() -> (Label) brokenCell.getGraphic().lookup(".finding-detail"));
        double lineHeight = fx(() -> detail.getFont().getSize() * 1.2);
        assertThat(fx(detail::getHeight)).as("the fix wraps instead of being cut off").isGreaterThan(2 * lineHeight);
        assertThat(fx(detail::isWrapText)).isTrue();

        // the source's hover text: the reason and the fix, wrapped no wider than the screen
        var view = app.window.canvas().view("app2").orElseThrow();
        assertThat(fx(view::tip)).contains("NAME_NOT_RESOLVED").contains("Fix:");
        fx(() -> app.window.canvas().fit());
        robot.moveTo(view).moveBy(4, 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> view.tooltip() != null && view.tooltip().isShowing()));
        Tooltip tip = view.tooltip();
        double screen = fx(() -> Screen.getPrimary().getVisualBounds().getWidth());
        assertThat(fx(tip::isWrapText)).isTrue();
        assertThat(fx(tip::getWidth)).isLessThanOrEqualTo(Math.min(screen, 520));
        assertThat(fx(tip::getHeight)).as("several lines, not one long one").isGreaterThan(3 * 14);
        app.snapshot(Path.of("target", "screens", "findings-wrapped.png"));
    }
}
