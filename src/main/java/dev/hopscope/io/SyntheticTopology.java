package dev.hopscope.io;

import java.util.ArrayList;
import java.util.List;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.layout.AutoLayout;

/**
 * Large, valid, realistic documents for benchmarks and scale tests ({@code hopscope generate}), one
 * shape per network kind ({@link Cni}). Deterministic: the same arguments give the same document.
 *
 * <p>{@link Cni#DOCKER}: each host h1..hN sits on one underlay with {@code docker0} and a
 * user-defined bridge of its own subnet; its containers come in groups of four tiers (web, app, db,
 * cache), alternate groups on the user-defined bridge and on docker0, and each container carries
 * one intent: within a group the flows work, across bridges Docker's isolation must hold, and
 * egress works by MASQUERADE. With an overlay, every host's first group also joins one Docker
 * overlay, and each first web reaches the next host's app over it.
 *
 * <p>{@link Cni#FLANNEL}, {@link Cni#CALICO}, {@link Cni#CILIUM} and {@link Cni#WEAVE}: Kubernetes
 * nodes n1..nN on the same underlay, one pod network (flannel VXLAN on 10.32.0.0/12 with a /24 of
 * pods per node on {@code cni0}; Calico on 10.48.0.0/12 with a /24 block per node, routed
 * natively; Cilium VXLAN on 10.32.0.0/12 with a /24 podCIDR per node, with kube-proxy or with its
 * kube-proxy replacement; Weave Net's fast datapath on 10.32.0.0/12 with a /21 share per node),
 * and on each node pods in the same
 * four tiers. Each group G is a microservice spread one pod per node: Services {@code app-G} and
 * {@code db-G} (ClusterIP) select a group's app and db pods on every node, and the NodePort Service
 * {@code web} (node port 30080) selects every web pod, so flows through Services branch over
 * endpoints on every node. Each pod carries one intent: web to its group's app Service, app to
 * its group's db Service, db to the next node's cache (by address) across the overlay, cache out to the client.
 */
public final class SyntheticTopology {

    /** Per-host bridges are /24s from 10.100.0.0 up, kept clear of the underlay and the overlay. */
    public static final int MAX_HOSTS = 4096;
    /** A per-host /24 holds 253 containers besides its gateway. */
    public static final int MAX_CONTAINERS_PER_HOST = 250;

    static final String UNDERLAY = "lan";
    private static final String OVERLAY = "ov";
    static final String CLIENT = "client";
    static final String[] TIERS = {"web", "app", "db", "cache"};
    static final int[] TIER_PORTS = {80, 8080, 5432, 6379};
    private static final int FIRST_PUBLISHED_PORT = 8000;

    private SyntheticTopology() {}

    /** The network kinds a design can be generated for; a new kind adds a constant and its case in {@link #generate}. */
    public enum Cni {
        /** Docker hosts: docker0 and a user-defined bridge each (with {@code overlay}, a Docker overlay across them). */
        DOCKER,
        /** Kubernetes nodes with flannel VXLAN, kube-proxy Services and a NodePort. */
        FLANNEL,
        /** The same Kubernetes cluster on Calico (routed natively, BGP full mesh, a /24 block per node). */
        CALICO,
        /** The same cluster on Cilium (VXLAN tunnel, a /24 podCIDR per node); kube-proxy, or Cilium's kube-proxy replacement. */
        CILIUM,
        /** The same cluster on Weave Net (one L2 segment, the fast datapath, a /21 share of the range per node). */
        WEAVE;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public static Document generate(int hosts, int containersPerHost, boolean overlay) {
        return generate(hosts, containersPerHost, Cni.DOCKER, overlay);
    }

    /** {@code overlay} is for Docker hosts only (a flannel cluster is an overlay already). */
    public static Document generate(int hosts, int containersPerHost, Cni cni, boolean overlay) {
        return generate(hosts, containersPerHost, cni, overlay, false);
    }

    /**
     * {@code overlay} is for Docker hosts only; {@code kubeProxyReplacement} for Cilium only (Services
     * translated at the client's socket by Cilium instead of on the nodes by kube-proxy).
     */
    public static Document generate(int hosts, int containersPerHost, Cni cni, boolean overlay, boolean kubeProxyReplacement) {
        if (hosts < 1 || hosts > MAX_HOSTS)
            throw new IllegalArgumentException("hosts must be from 1 to " + MAX_HOSTS + ", not " + hosts);
        if (containersPerHost < 0 || containersPerHost > MAX_CONTAINERS_PER_HOST)
            throw new IllegalArgumentException("containers per host must be from 0 to " + MAX_CONTAINERS_PER_HOST + ", not " + containersPerHost);
        if (overlay && cni != Cni.DOCKER)
            throw new IllegalArgumentException("--overlay adds a Docker overlay to Docker hosts; a " + cni.label() + " cluster has its own network across the nodes");
        if (kubeProxyReplacement && cni != Cni.CILIUM)
            throw new IllegalArgumentException("--kube-proxy-replacement is Cilium's (--cni cilium); a " + cni.label() + " cluster's Services are kube-proxy's");
        if (cni == Cni.WEAVE && hosts > KubernetesCluster.WEAVE_MAX_NODES)
            throw new IllegalArgumentException("a Weave cluster is generated with a /" + KubernetesCluster.WEAVE_PEER_RANGE + " of 10.32.0.0/12 per node, "
                    + KubernetesCluster.WEAVE_MAX_NODES + " nodes at most, not " + hosts);
        switch (cni) {
            case FLANNEL: return KubernetesCluster.generate(hosts, containersPerHost, KubernetesCluster.FLANNEL);
            case CALICO: return KubernetesCluster.generate(hosts, containersPerHost, KubernetesCluster.CALICO);
            case CILIUM: return KubernetesCluster.generate(hosts, containersPerHost, KubernetesCluster.cilium(kubeProxyReplacement));
            case WEAVE: return KubernetesCluster.generate(hosts, containersPerHost, KubernetesCluster.WEAVE);
            default: return docker(hosts, containersPerHost, overlay);
        }
    }

    private static Document docker(int hosts, int containersPerHost, boolean overlay) {

        List<Node> nodes = new ArrayList<>(3 + hosts * (2 * containersPerHost + 3));
        List<Node> intents = new ArrayList<>(hosts * containersPerHost);
        nodes.add(underlay());
        List<Overlay.Member> members = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            String h = hostId(i);
            nodes.add(new Host(h, h, Host.Role.DOCKER, UNDERLAY, new Ipv4(hostAddress(i)) + "/16", true, 1500, List.of()));
            members.add(Overlay.Member.of(h));
        }
        if (overlay)
            nodes.add(new Overlay(OVERLAY, "ov-net", 4096, "10.200.0.0/16", Overlay.Driver.DOCKER_OVERLAY, 0, 1450,
                    Overlay.ControlPlane.SWARM, false, members));
        nodes.add(client());
        for (int i = 1; i <= hosts; i++) {
            String h = hostId(i);
            nodes.add(Bridge.docker0(h + "-docker0", h));
            nodes.add(new Bridge(h + "-net", "br-" + h, h, Bridge.Kind.USER_DEFINED, userSubnet(i), null, true, false, true));
            for (int k = 0; k < containersPerHost; k++) {
                nodes.add(container(i, k, overlay));
                intents.add(intent(i, k, hosts, containersPerHost, overlay));
            }
        }
        nodes.addAll(intents);
        String name = hosts + " hosts x " + containersPerHost + " containers" + (overlay ? " with an overlay" : "");
        Document doc = new Document(name, "Generated by hopscope generate.", null, nodes, null);
        return AutoLayout.apply(doc);
    }

    private static String hostId(int i) { return "h" + i; }

    /** The outside client every design has: on the underlay, listening on 443 (egress intents end there). */
    static External client() {
        return new External(CLIENT, CLIENT, UNDERLAY, "10.0.255.200/16", List.of(Socket.tcp(443)), List.of());
    }

    static Underlay underlay() { return new Underlay(UNDERLAY, "lan", "10.0.0.0/16", 1500); }

    /** 10.0.0.11 for h1, counting up; a /16 leaves room for every allowed host. */
    static int hostAddress(int i) { return Ipv4.parse("10.0.0.10").bits() + i; }

    private static String userSubnet(int i) {
        int n = i - 1;
        return "10." + (100 + n / 256) + "." + (n % 256) + ".0/24";
    }

    /** Container k's address: docker0 and the user-defined bridge each number their containers from .2 (the gateway is .1), in order. */
    static String address(int host, int k) {
        int group = k / 4, earlierGroupsOnTheBridge = group / 2;
        Ipv4 first = group % 2 == 0 ? Cidr.parse(userSubnet(host)).address() : Ipv4.parse("172.17.0.0");
        return first.plus(2 + earlierGroupsOnTheBridge * 4 + k % 4).toString();
    }

    private static String containerId(int host, int k) {
        return hostId(host) + "-" + TIERS[k % 4] + "-" + k / 4;
    }

    /** Even groups live on the user-defined bridge (with DNS), odd groups on docker0. */
    private static String network(int host, int k) {
        return hostId(host) + ((k / 4) % 2 == 0 ? "-net" : "-docker0");
    }

    private static Container container(int host, int k, boolean overlay) {
        int tier = k % 4;
        List<Attachment> attachments = new ArrayList<>(2);
        attachments.add(Attachment.to(network(host, k)));
        if (overlay && k < 4) attachments.add(Attachment.to(OVERLAY));
        List<PublishedPort> ports = tier == 0 ? List.of(PublishedPort.tcp(FIRST_PUBLISHED_PORT + k, 80)) : List.of();
        String id = containerId(host, k);
        return new Container(id, id, image(tier), hostId(host), Container.Mode.BRIDGE, null, attachments, ports,
                List.of(Socket.tcp(TIER_PORTS[tier])), List.of());
    }

    static String image(int tier) {
        switch (tier) {
            case 0: return "nginx:1.27";
            case 1: return "shop/app:3";
            case 2: return "postgres:16";
            default: return "redis:7";
        }
    }

    /**
     * web → its app, app → its db (same bridge: reachable; by name on the user-defined bridge,
     * whose embedded DNS answers it, by address on docker0, which has none); db must not reach the
     * next group's cache (another bridge, by address: Docker's isolation drops it); cache → the
     * outside client (MASQUERADE).
     */
    private static Intent intent(int host, int k, int hosts, int perHost, boolean overlay) {
        String from = containerId(host, k);
        int tier = k % 4;
        String to;
        Probe probe;
        Intent.Expect expect = Intent.Expect.REACHABLE;
        if (tier == 0 && overlay && k == 0 && hosts > 1 && perHost > 1) {
            to = containerId(host % hosts + 1, 1);
            probe = Probe.tcp(8080);
        } else if (tier < 2 && k + 1 < perHost) {
            to = (k / 4) % 2 == 0 ? containerId(host, k + 1) : address(host, k + 1) + ":" + TIER_PORTS[tier + 1];
            probe = Probe.tcp(TIER_PORTS[tier + 1]);
        } else if (tier == 2 && k + 5 < perHost) {
            to = address(host, k + 5) + ":6379";
            probe = Probe.tcp(6379);
            expect = Intent.Expect.ISOLATED;
        } else {
            to = CLIENT;
            probe = Probe.tcp(443);
        }
        return new Intent(from + "-intent", from + " to " + to, from, to, probe, expect);
    }
}
