package dev.hopscope.ui.sim;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.ui.DesignerFixture;
import javafx.scene.control.Labeled;
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
import java.util.function.Predicate;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 points 1 and 2 through the real scene: the layer view shows each header arriving and
 * leaving with a sentence and the rewritten fields marked, and ARP and DNS exchanges are steps of
 * their own. Expected values are scenarios.md's S8 (DNAT of 192.168.50.11:8080 to 172.17.0.2:80,
 * routed by h1) and SPEC section 2 (Docker's embedded DNS at 127.0.0.11 answers container names on
 * a user-defined network) and S14 (Calico: the pod's gateway 169.254.1.1 answered by proxy ARP from
 * the node's cali veth).
 */
@ExtendWith(ApplicationExtension.class)
class LayerViewTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private SimulationPanel panel() { return app.window.panels().simulation(); }

    private List<Step> trace(String sample, String from, String to, Probe probe) throws Exception {
        fx(() -> app.state().reset(Samples.open(sample), null));
        fx(() -> app.window.canvas().fit());
        fx(() -> panel().traceFlow(from, to, probe, false));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(() -> panel().playback().trace().get() != null));
        return fx(() -> List.copyOf(panel().playback().steps()));
    }

    private int first(List<Step> steps, Predicate<Step> p) {
        for (Step s : steps) if (p.test(s)) return s.index();
        throw new AssertionError("no such step");
    }

    private LayerRows.Row row(String layer) {
        return fx(() -> panel().headers().rows().rows().stream().filter(r -> r.layer().equals(layer) && r.band() != LayerRows.Band.OUTER)
                .findFirst().orElseThrow());
    }

    /** The values of the fields in the layer view marked with a pseudo-class. */
    private List<String> shown(FxRobot robot, String pseudoClass) {
        return fx(() -> robot.lookup("#layer-view .layer-field").queryAllAs(javafx.scene.Parent.class).stream()
                .filter(p -> p.getPseudoClassStates().toString().contains(pseudoClass))
                .map(p -> ((Labeled) p.getChildrenUnmodifiable().get(1)).getText()).toList());
    }

    @Test void eachLayerInAndOutWithItsSentenceAndArpAsStepsOfTheirOwn(FxRobot robot) throws Exception {
        List<Step> steps = trace("s08-published-port.json", "ext", "192.168.50.11:8080", Probe.tcp(8080));

        // the DNAT on h1: destination and port rewritten, the old values shown arriving
        int dnat = first(steps, s -> s.kind() == Step.Kind.HOP && s.hop().step() == StepKind.NAT && !s.reply());
        fx(() -> panel().playback().jump(dnat));
        LayerRows.Row ip = row("ipv4");
        assertThat(ip.in().fields().get("dst")).isEqualTo("192.168.50.11");
        assertThat(ip.out().fields().get("dst")).isEqualTo("172.17.0.2");
        assertThat(ip.changed()).contains("dst");
        assertThat(ip.sentence()).startsWith("DNAT rewrote the destination 192.168.50.11 → 172.17.0.2");
        LayerRows.Row tcp = row("tcp");
        assertThat(tcp.sentence()).isEqualTo("DNAT rewrote the port 8080 → 80");
        assertThat(shown(robot, "changed")).contains("172.17.0.2", "80");
        assertThat(shown(robot, "was")).contains("192.168.50.11", "8080");
        assertThat(fx(() -> robot.lookup("#layer-view .layer-sentence").queryAllAs(Labeled.class).stream().map(Labeled::getText).toList()))
                .contains(ip.sentence(), tcp.sentence());
        app.snapshot(Path.of("target", "screens", "layers-s08.png"));

        // h1 forwards into docker0: the TTL drops by one because it routed the packet
        int routed = first(steps, s -> s.index() > dnat && s.kind() == Step.Kind.HOP && s.hop().step() == StepKind.ROUTE && !s.reply());
        fx(() -> panel().playback().jump(routed));
        assertThat(row("ipv4").sentence()).startsWith("TTL 64 → 63 because h1 routed it");
        assertThat(row("ipv4").changed()).contains("ttl");
        int bridged = first(steps, s -> s.kind() == Step.Kind.HOP && s.hop().step() == StepKind.BRIDGE && !s.reply());
        fx(() -> panel().playback().jump(bridged));
        assertThat(row("ethernet").sentence()).contains("learns the source MAC").contains("forwards by its FDB");

        // ext asks for h1's MAC before its first frame; the answer comes from h1's eth0; both are steps
        int ask = first(steps, s -> s.kind() == Step.Kind.ARP_REQUEST);
        assertThat(steps.get(ask + 1).kind()).isEqualTo(Step.Kind.ARP_REPLY);
        assertThat(steps.get(ask + 2).kind()).isEqualTo(Step.Kind.HOP);
        assertThat(steps.get(ask + 2).hop().arp()).isPresent();
        assertThat(HopSummary.of(steps.get(ask))).isEqualTo("who has 192.168.50.11? tell 192.168.50.100");
        fx(() -> panel().playback().jump(ask));
        assertThat(row("ethernet").out().fields().get("dst")).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(row("arp").out().fields().get("target ip")).isEqualTo("192.168.50.11");
        robot.clickOn("#sim-forward");
        assertThat(fx(() -> panel().playback().currentStep().kind())).isEqualTo(Step.Kind.ARP_REPLY);
        assertThat(fx(() -> panel().playback().currentStep().where())).startsWith("h1");
        assertThat(row("arp").sentence()).startsWith("192.168.50.11 is at");
        assertThat(fx(() -> panel().player().glyph().getPseudoClassStates().toString())).contains("exchange");
        robot.clickOn("#filter-ARP");
        assertThat(fx(() -> panel().events().rows())).noneMatch(s -> s.protocol() == EventProtocol.ARP);
        robot.clickOn("#filter-ARP");

        // a name on a user-defined network: the query to Docker's DNS, then its answer
        List<Step> named = trace("welcome.json", "frontend", "backend:8000", Probe.tcp(8000));
        assertThat(named.get(0).kind()).isEqualTo(Step.Kind.DNS_QUERY);
        assertThat(named.get(1).kind()).isEqualTo(Step.Kind.DNS_ANSWER);
        assertThat(HopSummary.of(named.get(0))).isEqualTo("A? backend → Docker's embedded DNS at 127.0.0.11");
        assertThat(HopSummary.of(named.get(1))).isEqualTo("backend is 172.20.0.3");
        fx(() -> panel().playback().jump(0));
        assertThat(row("ipv4").out().fields().get("dst")).isEqualTo("127.0.0.11");
        assertThat(row("udp").out().fields().get("dport")).isEqualTo("53");
        robot.clickOn("#sim-forward");
        assertThat(row("dns").out().fields().get("answer")).isEqualTo("172.20.0.3");
        assertThat(fx(() -> robot.lookup("#event-list .table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getItem() instanceof Step s && s.kind() == Step.Kind.DNS_QUERY).count())).isEqualTo(1);

        // Calico (scenarios.md S14): p1's gateway 169.254.1.1 is held by no device; n1's cali veth answers by proxy ARP
        List<Step> calico = trace("s14-calico.json", "p1", "10.48.2.2:8080", Probe.tcp(8080));
        int proxied = first(calico, s -> s.kind() == Step.Kind.ARP_REPLY);
        assertThat(HopSummary.of(calico.get(proxied - 1))).isEqualTo("who has 169.254.1.1? tell 10.48.1.2");
        assertThat(HopSummary.of(calico.get(proxied))).startsWith("169.254.1.1 is at ").endsWith("(proxy ARP)");
        fx(() -> panel().playback().jump(proxied));
        assertThat(fx(() -> panel().playback().currentStep().where())).startsWith("n1");
        assertThat(row("arp").sentence()).contains("proxy ARP");
        assertThat(calico).noneMatch(s -> s.protocol() == EventProtocol.VXLAN);
    }
}
