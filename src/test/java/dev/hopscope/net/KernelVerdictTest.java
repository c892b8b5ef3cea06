package dev.hopscope.net;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdicts a real kernel gave for the public scenarios (scenarios.md), checked against the sample documents. */
class KernelVerdictTest {

    static Trace trace(String sample, String from, String to, String probe) {
        return Network.compile(DocumentCodec.load(Path.of("samples", sample))).trace(from, to, Probe.parse(probe));
    }

    @ParameterizedTest(name = "{0}: {1} → {2} {3} = {4}")
    @CsvSource({
            "s01-same-bridge.json, a, 172.17.0.3, icmp, DELIVERED",
            "s01-same-bridge.json, a, 172.17.0.3, tcp/80, DELIVERED",
            "s02-same-subnet-two-hosts.json, a, 172.17.0.3, icmp, NEIGHBOR_UNREACHABLE",
            "s02-same-subnet-two-hosts.json, a, 192.168.50.12, icmp, DELIVERED",
            "s03-vxlan-overlay.json, a, 10.0.9.3, icmp, DELIVERED",
            "s03-vxlan-overlay.json, a, 10.0.9.3, tcp/80, DELIVERED",
            "s03-vxlan-overlay.json, a, 10.0.9.3, icmp/1472, MTU_EXCEEDED",
            "s03-vxlan-overlay.json, a, 10.0.9.3, icmp/1422, DELIVERED",
            "s05-k8s-host-gw.json, p1, 10.244.2.2, icmp, DELIVERED",
            "s05-k8s-host-gw.json, p1, 10.244.2.2, tcp/8080, DELIVERED",
            "s07-egress-masquerade.json, a, 192.168.50.100, icmp, DELIVERED",
            "s07-egress-masquerade.json, a, 192.168.50.100, tcp/443, DELIVERED",
            "s07-egress-no-masquerade.json, a, 192.168.50.100, icmp, NO_RETURN_PATH",
            "s07-egress-no-masquerade.json, a, 192.168.50.100, tcp/443, NO_RETURN_PATH",
            "s08-published-port.json, ext, 192.168.50.11, tcp/8080, DELIVERED",
            "s08-published-port.json, ext, 172.17.0.2, tcp/80, NO_ROUTE",
            "s08-published-port.json, ext, 192.168.50.11, tcp/80, NO_LISTENER",
            "s09-pod-localhost.json, blog, localhost, tcp/2368, DELIVERED",
            "s10-host-mode.json, a, 172.17.0.1, tcp/80, DELIVERED",
            "s10-host-mode.json, a, 192.168.50.11, tcp/80, DELIVERED",
            "s11-isolated-networks.json, a, 172.19.0.2, icmp, DENIED",
            "s12-clusterip-service.json, p1, 10.96.0.10, tcp/80, DELIVERED",
            "s13-macvlan.json, c1, 192.168.50.22, icmp, DELIVERED",
            "s13-macvlan.json, h1, 192.168.50.21, icmp, NEIGHBOR_UNREACHABLE",
            "s13-macvlan.json, c1, 192.168.50.11, icmp, NEIGHBOR_UNREACHABLE",
            "s13-macvlan.json, ext, 192.168.50.21, icmp, DELIVERED",
            "s14-calico.json, p1, 10.48.1.3, icmp, DELIVERED",
            "s14-calico.json, p1, 10.48.2.2, icmp, DELIVERED",
    })
    void kernelVerdict(String sample, String from, String to, String probe, Disposition expected) {
        Trace t = trace(sample, from, to, probe);
        assertThat(t.disposition()).as(t.reason()).isEqualTo(expected);
    }

    /** What the far end sees as the source: the kernel's observations in scenarios.md. */
    @ParameterizedTest(name = "{0}: {1} → {2} {3}, seen from {4}")
    @CsvSource({
            "s01-same-bridge.json, a, 172.17.0.3, tcp/80, 172.17.0.2",
            "s03-vxlan-overlay.json, a, 10.0.9.3, tcp/80, 10.0.9.2",
            "s05-k8s-host-gw.json, p1, 10.244.2.2, tcp/8080, 10.244.1.2",
            "s07-egress-masquerade.json, a, 192.168.50.100, tcp/443, 192.168.50.11",
            "s08-published-port.json, ext, 192.168.50.11, tcp/8080, 192.168.50.100",
            "s10-host-mode.json, a, 172.17.0.1, tcp/80, 172.17.0.2",
            "s12-clusterip-service.json, p1, 10.96.0.10, tcp/80, 10.244.1.2",
            "s13-macvlan.json, ext, 192.168.50.21, tcp/80, 192.168.50.100",
            "s14-calico.json, p1, 10.48.2.2, tcp/8080, 10.48.1.2",
    })
    void sourceSeenByTheListener(String sample, String from, String to, String probe, String seen) {
        Trace t = trace(sample, from, to, probe);
        Hop delivered = t.hops().get(t.hops().size() - 1);
        assertThat(delivered.step()).isEqualTo(StepKind.DELIVER);
        Layer ip = delivered.layers().stream().filter(l -> l.layer().equals("ipv4")).reduce((a, b) -> b).orElseThrow();
        assertThat(ip.fields().get("src")).isEqualTo(seen);
    }

    @Test
    void s3OnTheUnderlayThePacketIsUdp4789WithVni42() {
        Trace t = trace("s03-vxlan-overlay.json", "a", "10.0.9.3", "tcp/80");
        Hop underlay = t.hops().stream().filter(h -> h.step() == StepKind.UNDERLAY).findFirst().orElseThrow();
        assertThat(underlay.layers()).extracting(Layer::layer).startsWith("ethernet", "ipv4", "udp", "vxlan", "ethernet", "ipv4", "tcp");
        assertThat(underlay.layers().get(2).fields()).containsEntry("dport", "4789");
        assertThat(underlay.layers().get(3).fields()).containsEntry("vni", "42");
        assertThat(underlay.layers().get(1).fields()).containsEntry("src", "192.168.50.11").containsEntry("dst", "192.168.50.12");
    }

    @Test
    void s12TheServiceIsDnatedToTheBackendWithoutSnat() {
        Trace t = trace("s12-clusterip-service.json", "p1", "10.96.0.10", "tcp/80");
        Hop nat = t.hops().stream().filter(h -> h.step() == StepKind.NAT).findFirst().orElseThrow();
        assertThat(nat.note()).contains("10.96.0.10:80 → 10.244.2.2:8080");
        assertThat(nat.changed()).anyMatch(c -> c.endsWith("ipv4.dst")).anyMatch(c -> c.endsWith("tcp.dport"));
        assertThat(t.hops()).filteredOn(h -> h.step() == StepKind.NAT).hasSize(1);
    }

    @Test
    void s12APingToAClusterIpGetsNoAnswer() {
        assertThat(trace("s12-clusterip-service.json", "p1", "10.96.0.10", "icmp").disposition()).isEqualTo(Disposition.NO_ROUTE);
    }
}
