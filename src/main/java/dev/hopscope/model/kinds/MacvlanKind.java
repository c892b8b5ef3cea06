package dev.hopscope.model.kinds;

import dev.hopscope.model.NodeKind;

import java.util.List;
import java.util.Set;

/**
 * Docker's {@code macvlan} and {@code ipvlan} networks: containers stacked on a parent device of
 * their host (its {@code eth0} on the LAN), each with an address of the LAN's subnet. macvlan
 * gives each container its own MAC; ipvlan shares the parent's (L2) or routes through the
 * parent's namespace (L3). Either way the host and its own containers cannot reach each other
 * unless the host has a "shim" interface of the same kind.
 */
public final class MacvlanKind implements NetworkKind {
    public static final String MACVLAN = "macvlan";
    public static final String IPVLAN = "ipvlan";
    public static final String PARENT = "parent", MODE = "mode", IP_RANGE = "ipRange", SHIM = "shim";

    private final boolean ipvlan;

    private MacvlanKind(boolean ipvlan) { this.ipvlan = ipvlan; }

    public static final MacvlanKind MACVLAN_KIND = new MacvlanKind(false);
    public static final MacvlanKind IPVLAN_KIND = new MacvlanKind(true);

    @Override public String driver() { return ipvlan ? IPVLAN : MACVLAN; }

    @Override public String title() { return ipvlan ? "ipvlan network" : "macvlan network"; }

    @Override public String summary() {
        return ipvlan
                ? "Containers on the host's LAN sharing its MAC (Docker driver ipvlan, L2 or L3): no bridge, no NAT, and no way to or from the host itself"
                : "Containers with their own MAC on the host's LAN (Docker driver macvlan): no bridge, no NAT, and no way to or from the host itself";
    }

    @Override public Scope scope() { return Scope.HOST; }

    @Override public Set<NodeKind> joiners() { return Set.of(NodeKind.CONTAINER); }

    @Override public String defaultSubnet() { return "192.168.50.0/24"; }

    /** The gateway is the LAN's router; containers take addresses from {@code ipRange} when set, as Docker's --ip-range. */
    @Override public Addressing addressing() { return new Addressing.NextFree(true, IP_RANGE); }

    @Override public List<Option> options() {
        return List.of(
                Option.text(PARENT, "Parent device", "eth0", "the host's device the containers are stacked on (driver_opts parent)"),
                ipvlan ? Option.choice(MODE, "Mode", "l2", List.of("l2", "l3"), "l2: switched by address on the parent's MAC; l3: routed by the host, no ARP")
                       : Option.choice(MODE, "Mode", "bridge", List.of("bridge", "private", "vepa", "passthru"),
                               "bridge: children reach each other inside the kernel; private: they cannot; vepa: only through a switch that hairpins"),
                new Option(IP_RANGE, "Address range", Type.CIDR, null, List.of(), 0, 0,
                        "the part of the subnet containers take addresses from (Docker's --ip-range), kept clear of the LAN's own machines"),
                new Option(SHIM, "Host shim address", Type.ADDRESS, null, List.of(), 0, 0,
                        "an address of the LAN for a " + (ipvlan ? "ipvlan" : "macvlan") + " interface of the host's own: with it the host and its containers reach each other"));
    }
}
