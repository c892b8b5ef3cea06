package dev.hopscope.model;

/** The physical LAN between hosts and external endpoints. */
public record Underlay(String id, String name, String subnet, int mtu) implements Node {
    public Underlay {
        if (mtu == 0) mtu = 1500;
    }

    @Override public NodeKind kind() { return NodeKind.UNDERLAY; }

    public Underlay withName(String v) { return new Underlay(id, v, subnet, mtu); }
    public Underlay withSubnet(String v) { return new Underlay(id, name, v, mtu); }
    public Underlay withMtu(int v) { return new Underlay(id, name, subnet, v); }
    public Underlay withId(String v) { return new Underlay(v, name, subnet, mtu); }
}
