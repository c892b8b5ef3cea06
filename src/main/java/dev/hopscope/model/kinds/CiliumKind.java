package dev.hopscope.model.kinds;

import dev.hopscope.model.Network;
import dev.hopscope.model.NodeKind;

import java.util.List;
import java.util.Set;

/**
 * Cilium: no bridge. Each pod (a Cilium endpoint) has a veth whose node end is {@code lxc…};
 * the pod holds a /32 and routes everything to the node's router address, held by
 * {@code cilium_host}. Each node owns a podCIDR of the cluster pool (cluster-pool IPAM, /24 by
 * default). Between nodes the packet is tunnelled (VXLAN on UDP 8472 or Geneve on UDP 6081) or
 * routed natively. With kube-proxy replacement a Service is translated at the client's socket
 * when it connects, so no node NATs it; without it kube-proxy does as usual. Policy is enforced
 * at each endpoint by the peers' security identities, and drops are named as Hubble names them.
 * The option keys follow the {@code cilium-config} ConfigMap.
 */
public final class CiliumKind implements NetworkKind {
    public static final String DRIVER = "cilium";
    public static final String ROUTING_MODE = "routingMode", TUNNEL_PROTOCOL = "tunnelProtocol",
            KUBE_PROXY_REPLACEMENT = "kubeProxyReplacement", AUTO_DIRECT_NODE_ROUTES = "autoDirectNodeRoutes",
            MASK_SIZE = "maskSize", MASQUERADE = "masquerade", MTU = "mtu";
    public static final String TUNNEL = "tunnel", NATIVE = "native";
    public static final String VXLAN = "vxlan", GENEVE = "geneve";
    /** cluster-pool-ipv4-mask-size's default */
    public static final int DEFAULT_MASK_SIZE = 24;

    public static final CiliumKind INSTANCE = new CiliumKind();

    private CiliumKind() {}

    @Override public String driver() { return DRIVER; }
    @Override public String title() { return "Cilium"; }

    @Override public String summary() {
        return "Kubernetes pods routed by eBPF without a bridge: lxc veths, cilium_host, a podCIDR per node; VXLAN, Geneve or native routing between nodes; Services translated at the socket with kube-proxy replacement";
    }

    @Override public Scope scope() { return Scope.CLUSTER; }
    @Override public Set<NodeKind> joiners() { return Set.of(NodeKind.POD); }

    /** Cilium's cluster-pool default (cluster-pool-ipv4-cidr). */
    @Override public String defaultSubnet() { return "10.0.0.0/8"; }

    /** Each node owns one podCIDR; its first address is the node's router address, on cilium_host. */
    @Override public Addressing addressing() { return new Addressing.NodeBlocks(DEFAULT_MASK_SIZE, true); }

    @Override public Addressing addressing(Network w) {
        int size = DEFAULT_MASK_SIZE;
        try { size = Integer.parseInt(w.option(MASK_SIZE)); } catch (RuntimeException e) { /* the validator reports it */ }
        return new Addressing.NodeBlocks(Math.max(8, Math.min(30, size)), true);
    }

    @Override public List<Option> options() {
        return List.of(
                Option.choice(ROUTING_MODE, "Routing mode", TUNNEL, List.of(TUNNEL, NATIVE),
                        "between nodes: encapsulated in a tunnel, or routed natively by the underlay (routing-mode)"),
                Option.choice(TUNNEL_PROTOCOL, "Tunnel protocol", VXLAN, List.of(VXLAN, GENEVE),
                        "in tunnel mode: VXLAN on UDP 8472 or Geneve on UDP 6081 (tunnel-protocol); either costs 50 bytes"),
                Option.flag(KUBE_PROXY_REPLACEMENT, "kube-proxy replacement", false,
                        "Cilium translates Services itself: at the client's socket when it connects, and NodePorts on the node's device by eBPF; kube-proxy does not run (kube-proxy-replacement)"),
                Option.flag(AUTO_DIRECT_NODE_ROUTES, "Auto direct node routes", false,
                        "in native mode: each node routes the other nodes' podCIDRs to them directly, which works only when the nodes share a subnet (auto-direct-node-routes)"),
                Option.number(MASK_SIZE, "podCIDR size", DEFAULT_MASK_SIZE, 8, 30, "the prefix length of each node's podCIDR (cluster-pool-ipv4-mask-size)"),
                Option.flag(MASQUERADE, "Masquerade", true, "pod traffic leaving the cluster pool leaves with the node's address (enable-ipv4-masquerade)"),
                Option.number(MTU, "MTU (0 = auto)", 0, 0, 9000, "the pods' MTU; auto is the underlay's less the tunnel's 50 bytes"));
    }
}
