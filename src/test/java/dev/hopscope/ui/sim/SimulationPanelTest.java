package dev.hopscope.ui.sim;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.ui.DesignerFixture;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
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
import java.util.stream.Collectors;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class SimulationPanelTest {
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

    private void traceAndWait(String from, String to, Probe probe) throws Exception {
        fx(() -> panel().traceFlow(from, to, probe, false));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !panel().playback().steps().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test void anOverlayTraceShowsTheEncapsulationAndTheGlyphVisitsEveryHop(FxRobot robot) throws Exception {
        open("s03-vxlan-overlay.json");
        traceAndWait("a", "10.0.9.3", Probe.tcp(80));
        Playback pb = panel().playback();
        List<StepKind> kinds = fx(() -> pb.steps().stream().map(s -> s.hop().step()).collect(Collectors.toList()));
        assertThat(kinds).contains(StepKind.ENCAP, StepKind.DECAP);
        assertThat(fx(() -> pb.trace().get().disposition())).isEqualTo(Disposition.DELIVERED);
        assertThat(robot.lookup("#event-list .table-row-cell").queryAll()).isNotEmpty();

        int encap = fx(() -> pb.steps().stream().filter(s -> s.kind() == Step.Kind.HOP && s.hop().step() == StepKind.ENCAP)
                .findFirst().orElseThrow().index());
        fx(() -> pb.jump(encap));
        String headerText = fx(() -> texts(panel().headers()));
        assertThat(headerText).contains("VXLAN").contains("vni").contains("42").contains("outer IPv4").contains("inner");
        assertThat(fx(() -> panel().player().glyph().isEncapsulated())).isTrue();
        assertThat(fx(() -> panel().player().glyph().tagText())).contains("VNI 42");
        app.snapshot(Path.of("target", "screens", "sim-s03-encap.png"));

        // stepping from the start: the glyph stands on each hop's node, in order
        fx(pb::reset);
        for (int i = 0; i < kinds.size(); i++) {
            int at = i;
            String node = fx(() -> pb.steps().get(at).hop().node());
            Point2D glyph = fx(() -> new Point2D(panel().player().glyph().getTranslateX(), panel().player().glyph().getTranslateY()));
            Bounds b = fx(() -> app.window.canvas().nodeBounds(node).orElseThrow());
            assertThat(b.contains(glyph)).as("hop %d at %s: glyph %s in %s", at + 1, node, glyph, b).isTrue();
            assertThat(fx(() -> app.window.canvas().view(node).orElseThrow().getPseudoClassStates().toString())).contains("hop-active");
            assertThat(fx(() -> panel().playback().current().get())).isEqualTo(at);
            robot.clickOn("#sim-forward");
            if (at + 1 < kinds.size()) WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> pb.current().get() == at + 1));
        }
        assertThat(fx(() -> pb.steps().get(pb.current().get()).reply())).isTrue();
    }

    @Test void aDroppedPacketStopsWhereTheTraceSays(FxRobot robot) throws Exception {
        open("s11-isolated-networks.json");
        traceAndWait("a", "172.19.0.2", Probe.icmp());
        Playback pb = panel().playback();
        Disposition d = fx(() -> pb.trace().get().disposition());
        assertThat(d).isEqualTo(Disposition.DENIED);
        fx(() -> pb.speed().unbind());
        fx(() -> pb.speed().set(20));
        robot.clickOn("#sim-play");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !pb.playing().get() && pb.atEnd()));
        WaitForAsyncUtils.waitForFxEvents();
        Step last = fx(pb::currentStep);
        assertThat(last.dropped()).isTrue();
        Point2D glyph = fx(() -> new Point2D(panel().player().glyph().getTranslateX(), panel().player().glyph().getTranslateY()));
        Point2D expected = fx(() -> panel().player().positions().get(pb.steps().size() - 1));
        assertThat(glyph.distance(expected)).isLessThan(1.0);
        Bounds b = fx(() -> app.window.canvas().nodeBounds(last.hop().node()).orElseThrow());
        assertThat(b.contains(glyph)).isTrue();
        assertThat(fx(() -> panel().player().dropMark().isVisible())).isTrue();
        assertThat(fx(() -> panel().player().dropMark().getText())).isEqualTo("DENIED");
        assertThat(robot.lookup("#sim-verdict").queryLabeled().getText()).startsWith("DENIED");
        app.snapshot(Path.of("target", "screens", "sim-s11-dropped.png"));
    }

    @Test void everySampleLessonTracesWithTheGlyphOnEachHopsNode(FxRobot robot) throws Exception {
        for (String name : Samples.names()) {
            dev.hopscope.model.Document doc = Samples.open(name);
            dev.hopscope.model.Lesson l = doc.lesson();
            if (l == null || l.from() == null || l.to() == null) continue;
            open(name);
            fx(() -> panel().playback().load(null));
            traceAndWait(l.from(), l.to(), l.probe() == null ? Probe.icmp() : l.probe());
            List<Step> steps = fx(() -> List.copyOf(panel().playback().steps()));
            List<Point2D> at = fx(() -> panel().player().positions());
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                String node = s.hop().node();
                java.util.Optional<Bounds> b = fx(() -> app.window.canvas().nodeBounds(node));
                if (b.isEmpty()) b = fx(() -> app.window.canvas().nodeBounds(s.hop().host()));
                assertThat(b).as("%s hop %d: %s is drawn", name, i + 1, node).isPresent();
                Bounds box = b.get();
                assertThat(box.contains(at.get(i))).as("%s hop %d at %s: %s in %s", name, i + 1, node, at.get(i), box).isTrue();
            }
            if (name.startsWith("welcome")) {
                int mid = steps.size() / 3;
                fx(() -> panel().playback().jump(mid));
                app.snapshot(Path.of("target", "screens", "sim-welcome.png"));
            }
        }
    }

    static String texts(javafx.scene.Parent p) {
        StringBuilder b = new StringBuilder();
        for (javafx.scene.Node n : p.lookupAll(".label")) if (n instanceof javafx.scene.control.Labeled l) b.append(l.getText()).append(' ');
        return b.toString();
    }
}
