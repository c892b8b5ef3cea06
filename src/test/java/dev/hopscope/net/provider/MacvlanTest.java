package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Network;
import dev.hopscope.model.Probe;
import dev.hopscope.model.kinds.MacvlanKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.Findings;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.DropCause;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** macvlan and ipvlan networks: S13 of scenarios.md, the shim that fixes it, and ipvlan's two modes. */
class MacvlanTest {

    static Document s13() { return DocumentCodec.load(Path.of("samples", "s13-macvlan.json")); }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    static Document with(Document d, java.util.function.UnaryOperator<Network> change) {
        return d.update("macnet", n -> change.apply((Network) n));
    }

    @Test
    void childrenOfOneParentSwitchInsideTheKernelAndTheLanReachesThemDirectly() {
        Trace t = trace(s13(), "c1", "192.168.50.22", "icmp");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).extracting(Hop::detail).anyMatch(d -> d instanceof StepDetail.StackedSwitched s && !s.ipvlan());
        assertThat(t.hops()).noneMatch(h -> h.detail() instanceof StepDetail.UnderlayCrossed); // never on the wire

        Trace fromLan = trace(s13(), "ext", "192.168.50.21:80", "tcp/80");
        assertThat(fromLan.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(fromLan.hops()).extracting(Hop::detail).anyMatch(d -> d instanceof StepDetail.StackedDelivered);
        assertThat(fromLan.hops()).noneMatch(h -> h.detail() instanceof StepDetail.Dnat || h.detail() instanceof StepDetail.Bridged);
    }

    @Test
    void theHostAndItsOwnChildrenCannotReachEachOtherAndTheTraceSaysWhy() {
        for (String[] flow : new String[][] {{"h1", "192.168.50.21"}, {"c1", "192.168.50.11"}}) {
            Trace t = trace(s13(), flow[0], flow[1], "icmp");
            assertThat(t.disposition()).as(flow[0] + " → " + flow[1]).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
            assertThat(t.request().outcome()).isInstanceOf(DropCause.StackedIsolation.class);
            assertThat(t.reason()).contains("macvlan").contains("shim");
        }
        assertThat(Findings.of(s13())).extracting(Finding::code).contains("MACVLAN_HOST_ISOLATION");
    }

    @Test
    void aShimOnTheHostFixesItAndTheFindingGoes() {
        Document fixed = with(s13(), w -> w.withOption(MacvlanKind.SHIM, "192.168.50.254"));
        assertThat(trace(fixed, "h1", "192.168.50.21", "icmp").disposition()).isEqualTo(Disposition.DELIVERED);
        // the shim answers ARP for every address of the host (arp_ignore 0): the containers reach its eth0 address too
        assertThat(trace(fixed, "c1", "192.168.50.11", "icmp").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(Findings.of(fixed)).extracting(Finding::code).doesNotContain("MACVLAN_HOST_ISOLATION");
    }

    @Test
    void privateModeChildrenCannotReachEachOther() {
        Document priv = with(s13(), w -> w.withOption(MacvlanKind.MODE, "private"));
        assertThat(trace(priv, "c1", "192.168.50.22", "icmp").disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
        assertThat(trace(priv, "ext", "192.168.50.22", "icmp").disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void ipvlanL2SharesTheParentsMacAndKeepsTheSameIsolation() {
        Document l2 = DocumentCodec.load(Path.of("samples", "s13-macvlan.json"));
        l2 = l2.update("macnet", n -> new Network(n.id(), n.name(), MacvlanKind.IPVLAN, "h1", java.util.List.of(), "192.168.50.0/24",
                "192.168.50.1", java.util.Map.of("mode", "l2", "ipRange", "192.168.50.16/28")));
        var dp = dev.hopscope.net.Network.compile(l2).dataplane();
        assertThat(dp.namespaceOf("c1").iface("eth0").mac()).isEqualTo(dp.namespaceOf("h1").iface("eth0").mac());
        assertThat(trace(l2, "c1", "192.168.50.22", "icmp").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(l2, "ext", "192.168.50.21:80", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
        Trace home = trace(l2, "h1", "192.168.50.21", "icmp");
        assertThat(home.disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
        assertThat(home.reason()).contains("ipvlan");
    }

    @Test
    void ipvlanL3RoutesThroughTheHostWithoutArp() {
        Document l3 = s13().update("macnet", n -> new Network(n.id(), n.name(), MacvlanKind.IPVLAN, "h1", java.util.List.of(), "192.168.50.0/24",
                "192.168.50.1", java.util.Map.of("mode", "l3", "ipRange", "192.168.50.16/28")));
        Trace t = trace(l3, "c1", "192.168.50.100", "icmp");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).noneMatch(h -> h.arp().filter(a -> a.namespace().equals("c1")).isPresent()); // no ARP from an L3 child
        assertThat(t.hops()).anyMatch(h -> h.arp().filter(a -> a.namespace().equals("h1")).isPresent()); // the host resolves the LAN
        assertThat(trace(l3, "c1", "192.168.50.22", "icmp").disposition()).isEqualTo(Disposition.DELIVERED);
    }
}
