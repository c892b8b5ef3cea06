package dev.hopscope.net.provider.kubeproxy;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Labels;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.NetworkProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kube-proxy in iptables mode on every node: a Service's ClusterIP and NodePort DNAT to its
 * endpoints (every one listed; kube-proxy picks one per connection), the masquerade mark for
 * NodePort traffic with externalTrafficPolicy Cluster, rejects for a Service without endpoints,
 * and drops for a Local NodePort on a node with no local endpoint. It stays off the nodes where a
 * CNI replaces it ({@link Compilation#kubeProxyReplaced}). A LoadBalancer Service is a NodePort
 * Service with a virtual address in front ({@link LoadBalancers}); a pod's hostPort is published
 * on its node as the CNI portmap plugin does ({@link HostPorts}).
 */
public final class KubeProxyProvider implements NetworkProvider {
    /** kube-proxy's KUBE-MARK-MASQ bit */
    public static final int MASQ_MARK = 0x4000;

    /** Who translates a Service where kube-proxy runs: a rule's {@link Rule#by}, a branch's chooser. */
    public static final String TRANSLATOR = "kube-proxy";

    @Override public String name() { return TRANSLATOR; }

    /**
     * Who translates the design's Services, in a few words: Cilium's socket load balancer where a
     * Cilium network replaces kube-proxy, else kube-proxy. The findings say it (a trace names the
     * translator of each rule it meets, {@link Rule#by}).
     */
    public static String serviceTranslator(dev.hopscope.model.Document doc) {
        for (dev.hopscope.model.Network w : doc.all(dev.hopscope.model.Network.class))
            if ("cilium".equals(w.driver()) && Boolean.parseBoolean(w.option(dev.hopscope.model.kinds.CiliumKind.KUBE_PROXY_REPLACEMENT)))
                return "Cilium's socket load balancer (kube-proxy replacement)";
        return TRANSLATOR;
    }

    /** The hosts kube-proxy runs on: every k8s node, or where there are none, every host with pods. */
    public static List<Host> nodes(Compilation c) {
        List<Host> nodes = c.doc().all(Host.class).stream().filter(h -> h.role() == Host.Role.K8S_NODE).toList();
        if (!nodes.isEmpty()) return nodes;
        Set<String> withPods = new TreeSet<>();
        for (Pod p : c.doc().all(Pod.class)) withPods.add(p.node());
        return c.doc().all(Host.class).stream().filter(h -> withPods.contains(h.id())).toList();
    }

    /** The pods a Service selects, in document order (kube-proxy's endpoints). */
    public static List<Pod> endpoints(Compilation c, Service s) {
        if (s.selector().isEmpty()) return List.of();
        return c.doc().all(Pod.class).stream()
                .filter(p -> p.namespace().equals(s.namespace()) && Labels.matches(s.selector(), p.labels()))
                .toList();
    }

    @Override public void connect(Compilation c) {
        List<Service> services = c.doc().all(Service.class);

        // a Service's endpoints and targets are the same on every node: found once, not once per node
        Map<Service, List<Pod>> endpoints = new HashMap<>();
        Map<Service.ServicePort, List<NatTarget>> targets = new IdentityHashMap<>();
        Map<List<NatTarget>, String> words = new IdentityHashMap<>();
        for (Service s : services) {
            List<Pod> eps = endpoints(c, s);
            endpoints.put(s, eps);
            for (Service.ServicePort sp : s.ports()) targets.put(sp, natTargets(c, eps, sp));
        }
        for (Host n : nodes(c)) {
            if (c.kubeProxyReplaced(n.id())) continue; // a CNI translates Services there itself (Cilium)
            Namespace ns = c.hostNs(n.id());
            if (!services.isEmpty()) // kube-proxy inserts its KUBE-POSTROUTING jump first, ahead of the CNI's RETURNs and masquerades
                ns.insertRule(Rule.nat(Chain.POSTROUTING, Match.ANY.withMark(MASQ_MARK), Target.MASQUERADE,
                        "kube-proxy masquerades what it marked (KUBE-MARK-MASQ: NodePort traffic with externalTrafficPolicy Cluster, "
                                + "and a pod reaching itself through its own Service): the backend sees this node's address and replies through it",
                        List.of()));
            for (Service s : services) serviceRules(c, n, ns, s, endpoints.get(s), targets, words);
        }
        LoadBalancers.build(c);
        HostPorts.build(c);
    }

    private static void serviceRules(Compilation c, Host node, Namespace ns, Service s, List<Pod> eps, Map<Service.ServicePort, List<NatTarget>> targets,
                                     Map<List<NatTarget>, String> words) {
        Ipv4 cip = c.addr().clusterIps().get(s.id());
        for (Service.ServicePort sp : s.ports()) {
            if (cip != null) {
                Match m = Match.ANY.toNet(Cidr.host(cip)).withProto(sp.proto(), sp.port());
                List<NatTarget> to = targets.get(sp);
                if (to.isEmpty()) {
                    String why = "Service " + s.name() + " has no endpoints (its selector matches no pod): kube-proxy rejects " + cip + ":" + sp.port();
                    ns.addRule(Rule.filter(Chain.FORWARD, m, Target.REJECT, why, List.of(s.id())).by(TRANSLATOR));
                    ns.addRule(Rule.filter(Chain.OUTPUT, m, Target.REJECT, why, List.of(s.id())).by(TRANSLATOR));
                } else {
                    String why = "kube-proxy DNATs Service " + s.name() + " (" + cip + ":" + sp.port() + ") to " + endpointWords(c, to, words);
                    ns.addRule(Rule.dnat(Chain.PREROUTING, m, to, 0, why, subjects(s, to)).by(TRANSLATOR));
                    ns.addRule(Rule.dnat(Chain.OUTPUT, m, to, 0, why, subjects(s, to)).by(TRANSLATOR));
                }
            }
            if (s.type().hasNodePort()) nodePortRules(c, node, ns, s, sp, eps, targets.get(sp), words);
            if (s.type() == Service.Type.LOAD_BALANCER) LoadBalancers.vipRules(c, node, ns, s, sp, eps);
        }
    }

    /** The endpoints kube-proxy chooses among for one service port, in document order. */
    static List<NatTarget> natTargets(Compilation c, List<Pod> eps, Service.ServicePort sp) {
        List<NatTarget> out = new ArrayList<>();
        for (Pod p : eps) {
            Ipv4 ip = c.podAddress(p);
            // each endpoint's KUBE-SEP chain marks a connection from the endpoint itself for masquerade (hairpin)
            if (ip != null) out.add(new NatTarget(ip, sp.targetPort(), p.id(), MASQ_MARK));
        }
        return out;
    }

    /** The sentence naming a DNAT's endpoints, written once per list of targets (the same list on every node). */
    private static String endpointWords(Compilation c, List<NatTarget> to, Map<List<NatTarget>, String> words) {
        return words.computeIfAbsent(to, k -> endpointWords(c, to));
    }

    static String endpointWords(Compilation c, List<NatTarget> to) {
        if (to.size() == 1) return "its endpoint " + podName(c, to.get(0)) + " " + to.get(0);
        List<String> each = new ArrayList<>();
        for (NatTarget t : to) each.add(podName(c, t) + " " + t);
        return "one of its " + to.size() + " endpoints, chosen per connection (" + String.join(", ", each) + ")";
    }

    private static String podName(Compilation c, NatTarget t) {
        return c.doc().node(t.node()).map(n -> n.name()).orElse(t.node());
    }

    static List<String> subjects(Service s, List<NatTarget> to) {
        List<String> out = new ArrayList<>();
        out.add(s.id());
        for (NatTarget t : to) out.add(t.node());
        return out;
    }

    private static void nodePortRules(Compilation c, Host node, Namespace ns, Service s, Service.ServicePort sp, List<Pod> eps, List<NatTarget> all,
                                      Map<List<NatTarget>, String> words) {
        int np = c.addr().nodePort(s.id(), sp.port());
        Match m = Match.ANY.toLocal().withProto(sp.proto(), np);
        boolean local = s.trafficPolicy() == Service.TrafficPolicy.LOCAL;
        List<NatTarget> to = local ? natTargets(c, eps.stream().filter(p -> p.node().equals(node.id())).toList(), sp) : all;
        if (to.isEmpty()) {
            String why = eps.isEmpty()
                    ? "Service " + s.name() + " has no endpoints: kube-proxy rejects its NodePort " + np
                    : "externalTrafficPolicy is Local and no pod of " + s.name() + " runs on " + node.name() + ": kube-proxy drops NodePort " + np + " here";
            ns.addRule(Rule.filter(Chain.INPUT, m, eps.isEmpty() ? Target.REJECT : Target.DROP, why, List.of(s.id(), node.id())).by(TRANSLATOR));
            return;
        }
        String why = "kube-proxy DNATs NodePort " + np + " of Service " + s.name() + " to " + endpointWords(c, to, words)
                + (local ? " on this node, keeping the client's address (externalTrafficPolicy Local)"
                         : " and marks it for masquerade (externalTrafficPolicy Cluster)");
        ns.addRule(Rule.dnat(Chain.PREROUTING, m, to, local ? 0 : MASQ_MARK, why, subjects(s, to)).by(TRANSLATOR));
    }

    @Override public List<DesignCheck> checks() {
        return List.of(new ServiceEndpointsCheck(), new ServiceTargetPortCheck(), new ServiceAllocationCheck(), new ServiceCidrCheck(),
                new dev.hopscope.net.provider.policy.HostNetworkPolicyCheck());
    }
}
