package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.kinds.CalicoKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.Findings;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Route;
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

/** Calico: S14 of scenarios.md (routes, proxy ARP, BGP-learned blocks), its encapsulations, and what goes wrong by design. */
class CalicoTest {

    static Document s14() { return DocumentCodec.load(Path.of("samples", "s14-calico.json")); }

    static Document option(Document d, String key, String value) {
        return d.update("calico", n -> ((Network) n).withOption(key, value));
    }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    static Dataplane dp(Document d) { return dev.hopscope.net.Network.compile(d).dataplane(); }

    @Test
    void thePoolIsCheckedAgainstTheNetworksOwnBlockSize() {
        // a /27 pool holds two /28 blocks; read against the default /26 blocks it would be refused for nothing
        Document small = option(s14(), CalicoKind.BLOCK_SIZE, "28").update("calico", n -> ((Network) n).withSubnet("10.48.0.0/27"));
        assertThat(dev.hopscope.model.Validator.validate(small)).noneMatch(p -> p.toString().contains("smaller than one node's block"));
        Document tooSmall = option(s14(), CalicoKind.BLOCK_SIZE, "24").update("calico", n -> ((Network) n).withSubnet("10.48.0.0/26"));
        assertThat(dev.hopscope.model.Validator.validate(tooSmall)).anyMatch(p -> p.toString().contains("smaller than one node's block (/24)"));
    }

    @Test
    void podsOnOneNodeAreRoutedThroughItNotBridged() {
        Trace t = trace(s14(), "p1", "10.48.1.3", "icmp");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).noneMatch(h -> h.step() == StepKind.BRIDGE);
        StepDetail.Routed onNode = t.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Routed r && r.forwarded())
                .map(d -> (StepDetail.Routed) d).findFirst().orElseThrow();
        assertThat(onNode.namespace()).isEqualTo("n1");
        assertThat(onNode.ttlAfter()).isEqualTo(onNode.ttlBefore() - 1);
        assertThat(onNode.route().dst().toString()).isEqualTo("10.48.1.3/32");
        assertThat(onNode.route().dev().name()).startsWith("cali");
    }

    @Test
    void thePodsGatewayIsAnsweredByProxyArpOnTheCaliVeth() {
        Trace t = trace(s14(), "p1", "10.48.1.3", "icmp");
        var lookup = t.hops().stream().flatMap(h -> h.arp().stream()).filter(a -> a.namespace().equals("p1")).findFirst().orElseThrow();
        assertThat(lookup.target()).isEqualTo(Ipv4.parse("169.254.1.1"));
        assertThat(lookup.answer()).isInstanceOfSatisfying(dev.hopscope.net.trace.NeighbourLookup.ArpReply.class, r -> {
            assertThat(r.namespace()).isEqualTo("n1");
            assertThat(r.device()).startsWith("cali");
            assertThat(r.proxy()).isTrue();
        });
        Iface cali = dp(s14()).namespaceOf("n1").ifaces().stream().filter(i -> i.name().startsWith("cali")).findFirst().orElseThrow();
        assertThat(cali.proxyArp()).isTrue();
        assertThat(cali.addresses()).isEmpty();
        assertThat(dp(s14()).namespaceOf("p1").iface("eth0").addresses()).extracting(Object::toString).containsExactly("10.48.1.2/32");
    }

    @Test
    void eachNodeLearnsTheOtherNodesBlockByBgpAndTheDestinationSeesThePodsAddress() {
        Route learned = dp(s14()).namespaceOf("n1").lookup(Ipv4.parse("10.48.2.2"));
        assertThat(learned.describe()).startsWith("10.48.2.0/26 via 192.168.50.12 dev eth0 proto bird");
        assertThat(learned.origin()).contains("BGP").contains("n2").contains("full mesh");
        Trace t = trace(s14(), "p1", "10.48.2.2:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).noneMatch(h -> h.step() == StepKind.ENCAP || h.step() == StepKind.NAT);
        var delivered = (StepDetail.SocketReached) t.hops().get(t.hops().size() - 1).detail();
        assertThat(delivered.seenSource()).isEqualTo(Ipv4.parse("10.48.1.2"));
    }

    @Test
    void withoutBgpNoNodeHasARouteToAnotherBlockAndAFindingSaysSo() {
        Document off = option(s14(), CalicoKind.BGP, CalicoKind.NO_BGP);
        assertThat(dp(off).namespaceOf("n1").lookup(Ipv4.parse("10.48.2.2")).dst().prefix()).isZero(); // only the default route is left
        Trace t = trace(off, "p1", "10.48.2.2", "icmp");
        assertThat(t.disposition()).isEqualTo(Disposition.NO_ROUTE); // it leaves by the default route and dies at the LAN's router
        assertThat(trace(off, "p1", "10.48.1.3", "icmp").disposition()).isEqualTo(Disposition.DELIVERED); // the same node still works
        assertThat(Findings.of(off)).filteredOn(f -> f.code().equals("CALICO_NO_ROUTE_TO_BLOCK")).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("full-mesh"));
    }

    @Test
    void aRouteReflectorReflectsWhenItIsACalicoNodeAndNothingWhenItIsNot() {
        Document rr = option(option(s14(), CalicoKind.BGP, CalicoKind.REFLECTOR), CalicoKind.ROUTE_REFLECTOR, "n2");
        assertThat(dp(rr).namespaceOf("n1").lookup(Ipv4.parse("10.48.2.2")).origin()).contains("route reflector");
        assertThat(trace(rr, "p1", "10.48.2.2", "icmp").disposition()).isEqualTo(Disposition.DELIVERED);
        Document unset = option(s14(), CalicoKind.BGP, CalicoKind.REFLECTOR);
        assertThat(trace(unset, "p1", "10.48.2.2", "icmp").disposition()).isNotEqualTo(Disposition.DELIVERED);
        assertThat(Findings.of(unset)).extracting(Finding::code).contains("CALICO_NO_ROUTE_TO_BLOCK");
    }

    @Test
    void aNodeWithoutADefaultRouteLeavesItsPodsWithoutAGateway() {
        Document bare = s14().update("lan", n -> ((Underlay) n).withGateway(null));
        Trace t = trace(bare, "p1", "10.48.1.3", "icmp");
        assertThat(t.disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE); // nobody proxies 169.254.1.1, as the kernel shows
        assertThat(Findings.of(bare)).extracting(Finding::code).contains("CALICO_NO_DEFAULT_ROUTE");
    }

    @Test
    void vxlanModeWrapsTrafficBetweenNodesInVni4096WithoutBgp() {
        Trace t = trace(DocumentCodec.load(Path.of("samples", "calico-vxlan.json")), "p1", "10.48.2.2:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        StepDetail.Encapsulated e = (StepDetail.Encapsulated) t.hops().stream().map(Hop::detail)
                .filter(d -> d instanceof StepDetail.Encapsulated).findFirst().orElseThrow();
        assertThat(e.vni()).isEqualTo(4096);
        assertThat(e.udpPort()).isEqualTo(4789);
        assertThat(dp(DocumentCodec.load(Path.of("samples", "calico-vxlan.json"))).namespaceOf("p1").iface("eth0").mtu()).isEqualTo(1450);
    }

    @Test
    void ipipAndCrossSubnetPickTheirDevicesAndRoutes() {
        Document ipip = option(s14(), CalicoKind.ENCAPSULATION, CalicoKind.IPIP);
        Route r = dp(ipip).namespaceOf("n1").lookup(Ipv4.parse("10.48.2.2"));
        assertThat(r.describe()).startsWith("10.48.2.0/26 via 192.168.50.12 dev tunl0 onlink proto bird");
        assertThat(r.dev().kind()).isEqualTo(Iface.Kind.IPIP);
        assertThat(r.dev().mtu()).isEqualTo(1480);
        assertThat(dp(ipip).namespaceOf("p1").iface("eth0").mtu()).isEqualTo(1480);
        // both nodes in one subnet: CrossSubnet routes natively
        Document cross = option(s14(), CalicoKind.ENCAPSULATION, CalicoKind.IPIP_CROSS_SUBNET);
        assertThat(dp(cross).namespaceOf("n1").lookup(Ipv4.parse("10.48.2.2")).dev().name()).isEqualTo("eth0");
    }

    @Test
    void natOutgoingMasqueradesEgressLeavingThePoolButNeverPodToPod() {
        Trace out = trace(s14(), "p1", "192.168.50.100:443", "tcp/443");
        assertThat(out.disposition()).isEqualTo(Disposition.DELIVERED);
        var seen = (StepDetail.SocketReached) out.hops().get(out.hops().size() - 1).detail();
        assertThat(seen.seenSource()).isEqualTo(Ipv4.parse("192.168.50.11"));
        Document noNat = option(s14(), CalicoKind.NAT_OUTGOING, "false");
        assertThat(trace(noNat, "p1", "192.168.50.100:443", "tcp/443").disposition()).isEqualTo(Disposition.NO_RETURN_PATH);
    }

    @Test
    void networkPolicyIsEnforcedAtThePodsCaliInterfaceOnEitherNode() {
        Document d = s14().with(new NetworkPolicy("np", "web-from-nobody", "default", Map.of("app", "web"), true, false, List.of(), List.of()));
        for (String to : List.of("10.48.1.3:8080", "10.48.2.2:8080")) {
            Trace t = trace(d, "p1", to, "tcp/8080");
            assertThat(t.disposition()).as(to).isEqualTo(Disposition.DENIED);
            assertThat(t.reason()).contains("web-from-nobody");
        }
        Document allowed = s14().with(new NetworkPolicy("np", "web-from-client", "default", Map.of("app", "web"), true, false,
                List.of(new NetworkPolicy.Rule(List.of(new NetworkPolicy.Peer(Map.of("app", "client"), null, null)),
                        List.of(new NetworkPolicy.PortSpec(Proto.TCP, 8080)))), List.of()));
        assertThat(trace(allowed, "p1", "10.48.1.3:8080", "tcp/8080").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(allowed, "p3", "10.48.2.2:8080", "tcp/8080").disposition()).isEqualTo(Disposition.DENIED);
    }

    @Test
    void anMtuTooLargeForTheEncapsulationIsAnError() {
        Document d = option(option(s14(), CalicoKind.ENCAPSULATION, CalicoKind.VXLAN), CalicoKind.MTU, "1480");
        assertThat(Findings.of(d)).filteredOn(f -> f.code().equals("CALICO_MTU_TOO_LARGE")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.fix()).contains("1450"));
    }

    @Test
    void nodesOwnTheBlocksTheirPinnedPodsSitInAndOthersTakeTheNextFreeBlock() {
        Document d = s14().with(new dev.hopscope.model.Host("n3", "n3", dev.hopscope.model.Host.Role.K8S_NODE, "lan", "192.168.50.13/24", true, 1500, List.of()));
        var a = dev.hopscope.model.Ipam.allocate(d);
        assertThat(a.block("n1", "calico")).map(Object::toString).contains("10.48.1.0/26");
        assertThat(a.block("n2", "calico")).map(Object::toString).contains("10.48.2.0/26");
        assertThat(a.block("n3", "calico")).map(Object::toString).contains("10.48.0.0/26");
    }
}
