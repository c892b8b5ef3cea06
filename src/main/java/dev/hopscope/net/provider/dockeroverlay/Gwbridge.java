package dev.hopscope.net.provider.dockeroverlay;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker_gwbridge}: the bridge Docker gives each host with overlay containers, so that a
 * container whose only networks are overlays still reaches the outside — through it, with
 * MASQUERADE, and with inter-container traffic off (icc false). Docker picks the first
 * 172.x.0.0/16 from 172.18 that no bridge of the host uses. It is not drawn: the trace names it.
 */
public final class Gwbridge {
    public static final String NAME = "docker_gwbridge";

    /** One host's gwbridge during a compile: the device, its subnet, the next address to hand out. */
    private record Onhost(Iface dev, Cidr subnet, int[] next) {}

    private static final class ByHost { final Map<String, Onhost> map = new HashMap<>(); }

    private Gwbridge() {}

    private static Onhost on(Compilation c, DockerOverlayProvider owner, String hostId) {
        return c.state(owner, ByHost.class, ByHost::new).map.computeIfAbsent(hostId, h -> create(c, h));
    }

    private static Onhost create(Compilation c, String hostId) {
        Namespace ns = c.hostNs(hostId);
        Cidr subnet = freeSubnet(c, hostId);
        Iface dev = ns.addIface(Compilation.ifName(ns, NAME), Iface.Kind.BRIDGE, Mac.derive(hostId + "/" + NAME), 1500, hostId);
        Cidr gw = new Cidr(subnet.network().plus(1), 16);
        dev.addAddress(gw);
        Compilation.connected(ns, dev, gw);
        ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(subnet).notOutDev(dev.name()), Target.MASQUERADE,
                "Docker masquerades overlay containers' traffic leaving through docker_gwbridge: the source becomes the host's address", List.of()));
        ns.addRule(Rule.filter(Chain.FORWARD, Match.ANY.inDev(dev.name()).outDev(dev.name()), Target.DROP,
                "docker_gwbridge has inter-container communication off: containers do not talk to each other through it", List.of()));
        return new Onhost(dev, subnet, new int[] {2});
    }

    /** The first 172.x.0.0/16 from 172.18 that no bridge on the host uses (Docker's default address pools). */
    private static Cidr freeSubnet(Compilation c, String hostId) {
        for (int x = 18; x < 32; x++) {
            Cidr candidate = Cidr.parse("172." + x + ".0.0/16");
            boolean used = false;
            for (Bridge b : c.doc().all(Bridge.class))
                if (b.host().equals(hostId) && Cidr.isValid(b.subnet()) && overlaps(Cidr.parse(b.subnet()).base(), candidate)) used = true;
            if (!used) return candidate;
        }
        return Cidr.parse("192.168.255.0/24");
    }

    private static boolean overlaps(Cidr a, Cidr b) { return a.contains(b.network()) || b.contains(a.network()); }

    /** A namespace of the host (an overlay container, the swarm's ingress sandbox) joins the host's gwbridge at the next address. */
    public static Joined join(Compilation c, DockerOverlayProvider owner, String hostId, Namespace endpoint, String innerName, String ownerId) {
        return join(c, owner, hostId, endpoint, innerName, ownerId, ownerId);
    }

    /** As above; {@code node} is the document node a packet glyph stands on at the endpoint's end. */
    public static Joined join(Compilation c, DockerOverlayProvider owner, String hostId, Namespace endpoint, String innerName, String ownerId,
                              String node) {
        Onhost gw = on(c, owner, hostId);
        Ipv4 address = gw.subnet().network().plus(gw.next()[0]++);
        Namespace host = gw.dev().ns();
        Iface[] pair = c.vethPair(endpoint, innerName, node, host,
                Compilation.ifName(host, Compilation.hostVethName("veth", ownerId, NAME)), hostId, gw.dev().mtu());
        pair[1].enslaveTo(gw.dev());
        Cidr cidr = new Cidr(address, 16);
        pair[0].addAddress(cidr);
        Compilation.connected(endpoint, pair[0], cidr);
        return new Joined(pair[0], address, gw.subnet().network().plus(1), false, false, gw.dev());
    }

    /** The host's gwbridge address of the given host, creating the bridge if needed (the swarm's DNAT target). */
    public static Iface device(Compilation c, DockerOverlayProvider owner, Host h) { return on(c, owner, h.id()).dev(); }
}
