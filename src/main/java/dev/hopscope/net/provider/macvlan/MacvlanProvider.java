package dev.hopscope.net.provider.macvlan;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.kinds.MacvlanKind;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;

import java.util.List;
import java.util.Locale;

/** Networks of driver macvlan or ipvlan ({@link MacvlanKind}). */
public final class MacvlanProvider implements NetworkProvider {

    @Override public String name() { return "macvlan"; }

    @Override public boolean owns(Node network) {
        return network instanceof Network w && (MacvlanKind.MACVLAN.equals(w.driver()) || MacvlanKind.IPVLAN.equals(w.driver()));
    }

    static boolean ipvlan(Network w) { return MacvlanKind.IPVLAN.equals(w.driver()); }

    static boolean ipvlanOrMacvlan(Network w) { return MacvlanKind.MACVLAN.equals(w.driver()) || MacvlanKind.IPVLAN.equals(w.driver()); }

    static Iface.LinkMode mode(Network w) {
        return Iface.LinkMode.valueOf(w.option(MacvlanKind.MODE).toUpperCase(Locale.ROOT));
    }

    /** The host's shim, where one is set: a child of the host's own on the parent, and a route to the containers through it. */
    @Override public void build(Compilation c) {
        for (Network w : c.doc().all(Network.class)) {
            if (!owns(w) || w.option(MacvlanKind.SHIM) == null || !Ipv4.isValid(w.option(MacvlanKind.SHIM)) || !Cidr.isValid(w.subnet())) continue;
            Namespace host = c.hostNs(w.host());
            Iface parent = host.iface(w.option(MacvlanKind.PARENT));
            if (parent == null) continue;
            Iface.Kind kind = ipvlan(w) ? Iface.Kind.IPVLAN : Iface.Kind.MACVLAN;
            Iface shim = host.addIface(Compilation.ifName(host, w.name() + "-shim"), kind,
                    ipvlan(w) ? parent.mac() : Mac.derive(host.name() + "/shim/" + w.id()), parent.mtu(), w.id());
            shim.stackOn(parent, mode(w));
            Ipv4 own = Ipv4.parse(w.option(MacvlanKind.SHIM));
            shim.addAddress(new Cidr(own, 32));
            String range = w.option(MacvlanKind.IP_RANGE);
            Cidr containers = range != null && Cidr.isValid(range) ? Cidr.parse(range).base() : Cidr.parse(w.subnet()).base();
            host.addRoute(new Route(containers, null, shim, false, own));
        }
    }

    /**
     * A container's interface: a child of its host's parent device in the container's namespace,
     * with an address of the subnet; the default route goes to the network's gateway (the LAN's
     * router), or for ipvlan L3 straight out of the device.
     */
    @Override public Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) {
        Network w = (Network) network;
        if (endpoint.host() == null || !Cidr.isValid(w.subnet())) return null;
        Iface parent = c.hostNs(endpoint.host()).iface(w.option(MacvlanKind.PARENT));
        if (parent == null) return null; // no such device on the host: a finding says so
        Iface.Kind kind = ipvlan(w) ? Iface.Kind.IPVLAN : Iface.Kind.MACVLAN;
        Iface child = endpoint.addIface(endpoint.freeName("eth"), kind,
                ipvlan(w) ? parent.mac() : Mac.derive(endpoint.name() + "/" + w.id()), parent.mtu(), w.id());
        child.stackOn(parent, mode(w));
        Cidr cidr = new Cidr(address, Cidr.parse(w.subnet()).prefix());
        child.addAddress(cidr);
        Compilation.connected(endpoint, child, cidr);
        if (ipvlan(w) && mode(w) == Iface.LinkMode.L3) {
            endpoint.addRoute(new Route(Cidr.parse("0.0.0.0/0"), null, child, false, null));
            return new Joined(child, address, null, false, true, parent);
        }
        return new Joined(child, address, c.addr().gateway(w.id()).orElse(null), false, true, parent);
    }

    @Override public List<DesignCheck> checks() { return List.of(new StackedHostIsolationCheck(), new MacvlanParentCheck()); }
}
