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
import dev.hopscope.net.dataplane.Route;
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

    @Test
    void everyDeviceKindOfTheDataplaneHasABehaviour() {
        for (Iface.Kind k : Iface.Kind.values()) assertThat(Device.of(k)).as(k.name()).isNotNull();
        assertThat(Device.of(Iface.Kind.IPIP).tunnel()).isTrue();
        assertThat(Device.of(Iface.Kind.GENEVE).tunnel()).isTrue();
        assertThat(Device.of(Iface.Kind.VETH).tunnel()).isFalse();
    }
}
