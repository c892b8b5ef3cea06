package dev.hopscope.io;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.kinds.CalicoKind;
import dev.hopscope.model.kinds.CiliumKind;
import dev.hopscope.model.kinds.WeaveKind;
import dev.hopscope.model.layout.AutoLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.hopscope.io.SyntheticTopology.CLIENT;
import static dev.hopscope.io.SyntheticTopology.TIERS;
import static dev.hopscope.io.SyntheticTopology.TIER_PORTS;

/**
 * A Kubernetes cluster of kube-proxy Services on a pod network of some kind
 * ({@link SyntheticTopology.Cni}: flannel VXLAN, Calico, Cilium, Weave Net). Only the pod network differs between
 * kinds ({@link PodNetwork}): nodes, pods, their addresses (a /24 of the kind's pool per node,
 * pods from .2), Services and intents are the same, so a new kind adds one {@link PodNetwork}.
 */
final class KubernetesCluster {
    /** flannel's network: a /12 holds a /24 of pods for each of {@link SyntheticTopology#MAX_HOSTS} nodes, clear of the underlay and of 10.96.0.0/12. */
    static final String CLUSTER_CIDR = "10.32.0.0/12";
    /** Calico's IP pool: a /12 beside flannel's, one /24 block per node (blockSize 24: 100 pods do not fit the default /26). */
    static final String CALICO_POOL = "10.48.0.0/12";
    static final int NODE_PORT = 30080;
    /** The underlay's router on a Calico cluster, an address no node or client holds. */
    static final String GATEWAY = "10.0.255.254";

    private KubernetesCluster() {}

    /** What a kind of pod network adds to the cluster: its nodes (a cluster-wide network, per-node bridges) and each node's pod /24. */
    interface PodNetwork {
        /** The pod network's own nodes, given the cluster's node ids in order. */
        List<Node> nodes(List<String> nodeIds);
        /** The /24 node {@code i} (from 1) gives its pods. */
        String podCidr(int i);
        /** The first address a pod takes in its node's /24 (below it: the gateway or the node's tunnel address). */
        default int firstPodAddress() { return 2; }
        /** The underlay the nodes sit on. */
        default Underlay underlay() { return SyntheticTopology.underlay(); }
        String label();
        /** What follows {@code --cni} on the command line that generates this network. */
        default String command() { return label(); }
    }

    /** flannel VXLAN (VNI 1): a cni0 bridge with the node's /24 of 10.32.0.0/12 on each node. */
    static final PodNetwork FLANNEL = new PodNetwork() {
        @Override public List<Node> nodes(List<String> nodeIds) {
            List<Node> out = new ArrayList<>();
            List<Overlay.Member> members = new ArrayList<>();
            for (String n : nodeIds) members.add(Overlay.Member.of(n));
            out.add(new Overlay("flannel", "flannel", 1, CLUSTER_CIDR, Overlay.Driver.FLANNEL_VXLAN, 0, 0, Overlay.ControlPlane.KV_STORE, false, members));
            for (int i = 1; i <= nodeIds.size(); i++)
                out.add(new Bridge("cni0-" + nodeIds.get(i - 1), "cni0", nodeIds.get(i - 1), Bridge.Kind.CNI, podCidr(i), null, true, false, true));
            return out;
        }
        @Override public String podCidr(int i) { return slash24(CLUSTER_CIDR, i); }
        @Override public String label() { return "flannel"; }
    };

    /**
     * Calico routed natively, as S14 (encapsulation none: the nodes share one subnet, so BGP's next
     * hops are on-link), BGP full mesh, natOutgoing, with blockSize 24 on the pool 10.48.0.0/12:
     * each node owns one block, the block of its pods' addresses. (Calico's manifest default is
     * IPIP; the walk does not encapsulate IPIP yet, so that variant waits for it.)
     */
    static final PodNetwork CALICO = new PodNetwork() {
        @Override public List<Node> nodes(List<String> nodeIds) {
            return List.of(new Network("calico", "calico", CalicoKind.DRIVER, null, List.of(), CALICO_POOL, null,
                    Map.of(CalicoKind.BLOCK_SIZE, "24", CalicoKind.ENCAPSULATION, CalicoKind.NONE)));
        }
        @Override public String podCidr(int i) { return slash24(CALICO_POOL, i); }
        /** With a gateway, so that every node has a default route: a cali veth answers ARP for 169.254.1.1 by proxy only then (the kernel's rule). */
        @Override public Underlay underlay() {
            Underlay u = SyntheticTopology.underlay();
            return new Underlay(u.id(), u.name(), u.subnet(), u.mtu(), GATEWAY);
        }
        @Override public String label() { return "calico"; }
    };

    /**
     * Cilium in tunnel mode (VXLAN on UDP 8472) on the pool 10.32.0.0/12, kept off the underlay
     * (Cilium's default pool 10.0.0.0/8 would hold the LAN 10.0.0.0/16): each node's podCIDR is a
     * /24 (cluster-pool-ipv4-mask-size's default) whose .1 is cilium_host's router address, so
     * pods start at .2 as on flannel. With {@code kubeProxyReplacement} Cilium translates Services
     * at the client's socket and kube-proxy does not run; without it kube-proxy does, as on flannel.
     */
    static PodNetwork cilium(boolean kubeProxyReplacement) {
        return new PodNetwork() {
            @Override public List<Node> nodes(List<String> nodeIds) {
                return List.of(new Network("cilium", "cilium", CiliumKind.DRIVER, null, List.of(), CLUSTER_CIDR, null,
                        Map.of(CiliumKind.ROUTING_MODE, CiliumKind.TUNNEL, CiliumKind.TUNNEL_PROTOCOL, CiliumKind.VXLAN,
                                CiliumKind.KUBE_PROXY_REPLACEMENT, Boolean.toString(kubeProxyReplacement))));
            }
            @Override public String podCidr(int i) { return slash24(CLUSTER_CIDR, i); }
            @Override public String label() { return "cilium" + (kubeProxyReplacement ? " (kube-proxy replacement)" : ""); }
            @Override public String command() { return "cilium" + (kubeProxyReplacement ? " --kube-proxy-replacement" : ""); }
        };
    }

    /** A share of {@link #WEAVE_PEER_RANGE} bits per node: 512 shares of 2,046 addresses in 10.32.0.0/12 (Weave's default /14 leaves 4). */
    static final int WEAVE_PEER_RANGE = 21;
    static final int WEAVE_MAX_NODES = 1 << (WEAVE_PEER_RANGE - 12);

    /**
     * Weave Net on its default range 10.32.0.0/12 with the fast datapath (VXLAN on UDP 6784): a
     * weave bridge on each node holding its share's first address (the pods' gateway), one L2
     * segment across the nodes. Each node's share is a /21 in node order; its pods take the
     * share's first /24 from .2.
     */
    static final PodNetwork WEAVE = new PodNetwork() {
        @Override public List<Node> nodes(List<String> nodeIds) {
            return List.of(new Network("weave", "weave", WeaveKind.DRIVER, null, List.of(), CLUSTER_CIDR, null,
                    Map.of(WeaveKind.PEER_RANGE, Integer.toString(WEAVE_PEER_RANGE))));
        }
        @Override public String podCidr(int i) {
            int slash24s = 1 << (24 - WEAVE_PEER_RANGE);
            return slash24(CLUSTER_CIDR, 1 + (i - 1) * slash24s);
        }
        @Override public String label() { return "weave"; }
    };

    /** The {@code i}th /24 (from 1) of a pool whose second octet starts a /12. */
    private static String slash24(String pool, int i) {
        int n = i - 1, second = Integer.parseInt(pool.split("\\.")[1]);
        return "10." + (second + n / 256) + "." + (n % 256) + ".0/24";
    }

    static Document generate(int nodes, int podsPerNode, PodNetwork network) {
        List<Node> out = new ArrayList<>();
        List<Node> intents = new ArrayList<>();
        out.add(network.underlay());
        List<String> nodeIds = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            out.add(new Host(nodeId(i), nodeId(i), Host.Role.K8S_NODE, SyntheticTopology.UNDERLAY,
                    new Ipv4(SyntheticTopology.hostAddress(i)) + "/16", true, 1500, List.of()));
            nodeIds.add(nodeId(i));
        }
        List<Node> own = network.nodes(nodeIds);
        out.addAll(own.stream().filter(n -> n.parent() == null).toList());
        out.add(SyntheticTopology.client());
        for (int i = 1; i <= nodes; i++) {
            String node = nodeId(i);
            own.stream().filter(n -> node.equals(n.parent())).forEach(out::add);
            for (int k = 0; k < podsPerNode; k++) {
                out.add(pod(network, i, k));
                intents.add(intent(network, i, k, nodes, podsPerNode));
            }
        }
        int groups = (podsPerNode + 3) / 4;
        if (podsPerNode > 0)
            out.add(new Service("web", "web", "default", Service.Type.NODE_PORT, null,
                    List.of(new Service.ServicePort("http", 80, TIER_PORTS[0], NODE_PORT, null)), Map.of("tier", TIERS[0]), Service.TrafficPolicy.CLUSTER));
        for (int g = 0; g < groups; g++)
            for (int tier = 1; tier <= 2; tier++)
                if (4 * g + tier < podsPerNode)
                    out.add(new Service(serviceId(tier, g), serviceId(tier, g), "default", Service.Type.CLUSTER_IP, null,
                            List.of(new Service.ServicePort(TIERS[tier], TIER_PORTS[tier], TIER_PORTS[tier], 0, null)),
                            Map.of("tier", TIERS[tier], "group", Integer.toString(g)), Service.TrafficPolicy.CLUSTER));
        out.addAll(intents);
        String name = nodes + " nodes x " + podsPerNode + " pods with " + network.label();
        return AutoLayout.apply(new Document(name, "Generated by hopscope generate --cni " + network.command() + ".", null, out, null));
    }

    private static String nodeId(int i) { return "n" + i; }

    private static String podId(int node, int k) { return nodeId(node) + "-" + TIERS[k % 4] + "-" + k / 4; }

    private static String serviceId(int tier, int group) { return TIERS[tier] + "-" + group; }

    /** Pods take .2, .3, ... of their node's /24 in order, written out so that intents can name them by address. */
    private static String podIp(PodNetwork network, int node, int k) {
        String cidr = network.podCidr(node);
        return cidr.substring(0, cidr.lastIndexOf(".0/")) + "." + (k + network.firstPodAddress());
    }

    private static Pod pod(PodNetwork network, int node, int k) {
        int tier = k % 4;
        return new Pod(podId(node, k), podId(node, k), "default", nodeId(node), Map.of("tier", TIERS[tier], "group", Integer.toString(k / 4)),
                List.of(new Pod.PodContainer(TIERS[tier], SyntheticTopology.image(tier), List.of(Socket.tcp(TIER_PORTS[tier])))), false, null,
                podIp(network, node, k));
    }

    /** web → its group's app Service, app → its group's db Service, db → the next node's cache, cache → the client. */
    private static Intent intent(PodNetwork network, int node, int k, int nodes, int perNode) {
        String from = podId(node, k);
        int tier = k % 4;
        String to;
        Probe probe;
        if (tier < 2 && k + 1 < perNode) {
            to = serviceId(tier + 1, k / 4) + ":" + TIER_PORTS[tier + 1];
            probe = Probe.tcp(TIER_PORTS[tier + 1]);
        } else if (tier == 2 && k + 1 < perNode) {
            // cluster DNS answers Services, not pods: a pod is reached by its address
            to = podIp(network, node % nodes + 1, k + 1) + ":" + TIER_PORTS[3];
            probe = Probe.tcp(TIER_PORTS[3]);
        } else {
            to = CLIENT;
            probe = Probe.tcp(443);
        }
        return new Intent(from + "-intent", from + " to " + to, from, to, probe, Intent.Expect.REACHABLE);
    }
}
