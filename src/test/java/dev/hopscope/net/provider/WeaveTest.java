package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import dev.hopscope.model.kinds.WeaveKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.Findings;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
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
 * Weave Net: one bridge per host on one range, frames between hosts in the fast datapath's VXLAN
 * on UDP 6784 (Weave's documented port), ESP when encrypted with a password, WEAVE_MTU's 1376,
 * the expose address as the pods' gateway, and what goes wrong by design.
 */
class WeaveTest {

    static Document sample() { return DocumentCodec.load(Path.of("samples", "weave.json")); }

    static Document option(Document d, String key, String value) {
        return d.update("weave", n -> ((Network) n).withOption(key, value));
    }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    static Dataplane dp(Document d) { return dev.hopscope.net.Network.compile(d).dataplane(); }

    static List<String> codes(Document d) { return Findings.of(d).stream().map(Finding::code).toList(); }

    static StepDetail.Encapsulated encap(Trace t) {
        return t.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Encapsulated)
                .map(d -> (StepDetail.Encapsulated) d).findFirst().orElseThrow();
    }

    @Test
    void everyHostHasAWeaveBridgeHoldingTheFirstAddressOfItsShareOfTheOneRange() {
        Dataplane dp = dp(sample());
        Iface n1 = dp.namespaceOf("n1").iface("weave"), n2 = dp.namespaceOf("n2").iface("weave");
        assertThat(n1.kind()).isEqualTo(Iface.Kind.BRIDGE);
        assertThat(n1.addresses()).extracting(Object::toString).containsExactly("10.32.0.1/12");
        assertThat(n2.addresses()).extracting(Object::toString).containsExactly("10.36.0.1/12");
        assertThat(n1.mtu()).isEqualTo(1376);
        assertThat(dp.namespaceOf("client").iface("eth0").addresses()).extracting(Object::toString).containsExactly("10.36.0.2/12");
        assertThat(dp.namespaceOf("client").iface("eth0").mtu()).isEqualTo(1376);
        assertThat(dp.namespaceOf("client").lookup(Ipv4.parse("192.168.50.100")).describe()).isEqualTo("0.0.0.0/0 via 10.36.0.1 dev eth0");
        assertThat(dp.namespaceOf("n1").iface("vxlan-6784").master()).isSameAs(n1);
    }

    @Test
    void podsOnTwoHostsAreOneSegmentBridgedThroughTheFastDatapathOnUdp6784() {
        Trace t = trace(sample(), "client", "10.32.0.2:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        StepDetail.Encapsulated e = encap(t);
        assertThat(e.udpPort()).isEqualTo(6784);
        assertThat(e.remoteEndpoint()).isEqualTo(Ipv4.parse("192.168.50.11"));
        assertThat(e.esp()).isFalse();
        // switched, never routed: the TTL arrives as it left, and no host forwards
        assertThat(t.hops()).noneMatch(h -> h.detail() instanceof StepDetail.Routed r && r.forwarded());
        var delivered = (StepDetail.SocketReached) t.hops().get(t.hops().size() - 1).detail();
        assertThat(delivered.seenSource()).isEqualTo(Ipv4.parse("10.36.0.2"));
        assertThat(t.hops().get(t.hops().size() - 1).packet().ttl()).isEqualTo(64);
        // the ARP for web-0 crossed the tunnel and web-0 itself answered
        var arp = t.hops().stream().flatMap(h -> h.arp().stream()).filter(a -> a.namespace().equals("client")).findFirst().orElseThrow();
        assertThat(arp.answer()).isInstanceOfSatisfying(dev.hopscope.net.trace.NeighbourLookup.ArpReply.class,
                r -> assertThat(r.namespace()).isEqualTo("web-0"));
    }

    @Test
    void sleeveCarriesTheFrameThroughTheWeaveRouterInUdp6783() {
        Document sleeve = option(sample(), WeaveKind.DATAPATH, WeaveKind.SLEEVE);
        Dataplane dp = dp(sleeve);
        assertThat(dp.namespaceOf("n1").iface("vxlan-6784")).isNull();
        Iface port = dp.namespaceOf("n1").iface("vethwe-bridge");
        assertThat(port.kind()).isEqualTo(Iface.Kind.SLEEVE);
        assertThat(port.master()).isSameAs(dp.namespaceOf("n1").iface("weave"));
        Trace t = trace(sleeve, "client", "10.32.0.2:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        StepDetail.Encapsulated e = encap(t);
        assertThat(e.tunnel()).isEqualTo(dev.hopscope.net.trace.TunnelKind.SLEEVE);
        assertThat(e.udpPort()).isEqualTo(6783); // Weave's documented sleeve port
        assertThat(e.remoteEndpoint()).isEqualTo(Ipv4.parse("192.168.50.11"));
        // outer IPv4 20, UDP 8, the sender's name 6, the frame's header 14 (two peer names, a length), the inner Ethernet 14
        assertThat(e.addedBytes()).isEqualTo(62);
        Hop hop = t.hops().stream().filter(h -> h.step() == StepKind.ENCAP).findFirst().orElseThrow();
        assertThat(hop.note()).contains("weave router").contains("user space");
        assertThat(hop.packet().headers()).anyMatch(h -> h instanceof dev.hopscope.net.trace.Header.Sleeve);
        assertThat(t.reply().disposition()).isEqualTo(Disposition.DELIVERED);
        // a frame of 1460 does not fit sleeve on a 1500-byte LAN either: 1500 - 62 = 1438
        assertThat(Findings.of(option(sleeve, WeaveKind.MTU, "1460"))).filteredOn(f -> f.code().equals("WEAVE_MTU_TOO_LARGE")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.fix()).contains("1438"));
    }

    @Test
    void encryptionWithAPasswordWrapsTheFastDatapathInEspAndWithoutOneItIsAnErrorAndInClear() {
        Document withPassword = option(option(sample(), WeaveKind.ENCRYPTED, "true"), WeaveKind.PASSWORD_SECRET, "weave-passwd/weave-passwd");
        Trace t = trace(withPassword, "client", "10.32.0.2:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(encap(t).esp()).isTrue();
        assertThat(codes(withPassword)).doesNotContain("WEAVE_ENCRYPTION_WITHOUT_PASSWORD");

        Document noPassword = option(sample(), WeaveKind.ENCRYPTED, "true");
        assertThat(encap(trace(noPassword, "client", "10.32.0.2:80", "tcp/80")).esp()).isFalse();
        assertThat(Findings.of(noPassword)).filteredOn(f -> f.code().equals("WEAVE_ENCRYPTION_WITHOUT_PASSWORD")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                    assertThat(f.message()).contains("WEAVE_PASSWORD").contains("in clear");
                });
    }

    @Test
    void theDefaultRangeOverlappingAHostRouteStopsWeaveThereAndAChosenRangeOnlyWarns() {
        Document lan10 = sample().update("lan", n -> ((dev.hopscope.model.Underlay) n).withSubnet("10.32.1.0/24").withGateway("10.32.1.1"))
                .update("n1", n -> ((Host) n).withAddress("10.32.1.11/24")).update("n2", n -> ((Host) n).withAddress("10.32.1.12/24"))
                .update("ext", n -> ((dev.hopscope.model.External) n).withAddress("10.32.1.100/24"));
        assertThat(Findings.of(lan10)).filteredOn(f -> f.code().equals("WEAVE_RANGE_OVERLAPS_HOST_ROUTE")).hasSize(2)
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                    assertThat(f.message()).contains("Network 10.32.0.0/12 overlaps with existing route 10.32.1.0/24 on host.");
                });
        assertThat(dp(lan10).namespaceOf("n1").iface("weave")).isNull();
        assertThat(trace(lan10, "client", "10.32.0.2:80", "tcp/80").disposition()).isNotEqualTo(Disposition.DELIVERED);

        Document chosen = lan10.update("weave", n -> ((Network) n).withSubnet("10.32.0.0/11"));
        assertThat(Findings.of(chosen)).filteredOn(f -> f.code().equals("WEAVE_RANGE_OVERLAPS_HOST_ROUTE"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING)).isNotEmpty();
        assertThat(dp(chosen).namespaceOf("n1").iface("weave")).isNotNull();
    }

    @Test
    void anMtuTheFastDatapathCannotCarryWarnsThatThePeersFallBackToSleeve() {
        assertThat(codes(sample())).doesNotContain("WEAVE_MTU_TOO_LARGE"); // 1376 + 50 fits 1500
        Document big = option(sample(), WeaveKind.MTU, "1460");
        assertThat(Findings.of(big)).filteredOn(f -> f.code().equals("WEAVE_MTU_TOO_LARGE")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.message()).contains("fall back to sleeve")).allSatisfy(f -> assertThat(f.fix()).contains("1450"));
        Document encrypted = option(option(option(sample(), WeaveKind.ENCRYPTED, "true"), WeaveKind.PASSWORD_SECRET, "s/k"), WeaveKind.MTU, "1420");
        assertThat(Findings.of(encrypted)).filteredOn(f -> f.code().equals("WEAVE_MTU_TOO_LARGE")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.fix()).contains("1410"));
    }

    @Test
    void egressLeavingTheRangeIsMasqueradedAndTheOutsideCannotReachAPod() {
        Trace out = trace(sample(), "client", "192.168.50.100:443", "tcp/443");
        assertThat(out.disposition()).isEqualTo(Disposition.DELIVERED);
        var seen = (StepDetail.SocketReached) out.hops().get(out.hops().size() - 1).detail();
        assertThat(seen.seenSource()).isEqualTo(Ipv4.parse("192.168.50.12"));
        assertThat(trace(sample(), "ext", "10.32.0.2:80", "tcp/80").disposition()).isEqualTo(Disposition.NO_ROUTE);
    }

    @Test
    void unexposedTheHostHasNoAddressOnTheRangeAndPodsNoGateway() {
        Document hidden = option(sample(), WeaveKind.EXPOSE, "false");
        Dataplane dp = dp(hidden);
        assertThat(dp.namespaceOf("n1").iface("weave").addresses()).isEmpty();
        assertThat(dp.namespaceOf("client").lookup(Ipv4.parse("192.168.50.100"))).isNull();
        assertThat(trace(hidden, "client", "10.32.0.2:80", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(hidden, "client", "192.168.50.100:443", "tcp/443").disposition()).isEqualTo(Disposition.NO_ROUTE);
    }

    @Test
    void weaveNpcEnforcesNetworkPolicyOnOneBridgeAndAcrossHosts() {
        Document d = sample().with(new NetworkPolicy("db-from-web", "db-from-web", "default", Map.of("app", "db"), true, false,
                List.of(new NetworkPolicy.Rule(List.of(new NetworkPolicy.Peer(Map.of("app", "web"), null, null)),
                        List.of(new NetworkPolicy.PortSpec(Proto.TCP, 5432)))), List.of()));
        assertThat(trace(d, "web-0", "10.32.0.3:5432", "tcp/5432").disposition()).isEqualTo(Disposition.DELIVERED);
        Trace across = trace(d, "client", "10.32.0.3", "icmp");
        assertThat(across.disposition()).isEqualTo(Disposition.DENIED);
        assertThat(across.reason()).contains("db-from-web");
    }

    @Test
    void aDockerContainerJoinsAsEthweBesideItsDefaultBridgeWhichKeepsItsDefaultRoute() {
        Document d = sample()
                .with(new Host("h3", "h3", Host.Role.DOCKER, "lan", "192.168.50.13/24", true, 1500, List.of()))
                .with(new Bridge("docker0-h3", "docker0", "h3", Bridge.Kind.DEFAULT, "172.17.0.0/16", null, true, false, true))
                .with(new Container("c1", "c1", "busybox", "h3", Container.Mode.BRIDGE, null,
                        List.of(new Attachment("docker0-h3", null, List.of()), new Attachment("weave", null, List.of())),
                        List.of(), List.of(new Socket(8080, Proto.TCP, "0.0.0.0")), List.of()))
                // a Docker host is a peer when the network names it (weave launch on h3)
                .update("weave", n -> ((Network) n).withMembers(List.of("n1", "n2", "h3")));
        Dataplane dp = dp(d);
        // h3 is the third peer: its share is 10.40.0.0/14, whose first address is its bridge's
        assertThat(dp.namespaceOf("c1").iface("ethwe").addresses()).extracting(Object::toString).containsExactly("10.40.0.2/12");
        assertThat(dp.namespaceOf("c1").lookup(Ipv4.parse("192.168.50.100")).dev().name()).isEqualTo("eth0");
        Trace t = trace(d, "c1", "10.32.0.2:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).anyMatch(h -> h.step() == StepKind.ENCAP);
    }
}
