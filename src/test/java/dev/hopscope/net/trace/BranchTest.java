package dev.hopscope.net.trace;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Destination;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Network;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.MatrixRow;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Match;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Services branch: kube-proxy picks one endpoint per connection (SPEC section 2), so a trace
 * through a NodePort or ClusterIP has one branch per endpoint. The sample is a three-replica
 * Deployment (web-0 and web-2 on n1, web-1 on n2) behind NodePort 30080.
 */
class BranchTest {
    private final Network net = Network.compile(DocumentCodec.load(Path.of("samples", "nodeport-three-replicas.json")));

    private Trace nodePort(String endpoint) {
        Destination to = Destination.parse("192.168.50.12:30080");
        return endpoint == null ? net.tracer().trace("ext", to, Probe.tcp(30080)) : net.tracer().trace("ext", to, Probe.tcp(30080), endpoint);
    }

    static String deliveredIn(Trace t) { return t.hops().get(t.hops().size() - 1).namespace(); }

    @Test
    void aNodePortWithThreeEndpointsHasThreeBranchesAndFollowsTheFirst() {
        Trace t = nodePort(null);
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.branches()).extracting(Branch::endpoint).containsExactly("web-0", "web-1", "web-2");
        assertThat(t.branches()).extracting(Branch::disposition).containsOnly(Disposition.DELIVERED);
        assertThat(t.branches()).extracting(Branch::followed).containsExactly(true, false, false);
        assertThat(t.branch().orElseThrow().endpoint()).isEqualTo("web-0");
        assertThat(deliveredIn(t)).isEqualTo("web-0");
        StepDetail.Dnat dnat = TypedTraceTest.detail(t.hops(), StepDetail.Dnat.class);
        assertThat(dnat.choice()).contains(new StepDetail.Choice(0, 3, Ipv4.parse("10.244.1.2"), 8080, "web-0", "kube-proxy"));
        assertThat(t.branches().get(2).choices()).containsExactly(new StepDetail.Choice(2, 3, Ipv4.parse("10.244.1.3"), 8080, "web-2", "kube-proxy"));
    }

    @Test
    void anEndpointPicksItsBranch() {
        for (String e : List.of("web-0", "web-1", "web-2")) {
            Trace t = nodePort(e);
            assertThat(t.disposition()).as(e).isEqualTo(Disposition.DELIVERED);
            assertThat(deliveredIn(t)).isEqualTo(e);
            assertThat(t.branch().orElseThrow().endpoint()).isEqualTo(e);
            assertThat(t.branches()).hasSize(3);
        }
        // web-1 runs on n2 itself: kube-proxy on n2 masquerades to its cni0 address, and the reply comes back through n2
        Trace local = nodePort("web-1");
        StepDetail.SocketReached s = TypedTraceTest.detail(local.hops(), StepDetail.SocketReached.class);
        assertThat(s.seenSource()).isEqualTo(Ipv4.parse("10.244.2.1"));
        assertThat(local.reply().disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void anEndpointOutsideTheFlowIsRefusedWithTheFlowsEndpoints() {
        assertThatThrownBy(() -> nodePort("ext")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an endpoint of this flow").hasMessageContaining("web-0, web-1, web-2");
        assertThatThrownBy(() -> nodePort("nobody")).hasMessageContaining("no node called 'nobody'");
        Network s1 = Network.compile(DocumentCodec.load(Path.of("samples", "s01-same-bridge.json")));
        assertThatThrownBy(() -> s1.tracer().trace("a", Destination.parse("172.17.0.3"), Probe.icmp(), "a"))
                .hasMessageContaining("passes no Service with several endpoints");
        // without a choice to make, the flow's own destination is accepted
        assertThat(s1.tracer().trace("a", Destination.parse("172.17.0.3"), Probe.icmp(), "b").disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void aClusterIpBranchesToo() {
        Network flannel = Network.compile(DocumentCodec.load(Path.of("samples", "flannel-two-nodes.json")));
        Trace t = flannel.trace("client", "web:80", Probe.tcp(80));
        assertThat(t.branches()).extracting(Branch::endpoint).containsExactly("web-0", "web-1");
        assertThat(t.branches()).extracting(Branch::disposition).containsOnly(Disposition.DELIVERED);
        Trace remote = flannel.tracer().trace("client", Destination.parse("web:80"), Probe.tcp(80), "web-1");
        assertThat(remote.hops()).extracting(Hop::step).contains(StepKind.ENCAP, StepKind.DECAP);
    }

    @Test
    void theMatrixReachesEveryReplicaThroughTheNodePort() {
        // issue 9, verdict 3: the second and third pods were NO_ROUTE from outside
        List<MatrixRow> rows = Analyzer.analyze(net).matrix().rows();
        for (String pod : List.of("web-0", "web-1", "web-2")) {
            MatrixRow r = rows.stream().filter(x -> x.from().equals("ext") && x.to().equals(pod) && x.probe().equals(Probe.tcp(8080))).findFirst().orElseThrow();
            assertThat(r.disposition()).as(pod).isEqualTo(Disposition.DELIVERED);
            assertThat(r.via()).as(pod).endsWith(":30080");
        }
    }

    @Test
    void choicesFollowAPathThenAnEndpoint() {
        Rule three = Rule.dnat(Rule.Chain.PREROUTING, Match.ANY, List.of(new NatTarget(Ipv4.parse("10.0.0.1"), 80, "a"),
                new NatTarget(Ipv4.parse("10.0.0.2"), 80, "b"), new NatTarget(Ipv4.parse("10.0.0.3"), 80, "c")), 0, "three", List.of());
        Choices path = Choices.path(List.of(2));
        assertThat(path.choose(three).node()).isEqualTo("c");
        assertThat(path.choose(three).node()).as("beyond the path: the first").isEqualTo("a");
        assertThat(path.made()).extracting(StepDetail.Choice::index).containsExactly(2, 0);
        assertThat(path.prefix(1)).containsExactly(2);
        Choices toward = Choices.toward("b");
        assertThat(toward.choose(three).node()).isEqualTo("b");
        assertThat(toward.missedToward()).isFalse();
        Choices missing = Choices.toward("z");
        assertThat(missing.choose(three).node()).isEqualTo("a");
        assertThat(missing.missedToward()).isTrue();
        Rule one = Rule.dnat(Rule.Chain.PREROUTING, Match.ANY, Ipv4.parse("10.0.0.9"), 80, 0, "one", List.of());
        Choices first = Choices.first();
        assertThat(first.choose(one).ip()).isEqualTo(Ipv4.parse("10.0.0.9"));
        assertThat(first.made()).as("a rule with one target is no choice").isEmpty();
    }
}
