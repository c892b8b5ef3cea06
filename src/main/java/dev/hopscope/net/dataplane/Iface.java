package dev.hopscope.net.dataplane;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;

import java.util.ArrayList;
import java.util.List;

/**
 * A network device in one namespace: loopback, one end of a veth pair, a bridge or a VXLAN device.
 * {@code node} is the document node the device belongs to on the canvas (where a packet glyph
 * stands while it crosses this device).
 */
public final class Iface {
    public enum Kind { LOOPBACK, VETH, BRIDGE, VXLAN }

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

    @Override public String toString() { return ns.name() + ":" + name; }
}
