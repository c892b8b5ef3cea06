package dev.hopscope.net;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.LabelExpression;
import dev.hopscope.model.LabelExpression.Operator;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.NetworkPolicy.Peer;
import dev.hopscope.model.NetworkPolicy.PortSpec;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.provider.policy.PodPoliciesAccess;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NetworkPolicy as the Kubernetes documentation ("Network Policies", "The NetworkPolicy
 * resource") states it: a peer with namespaceSelector and podSelector means both; podSelector
 * alone means the policy's own namespace; namespaceSelector alone means every pod of the matching
 * namespaces, by their labels and the automatic kubernetes.io/metadata.name; matchExpressions
 * In, NotIn, Exists, DoesNotExist; ipBlock with except; named ports resolved on the pod the
 * traffic goes to; port ranges with endPort.
 */
class NetworkPolicyCompleteTest {

    static Pod pod(String id, String ns, String node, Map<String, String> labels, Socket... sockets) {
        return new Pod(id, id, ns, node, labels, List.of(new Pod.PodContainer("c", "img", List.of(sockets))), false, null, null);
    }

    /** Two nodes; namespaces shop (team=shop, env=prod) and dev (env=dev) as objects, default implicit; db in shop on h2. */
    static Document cluster(NetworkPolicy... policies) {
        Document d = Scenarios.base("np", 2, true)
                .update("lan", n -> ((Underlay) n).withGateway("192.168.50.1"))
                .update("h1", n -> ((Host) n).withRole(Host.Role.K8S_NODE)).update("h2", n -> ((Host) n).withRole(Host.Role.K8S_NODE))
                .with(new Bridge("cni1", "cni0", "h1", Bridge.Kind.CNI, "10.244.1.0/24", null, true, false, true))
                .with(new Bridge("cni2", "cni0", "h2", Bridge.Kind.CNI, "10.244.2.0/24", null, true, false, true))
                .with(new KubeNamespace("ns-shop", "shop", Map.of("team", "shop", "env", "prod")))
                .with(new KubeNamespace("ns-dev", "dev", Map.of("env", "dev")))
                .with(pod("db", "shop", "h2", Map.of("app", "db", "tier", "data"),
                        new Socket(5432, Proto.TCP, null, "pg"), Socket.tcp(9100), Socket.tcp(9101), Socket.tcp(9102)))
                .with(pod("shop-api", "shop", "h1", Map.of("app", "api")))
                .with(pod("shop-web", "shop", "h2", Map.of("app", "web")))
                .with(pod("dev-api", "dev", "h1", Map.of("app", "api")))
                .with(pod("dev-tool", "dev", "h2", Map.of("app", "tool", "debug", "yes"), Socket.tcp(7000)))
                .with(pod("default-api", "default", "h1", Map.of("app", "api")))
                .with(pod("near", "default", "h1", Map.of("app", "near"), new Socket(8443, Proto.TCP, null, "https")))
                .with(pod("far", "default", "h2", Map.of("app", "far"), new Socket(8443, Proto.TCP, null, "https")));
        for (NetworkPolicy p : policies) d = d.with(p);
        return d;
    }

    static NetworkPolicy ingressToDb(List<Peer> peers, List<PortSpec> ports) {
        return new NetworkPolicy("np", "db-in", "shop", Map.of("app", "db"), true, false,
                List.of(new NetworkPolicy.Rule(peers, ports)), List.of());
    }

    static Disposition verdict(Document d, String from, String to, int port) {
        Network n = Network.compile(d);
        String address = n.tracer().targets().addresses(d.node(to).orElseThrow()).get(0) + ":" + port;
        Trace t = n.trace(from, address, Probe.tcp(port));
        return t.disposition();
    }

    @ParameterizedTest(name = "namespaceSelector AND podSelector: {0} → db {1}")
    @CsvSource({"shop-api, DELIVERED", "dev-api, DENIED", "default-api, DENIED", "shop-web, DENIED", "dev-tool, DENIED"})
    void bothSelectorsInOnePeerMeanBoth(String from, Disposition expected) {
        Document d = cluster(ingressToDb(List.of(new Peer(Map.of("app", "api"), Map.of("env", "prod"), null)), List.of()));
        assertThat(verdict(d, from, "db", 5432)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "two peers (OR), podSelector alone in the policy's namespace: {0} → db {1}")
    @CsvSource({"shop-api, DELIVERED", "dev-api, DELIVERED", "dev-tool, DELIVERED", "default-api, DENIED", "shop-web, DENIED"})
    void separatePeersAreEitherAndAPodSelectorAloneStaysInItsNamespace(String from, Disposition expected) {
        Document d = cluster(ingressToDb(List.of(new Peer(null, Map.of("env", "dev"), null), new Peer(Map.of("app", "api"), null, null)), List.of()));
        assertThat(verdict(d, from, "db", 5432)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "the automatic name label: {0} → db {1}")
    @CsvSource({"dev-api, DELIVERED", "default-api, DELIVERED", "shop-api, DENIED"})
    void everyNamespaceHasItsNameAsALabelEvenWithoutAnObject(String from, Disposition expected) {
        Document d = cluster(ingressToDb(List.of(
                new Peer(null, Map.of(KubeNamespace.NAME_LABEL, "dev"), null),
                new Peer(null, Map.of(KubeNamespace.NAME_LABEL, "default"), null)), List.of()));
        assertThat(verdict(d, from, "db", 5432)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "matchExpressions: {0} → db {1}")
    @CsvSource({"shop-api, DELIVERED", "shop-web, DELIVERED", "dev-api, DELIVERED", "dev-tool, DENIED", "default-api, DENIED"})
    void matchExpressionsSelectNamespacesAndPods(String from, Disposition expected) {
        // namespaces whose env is prod or dev (default has no env), pods without a debug label whose app is not tool
        Peer peer = new Peer(null, null, null,
                List.of(new LabelExpression("app", Operator.NOT_IN, List.of("tool")), new LabelExpression("debug", Operator.DOES_NOT_EXIST, List.of())),
                List.of(new LabelExpression("env", Operator.IN, List.of("prod", "dev")), new LabelExpression("env", Operator.EXISTS, List.of())),
                List.of());
        Document d = cluster(ingressToDb(List.of(peer), List.of()));
        assertThat(verdict(d, from, "db", 5432)).isEqualTo(expected);
    }

    @Test
    void aPolicysOwnPodSelectorTakesExpressions() {
        // selects every pod of shop whose tier is not data: db is not selected, shop-web is
        NetworkPolicy np = new NetworkPolicy("np", "deny-non-data", "shop", Map.of(), true, false, List.of(), List.of(),
                List.of(new LabelExpression("tier", Operator.NOT_IN, List.of("data"))));
        Document d = cluster(np).with(pod("shop-web", "shop", "h2", Map.of("app", "web"), Socket.tcp(80)));
        assertThat(verdict(d, "dev-api", "db", 5432)).isEqualTo(Disposition.DELIVERED);
        assertThat(verdict(d, "dev-api", "shop-web", 80)).isEqualTo(Disposition.DENIED);
    }

    @ParameterizedTest(name = "ports: tcp/{0} → {1}")
    @CsvSource({"5432, DELIVERED", "9100, DELIVERED", "9101, DELIVERED", "9102, DENIED"})
    void aNamedPortIsTheSelectedPodsPortOfThatNameAndEndPortMakesARange(int port, Disposition expected) {
        Document d = cluster(ingressToDb(List.of(), List.of(PortSpec.named(Proto.TCP, "pg"), new PortSpec(Proto.TCP, 9100, null, 9101))));
        assertThat(verdict(d, "shop-api", "db", port)).isEqualTo(expected);
    }

    @Test
    void anEgressNamedPortIsThePeerPodsPort() {
        // dev-tool may leave only for the port named https of whichever pod it reaches
        NetworkPolicy np = new NetworkPolicy("np", "tool-out", "dev", Map.of("app", "tool"), false, true, List.of(),
                List.of(new NetworkPolicy.Rule(List.of(), List.of(PortSpec.named(Proto.TCP, "https")))));
        Document d = cluster(np);
        assertThat(verdict(d, "dev-tool", "near", 8443)).isEqualTo(Disposition.DELIVERED);
        assertThat(verdict(d, "dev-tool", "db", 9100)).isEqualTo(Disposition.DENIED);
    }

    @Test
    void anIpBlockLeavesOutItsExceptRanges() {
        // dev-tool (on h2) may reach 10.244.0.0/16 except h2's pod range 10.244.2.0/24
        NetworkPolicy np = new NetworkPolicy("np", "tool-out", "dev", Map.of("app", "tool"), false, true, List.of(),
                List.of(new NetworkPolicy.Rule(List.of(Peer.block("10.244.0.0/16", List.of("10.244.2.0/24"))), List.of())));
        Document d = cluster(np);
        assertThat(verdict(d, "dev-tool", "near", 8443)).isEqualTo(Disposition.DELIVERED);  // 10.244.1.x
        assertThat(verdict(d, "dev-tool", "far", 8443)).isEqualTo(Disposition.DENIED);      // 10.244.2.x
    }

    @Test
    void aRangeLessAnExceptIsTheFewestCidrsThatCoverTheRest() {
        // by hand: 10.0.0.0/16 without 10.0.5.0/24 = 0-3, 4, 6-7, 8-15, 16-31, 32-63, 64-127, 128-255 (third octet)
        assertThat(PodPoliciesAccess.without(Cidr.parse("10.0.0.0/16"), List.of(Cidr.parse("10.0.5.0/24"))).stream().map(Cidr::toString).toList())
                .containsExactly("10.0.0.0/22", "10.0.4.0/24", "10.0.6.0/23", "10.0.8.0/21", "10.0.16.0/20", "10.0.32.0/19", "10.0.64.0/18", "10.0.128.0/17");
        assertThat(PodPoliciesAccess.without(Cidr.parse("10.0.0.0/24"), List.of(Cidr.parse("10.0.0.0/8")))).isEmpty();
        assertThat(PodPoliciesAccess.without(Cidr.parse("10.0.0.0/24"), List.of(Cidr.parse("192.168.0.0/16"))).stream().map(Cidr::toString).toList())
                .containsExactly("10.0.0.0/24");
    }

    @Test
    void theRangeIsWrittenForIptablesAsFirstColonLast() {
        Document d = cluster(ingressToDb(List.of(), List.of(new PortSpec(Proto.TCP, 9100, null, 9101))));
        var h2 = Network.compile(d).dataplane().namespaceOf("h2");
        assertThat(h2.rules().stream().map(r -> String.join(" ", r.match().args()))).anyMatch(a -> a.contains("--dport 9100:9101"));
    }
}
