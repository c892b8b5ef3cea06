package dev.hopscope.net.provider.kubeproxy;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.provider.Compilation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * LoadBalancer Services. kube-proxy treats the load balancer's address like a ClusterIP on every
 * node (DNAT to the endpoints; with externalTrafficPolicy Local, to this node's own endpoints
 * only). What puts the address on the LAN depends on the mode:
 * <ul>
 * <li>MetalLB in layer 2 mode: one node answers ARP for it (the address sits on that node's eth0,
 *     as a /32 without a subnet route); the node is chosen as MetalLB's speakers choose it: among
 *     the nodes that may announce (every node; with Local only those running an endpoint), the one
 *     whose SHA-256 of {@code NODE#ADDRESS} sorts first. A Service without endpoints is announced
 *     by no node.</li>
 * <li>A cloud provider's load balancer: a machine outside the cluster (a namespace of its own on
 *     the nodes' LAN) that owns the address and forwards each connection to the Service's NodePort
 *     on one of the nodes (with Local, the nodes whose health check passes: those running an
 *     endpoint), with its own address as the source.</li>
 * </ul>
 */
public final class LoadBalancers {
    private LoadBalancers() {}

    /** The node that answers ARP for a MetalLB layer-2 Service's address, if any does. */
    public static Optional<Host> announcer(Compilation c, Service s, Ipv4 ip) {
        List<Host> eligible = eligibleNodes(c, s);
        return eligible.stream().min(Comparator.comparing((Host h) -> sha256(h.name() + "#" + ip), Arrays::compareUnsigned));
    }

    /** The nodes that may carry the Service's external traffic: every node, or with Local those that run an endpoint; none without endpoints. */
    static List<Host> eligibleNodes(Compilation c, Service s) {
        List<Pod> eps = KubeProxyProvider.endpoints(c, s).stream().filter(p -> c.podAddress(p) != null).toList();
        if (eps.isEmpty()) return List.of();
        List<Host> nodes = KubeProxyProvider.nodes(c);
        if (s.trafficPolicy() != Service.TrafficPolicy.LOCAL) return nodes;
        return nodes.stream().filter(n -> eps.stream().anyMatch(p -> p.node().equals(n.id()))).toList();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** kube-proxy's rules for the load balancer's address on one node. */
    static void vipRules(Compilation c, Host node, Namespace ns, Service s, Service.ServicePort sp, List<Pod> eps) {
        Ipv4 vip = Ipam.loadBalancerIps(c.doc()).get(s.id());
        if (vip == null) return;
        Match m = Match.ANY.toNet(Cidr.host(vip)).withProto(sp.proto(), sp.port());
        boolean local = s.trafficPolicy() == Service.TrafficPolicy.LOCAL;
        List<NatTarget> to = KubeProxyProvider.natTargets(c, local ? eps.stream().filter(p -> p.node().equals(node.id())).toList() : eps, sp);
        if (to.isEmpty()) {
            String why = eps.isEmpty() ? "Service " + s.name() + " has no endpoints: kube-proxy rejects its load balancer address " + vip + ":" + sp.port()
                    : "externalTrafficPolicy is Local and no pod of " + s.name() + " runs on " + node.name() + ": kube-proxy drops " + vip + ":" + sp.port() + " here";
            Target t = eps.isEmpty() ? Target.REJECT : Target.DROP;
            ns.addRule(Rule.filter(Chain.FORWARD, m, t, why, List.of(s.id(), node.id())).by(KubeProxyProvider.TRANSLATOR));
            ns.addRule(Rule.filter(Chain.INPUT, m, t, why, List.of(s.id(), node.id())).by(KubeProxyProvider.TRANSLATOR));
            return;
        }
        String why = "kube-proxy DNATs the load balancer address of Service " + s.name() + " (" + vip + ":" + sp.port() + ") to "
                + KubeProxyProvider.endpointWords(c, to)
                + (local ? " on this node, keeping the client's address (externalTrafficPolicy Local)" : " and marks it for masquerade (externalTrafficPolicy Cluster)");
        ns.addRule(Rule.dnat(Chain.PREROUTING, m, to, local ? 0 : KubeProxyProvider.MASQ_MARK, why, KubeProxyProvider.subjects(s, to)).by(KubeProxyProvider.TRANSLATOR));
        ns.addRule(Rule.dnat(Chain.OUTPUT, m, to, 0, why, KubeProxyProvider.subjects(s, to)).by(KubeProxyProvider.TRANSLATOR));
    }

    /** Puts every load balancer's address on the LAN: on the announcing node (MetalLB) or on a machine of its own (cloud). */
    static void build(Compilation c) {
        for (Service s : c.doc().all(Service.class)) {
            if (s.type() != Service.Type.LOAD_BALANCER) continue;
            Ipv4 vip = Ipam.loadBalancerIps(c.doc()).get(s.id());
            if (vip == null) continue;
            if (s.loadBalancerMode() == Service.LoadBalancerMode.CLOUD) cloud(c, s, vip);
            else announcer(c, s, vip).ifPresent(n -> {
                Iface eth0 = c.hostNs(n.id()).iface("eth0");
                if (eth0 != null && !eth0.hasAddress(vip)) eth0.addAddress(Cidr.host(vip));
            });
        }
    }

    /** The namespace name of a cloud load balancer: {@code lb-SERVICE}. */
    public static String cloudName(Compilation c, Service s) {
        String base = Compilation.nsName("lb-" + s.id());
        String name = base;
        for (int i = 2; c.dp().namespace(name) != null || c.doc().node(name).isPresent(); i++) name = base + i;
        return name;
    }

    private static void cloud(Compilation c, Service s, Ipv4 vip) {
        Host first = KubeProxyProvider.nodes(c).stream().filter(h -> h.underlay() != null && c.underlayIp(h) != null).findFirst().orElse(null);
        if (first == null) return;
        Namespace sw = c.dp().namespace(Compilation.nsName(first.underlay()));
        Cidr lan = Cidr.parse(first.address()).base();
        if (sw == null || !lan.contains(vip)) return;
        Namespace lb = c.dp().add(new Namespace(cloudName(c, s), Namespace.Kind.ROUTER, s.id(), null, true));
        int mtu = c.doc().get(first.underlay(), Underlay.class).map(Underlay::mtu).orElse(1500);
        Iface[] pair = c.vethPair(lb, "eth0", s.id(), sw, Compilation.ifName(sw, "p-" + lb.name()), first.underlay(), mtu);
        pair[1].enslaveTo(sw.iface("br0"));
        Cidr own = new Cidr(vip, lan.prefix());
        pair[0].addAddress(own);
        Compilation.connected(lb, pair[0], own);
        c.doc().get(first.underlay(), Underlay.class).map(Underlay::gateway).filter(Ipv4::isValid)
                .ifPresent(gw -> lb.addRoute(new Route(Cidr.parse("0.0.0.0/0"), Ipv4.parse(gw), pair[0], false, null)));
        List<Host> nodes = eligibleNodes(c, s);
        for (Service.ServicePort sp : s.ports()) {
            int nodePort = c.addr().nodePort(s.id(), sp.port());
            Match m = Match.ANY.toNet(Cidr.host(vip)).withProto(sp.proto(), sp.port());
            List<NatTarget> to = new ArrayList<>();
            for (Host n : nodes) {
                Ipv4 ip = c.underlayIp(n);
                if (ip != null && nodePort != 0) to.add(new NatTarget(ip, nodePort, n.id()));
            }
            if (to.isEmpty()) {
                lb.addRule(Rule.filter(Chain.INPUT, m, Target.REJECT, "the cloud load balancer of Service " + s.name()
                        + " has no healthy node to send " + vip + ":" + sp.port() + " to (no endpoint"
                        + (s.trafficPolicy() == Service.TrafficPolicy.LOCAL ? " on any node: externalTrafficPolicy Local)" : ")"), List.of(s.id())));
                continue;
            }
            List<String> subjects = new ArrayList<>();
            subjects.add(s.id());
            for (NatTarget t : to) subjects.add(t.node());
            String why = "the cloud load balancer of Service " + s.name() + " (" + vip + ":" + sp.port() + ") forwards the connection to its NodePort "
                    + nodePort + " on " + (to.size() == 1 ? c.doc().node(to.get(0).node()).map(x -> x.name()).orElse("a node") + " " + to.get(0)
                    : "one of " + to.size() + " nodes (" + String.join(", ", to.stream().map(t -> c.doc().node(t.node()).map(x -> x.name()).orElse("?") + " " + t).toList()) + ")")
                    + (s.trafficPolicy() == Service.TrafficPolicy.LOCAL ? ", only nodes running an endpoint pass its health check" : "");
            lb.addRule(Rule.dnat(Chain.PREROUTING, m, to, KubeProxyProvider.MASQ_MARK, why, subjects).by("the cloud load balancer"));
        }
        lb.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.withMark(KubeProxyProvider.MASQ_MARK), Target.MASQUERADE,
                "the cloud load balancer sends the connection on from its own address: the node replies to it, and it answers the client",
                List.of(s.id())));
    }
}
