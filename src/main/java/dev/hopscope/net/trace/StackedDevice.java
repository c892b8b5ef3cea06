package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;

/**
 * A macvlan or ipvlan child stacked on a lower device (the host's eth0) in another namespace:
 * it switches with its siblings inside the kernel (macvlan in bridge mode by MAC, ipvlan by
 * address) and sends everything else straight out of the lower device onto its link; an ipvlan
 * L3 child has no ARP at all, its lower device's namespace routes for it. The kernel never hands
 * a parent's own traffic to its children, nor theirs to it.
 */
final class StackedDevice implements Device {
    static final StackedDevice INSTANCE = new StackedDevice();

    @Override public Walk.Ending transmit(Walk w, Iface dev, Packet p) {
        Iface sib = sibling(dev, p);
        if (sib != null) {
            w.step(dev.ns(), dev.name(), sib.node(), p, new StepDetail.StackedSwitched(dev.ns().name(), dev.name(), sib.ns().name(), sib.name(),
                    dev.lower().ns().name(), dev.lower().name(), dev.kind() == Iface.Kind.IPVLAN));
            return w.input(sib.ns(), sib, p);
        }
        Iface lower = dev.lower();
        w.step(dev.ns(), dev.name(), lower.node(), p, new StepDetail.StackedOut(dev.ns().name(), dev.name(), lower.ns().name(), lower.name(),
                dev.kind() == Iface.Kind.IPVLAN));
        return w.transmit(lower, p);
    }

    /**
     * ipvlan L3: no ARP and no broadcast; the packet is handed to the lower device's namespace,
     * which routes it (netfilter is bypassed, and the TTL is not spent there).
     */
    @Override public Walk.Ending sendWithoutNeighbour(Walk w, Iface dev, Ipv4 next, Packet p) {
        if (dev.kind() != Iface.Kind.IPVLAN || dev.linkMode() != Iface.LinkMode.L3) return null;
        Iface sib = sibling(dev, p);
        if (sib != null) {
            w.step(dev.ns(), dev.name(), sib.node(), p, new StepDetail.StackedSwitched(dev.ns().name(), dev.name(), sib.ns().name(), sib.name(),
                    dev.lower().ns().name(), dev.lower().name(), true));
            return w.input(sib.ns(), sib, p);
        }
        Namespace host = dev.lower().ns();
        if (w.local(host, p.dst()))
            return w.drop(dev.ns(), dev.name(), dev.node(), p, new DropCause.StackedIsolation(dev.ns().name(), dev.name(), p.dst(),
                    host.name(), dev.lower().name(), true));
        Route r = w.route(host, p.dst());
        if (r == null) return w.noRoute(host, p, null);
        w.step(host, r.dev().name(), host.node(), p, new StepDetail.Routed(host.name(), p.dst(), r, false, p.ttl(), p.ttl(), false));
        return w.send(host, r, p.withEth(dev.lower().mac(), null), null);
    }

    /**
     * Siblings answer inside the kernel; the rest of the link hears the request through the lower
     * device — but never the lower device's own namespace, nor its other children by the wire. A
     * sibling answers for any address of its own namespace (arp_ignore 0, Linux's default): a
     * host's shim answers for the host's eth0 address too, so the containers reach the host at either.
     */
    @Override public Iface arpAnswer(Walk w, Iface dev, Ipv4 ip) {
        for (Iface u : dev.lower().uppers())
            if (u != dev && (u.hasAddress(ip) || u.ns().isLocal(ip) && !ip.isLoopback())
                    && (dev.kind() == Iface.Kind.IPVLAN || dev.linkMode() == Iface.LinkMode.BRIDGE && u.linkMode() == Iface.LinkMode.BRIDGE))
                return u;
        Iface lower = dev.lower();
        if (lower.kind() == Iface.Kind.VETH) {
            Iface peer = lower.peer();
            if (peer.master() != null) return BridgeDevice.arpInBridge(w, peer.master(), ip, peer, true);
            return peer.hasAddress(ip) ? peer : null;
        }
        return null;
    }

    /** A sibling child of the same lower device that switches with {@code dev} inside the kernel (macvlan bridge, ipvlan). */
    private static Iface sibling(Iface dev, Packet p) {
        for (Iface u : dev.lower().uppers()) {
            if (u == dev) continue;
            if (dev.kind() == Iface.Kind.MACVLAN && dev.linkMode() == Iface.LinkMode.BRIDGE && u.linkMode() == Iface.LinkMode.BRIDGE
                    && u.mac().equals(p.ethDst())) return u;
            if (dev.kind() == Iface.Kind.IPVLAN && u.kind() == Iface.Kind.IPVLAN && u.hasAddress(p.dst())) return u;
        }
        return null;
    }

    /**
     * The macvlan or ipvlan child of {@code lower} a frame arriving on it belongs to: macvlan by
     * destination MAC (each child has its own), ipvlan by destination address (children share
     * the lower device's MAC; L3 children take any packet for their address).
     */
    static Iface upperFor(Iface lower, Packet p) {
        for (Iface u : lower.uppers()) {
            if (u.kind() == Iface.Kind.MACVLAN && p.ethDst() != null && u.mac().equals(p.ethDst())) return u;
            if (u.kind() == Iface.Kind.IPVLAN && p.dst() != null && u.hasAddress(p.dst())
                    && (u.linkMode() == Iface.LinkMode.L3 || p.ethDst() == null || p.ethDst().equals(lower.mac()))) return u;
        }
        return null;
    }

    /** A macvlan or ipvlan child of {@code lower} that holds {@code ip} (ipvlan children answer with the lower device's MAC). */
    static Iface upperWith(Iface lower, Ipv4 ip) {
        for (Iface u : lower.uppers()) if (u.hasAddress(ip)) return answerer(lower, u);
        return null;
    }

    /** Whether a macvlan child of {@code lower} has {@code mac}. */
    static boolean hasUpperMac(Iface lower, Mac mac) {
        for (Iface u : lower.uppers()) if (ownMac(u) && u.mac().equals(mac)) return true;
        return false;
    }

    /** The children of {@code lower}: their addresses with who answers ARP for each, and the MACs of their own. */
    static void uppersBehind(Iface lower, java.util.function.BiConsumer<Ipv4, Iface> answers, java.util.function.Consumer<Mac> macs) {
        for (Iface u : lower.uppers()) {
            for (var c : u.addresses()) answers.accept(c.address(), answerer(lower, u));
            if (ownMac(u)) macs.accept(u.mac());
        }
    }

    /** An ipvlan child shares its lower device's MAC, so the lower device answers ARP for it; a macvlan child answers itself. */
    private static Iface answerer(Iface lower, Iface upper) { return upper.kind() == Iface.Kind.IPVLAN ? lower : upper; }

    /** A macvlan child has a MAC of its own on the wire; an ipvlan child uses its lower device's. */
    private static boolean ownMac(Iface upper) { return upper.kind() == Iface.Kind.MACVLAN; }

    /**
     * Where an unanswered ARP crossed a parent/child boundary: {@code next} belongs to a macvlan or
     * ipvlan child of the device {@code dev} sends on (the host asking for its own child), or to
     * the namespace of the lower device of the child {@code dev} (a child asking for its parent).
     */
    static Iface partnerAcross(Iface dev, Ipv4 next) {
        Iface lower = dev.lower() != null ? dev.lower() : dev;
        if (dev.lower() != null) {
            for (Iface i : lower.ns().ifaces()) if (i.hasAddress(next)) return lower;
            return null;
        }
        for (Iface u : lower.uppers()) if (u.hasAddress(next)) return u;
        return null;
    }
}
