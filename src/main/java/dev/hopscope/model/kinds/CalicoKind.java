package dev.hopscope.model.kinds;

import dev.hopscope.model.Network;
import dev.hopscope.model.NodeKind;

import java.util.List;
import java.util.Set;

/**
 * Calico: no bridge. Each pod has a veth whose node end ({@code cali…}) answers ARP for the
 * pod's gateway 169.254.1.1 by proxy; the pod's address is a /32 the node routes to that veth.
 * Each node owns blocks of the pool (/26 by default) and learns the other nodes' blocks by BGP
 * (BIRD; a full mesh or through a route reflector), or, in VXLAN mode, from Felix. Between nodes
 * the packet goes natively, in IPIP (MTU − 20) or in VXLAN (MTU − 50), or encapsulated only
 * across subnets (CrossSubnet). Pod egress leaving the pool is masqueraded (natOutgoing).
 * NetworkPolicy is enforced at each pod's cali interface.
 */
public final class CalicoKind implements NetworkKind {
    public static final String DRIVER = "calico";
    public static final String ENCAPSULATION = "encapsulation", BGP = "bgp", ROUTE_REFLECTOR = "routeReflector",
            NAT_OUTGOING = "natOutgoing", BLOCK_SIZE = "blockSize", MTU = "mtu";
    public static final String NONE = "none", IPIP = "ipip", VXLAN = "vxlan", IPIP_CROSS_SUBNET = "ipip-crosssubnet",
            VXLAN_CROSS_SUBNET = "vxlan-crosssubnet";
    public static final String FULL_MESH = "full-mesh", REFLECTOR = "route-reflector", NO_BGP = "none";

    public static final CalicoKind INSTANCE = new CalicoKind();

    private CalicoKind() {}

    @Override public String driver() { return DRIVER; }
    @Override public String title() { return "Calico"; }

    @Override public String summary() {
        return "Kubernetes pods routed without a bridge: /32 per pod, proxy ARP for 169.254.1.1, per-node blocks learned by BGP; native, IPIP or VXLAN between nodes";
    }

    @Override public Scope scope() { return Scope.CLUSTER; }
    @Override public Set<NodeKind> joiners() { return Set.of(NodeKind.POD); }
    @Override public String defaultSubnet() { return "10.48.0.0/16"; }

    /** Each node owns one block of {@code blockSize} bits; its first address goes to the node's tunnel device (tunl0, vxlan.calico). */
    @Override public Addressing addressing() { return new Addressing.NodeBlocks(26, true); }

    @Override public Addressing addressing(Network w) {
        int size = 26;
        try { size = Integer.parseInt(w.option(BLOCK_SIZE)); } catch (RuntimeException e) { /* the validator reports it */ }
        return new Addressing.NodeBlocks(Math.max(20, Math.min(32, size)), true);
    }

    @Override public List<Option> options() {
        return List.of(
                Option.choice(ENCAPSULATION, "Encapsulation", IPIP, List.of(NONE, IPIP, VXLAN, IPIP_CROSS_SUBNET, VXLAN_CROSS_SUBNET),
                        "between nodes: natively routed, IP in IP (protocol 4, 20 bytes), VXLAN (UDP 4789, 50 bytes), or encapsulated only across subnets"),
                Option.choice(BGP, "BGP", FULL_MESH, List.of(FULL_MESH, REFLECTOR, NO_BGP),
                        "how nodes learn each other's blocks: every node peers with every other, all peer with a route reflector, or no BGP (only VXLAN mode then routes)"),
                Option.host(ROUTE_REFLECTOR, "Route reflector", "the node every other node peers with when BGP is route-reflector"),
                Option.flag(NAT_OUTGOING, "natOutgoing", true, "masquerade pod traffic that leaves the pool (the IPPool's natOutgoing)"),
                Option.number(BLOCK_SIZE, "Block size", 26, 20, 32, "the prefix length of the address blocks each node owns"),
                Option.number(MTU, "MTU (0 = auto)", 0, 0, 9000, "the pods' MTU; auto is the underlay's less the encapsulation"));
    }
}
