package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;

/**
 * What one kind of device does with a frame, as the walk asks it: send it on, say who answers
 * ARP behind it, whether a bridge's frame for a MAC leaves through it, whether it takes a tunnel
 * packet. One class per {@link Iface.Kind}, found through {@link #of}: adding a kind of device
 * (macvlan, ipvlan, Geneve, IPIP) is adding a class and a line there; the walk does not change.
 */
interface Device {

    /** The behaviour of a kind of device. */
    static Device of(Iface.Kind kind) {
        switch (kind) {
            case VETH: return VethDevice.INSTANCE;
            case BRIDGE: return BridgeDevice.INSTANCE;
            case VXLAN: return VxlanDevice.VXLAN;
            case GENEVE: return VxlanDevice.GENEVE;
            case SLEEVE: return VxlanDevice.SLEEVE;
            case IPIP: return IpipDevice.INSTANCE;
            case MACVLAN: case IPVLAN: return StackedDevice.INSTANCE;
            case LOOPBACK: return LoopbackDevice.INSTANCE;
            default: throw new IllegalStateException("the tracer does not know " + kind + " devices yet");
        }
    }

    static Device of(Iface dev) { return of(dev.kind()); }

    /** Sends the frame (for a tunnel, the inner frame) out of {@code dev}. */
    Walk.Ending transmit(Walk w, Iface dev, Packet p);

    /** The device that answers an ARP request for {@code ip} sent out of {@code dev}, or null. */
    default Iface arpAnswer(Walk w, Iface dev, Ipv4 ip) { return null; }

    /** As a bridge port: whether a frame for {@code mac}, arriving on {@code inPort}, leaves through {@code port}. */
    default boolean leadsTo(Walk w, Iface port, Mac mac, Iface inPort) { return false; }

    /** As a bridge port: who answers ARP for {@code ip} behind {@code port}; {@code crossTunnels} false stops at a tunnel. */
    default Iface arpBehind(Walk w, Iface port, Ipv4 ip, boolean crossTunnels) { return null; }

    /**
     * As a bridge port, not crossing a tunnel: each address answered behind {@code port} with the
     * device that answers it, and each MAC a frame reaches there, in the order {@link #arpBehind}
     * and {@link #leadsTo} find them ({@link BridgePorts} indexes a bridge's ports with it).
     */
    default void behind(Iface port, java.util.function.BiConsumer<Ipv4, Iface> answers, java.util.function.Consumer<Mac> macs) {}

    /** A tunnel: next hops come from the neighbour table (an overlay's permanent entries), frames are encapsulated. */
    default boolean tunnel() { return false; }

    /**
     * A device that sends without resolving a neighbour (ipvlan L3: its lower device's namespace
     * routes for it; IPIP: the outer packet goes to {@code next}): the walk's ending, or null to
     * resolve the next hop as usual.
     */
    default Walk.Ending sendWithoutNeighbour(Walk w, Iface dev, Ipv4 next, Packet p) { return null; }

    /** A tunnel device: whether it takes this outer packet (its UDP port, local address and VNI). */
    default boolean decapsulates(Iface dev, Packet outer) { return false; }
}
