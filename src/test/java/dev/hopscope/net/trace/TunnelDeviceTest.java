package dev.hopscope.net.trace;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Network;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Vxlan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device kind the tracer knows from the dataplane alone: IPIP, as Calico's IPIP mode sets it up
 * (tunl0 with a /32 in each node, the other node's block routed {@code via its address dev tunl0
 * onlink}), added by hand to two compiled hosts. The outer header is IPv4 protocol 4, 20 bytes.
 */
class TunnelDeviceTest {

    static Network twoNodesWithIpip() {
        Document d = Document.empty("ipip").with(new Underlay("lan", "lan", "192.168.50.0/24", 1500))
                .with(Host.docker("n1", "lan", "192.168.50.11/24")).with(Host.docker("n2", "lan", "192.168.50.12/24"));
        Network net = Network.compile(d);
        tunnel(net.dataplane().namespaceOf("n1"), "10.48.1.1/32", "10.48.2.0/26", "192.168.50.12");
        tunnel(net.dataplane().namespaceOf("n2"), "10.48.2.1/32", "10.48.1.0/26", "192.168.50.11");
        return net;
    }

    private static void tunnel(Namespace ns, String own, String other, String via) {
        Iface tunl = ns.addIface("tunl0", Iface.Kind.IPIP, Mac.derive(ns.name() + "/tunl0"), 1480, ns.node());
        tunl.setIpip(new Iface.Ipip(null, null));
        tunl.addAddress(Cidr.parse(own));
        ns.addRoute(new Route(Cidr.parse(other).base(), Ipv4.parse(via), tunl, true, null));
    }

    @Test
    void ipipWrapsThePacketInAnOuterIpv4HeaderAndTheFarEndUnwrapsIt() {
        Trace t = twoNodesWithIpip().trace("n1", "10.48.2.1", Probe.icmp());
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        StepDetail.Encapsulated e = TypedTraceTest.detail(t.hops(), StepDetail.Encapsulated.class);
        assertThat(e.tunnel()).isEqualTo(TunnelKind.IPIP);
        assertThat(e.device()).isEqualTo("tunl0");
        assertThat(e.localEndpoint()).isEqualTo(Ipv4.parse("192.168.50.11"));
        assertThat(e.remoteEndpoint()).isEqualTo(Ipv4.parse("192.168.50.12"));
        assertThat(e.addedBytes()).isEqualTo(20);
        assertThat(TypedTraceTest.hop(t.hops(), h -> h.detail() == e).note())
                .isEqualTo("tunl0 wraps the packet in an outer IPv4 header 192.168.50.11 → 192.168.50.12 (IP in IP, protocol 4): 20 bytes more");
        Hop wire = TypedTraceTest.hop(t.hops(), h -> h.step() == StepKind.UNDERLAY);
        assertThat(wire.packet().headers()).extracting(Header::name).containsExactly("ethernet", "ipv4", "ipv4", "icmp");
        assertThat(((Header.Ip) wire.packet().headers().get(1)).protocol()).isEqualTo(4);
        assertThat(((Header.Ip) wire.packet().headers().get(2)).src()).isEqualTo(Ipv4.parse("10.48.1.1"));
        StepDetail.Decapsulated d = TypedTraceTest.detail(t.hops(), StepDetail.Decapsulated.class);
        assertThat(d.tunnel()).isEqualTo(TunnelKind.IPIP);
        assertThat(d.namespace()).isEqualTo("n2");
        // no ARP is asked on the tunnel itself, only on the underlay for the outer packet
        assertThat(t.hops()).filteredOn(h -> h.arp().isPresent()).extracting(h -> h.arp().get().target())
                .containsExactly(Ipv4.parse("192.168.50.12"));
        assertThat(TypedTraceTest.detail(t.reply().hops(), StepDetail.Encapsulated.class).remoteEndpoint()).isEqualTo(Ipv4.parse("192.168.50.11"));
    }

    /**
     * Geneve as Cilium's tunnel mode sets it up (cilium_geneve, UDP 6081, used L3-style as flannel
     * uses VXLAN): the other node's block routed {@code via its tunnel address dev cilium_geneve
     * onlink}, a permanent neighbour entry for that address and an FDB entry to its node.
     */
    static Network twoNodesWithGeneve() {
        Document d = Document.empty("geneve").with(new Underlay("lan", "lan", "192.168.50.0/24", 1500))
                .with(Host.docker("n1", "lan", "192.168.50.11/24")).with(Host.docker("n2", "lan", "192.168.50.12/24"));
        Network net = Network.compile(d);
        Namespace n1 = net.dataplane().namespaceOf("n1"), n2 = net.dataplane().namespaceOf("n2");
        Iface g1 = geneve(n1, "10.0.1.1/32", "192.168.50.11"), g2 = geneve(n2, "10.0.2.1/32", "192.168.50.12");
        link(n1, g1, g2, "10.0.2.0/24");
        link(n2, g2, g1, "10.0.1.0/24");
        return net;
    }

    private static Iface geneve(Namespace ns, String own, String local) {
        Iface dev = ns.addIface("cilium_geneve", Iface.Kind.GENEVE, Mac.derive(ns.name() + "/cilium_geneve"), 1450, ns.node());
        dev.setVxlan(new Vxlan(5, 6081, Ipv4.parse(local), 0));
        dev.addAddress(Cidr.parse(own));
        return dev;
    }

    private static void link(Namespace ns, Iface mine, Iface theirs, String block) {
        ns.addRoute(new Route(Cidr.parse(block), theirs.primaryAddress(), mine, true, null));
        ns.neighbours().add(new Neighbour(mine, theirs.primaryAddress(), theirs.mac()));
        mine.vxlan().fdb().put(theirs.mac(), theirs.vxlan().local());
    }

    @Test
    void geneveCarriesTheFrameInUdp6081AndTheFarEndUnwrapsIt() {
        Trace t = twoNodesWithGeneve().trace("n1", "10.0.2.1", Probe.tcp(80));
        StepDetail.Encapsulated e = TypedTraceTest.detail(t.hops(), StepDetail.Encapsulated.class);
        assertThat(e.tunnel()).isEqualTo(TunnelKind.GENEVE);
        assertThat(e.device()).isEqualTo("cilium_geneve");
        assertThat(e.localEndpoint()).isEqualTo(Ipv4.parse("192.168.50.11"));
        assertThat(e.remoteEndpoint()).isEqualTo(Ipv4.parse("192.168.50.12"));
        assertThat(e.udpPort()).isEqualTo(6081);
        assertThat(e.vni()).isEqualTo(5);
        // RFC 8926 without options: outer Ethernet 14 + IPv4 20 + UDP 8 + Geneve 8 = 50 bytes
        assertThat(e.addedBytes()).isEqualTo(50);
        Hop wire = TypedTraceTest.hop(t.hops(), h -> h.step() == StepKind.UNDERLAY);
        assertThat(wire.packet().headers()).extracting(Header::name)
                .containsExactly("ethernet", "ipv4", "udp", "geneve", "ethernet", "ipv4", "tcp");
        assertThat(((Header.Udp) wire.packet().headers().get(2)).dport()).isEqualTo(6081);
        assertThat(wire.packet().headers().get(3)).isEqualTo(new Header.Geneve(5));
        StepDetail.Decapsulated d = TypedTraceTest.detail(t.hops(), StepDetail.Decapsulated.class);
        assertThat(d.tunnel()).isEqualTo(TunnelKind.GENEVE);
        assertThat(d.namespace()).isEqualTo("n2");
        // the request reached n2's own address (nothing listens: the kernel answers with a reset)
        assertThat(t.request().hops().get(t.request().hops().size() - 1).namespace()).isEqualTo("n2");
    }

    @Test
    void aGeneveDeviceIsAVtepOfItsNodeForFloodLists() {
        Network net = twoNodesWithGeneve();
        assertThat(net.dataplane().vxlanDevicesAt(Ipv4.parse("192.168.50.12"))).extracting(Iface::name).containsExactly("cilium_geneve");
    }

    @Test
    void everyDeviceKindOfTheDataplaneHasABehaviour() {
        for (Iface.Kind k : Iface.Kind.values()) assertThat(Device.of(k)).as(k.name()).isNotNull();
        assertThat(Device.of(Iface.Kind.IPIP).tunnel()).isTrue();
        assertThat(Device.of(Iface.Kind.GENEVE).tunnel()).isTrue();
        assertThat(Device.of(Iface.Kind.VETH).tunnel()).isFalse();
    }
}
