package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Finding;
import dev.hopscope.net.Findings;
import dev.hopscope.net.trace.Branch;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker swarm: the ingress routing mesh and docker_gwbridge. */
class SwarmTest {

    static Document mesh() { return DocumentCodec.load(Path.of("samples", "swarm-routing-mesh.json")); }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    @Test
    void everyNodeAnswersOnThePublishedPortEvenOneThatRunsNoTask() {
        for (String node : List.of("192.168.50.11", "192.168.50.12", "192.168.50.13"))
            assertThat(trace(mesh(), "ext", node + ":8080", "tcp/8080").disposition()).as(node).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void ipvsInTheIngressSandboxBranchesOverTheTasksOnAnyNode() {
        Trace t = trace(mesh(), "ext", "192.168.50.11:8080", "tcp/8080");
        assertThat(t.branches()).extracting(Branch::endpoint).containsExactlyInAnyOrder("web.1", "web.2");
        assertThat(t.branches()).extracting(Branch::disposition).containsOnly(Disposition.DELIVERED);
        assertThat(t.hops()).anyMatch(h -> h.namespace().equals("m1-ingress-sbox") && h.detail() instanceof StepDetail.Dnat);
        // the ingress overlay carries it between nodes: VNI 4096
        assertThat(t.hops()).map(Hop::detail).filteredOn(d -> d instanceof StepDetail.Encapsulated)
                .allSatisfy(d -> assertThat(((StepDetail.Encapsulated) d).vni()).isEqualTo(4096));
    }

    @Test
    void theTaskSeesTheSandboxsIngressAddressNotTheClient() {
        Trace t = trace(mesh(), "ext", "192.168.50.11:8080", "tcp/8080");
        var reached = (StepDetail.SocketReached) t.hops().get(t.hops().size() - 1).detail();
        assertThat(reached.seenSource()).isNotEqualTo(Ipv4.parse("192.168.50.100"));
        assertThat(dev.hopscope.net.provider.swarm.SwarmProvider.INGRESS.contains(reached.seenSource())).isTrue();
        assertThat(Findings.of(mesh())).extracting(Finding::code).contains("SWARM_MESH_HIDES_CLIENT");
    }

    @Test
    void overlayOnlyContainersLeaveThroughDockerGwbridgeWithMasquerade() {
        Trace t = trace(mesh(), "web.1", "192.168.50.100:443", "tcp/443");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).anyMatch(h -> h.device().equals("docker_gwbridge"));
        var reached = (StepDetail.SocketReached) t.hops().get(t.hops().size() - 1).detail();
        assertThat(reached.seenSource()).isEqualTo(Ipv4.parse("192.168.50.12"));
        // a container that also has a bridge network leaves through that, and gets no gwbridge
        var s1 = dev.hopscope.net.Network.compile(DocumentCodec.load(Path.of("samples", "s01-same-bridge.json"))).dataplane();
        assertThat(s1.namespaceOf("h1").iface("docker_gwbridge")).isNull();
    }

    @Test
    void withoutPublishedPortsOrOnAClassicOverlayThereIsNoMesh() {
        Document quiet = mesh().update("web.1", n -> ((Container) n).withPorts(List.of())).update("web.2", n -> ((Container) n).withPorts(List.of()));
        assertThat(dev.hopscope.net.Network.compile(quiet).dataplane().namespace("m1-ingress-sbox")).isNull();
        Document classic = mesh().update("web-net", n -> ((Overlay) n).withControlPlane(Overlay.ControlPlane.KV_STORE));
        assertThat(dev.hopscope.net.Network.compile(classic).dataplane().namespace("m1-ingress-sbox")).isNull();
        // a classic overlay publishes through the task's own host's docker_gwbridge, so only w1 and w2 answer
        assertThat(trace(classic, "ext", "192.168.50.12:8080", "tcp/8080").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(classic, "ext", "192.168.50.11:8080", "tcp/8080").disposition()).isNotEqualTo(Disposition.DELIVERED);
    }
}
