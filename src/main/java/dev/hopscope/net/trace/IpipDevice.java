package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.findings.Encapsulation;

/**
 * An IPIP tunnel ({@code tunl0}, Calico's IPIP mode): a packet routed into it is wrapped in an
 * outer IPv4 header (protocol 4, 20 bytes) to the remote end, the device's fixed remote or the
 * route's gateway ({@code via … dev tunl0 onlink}); no ARP happens on it. The far end's IPIP
 * device takes packets of protocol 4 for its local address and routes the inner packet.
 */
final class IpipDevice implements Device {
    static final IpipDevice INSTANCE = new IpipDevice();

    @Override public boolean tunnel() { return true; }

    /** The packet reaches this device only through {@link #sendWithoutNeighbour}: a frame handed here is sent the same way. */
    @Override public Walk.Ending transmit(Walk w, Iface dev, Packet p) { return encapsulate(w, dev, p.dst(), p); }

    @Override public Walk.Ending sendWithoutNeighbour(Walk w, Iface dev, Ipv4 next, Packet p) { return encapsulate(w, dev, next, p); }

    private Walk.Ending encapsulate(Walk w, Iface dev, Ipv4 next, Packet inner) {
        w.observer().dependsOnOwner(); // the outer destination follows from the route's gateway for this exact address
        Namespace ns = dev.ns();
        Iface.Ipip cfg = dev.ipip();
        Ipv4 remote = cfg != null && cfg.remote() != null ? cfg.remote() : next;
        Ipv4 local = cfg != null && cfg.local() != null ? cfg.local() : null;
        if (local == null) {
            Route r = ns.lookup(remote);
            if (r != null && r.dev() != dev) local = r.src() != null ? r.src() : r.dev().primaryAddress();
        }
        Packet outer = inner.withEth(null, null).encapsulate(TunnelKind.IPIP, local, remote, 0, 0, 0, 0, Encapsulation.ESP_OVERHEAD);
        w.step(ns, dev.name(), dev.node(), outer, new StepDetail.Encapsulated(TunnelKind.IPIP, dev.name(), local, remote, 0, 0, false,
                outer.length() - inner.length()));
        return w.originate(ns, outer);
    }

    @Override public boolean decapsulates(Iface dev, Packet outer) {
        if (outer.tunnel().kind() != TunnelKind.IPIP) return false;
        Iface.Ipip cfg = dev.ipip();
        if (cfg == null) return true;
        return (cfg.local() == null || cfg.local().equals(outer.dst())) && (cfg.remote() == null || cfg.remote().equals(outer.src()));
    }
}
