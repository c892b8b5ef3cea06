package dev.hopscope.net.trace;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.net.Network;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one narrator: sentences written from typed details alone, and the README's example trace word for word. */
class NarratorTest {
    private final Network s8 = Network.compile(DocumentCodec.load(Path.of("samples", "s08-published-port.json")));
    private final Narrator narrator = s8.tracer().narrator();

    static Ipv4 ip(String s) { return Ipv4.parse(s); }

    @Test
    void sentencesComeFromTheDetailAlone() {
        Rule dnat = Rule.dnat(Rule.Chain.PREROUTING, Match.ANY, ip("10.0.0.2"), 80, 0, "a test rule", List.of());
        Flow before = new Flow(Proto.TCP, ip("10.0.0.1"), 40000, ip("10.0.0.9"), 8080);
        Flow after = new Flow(Proto.TCP, ip("10.0.0.1"), 40000, ip("10.0.0.2"), 80);
        assertThat(narrator.sentence(new StepDetail.Dnat(dnat, before, after, Optional.empty())))
                .isEqualTo("DNAT 10.0.0.9:8080 → 10.0.0.2:80 — a test rule");
        assertThat(narrator.sentence(new StepDetail.Dnat(dnat, before, after, Optional.of(new StepDetail.Choice(1, 3, ip("10.0.0.2"), 80, "web")))))
                .isEqualTo("DNAT 10.0.0.9:8080 → 10.0.0.2:80 — a test rule; this trace follows web, endpoint 2 of 3");
        assertThat(narrator.sentence(new StepDetail.Unnat(after.reversed(), before.reversed())))
                .isEqualTo("conntrack recognises the reply and undoes the NAT: 10.0.0.2:80 → 10.0.0.1:40000 tcp becomes 10.0.0.9:8080 → 10.0.0.1:40000 tcp");
        assertThat(narrator.sentence(new StepDetail.VethCrossed("h1", "veth1", "web", "eth0"))).isEqualTo("the frame crosses the veth pair h1:veth1 → web:eth0");
        assertThat(narrator.sentence(new StepDetail.Encapsulated(TunnelKind.VXLAN, "vxlan42", ip("192.168.50.11"), ip("192.168.50.12"), 4789, 42, true, 90)))
                .isEqualTo("vxlan42 wraps the frame in outer Ethernet / IPv4 192.168.50.11 → 192.168.50.12 / ESP (IPsec, encrypted overlay) / UDP 4789 / VXLAN VNI 42: 90 bytes more");
        assertThat(narrator.sentence(new StepDetail.SocketReached("web", new Listener(80, Proto.TCP, ip("0.0.0.0"), "web"), ip("192.168.50.100"))))
                .isEqualTo("delivered to web, listening on 0.0.0.0:80/tcp; it sees the source 192.168.50.100");
        assertThat(narrator.sentence(new StepDetail.Dropped(new DropCause.TtlExpired("h1")))).isEqualTo("the TTL ran out at h1: the packet is going round in circles");
        assertThat(narrator.reason(new DropCause.NoRoute("ext", ip("172.17.0.2"), Proto.TCP))).isEqualTo("ext has no route to 172.17.0.2");
        assertThat(narrator.reason(new DropCause.NoBridgePort("docker0", new Mac(0x0242_0000_0001L)))).isEqualTo("docker0 has no port behind which 02:42:00:00:00:01 lives");
        assertThat(narrator.traceReason(new StepDetail.SocketReached("web", new Listener(80, Proto.TCP, ip("0.0.0.0"), "web"), ip("10.0.0.1")),
                new DropCause.ReplyAstray("h1", "ext"))).isEqualTo("the request arrives (delivered to web), but the reply is lost: the reply ends up at h1, not at the client ext");
        assertThat(Cidr.parse("10.0.0.0/8").prefix()).isEqualTo(8);
    }

    @Test
    void aClusterIpWithoutRouteSaysWhyAPingGoesNowhere() {
        Network s12 = Network.compile(DocumentCodec.load(Path.of("samples", "s12-clusterip-service.json")));
        assertThat(s12.tracer().narrator().reason(new DropCause.NoRoute("p1", ip("10.96.0.10"), Proto.ICMP)))
                .isEqualTo("p1 has no route to 10.96.0.10: 10.96.0.10 is a ClusterIP, a virtual address no device holds; kube-proxy only rewrites its service ports, so a ping to it goes nowhere");
    }

    @Test
    void theReadmesExampleTraceIsWhatTheNarratorWrites() throws Exception {
        // README.md, "Command line": the S8 trace of ext → 192.168.50.11:8080, its first hops and verdict quoted there
        String readme = Files.readString(Path.of("README.md"));
        Trace t = s8.trace("ext", "192.168.50.11:8080", Probe.tcp(8080));
        for (int i : new int[] {0, 1, 3, 6}) assertThat(readme).contains(t.hops().get(i).note());
        assertThat(readme).contains(t.disposition() + ": " + t.reason());
    }
}
