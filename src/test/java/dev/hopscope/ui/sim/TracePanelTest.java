package dev.hopscope.ui.sim;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Container;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.ui.DesignerFixture;
import javafx.geometry.Bounds;
import javafx.scene.control.TableRow;
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
 * Issue 12 points 5 and 9 and the event filters, through the real scene: the panel never shows a
 * stale trace, numbering runs on into the reply, the list shows a useful number of rows, the
 * glyph stands beside a bridge's name, and a protocol filter hides its events from the list and
 * from stepping.
 */
@ExtendWith(ApplicationExtension.class)
class TracePanelTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private SimulationPanel panel() { return app.window.panels().simulation(); }

    private void open(String sample) {
        fx(() -> app.state().reset(Samples.open(sample), null));
        fx(() -> app.window.canvas().fit());
    }

    private String verdict(FxRobot robot) { return robot.lookup("#sim-verdict").queryLabeled().getText(); }

    private void waitForVerdict(FxRobot robot, String prefix) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(() -> verdict(robot).startsWith(prefix)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test void theTraceIsNeverStaleAfterTraceAgainAnEditUndoOrNew(FxRobot robot) throws Exception {
        open("welcome.json");
        fx(() -> panel().setFlow("frontend", "backend", Probe.tcp(8000)));
        robot.clickOn("#sim-trace");
        waitForVerdict(robot, "DELIVERED");
        // pressing Trace again with nothing changed answers again (it used to stay "tracing…")
        robot.clickOn("#sim-trace");
        waitForVerdict(robot, "DELIVERED");
        fx(() -> panel().playback().jump(3));
        String glowing = fx(() -> panel().playback().currentStep().hop().node());
        assertThat(nodeClasses(glowing)).contains("hop-active");

        // an edit: backend leaves the front network, so frontend cannot resolve it any more
        // (checked in the same pulse as the edit: the new trace follows 150 ms later)
        List<String> atOnce = fx(() -> {
            app.state().executeEdit("Move backend", d -> d.update("backend",
                    n -> ((Container) n).withAttachments(List.of(Attachment.to("backend-net")))));
            return List.of(String.valueOf(panel().playback().steps().isEmpty()),
                    app.window.canvas().view(glowing).orElseThrow().getPseudoClassStates().toString(), verdict(robot));
        });
        assertThat(atOnce.get(0)).as("the old event list goes at once").isEqualTo("true");
        assertThat(atOnce.get(1)).doesNotContain("hop-active");
        assertThat(atOnce.get(2)).startsWith("The drawing changed");
        waitForVerdict(robot, Disposition.NAME_NOT_RESOLVED.name());
        assertThat(fx(() -> panel().playback().trace().get().disposition())).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        // moving a node changes no packet's way: the trace stays
        int before = fx(() -> panel().playback().steps().size());
        fx(() -> app.state().executeEdit("Nudge", d -> d.withBox("db", d.box("db").orElseThrow().moved(5, 0))));
        assertThat(fx(() -> panel().playback().steps().size())).isEqualTo(before);
        robot.clickOn("#tool-undo");
        robot.clickOn("#tool-undo");
        waitForVerdict(robot, "DELIVERED");

        // Expect flow takes a port the destination listens on, not the panel's 8000
        robot.clickOn("#intent-tool");
        robot.clickOn(dev.hopscope.ui.DesignerFixture.view("frontend"));
        robot.clickOn(dev.hopscope.ui.DesignerFixture.view("db"));
        WaitForAsyncUtils.waitForFxEvents();
        List<Intent> intents = fx(() -> app.state().current().all(Intent.class));
        assertThat(intents.get(intents.size() - 1).probe()).isEqualTo(Probe.tcp(5432));
        robot.clickOn("#tool-undo");

        // File › New (the command the menu item runs): nothing of the old document stays
        fx(() -> app.window.commands().newDocument());
        assertThat(fx(() -> app.state().current().nodes())).isEmpty();
        assertThat(fx(() -> panel().playback().steps().isEmpty())).isTrue();
        assertThat(fx(() -> panel().player().glyph().isVisible())).isFalse();
        assertThat(robot.lookup("#sim-source").queryComboBox().getValue()).isNull();
        assertThat(robot.lookup("#sim-destination").queryComboBox().getEditor().getText()).isEmpty();
        assertThat(fx(() -> panel().currentProbe())).isEqualTo(Probe.icmp());
        assertThat(verdict(robot)).startsWith("Choose a source");
    }

    private String nodeClasses(String id) {
        return fx(() -> app.window.canvas().view(id).map(v -> v.getPseudoClassStates().toString()).orElse(""));
    }

    @Test void eventsNumberOnIntoTheReplyFilterByProtocolAndTheGlyphLeavesTheBridgeNameReadable(FxRobot robot) throws Exception {
        open("s03-vxlan-overlay.json");
        fx(() -> panel().traceFlow("a", "10.0.9.3", Probe.tcp(80), false));
        waitForVerdict(robot, "DELIVERED");
        List<Step> steps = fx(() -> List.copyOf(panel().playback().steps()));
        int firstReply = -1;
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).number()).isEqualTo(i + 1);
            if (firstReply < 0 && steps.get(i).reply()) firstReply = i;
        }
        assertThat(firstReply).isPositive();
        assertThat(steps.get(firstReply).legStart()).isTrue();

        // the list shows more rows at once (it showed about five) in the fixture's 1280 x 800 window
        long shownRows = fx(() -> robot.lookup("#event-list .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null && r.isVisible() && r.localToScene(r.getBoundsInLocal()).getMaxY()
                        <= panel().events().localToScene(panel().events().getBoundsInLocal()).getMaxY() + 1).count());
        assertThat(shownRows).isGreaterThanOrEqualTo(7);
        // the first reply row is marked, and its number follows the request's
        TableRow<?> replyRow = fx(() -> robot.lookup("#event-list .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof Step s && s.legStart()).findFirst().orElse(null));
        if (replyRow != null) assertThat(replyRow.getPseudoClassStates().toString()).contains("leg-start").contains("reply");

        // VXLAN off: the encapsulated hops leave the list and stepping never lands on one
        robot.clickOn("#filter-VXLAN");
        List<Step> rows = fx(() -> List.copyOf(panel().events().rows()));
        assertThat(rows).isNotEmpty().noneMatch(s -> s.protocol() == EventProtocol.VXLAN);
        assertThat(steps).anyMatch(s -> s.protocol() == EventProtocol.VXLAN);
        fx(() -> panel().playback().reset());
        int visited = 1;
        while (!fx(() -> panel().playback().atEnd())) {
            robot.clickOn("#sim-forward");
            assertThat(fx(() -> panel().playback().currentStep().protocol())).isNotEqualTo(EventProtocol.VXLAN);
            visited++;
        }
        assertThat(visited).isEqualTo(rows.size());
        robot.clickOn("#filter-TCP");
        robot.clickOn("#filter-DNS");
        robot.clickOn("#filter-ARP");
        assertThat(fx(() -> panel().events().rows())).isEmpty();
        assertThat(robot.lookup("#event-list .placeholder .label").queryLabeled().getText()).contains("filtered out");
        robot.clickOn("#filter-VXLAN").clickOn("#filter-TCP").clickOn("#filter-DNS").clickOn("#filter-ARP");
        assertThat(fx(() -> panel().events().rows())).hasSameSizeAs(steps);

        // on a bridge the glyph stands clear of the bridge's name
        int bridged = -1;
        for (Step s : steps) if (s.hop().step() == StepKind.BRIDGE && !s.reply()) { bridged = s.index(); break; }
        assertThat(bridged).isNotNegative();
        int at = bridged;
        fx(() -> panel().playback().jump(at));
        String bridge = steps.get(at).hop().node();
        Bounds glyph = fx(() -> panel().player().glyph().getBoundsInParent());
        Bounds title = fx(() -> {
            javafx.scene.Node v = app.window.canvas().view(bridge).orElseThrow();
            javafx.scene.Node t = v.lookup(".title");
            return v.localToParent(v.sceneToLocal(t.localToScene(t.getBoundsInLocal())));
        });
        assertThat(glyph.getWidth()).isGreaterThanOrEqualTo(24);
        assertThat(glyph.getHeight()).isGreaterThanOrEqualTo(16);
        assertThat(glyph.intersects(title)).as("glyph %s over the name %s", glyph, title).isFalse();
        assertThat(fx(() -> app.window.canvas().nodeBounds(bridge).orElseThrow().contains(
                panel().player().glyph().getTranslateX(), panel().player().glyph().getTranslateY()))).isTrue();
        app.snapshot(Path.of("target", "screens", "sim-events-s03.png"));
    }
}
