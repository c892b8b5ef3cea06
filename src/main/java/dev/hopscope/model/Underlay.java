package dev.hopscope.model;

/**
 * The physical LAN between hosts and external endpoints. {@code gateway} is the address of the
 * LAN's router (null: none). Where there is one, every host and external on the LAN has a
 * default route through it, as real machines do; the router itself knows only the LAN.
 */
public record Underlay(String id, String name, String subnet, int mtu, String gateway) implements Node {
    public Underlay {
        if (mtu == 0) mtu = 1500;
    }

    /** A LAN without a router. */
    public Underlay(String id, String name, String subnet, int mtu) { this(id, name, subnet, mtu, null); }

    @Override public NodeKind kind() { return NodeKind.UNDERLAY; }

    public Underlay withName(String v) { return new Underlay(id, v, subnet, mtu, gateway); }
    public Underlay withSubnet(String v) { return new Underlay(id, name, v, mtu, gateway); }
    public Underlay withMtu(int v) { return new Underlay(id, name, subnet, v, gateway); }
    public Underlay withGateway(String v) { return new Underlay(id, name, subnet, mtu, v); }
    public Underlay withId(String v) { return new Underlay(v, name, subnet, mtu, gateway); }
}
