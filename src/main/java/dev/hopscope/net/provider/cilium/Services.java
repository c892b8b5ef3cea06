package dev.hopscope.net.provider.cilium;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.dataplane.SocketLb;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.kubeproxy.KubeProxyProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cilium's kube-proxy replacement on each node of a Cilium network: a socket load balancer shared
 * by every namespace of the node, which translates each Service's ClusterIP and every node's
 * address with a NodePort when a socket connects (so no node NATs in-cluster traffic to a
 * Service), and for traffic arriving from outside at a NodePort, eBPF on the node's device that
 * translates it there and, with externalTrafficPolicy Cluster, SNATs it to the node's address.
 */
final class Services {
    private Services() {}

    static final String SOCKET_LB = "Cilium's socket load balancer";
    /** Who translates a NodePort reached from outside the cluster under kube-proxy replacement. */
    static final String NODE_PORT_LB = "Cilium's NodePort load balancer (eBPF)";
    /** The mark our NodePort translation sets for the SNAT that follows it (Cilium's own SNAT, not kube-proxy's). */
    static final int SNAT_MARK = 0x200;

    static void compile(Compilation c, Network w, List<Host> nodes) {
        List<Host> cluster = KubeProxyProvider.nodes(c);
        boolean anyNodePort = c.doc().all(Service.class).stream().anyMatch(s -> s.type() == Service.Type.NODE_PORT);
        // the entries are the same on every node: built once, each node's load balancer holds them
        List<Rule> entries = new ArrayList<>();
        Map<String, List<Pod>> endpoints = new HashMap<>();
        for (Service s : c.doc().all(Service.class)) {
            endpoints.put(s.id(), KubeProxyProvider.endpoints(c, s));
            socketEntries(c, entries, s, endpoints.get(s.id()), cluster);
        }
        for (Host h : nodes) {
            SocketLb lb = new SocketLb(SOCKET_LB);
            for (Rule e : entries) lb.add(e);
            for (Namespace ns : c.dp().namespaces())
                if (h.id().equals(ns.host())) ns.setSocketLb(lb);
            Namespace node = c.hostNs(h.id());
            if (anyNodePort)
                node.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.withMark(SNAT_MARK), Target.MASQUERADE,
                        "Cilium SNATs NodePort traffic to this node's address (externalTrafficPolicy Cluster): the backend replies through this node",
                        List.of(w.id())));
            for (Service s : c.doc().all(Service.class))
                if (s.type() == Service.Type.NODE_PORT) nodePortFromOutside(c, h, node, s, endpoints.get(s.id()));
        }
    }

    /** Each frontend of {@code s}: its ClusterIP and, for a NodePort, every node's address with the NodePort. */
    private static void socketEntries(Compilation c, List<Rule> lb, Service s, List<Pod> eps, List<Host> cluster) {
        Ipv4 cip = c.addr().clusterIps().get(s.id());
        for (Service.ServicePort sp : s.ports()) {
            List<NatTarget> to = backends(c, eps, sp);
            if (cip != null) lb.add(entry(c, s, Match.ANY.toNet(Cidr.host(cip)).withProto(sp.proto(), sp.port()), cip + ":" + sp.port(), to));
            if (s.type() != Service.Type.NODE_PORT) continue;
            int np = c.addr().nodePort(s.id(), sp.port());
            for (Host n : cluster) {
                Ipv4 ip = c.underlayIp(n);
                if (ip != null) lb.add(entry(c, s, Match.ANY.toNet(Cidr.host(ip)).withProto(sp.proto(), np), ip + ":" + np + " (NodePort on " + n.name() + ")", to));
            }
        }
    }

    private static Rule entry(Compilation c, Service s, Match m, String frontend, List<NatTarget> to) {
        if (to.isEmpty()) return Rule.filter(Chain.OUTPUT, m, Target.REJECT, Hubble.noBackend(s.name(), frontend), List.of(s.id())).by(SOCKET_LB);
        return Rule.dnat(Chain.OUTPUT, m, to, 0, SOCKET_LB + " translates Service " + s.name() + " (" + frontend + ") to " + words(c, to)
                + " when the socket connects", subjects(s, to)).by(SOCKET_LB);
    }

    /**
     * A NodePort reached from outside the cluster: eBPF on the receiving node's device translates
     * it (and with externalTrafficPolicy Cluster marks it for SNAT); with Local, only this node's
     * backends serve, and a node without one drops it.
     */
    private static void nodePortFromOutside(Compilation c, Host node, Namespace ns, Service s, List<Pod> eps) {
        boolean local = s.trafficPolicy() == Service.TrafficPolicy.LOCAL;
        List<Pod> usable = local ? eps.stream().filter(p -> p.node().equals(node.id())).toList() : eps;
        for (Service.ServicePort sp : s.ports()) {
            int np = c.addr().nodePort(s.id(), sp.port());
            Match m = Match.ANY.toLocal().withProto(sp.proto(), np);
            List<NatTarget> to = backends(c, usable, sp);
            if (to.isEmpty()) {
                String why = eps.isEmpty() ? Hubble.noBackend(s.name(), "NodePort " + np)
                        : "externalTrafficPolicy is Local and no backend of " + s.name() + " runs on " + node.name()
                          + ": Cilium drops NodePort " + np + " here — Hubble: DROPPED, " + Hubble.SERVICE_BACKEND_NOT_FOUND;
                ns.addRule(Rule.filter(Chain.INPUT, m, eps.isEmpty() ? Target.REJECT : Target.DROP, why, List.of(s.id(), node.id())).by(NODE_PORT_LB));
                continue;
            }
            ns.addRule(Rule.dnat(Chain.PREROUTING, m, to, local ? 0 : SNAT_MARK,
                    "Cilium's NodePort program (eBPF on " + node.name() + "'s device, kube-proxy replacement) translates NodePort " + np
                            + " of Service " + s.name() + " to " + words(c, to)
                            + (local ? ", keeping the client's address (externalTrafficPolicy Local)" : ", and SNATs it to this node's address (externalTrafficPolicy Cluster)"),
                    subjects(s, to)).by(NODE_PORT_LB));
        }
    }

    private static List<NatTarget> backends(Compilation c, List<Pod> eps, Service.ServicePort sp) {
        List<NatTarget> out = new ArrayList<>();
        for (Pod p : eps) {
            Ipv4 ip = c.podAddress(p);
            if (ip != null) out.add(new NatTarget(ip, sp.targetPort(), p.id()));
        }
        return out;
    }

    private static String words(Compilation c, List<NatTarget> to) {
        List<String> each = new ArrayList<>();
        for (NatTarget t : to) each.add(c.doc().node(t.node()).map(n -> n.name()).orElse(t.node()) + " " + t);
        return to.size() == 1 ? "its backend " + each.get(0) : "one of its " + to.size() + " backends, chosen per connection (" + String.join(", ", each) + ")";
    }

    private static List<String> subjects(Service s, List<NatTarget> to) {
        List<String> out = new ArrayList<>();
        out.add(s.id());
        for (NatTarget t : to) out.add(t.node());
        return out;
    }
}
