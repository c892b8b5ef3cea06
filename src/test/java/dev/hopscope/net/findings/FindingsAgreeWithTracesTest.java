package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.trace.Disposition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finding predicts that a flow breaks; the tracer, on the compiled dataplane, must agree. Each
 * case draws the mistake with an intent across it and checks both the finding and the trace.
 * (OVERLAY_MTU_TOO_LARGE has no case: like the kernel, the tracer fragments the outer packet and
 * delivers, and the finding warns about exactly that cost.)
 */
class FindingsAgreeWithTracesTest {

    private static IntentResult intent(Analysis a, String id) {
        return a.intents().stream().filter(r -> r.intent().id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> codes(Analysis a) {
        return a.findings().stream().filter(f -> f.severity() != Finding.Severity.INFO).map(Finding::code).toList();
    }

    @Test
    void overlappingDocker0AcrossHostsIsNeighborUnreachable() {
        Analysis a = Analyzer.analyze(doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"),
                pinned("a", "h1", "d1", "172.17.0.2"), pinned("b", "h2", "d2", "172.17.0.3"),
                Fixture.intent("a-b", "a", "172.17.0.3", Probe.icmp())));
        assertThat(codes(a)).containsExactly(Codes.OVERLAPPING_SUBNETS);
        assertThat(intent(a, "a-b").disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
    }

    @Test
    void nameOnTheDefaultBridgeIsNotResolved() {
        Analysis a = Analyzer.analyze(doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"),
                container("web", "h1", "d0"), container("db", "h1", "d0").withSockets(List.of(Socket.tcp(5432))),
                Fixture.intent("web-db", "web", "db", Probe.tcp(5432))));
        assertThat(codes(a)).containsExactly(Codes.DEFAULT_BRIDGE_NO_DNS);
        assertThat(intent(a, "web-db").disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
    }

    @Test
    void brokenOverlaysDoNotDeliver() {
        Overlay good = new Overlay("ov", "ov", 42, "10.0.9.0/24", null, 0, 0, null, false,
                List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2")));
        Document base = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"), good,
                container("a", "h1", "ov"), container("b", "h2", "ov").withSockets(List.of(Socket.tcp(80))),
                Fixture.intent("a-b", "a", "10.0.9.3", Probe.tcp(80)));
        Analysis ok = Analyzer.analyze(base);
        assertThat(codes(ok)).isEmpty();
        assertThat(intent(ok, "a-b").disposition()).isEqualTo(Disposition.DELIVERED);

        Analysis vni = Analyzer.analyze(base.with(good.withMembers(List.of(Overlay.Member.of("h1"), new Overlay.Member("h2", 43)))));
        assertThat(codes(vni)).containsExactly(Codes.VNI_MISMATCH);
        assertThat(intent(vni, "a-b").disposition()).isNotEqualTo(Disposition.DELIVERED);

        Analysis noControl = Analyzer.analyze(base.with(good.withControlPlane(Overlay.ControlPlane.NONE)));
        assertThat(codes(noControl)).containsExactly(Codes.OVERLAY_NO_CONTROL_PLANE);
        assertThat(intent(noControl, "a-b").disposition()).isNotEqualTo(Disposition.DELIVERED);
    }

    @Test
    void serviceWithoutEndpointsOrListenerDoesNotDeliver() {
        Service svc = new Service("svc", "svc", null, Service.Type.CLUSTER_IP, "10.96.0.10",
                List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of("app", "api"), null);
        Document d = doc(lan(), node("n1", "192.168.50.11"), cni("c1", "n1", "10.244.1.0/24"),
                pod("client", "n1", Map.of("app", "client")), pod("web", "n1", Map.of("app", "web"), Socket.tcp(8080)), svc,
                Fixture.intent("to-svc", "client", "10.96.0.10:80", Probe.tcp(80)));
        Analysis none = Analyzer.analyze(d);
        assertThat(codes(none)).containsExactly(Codes.SERVICE_NO_ENDPOINTS);
        assertThat(intent(none, "to-svc").disposition()).isNotEqualTo(Disposition.DELIVERED);

        Analysis closed = Analyzer.analyze(d.with(svc.withSelector(Map.of("app", "web"))
                .withPorts(List.of(new Service.ServicePort("http", 80, 9090, 0, Proto.TCP)))));
        assertThat(codes(closed)).containsExactly(Codes.SERVICE_TARGET_PORT_CLOSED);
        assertThat(intent(closed, "to-svc").disposition()).isEqualTo(Disposition.NO_LISTENER);

        Analysis fine = Analyzer.analyze(d.with(svc.withSelector(Map.of("app", "web"))));
        assertThat(codes(fine)).isEmpty();
        assertThat(intent(fine, "to-svc").disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void publishedPortWithoutListenerIsRefused() {
        External ext = new External("ext", "ext", "lan", "192.168.50.100/24", List.of(), List.of());
        Analysis a = Analyzer.analyze(doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"), ext,
                container("web", "h1", "d0").withSockets(List.of(Socket.tcp(3000))).withPorts(List.of(PublishedPort.tcp(8080, 80))),
                Fixture.intent("ext-web", "ext", "192.168.50.11:8080", Probe.tcp(8080))));
        assertThat(codes(a)).containsExactly(Codes.PUBLISHED_PORT_CLOSED);
        assertThat(intent(a, "ext-web").disposition()).isEqualTo(Disposition.NO_LISTENER);
    }

    @Test
    void nodesOnDifferentUnderlaysCannotReachEachOthersPods() {
        Host n2 = new Host("n2", "n2", Host.Role.K8S_NODE, "wan", "10.9.0.2/24", true, 1500, List.of());
        Analysis a = Analyzer.analyze(doc(lan(), new Underlay("wan", "wan", "10.9.0.0/24", 1500), node("n1", "192.168.50.11"), n2,
                cni("c1", "n1", "10.244.1.0/24"), cni("c2", "n2", "10.244.2.0/24"),
                pod("p1", "n1", Map.of()), pod("p2", "n2", Map.of(), Socket.tcp(8080)),
                new Intent("p1-p2", "p1-p2", "p1", "10.244.2.2:8080", Probe.tcp(8080), Intent.Expect.REACHABLE)));
        assertThat(codes(a)).containsExactly(Codes.K8S_NODE_POD_NAT);
        assertThat(intent(a, "p1-p2").disposition()).isNotEqualTo(Disposition.DELIVERED);
    }
}
