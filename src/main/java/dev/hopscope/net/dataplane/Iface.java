package dev.hopscope.net.dataplane;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;

import java.util.ArrayList;
import java.util.List;

/**
 * A network device in one namespace: loopback, one end of a veth pair, a bridge, a tunnel
 * (VXLAN and Geneve carry a {@link Vxlan} config: VNI, UDP port, local VTEP, flood list, FDB;
 * so does SLEEVE, Weave's user-space tunnel: the weave router's port on the weave bridge, which
 * carries frames to the other peers in UDP 6783; IPIP an {@link Ipip} config), or a macvlan / ipvlan child stacked on a {@link #lower()} device in
 * another namespace. {@code node} is the document node the device belongs to on the canvas (where
 * a packet glyph stands while it crosses this device).
 */
public final class Iface {
    public enum Kind { LOOPBACK, VETH, BRIDGE, VXLAN, GENEVE, IPIP, MACVLAN, IPVLAN, SLEEVE }

    /**
     * How a macvlan or ipvlan child shares its lower device. macvlan: BRIDGE (children switch
     * between each other inside the kernel), PRIVATE (they cannot), VEPA (via the external switch,
     * which must hairpin), PASSTHRU (one child owns the device). ipvlan: L2 (children share the
     * lower device's MAC and are switched by IP), L3 (the lower device's namespace routes for
     * them; no ARP, no broadcast).
     */
    public enum LinkMode { BRIDGE, PRIVATE, VEPA, PASSTHRU, L2, L3 }

    /** IPIP: the local address of the outer header (null: the route's source) and a fixed remote (null: the route's gateway, "onlink"). */
    public record Ipip(Ipv4 local, Ipv4 remote) {}

    private final Namespace ns;
    private final String name;
    private final Kind kind;
    private final Mac mac;
    private int mtu;
    private final String node;
    private final List<Cidr> addresses = new ArrayList<>();
    private Iface peer;
    private Iface master;
    private final List<Iface> ports = new ArrayList<>();
    private Vxlan vxlan;
    private Ipip ipip;
    private Iface lower;
    private LinkMode linkMode;
    private final List<Iface> uppers = new ArrayList<>();
    private boolean proxyArp;
    private boolean hairpin;

    Iface(Namespace ns, String name, Kind kind, Mac mac, int mtu, String node) {
        this.ns = ns;
        this.name = name;
        this.kind = kind;
        this.mac = mac;
        this.mtu = mtu;
        this.node = node;
    }

    public Namespace ns() { return ns; }
    public String name() { return name; }
    public Kind kind() { return kind; }
    public Mac mac() { return mac; }
    public int mtu() { return mtu; }
    /** flannel lowers its bridge's MTU to the overlay's before pods attach */
    public void setMtu(int v) { this.mtu = v; }
    public String node() { return node; }
    public List<Cidr> addresses() { return addresses; }
    /** The other end of a veth pair. */
    public Iface peer() { return peer; }
    /** The bridge this device is a port of, or null. */
    public Iface master() { return master; }
    /** For a bridge: its ports. */
    public List<Iface> ports() { return ports; }
    public Vxlan vxlan() { return vxlan; }

    public Ipv4 primaryAddress() { return addresses.isEmpty() ? null : addresses.get(0).address(); }

    public boolean hasAddress(Ipv4 ip) {
        for (Cidr c : addresses) if (c.address().equals(ip)) return true;
        return false;
    }

    public Iface addAddress(Cidr cidr) {
        addresses.add(cidr);
        ns.addressesChanged();
        return this;
    }

    void peerWith(Iface other) { this.peer = other; other.peer = this; }

    public void enslaveTo(Iface bridge) {
        if (bridge.kind != Kind.BRIDGE) throw new IllegalArgumentException(bridge.name + " is not a bridge");
        this.master = bridge;
        bridge.ports.add(this);
    }

    public void setVxlan(Vxlan v) { this.vxlan = v; }

    public Ipip ipip() { return ipip; }
    public void setIpip(Ipip v) { this.ipip = v; }

    /** For a macvlan or ipvlan child: the device it is stacked on (the host's eth0), in another namespace. */
    public Iface lower() { return lower; }
    public LinkMode linkMode() { return linkMode; }
    /** For a lower device: its macvlan and ipvlan children. */
    public List<Iface> uppers() { return uppers; }

    /** Makes this macvlan or ipvlan device a child of {@code parent} in the given mode. */
    public void stackOn(Iface parent, LinkMode mode) {
        if (kind != Kind.MACVLAN && kind != Kind.IPVLAN) throw new IllegalArgumentException(name + " is not a macvlan or ipvlan device");
        this.lower = parent;
        this.linkMode = mode;
        parent.uppers.add(this);
    }

    /** proxy_arp: the device answers ARP for addresses its namespace routes out of another device (Calico's cali veths). */
    public boolean proxyArp() { return proxyArp; }
    public void setProxyArp(boolean on) { this.proxyArp = on; }

    /**
     * A bridge port's hairpin mode ({@code bridge link set dev X hairpin on}): the bridge may send a
     * frame back out of this port when it came in through it (a pod reaching itself through a Service).
     */
    public boolean hairpin() { return hairpin; }
    public void setHairpin(boolean on) { this.hairpin = on; }

    @Override public String toString() { return ns.name() + ":" + name; }
}
