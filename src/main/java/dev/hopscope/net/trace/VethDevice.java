package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;

/** One end of a veth pair: a frame sent out of it arrives at the other end, in another namespace. */
final class VethDevice implements Device {
    static final VethDevice INSTANCE = new VethDevice();

    @Override public Walk.Ending transmit(Walk w, Iface dev, Packet p) {
        Iface peer = dev.peer();
        p = p.withMark(0); // crossing into another namespace scrubs the netfilter mark
        if (peer.ns().kind() != Namespace.Kind.SWITCH && dev.ns().kind() != Namespace.Kind.SWITCH)
            w.step(dev.ns(), dev.name(), peer.node(), p, new StepDetail.VethCrossed(dev.ns().name(), dev.name(), peer.ns().name(), peer.name()));
        return w.receive(peer, p);
    }

    @Override public Iface arpAnswer(Walk w, Iface dev, Ipv4 ip) {
        Iface peer = dev.peer();
        if (peer.master() != null) return BridgeDevice.arpInBridge(w, peer.master(), ip, peer, true);
        if (peer.hasAddress(ip)) return peer;
        Iface child = StackedDevice.upperWith(peer, ip); // a macvlan child of the far end's device hears the request on the wire
        if (child != null) return child;
        return proxies(peer, ip) ? peer : null;
    }

    /** A frame for the peer, or for a macvlan child stacked on it, leaves through this port. */
    @Override public boolean leadsTo(Walk w, Iface port, Mac mac, Iface inPort) {
        return port.peer().mac().equals(mac) || StackedDevice.hasUpperMac(port.peer(), mac);
    }

    @Override public Iface arpBehind(Walk w, Iface port, Ipv4 ip, boolean crossTunnels) {
        if (port.peer().hasAddress(ip)) return port.peer();
        return StackedDevice.upperWith(port.peer(), ip);
    }

    @Override public void behind(Iface port, java.util.function.BiConsumer<Ipv4, Iface> answers, java.util.function.Consumer<Mac> macs) {
        Iface peer = port.peer();
        for (var c : peer.addresses()) answers.accept(c.address(), peer);
        macs.accept(peer.mac());
        StackedDevice.uppersBehind(peer, answers, macs);
    }

    /**
     * proxy_arp on the receiving device: the kernel answers with the device's own MAC when its
     * namespace forwards and routes the asked address out of another device (Calico's cali veths
     * answer this way for 169.254.1.1).
     */
    private static boolean proxies(Iface dev, Ipv4 ip) {
        if (!dev.proxyArp() || !dev.ns().ipForward()) return false;
        var r = dev.ns().lookup(ip);
        return r != null && r.dev() != dev;
    }
}
