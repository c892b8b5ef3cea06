package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel-verified scenarios of scenarios.md, drawn as documents: the working ones must raise
 * no error or warning (a finding there would contradict the kernel), the broken ones the finding
 * that explains them.
 */
class ScenarioFindingsTest {

    private static final External EXT = new External("ext", "ext", "lan", "192.168.50.100/24", List.of(Socket.tcp(443)), List.of());

    private static void assertNoErrorsOrWarnings(Document d) {
        assertThat(run(d)).filteredOn(f -> f.severity() != Finding.Severity.INFO).isEmpty();
    }

    @Test
    void s1ContainersOnOneBridge() {
        assertThat(run(doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"),
                container("a", "h1", "d0"), container("b", "h1", "d0").withSockets(List.of(Socket.tcp(80))),
                intent("a-b", "a", "172.17.0.3", Probe.tcp(80))))).isEmpty();
    }

    @Test
    void s2TwoDocker0AreInformationUntilAnIntentCrossesThem() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"),
                pinned("a", "h1", "d1", "172.17.0.2"), pinned("b", "h2", "d2", "172.17.0.3"),
                intent("a-h2", "a", "192.168.50.12", Probe.icmp()));
        assertThat(run(d)).extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Codes.OVERLAPPING_SUBNETS, Finding.Severity.INFO));
        assertThat(run(d.with(intent("a-b", "a", "172.17.0.3", Probe.icmp())))).extracting(Finding::severity)
                .containsExactly(Finding.Severity.ERROR);
    }

    @Test
    void s3DockerOverlayWithVni42() {
        Overlay ov = new Overlay("br-ov", "br-ov", 42, "10.0.9.0/24", Overlay.Driver.DOCKER_OVERLAY, 4789, 0, null, false,
                List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2")));
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"), ov,
                container("a", "h1", "br-ov"), container("b", "h2", "br-ov").withSockets(List.of(Socket.tcp(80))),
                intent("a-b", "a", "b", Probe.tcp(80)));
        assertThat(run(d)).isEmpty();
        assertThat(Encapsulation.effectiveMtu(ov, Encapsulation.smallestUnderlayMtu(d, ov))).isEqualTo(1450);
    }

    @Test
    void s5AndS12HostGwClusterWithAClusterIpService() {
        Document d = doc(lan(),
                node("n1", "192.168.50.11").withRoutes(List.of(new StaticRoute("10.244.2.0/24", "192.168.50.12"))),
                node("n2", "192.168.50.12").withRoutes(List.of(new StaticRoute("10.244.1.0/24", "192.168.50.11"))),
                cni("c1", "n1", "10.244.1.0/24"), cni("c2", "n2", "10.244.2.0/24"),
                pod("client", "n1", Map.of("app", "client")), pod("backend", "n2", Map.of("app", "backend"), Socket.tcp(8080)),
                new Service("svc", "svc", null, Service.Type.CLUSTER_IP, "10.96.0.10",
                        List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of("app", "backend"), null),
                intent("p1-svc", "client", "svc", Probe.tcp(80)));
        assertThat(run(d)).isEmpty();
    }

    @Test
    void s7AndS8EgressAndAPublishedPort() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"), EXT,
                container("web", "h1", "d0").withSockets(List.of(Socket.tcp(80))).withPorts(List.of(PublishedPort.tcp(8080, 80))),
                intent("web-ext", "web", "192.168.50.100", Probe.tcp(443)), intent("ext-web", "ext", "192.168.50.11:8080", Probe.tcp(8080)));
        assertThat(run(d)).isEmpty();
    }

    @Test
    void s9TwoListenersOnPort80InOnePod() {
        Pod ok = new Pod("blog", "blog", "default", "n1", Map.of(), List.of(
                new Pod.PodContainer("nginx", "nginx", List.of(Socket.tcp(80))),
                new Pod.PodContainer("ghost", "ghost", List.of(new Socket(2368, Proto.TCP, "127.0.0.1")))), false, null, null);
        Document d = doc(lan(), node("n1", "192.168.50.11"), cni("c1", "n1", "10.244.1.0/24"), ok);
        assertNoErrorsOrWarnings(d);
        Pod clash = ok.withContainers(List.of(ok.containers().get(0), ok.containers().get(1),
                new Pod.PodContainer("second", "httpd", List.of(Socket.tcp(80)))));
        assertThat(run(d.with(clash))).extracting(Finding::code).containsExactly(Codes.PORT_CLASH);
    }

    @Test
    void s10HostModeListenerAndABridgedClient() {
        Container nginx = container("nginx", "h1", "d0").withAttachments(List.of()).withMode(Container.Mode.HOST, null)
                .withSockets(List.of(Socket.tcp(80)));
        Document d = doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"), nginx, container("a", "h1", "d0"),
                intent("a-gw", "a", "172.17.0.1:80", Probe.tcp(80)), intent("a-host", "a", "192.168.50.11:80", Probe.tcp(80)));
        assertThat(run(d)).isEmpty();
    }

    @Test
    void s11TwoUserDefinedBridgesAreIsolatedWithoutAFinding() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), userBridge("br-a", "h1", "172.18.0.0/16"),
                userBridge("br-b", "h1", "172.19.0.0/16"), container("a", "h1", "br-a"), container("b", "h1", "br-b"),
                new dev.hopscope.model.Intent("a-b", "a-b", "a", "b", Probe.icmp(), dev.hopscope.model.Intent.Expect.ISOLATED));
        assertThat(run(d)).isEmpty();
    }
}
