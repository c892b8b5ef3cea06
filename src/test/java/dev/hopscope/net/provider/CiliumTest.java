package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Probe;
import dev.hopscope.model.kinds.CiliumKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.Findings;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cilium: endpoints on lxc veths routed through the node, cilium_host's router address, the VXLAN
 * tunnel on UDP 8472 (Cilium's documented port) or native routing, masquerading, policy drops
 * named as Hubble names them, and what goes wrong by design.
 */
class CiliumTest {

    static Document sample() { return DocumentCodec.load(Path.of("samples", "cilium-vxlan.json")); }

    static Document option(Document d, String key, String value) {
        return d.update("cilium", n -> ((Network) n).withOption(key, value));
    }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    static Dataplane dp(Document d) { return dev.hopscope.net.Network.compile(d).dataplane(); }

    static List<String> codes(Document d) { return Findings.of(d).stream().map(Finding::code).toList(); }

    @Test
    void aPodHoldsASlash32AndRoutesEverythingToItsNodesRouterAddressOnCiliumHost() {
        Dataplane dp = dp(sample());
        Iface eth0 = dp.namespaceOf("client").iface("eth0");
        assertThat(eth0.addresses()).extracting(Object::toString).containsExactly("10.0.1.23/32");
        Route dflt = dp.namespaceOf("client").lookup(Ipv4.parse("192.168.50.100"));
        // the node's router address: the first address of its podCIDR 10.0.1.0/24, held by cilium_host
        assertThat(dflt.describe()).isEqualTo("0.0.0.0/0 via 10.0.1.1 dev eth0 onlink");
        Iface ciliumHost = dp.namespaceOf("n1").iface("cilium_host");
        assertThat(ciliumHost.addresses()).extracting(Object::toString).containsExactly("10.0.1.1/32");
        assertThat(ciliumHost.peer().name()).isEqualTo("cilium_net");
        assertThat(eth0.peer().name()).startsWith("lxc");
        assertThat(eth0.peer().addresses()).isEmpty();
        assertThat(dp.namespaceOf("n1").ifaces()).noneMatch(i -> i.kind() == Iface.Kind.BRIDGE);
    }

    @Test
    void theRouterAddressIsAnsweredOnTheLxcDeviceAndPodsOnOneNodeAreRoutedNotBridged() {
        Trace t = trace(sample(), "client", "10.0.1.57:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).noneMatch(h -> h.step() == StepKind.BRIDGE || h.step() == StepKind.ENCAP);
        var arp = t.hops().stream().flatMap(h -> h.arp().stream()).filter(a -> a.namespace().equals("client")).findFirst().orElseThrow();
        assertThat(arp.target()).isEqualTo(Ipv4.parse("10.0.1.1"));
        assertThat(arp.answer()).isInstanceOfSatisfying(dev.hopscope.net.trace.NeighbourLookup.ArpReply.class,
                r -> assertThat(r.device()).startsWith("lxc"));
        StepDetail.Routed onNode = t.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Routed r && r.forwarded())
                .map(d -> (StepDetail.Routed) d).findFirst().orElseThrow();
        assertThat(onNode.namespace()).isEqualTo("n1");
        assertThat(onNode.ttlAfter()).isEqualTo(63);
        assertThat(onNode.route().dst().toString()).isEqualTo("10.0.1.57/32");
    }

    @Test
    void podsOnTwoNodesMeetThroughCiliumVxlanOnUdp8472WithoutNat() {
        Trace t = trace(sample(), "client", "10.0.2.18:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        StepDetail.Encapsulated e = t.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Encapsulated)
                .map(d -> (StepDetail.Encapsulated) d).findFirst().orElseThrow();
        assertThat(e.device()).isEqualTo("cilium_vxlan");
        assertThat(e.udpPort()).isEqualTo(8472);
        assertThat(e.localEndpoint()).isEqualTo(Ipv4.parse("192.168.50.11"));
        assertThat(e.remoteEndpoint()).isEqualTo(Ipv4.parse("192.168.50.12"));
        assertThat(e.addedBytes()).isEqualTo(50);
        assertThat(t.hops()).noneMatch(h -> h.step() == StepKind.NAT);
        var delivered = (StepDetail.SocketReached) t.hops().get(t.hops().size() - 1).detail();
        assertThat(delivered.seenSource()).isEqualTo(Ipv4.parse("10.0.1.23"));
        // the tunnel costs 50 bytes: pods get 1450 on a 1500-byte LAN
        assertThat(dp(sample()).namespaceOf("client").iface("eth0").mtu()).isEqualTo(1450);
        assertThat(trace(sample(), "client", "10.0.2.40", "icmp/1422").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(sample(), "client", "10.0.2.40", "icmp/1423").disposition()).isEqualTo(Disposition.MTU_EXCEEDED);
    }

    @Test
    void withGenevePodsOnTwoNodesMeetThroughCiliumGeneveOnUdp6081() {
        Document geneve = option(sample(), CiliumKind.TUNNEL_PROTOCOL, CiliumKind.GENEVE);
        assertThat(dp(geneve).namespaceOf("n1").iface("cilium_geneve").kind()).isEqualTo(Iface.Kind.GENEVE);
        assertThat(dp(geneve).namespaceOf("n1").iface("cilium_vxlan")).isNull();
        Trace t = trace(geneve, "client", "10.0.2.18:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        Hop encap = t.hops().stream().filter(h -> h.step() == StepKind.ENCAP).findFirst().orElseThrow();
        assertThat(encap.detail()).isInstanceOfSatisfying(StepDetail.Encapsulated.class, e -> {
            assertThat(e.tunnel()).isEqualTo(dev.hopscope.net.trace.TunnelKind.GENEVE);
            assertThat(e.device()).isEqualTo("cilium_geneve");
            assertThat(e.udpPort()).isEqualTo(6081); // IANA's Geneve port, Cilium's default
            assertThat(e.remoteEndpoint()).isEqualTo(Ipv4.parse("192.168.50.12"));
            assertThat(e.addedBytes()).isEqualTo(50); // Geneve without options: as VXLAN
        });
        assertThat(encap.packet().headers()).anyMatch(h -> h instanceof dev.hopscope.net.trace.Header.Geneve);
        assertThat(t.hops()).anyMatch(h -> h.step() == StepKind.DECAP && h.namespace().equals("n2"));
    }

    @Test
    void aPolicyDropIsNamedAsHubbleNamesItWithTheDirectionThatDecided() {
        Trace in = trace(sample(), "scanner", "10.0.1.57:8080", "tcp/8080");
        assertThat(in.disposition()).isEqualTo(Disposition.DENIED);
        assertThat(in.reason()).contains("POLICY_DENIED").contains("INGRESS").contains("web-from-client").contains("web-0");
        StepDetail.Filtered f = in.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Filtered)
                .map(d -> (StepDetail.Filtered) d).findFirst().orElseThrow();
        assertThat(f.rule().target()).isEqualTo(Rule.Target.DROP);

        Document egress = sample().with(new NetworkPolicy("scanner-stays-home", "scanner-stays-home", "default", Map.of("app", "scanner"),
                false, true, List.of(), List.of()));
        Trace out = trace(egress, "scanner", "192.168.50.100:443", "tcp/443");
        assertThat(out.disposition()).isEqualTo(Disposition.DENIED);
        assertThat(out.reason()).contains("POLICY_DENIED").contains("EGRESS").contains("scanner-stays-home");
    }

    @Test
    void podEgressLeavingThePoolIsMasqueradedUnlessMasqueradingIsOff() {
        Trace out = trace(sample(), "client", "192.168.50.100:443", "tcp/443");
        assertThat(out.disposition()).isEqualTo(Disposition.DELIVERED);
        var seen = (StepDetail.SocketReached) out.hops().get(out.hops().size() - 1).detail();
        assertThat(seen.seenSource()).isEqualTo(Ipv4.parse("192.168.50.11"));
        Document off = option(sample(), CiliumKind.MASQUERADE, "false");
        assertThat(trace(off, "client", "192.168.50.100:443", "tcp/443").disposition()).isEqualTo(Disposition.NO_RETURN_PATH);
    }

    @Test
    void nativeRoutingNeedsAutoDirectNodeRoutesOrSomeoneElsesRoutes() {
        Document bare = option(sample(), CiliumKind.ROUTING_MODE, CiliumKind.NATIVE);
        assertThat(dp(bare).namespaceOf("n1").iface("cilium_vxlan")).isNull();
        assertThat(dp(bare).namespaceOf("n1").lookup(Ipv4.parse("10.0.2.18")).dst().prefix()).isZero(); // only the default route
        assertThat(trace(bare, "client", "10.0.2.18:8080", "tcp/8080").disposition()).isNotEqualTo(Disposition.DELIVERED);
        assertThat(Findings.of(bare)).filteredOn(f -> f.code().equals("CILIUM_NO_ROUTE_TO_POD_CIDR")).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("auto-direct-node-routes"));
        assertThat(dp(bare).namespaceOf("client").iface("eth0").mtu()).isEqualTo(1500); // nothing to wrap

        Document direct = option(bare, CiliumKind.AUTO_DIRECT_NODE_ROUTES, "true");
        Route r = dp(direct).namespaceOf("n1").lookup(Ipv4.parse("10.0.2.18"));
        assertThat(r.describe()).startsWith("10.0.2.0/24 via 192.168.50.12 dev eth0");
        Trace t = trace(direct, "client", "10.0.2.18:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).noneMatch(h -> h.step() == StepKind.ENCAP);
        assertThat(codes(direct)).doesNotContain("CILIUM_NO_ROUTE_TO_POD_CIDR");
    }

    @Test
    void autoDirectNodeRoutesCannotCrossARouter() {
        Document d = option(option(sample(), CiliumKind.ROUTING_MODE, CiliumKind.NATIVE), CiliumKind.AUTO_DIRECT_NODE_ROUTES, "true");
        d = d.update("n2", n -> new Host("n2", "n2", Host.Role.K8S_NODE, "lan", "192.168.51.12/24", true, 1500, List.of()));
        assertThat(Findings.of(d)).filteredOn(f -> f.code().equals("CILIUM_NO_ROUTE_TO_POD_CIDR")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("same subnet"));
        assertThat(codes(option(d, CiliumKind.ROUTING_MODE, CiliumKind.TUNNEL))).doesNotContain("CILIUM_NO_ROUTE_TO_POD_CIDR");
    }

    @Test
    void withKubeProxyReplacementKubeProxyWritesNothingOnTheCiliumNodes() {
        assertThat(dp(sample()).namespaceOf("n1").rules()).anyMatch(r -> r.target() == Rule.Target.DNAT); // kube-proxy runs
        Document kpr = option(sample(), CiliumKind.KUBE_PROXY_REPLACEMENT, "true");
        Dataplane dp = dp(kpr);
        for (String n : List.of("n1", "n2")) {
            assertThat(dp.namespaceOf(n).rules()).as(n).noneMatch(r -> r.why().contains("kube-proxy"));
            assertThat(dp.namespaceOf(n).chain(Rule.Table.NAT, Rule.Chain.PREROUTING)).as(n).isEmpty();
        }
        // one socket load balancer per node, shared by the node and its pods, translating the ClusterIP to both backends
        var lb = dp.namespaceOf("client").socketLb();
        assertThat(lb).isNotNull().isSameAs(dp.namespaceOf("n1").socketLb()).isSameAs(dp.namespaceOf("web-0").socketLb());
        assertThat(lb).isNotSameAs(dp.namespaceOf("n2").socketLb());
        assertThat(lb.rules()).singleElement().satisfies(r -> {
            assertThat(r.match().dst().toString()).isEqualTo("10.96.0.10/32");
            assertThat(r.dnatTargets()).extracting(Object::toString).containsExactly("10.0.1.57:8080", "10.0.2.18:8080");
        });
    }

    @Test
    void withKubeProxyReplacementTheClientsSocketTranslatesTheServiceAndNoNodeNatsIt() {
        Document kpr = option(sample(), CiliumKind.KUBE_PROXY_REPLACEMENT, "true");
        Trace t = trace(kpr, "client", "web:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        // after the name lookup, the first step happens in client itself, before any route: connect() to the ClusterIP is translated
        assertThat(t.hops().get(0).step()).isEqualTo(StepKind.DNS);
        Hop first = t.hops().get(1);
        assertThat(first.step()).isEqualTo(StepKind.NAT);
        assertThat(first.detail()).isInstanceOfSatisfying(StepDetail.SocketTranslated.class, s -> {
            assertThat(s.namespace()).isEqualTo("client");
            assertThat(s.before().destination()).isEqualTo("10.96.0.10:80");
            assertThat(s.after().destination()).isEqualTo("10.0.1.57:8080");
            assertThat(s.choice()).hasValueSatisfying(c -> assertThat(c.of()).isEqualTo(2));
        });
        assertThat(first.note()).contains("client's socket connects to 10.96.0.10:80").contains("no node will NAT it");
        // no DNAT on any node, and nothing to undo on the way back
        assertThat(t.hops()).noneMatch(h -> h.detail() instanceof StepDetail.Dnat);
        assertThat(t.reply().hops()).noneMatch(h -> h.detail() instanceof StepDetail.Unnat);
        // both backends are branches: web-1 on n2 is reached through the tunnel, already addressed to it
        assertThat(t.branches()).extracting(b -> b.endpoint() + " " + b.disposition())
                .containsExactlyInAnyOrder("web-0 DELIVERED", "web-1 DELIVERED");
        Trace toWeb1 = trace(kpr, "client", "10.96.0.10:80", "tcp/80");
        assertThat(toWeb1.disposition()).isEqualTo(Disposition.DELIVERED);

        // without the replacement, kube-proxy's DNAT happens on client's node n1
        Trace kubeProxy = trace(sample(), "client", "web:80", "tcp/80");
        assertThat(kubeProxy.hops()).noneMatch(h -> h.detail() instanceof StepDetail.SocketTranslated);
        assertThat(kubeProxy.hops()).anyMatch(h -> h.detail() instanceof StepDetail.Dnat && h.node().equals("n1"));
    }

    @Test
    void withKubeProxyReplacementTheNodeAndAServiceWithoutBackendsAreTranslatedAtTheSocketToo() {
        Document kpr = option(sample(), CiliumKind.KUBE_PROXY_REPLACEMENT, "true")
                .with(new dev.hopscope.model.Service("gone", "gone", "default", dev.hopscope.model.Service.Type.CLUSTER_IP, null,
                        List.of(new dev.hopscope.model.Service.ServicePort("http", 80, 8080, 0, dev.hopscope.model.Proto.TCP)),
                        Map.of("app", "nothing"), dev.hopscope.model.Service.TrafficPolicy.CLUSTER));
        // the node's own socket is translated too; the policy admits app=client only, so n1's web-0 refuses
        // the remote node n2, while n2's own web-1 takes it (Cilium lets a node reach its local endpoints)
        Trace fromNode = trace(kpr, "n2", "10.96.0.10:80", "tcp/80");
        assertThat(fromNode.hops().get(0).detail()).isInstanceOfSatisfying(StepDetail.SocketTranslated.class,
                s -> assertThat(s.namespace()).isEqualTo("n2"));
        assertThat(fromNode.branches()).extracting(b -> b.endpoint() + " " + b.disposition())
                .containsExactlyInAnyOrder("web-0 DENIED", "web-1 DELIVERED");
        Trace none = trace(kpr, "client", "gone:80", "tcp/80");
        assertThat(none.disposition()).isNotEqualTo(Disposition.DELIVERED);
        assertThat(none.reason()).contains("SERVICE_BACKEND_NOT_FOUND");
        // connect() fails in client: the name lookup, then the drop, and nothing on the wire
        assertThat(none.hops()).extracting(Hop::step).containsExactly(StepKind.DNS, StepKind.DROP);
        assertThat(none.hops()).allMatch(h -> h.node().equals("client"));
    }

    @Test
    void aPoolWithFewerPodCidrsThanNodesLeavesANodeWithout() {
        Document d = option(sample().update("cilium", n -> ((Network) n).withSubnet("10.0.0.0/22")), CiliumKind.MASK_SIZE, "23");
        d = d.with(new Host("n3", "n3", Host.Role.K8S_NODE, "lan", "192.168.50.13/24", true, 1500, List.of()));
        assertThat(Findings.of(d)).filteredOn(f -> f.code().equals("CILIUM_POOL_EXHAUSTED")).singleElement().satisfies(f -> {
            assertThat(f.subjects()).contains("n3");
            assertThat(f.message()).contains("2 podCIDRs of /23 for 3 nodes");
        });
    }

    @Test
    void aPodCidrHoldingAClusterIpIsAnError() {
        Document d = sample().update("cilium", n -> ((Network) n).withSubnet("10.96.0.0/16"));
        d = d.update("client", n -> ((dev.hopscope.model.Pod) n).withIp(null)).update("web-0", n -> ((dev.hopscope.model.Pod) n).withIp(null))
                .update("web-1", n -> ((dev.hopscope.model.Pod) n).withIp(null)).update("scanner", n -> ((dev.hopscope.model.Pod) n).withIp(null));
        assertThat(codes(d)).contains("CILIUM_POD_CIDR_HOLDS_CLUSTER_IP");
        assertThat(codes(sample())).doesNotContain("CILIUM_POD_CIDR_HOLDS_CLUSTER_IP");
    }

    @Test
    void anMtuTheTunnelCannotCarryIsAnError() {
        assertThat(Findings.of(option(sample(), CiliumKind.MTU, "1500"))).filteredOn(f -> f.code().equals("CILIUM_MTU_TOO_LARGE")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.fix()).contains("1450"));
        assertThat(codes(option(option(sample(), CiliumKind.MTU, "1500"), CiliumKind.ROUTING_MODE, CiliumKind.NATIVE)))
                .doesNotContain("CILIUM_MTU_TOO_LARGE");
    }
}
