package dev.hopscope.net.compile;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Labels;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.DnsConfig;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kubernetes: pod namespaces on the node's CNI bridge, host-gw routes between nodes' pod CIDRs,
 * the CNI's masquerade for traffic leaving the cluster, kube-proxy's Service and NodePort rules
 * (iptables mode) and NetworkPolicies as FORWARD rules on each pod's node.
 */
final class Kubernetes {
    /** kube-proxy's KUBE-MARK-MASQ bit */
    static final int MASQ_MARK = 0x4000;

    private Kubernetes() {}

    static void compile(Build b) {
        pods(b);
        hostGw(b);
        cniMasquerade(b);
        services(b);
        policies(b);
    }

    /** The hosts kube-proxy runs on: every k8s node, or where there are none, every host with pods. */
    static List<Host> nodes(Build b) {
        List<Host> nodes = b.doc.all(Host.class).stream().filter(h -> h.role() == Host.Role.K8S_NODE).toList();
        if (!nodes.isEmpty()) return nodes;
        Set<String> withPods = new TreeSet<>();
        for (Pod p : b.doc.all(Pod.class)) withPods.add(p.node());
        return b.doc.all(Host.class).stream().filter(h -> withPods.contains(h.id())).toList();
    }

    private static void pods(Build b) {
        for (Pod p : b.doc.all(Pod.class)) {
            Namespace node = b.hostNs(p.node());
            if (p.hostNetwork()) {
                b.dp.bind(p.id(), node);
                DockerNetworks.listen(node, p.sockets(), p.id());
                continue;
            }
            Namespace ns = b.dp.add(new Namespace(Build.nsName(p.id()), Namespace.Kind.POD, p.id(), p.node(), false));
            b.dp.bind(p.id(), ns);
            DockerNetworks.listen(ns, p.sockets(), p.id());
            Map<String, Ipv4> hosts = new LinkedHashMap<>();
            hosts.put("localhost", Ipv4.parse("127.0.0.1"));
            ns.setDns(new DnsConfig(List.of(), p.namespace(), hosts));
            Bridge br = Ipam.podNetwork(b.doc, p).orElseThrow();
            Ipv4 ip = b.addr.address(p.id(), br.id()).orElse(null);
            Iface bridge = b.bridgeDev(br.id(), br.host());
            if (ip == null || bridge == null) continue;
            Cidr subnet = Cidr.parse(br.subnet()).base();
            Iface[] pair = b.vethPair(ns, "eth0", p.id(), node, Build.ifName(node, Build.hostVethName(p.id(), br.id())), br.id(), bridge.mtu());
            pair[1].enslaveTo(bridge);
            Cidr cidr = new Cidr(ip, subnet.prefix());
            pair[0].addAddress(cidr);
            Build.connected(ns, pair[0], cidr);
            ns.addRoute(new Route(Cidr.parse("0.0.0.0/0"), b.addr.gateway(br.id()).orElseThrow(), pair[0], false, null));
        }
    }

    /** host-gw: each node routes every other node's pod CIDR via that node's underlay address. */
    private static void hostGw(Build b) {
        for (Host a : b.doc.all(Host.class)) {
            if (a.role() != Host.Role.K8S_NODE || a.underlay() == null) continue;
            for (Host c : b.doc.all(Host.class)) {
                if (c == a || c.role() != Host.Role.K8S_NODE || !a.underlay().equals(c.underlay())) continue;
                if (Overlays.flannelPeers(b, a.id(), c.id())) continue;
                Ipv4 via = b.underlayIp(c);
                var cni = Overlays.cniBridge(b, c.id());
                if (via == null || cni.isEmpty()) continue;
                Namespace ns = b.hostNs(a.id());
                ns.addRoute(new Route(Cidr.parse(cni.get().subnet()).base(), via, ns.iface("eth0"), false, null));
            }
        }
    }

    /** Every pod CIDR and flannel network of the cluster: traffic inside it is never masqueraded. */
    static List<Cidr> clusterCidrs(Build b) {
        List<Cidr> out = new ArrayList<>();
        for (Overlay o : b.doc.all(Overlay.class))
            if (o.driver() == Overlay.Driver.FLANNEL_VXLAN) out.add(Cidr.parse(o.subnet()).base());
        for (Bridge br : b.doc.all(Bridge.class))
            if (br.bridgeKind() == Bridge.Kind.CNI && out.stream().noneMatch(c -> c.contains(Cidr.parse(br.subnet()).network())))
                out.add(Cidr.parse(br.subnet()).base());
        return out;
    }

    private static void cniMasquerade(Build b) {
        List<Cidr> cluster = clusterCidrs(b);
        for (Bridge br : b.doc.all(Bridge.class)) {
            if (br.bridgeKind() != Bridge.Kind.CNI || !br.masquerade()) continue;
            Namespace ns = b.hostNs(br.host());
            Cidr pods = Cidr.parse(br.subnet()).base();
            for (Cidr c : cluster)
                ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pods).toNet(c), Target.RETURN,
                        "traffic between pods is never NATed (the Kubernetes network model)", List.of(br.id())));
            ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pods).notOutDev(b.bridgeDev(br.id(), br.host()).name()), Target.MASQUERADE,
                    "the CNI masquerades pod traffic leaving the cluster: the source becomes the node's address", List.of(br.id())));
        }
    }

    /** The pods a Service selects, in document order (kube-proxy's endpoints). */
    static List<Pod> endpoints(Build b, Service s) {
        if (s.selector().isEmpty()) return List.of();
        return b.doc.all(Pod.class).stream()
                .filter(p -> p.namespace().equals(s.namespace()) && Labels.matches(s.selector(), p.labels()))
                .toList();
    }

    static Ipv4 podIp(Build b, Pod p) {
        if (p.hostNetwork()) return b.doc.get(p.node(), Host.class).map(b::underlayIp).orElse(null);
        return Ipam.podNetwork(b.doc, p).flatMap(br -> b.addr.address(p.id(), br.id())).orElse(null);
    }

    private static void services(Build b) {
        List<Host> nodes = nodes(b);
        for (Host n : nodes) {
            Namespace ns = b.hostNs(n.id());
            boolean anyNodePort = b.doc.all(Service.class).stream().anyMatch(s -> s.type() == Service.Type.NODE_PORT);
            if (anyNodePort)
                ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.withMark(MASQ_MARK), Target.MASQUERADE,
                        "kube-proxy masquerades NodePort traffic (externalTrafficPolicy Cluster): the backend sees this node's address and replies through it",
                        List.of()));
            for (Service s : b.doc.all(Service.class)) serviceRules(b, n, ns, s);
        }
    }

    private static void serviceRules(Build b, Host node, Namespace ns, Service s) {
        Ipv4 cip = b.addr.clusterIps().get(s.id());
        List<Pod> eps = endpoints(b, s);
        for (Service.ServicePort sp : s.ports()) {
            if (cip != null) {
                Match m = Match.ANY.toNet(Cidr.host(cip)).withProto(sp.proto(), sp.port());
                List<NatTarget> to = natTargets(b, eps, sp);
                if (to.isEmpty()) {
                    String why = "Service " + s.name() + " has no endpoints (its selector matches no pod): kube-proxy rejects " + cip + ":" + sp.port();
                    ns.addRule(Rule.filter(Chain.FORWARD, m, Target.REJECT, why, List.of(s.id())));
                    ns.addRule(Rule.filter(Chain.OUTPUT, m, Target.REJECT, why, List.of(s.id())));
                } else {
                    String why = "kube-proxy DNATs Service " + s.name() + " (" + cip + ":" + sp.port() + ") to " + endpointWords(b, to);
                    ns.addRule(Rule.dnat(Chain.PREROUTING, m, to, 0, why, subjects(s, to)));
                    ns.addRule(Rule.dnat(Chain.OUTPUT, m, to, 0, why, subjects(s, to)));
                }
            }
            if (s.type() == Service.Type.NODE_PORT) nodePortRules(b, node, ns, s, sp, eps);
        }
    }

    /** The endpoints kube-proxy chooses among for one service port, in document order. */
    private static List<NatTarget> natTargets(Build b, List<Pod> eps, Service.ServicePort sp) {
        List<NatTarget> out = new ArrayList<>();
        for (Pod p : eps) {
            Ipv4 ip = podIp(b, p);
            if (ip != null) out.add(new NatTarget(ip, sp.targetPort(), p.id()));
        }
        return out;
    }

    private static String endpointWords(Build b, List<NatTarget> to) {
        if (to.size() == 1) return "its endpoint " + podName(b, to.get(0)) + " " + to.get(0);
        List<String> each = new ArrayList<>();
        for (NatTarget t : to) each.add(podName(b, t) + " " + t);
        return "one of its " + to.size() + " endpoints, chosen per connection (" + String.join(", ", each) + ")";
    }

    private static String podName(Build b, NatTarget t) {
        return b.doc.node(t.node()).map(n -> n.name()).orElse(t.node());
    }

    private static List<String> subjects(Service s, List<NatTarget> to) {
        List<String> out = new ArrayList<>();
        out.add(s.id());
        for (NatTarget t : to) out.add(t.node());
        return out;
    }

    private static void nodePortRules(Build b, Host node, Namespace ns, Service s, Service.ServicePort sp, List<Pod> eps) {
        int np = b.addr.nodePort(s.id(), sp.port());
        Match m = Match.ANY.toLocal().withProto(sp.proto(), np);
        boolean local = s.trafficPolicy() == Service.TrafficPolicy.LOCAL;
        List<Pod> usable = local ? eps.stream().filter(p -> p.node().equals(node.id())).toList() : eps;
        List<NatTarget> to = natTargets(b, usable, sp);
        if (to.isEmpty()) {
            String why = eps.isEmpty()
                    ? "Service " + s.name() + " has no endpoints: kube-proxy rejects its NodePort " + np
                    : "externalTrafficPolicy is Local and no pod of " + s.name() + " runs on " + node.name() + ": kube-proxy drops NodePort " + np + " here";
            ns.addRule(Rule.filter(Chain.INPUT, m, eps.isEmpty() ? Target.REJECT : Target.DROP, why, List.of(s.id(), node.id())));
            return;
        }
        String why = "kube-proxy DNATs NodePort " + np + " of Service " + s.name() + " to " + endpointWords(b, to)
                + (local ? " on this node, keeping the client's address (externalTrafficPolicy Local)"
                         : " and marks it for masquerade (externalTrafficPolicy Cluster)");
        ns.addRule(Rule.dnat(Chain.PREROUTING, m, to, local ? 0 : MASQ_MARK, why, subjects(s, to)));
    }

    /**
     * NetworkPolicies, enforced at each selected pod whichever node the peer is on: the pod's
     * node sends everything to and from the pod through a chain of the pod's own per direction
     * (FORWARD -d pod -j POL-IN-…, -s pod -j POL-OUT-…). An allowed flow RETURNs, so the other
     * direction's chain (the peer pod's egress, this pod's ingress) still gets its say — one
     * FORWARD pass on a node bridging two of its own pods checks both, as two nodes would.
     * Traffic from the node itself (OUTPUT) is not filtered: Kubernetes always admits the node.
     */
    private static void policies(Build b) {
        for (Pod p : b.doc.all(Pod.class)) {
            if (p.hostNetwork()) continue;
            Ipv4 ip = podIp(b, p);
            if (ip == null) continue;
            List<NetworkPolicy> ingress = new ArrayList<>(), egress = new ArrayList<>();
            for (NetworkPolicy np : b.doc.all(NetworkPolicy.class)) {
                if (!p.namespace().equals(np.namespace()) || !Labels.matches(np.podSelector(), p.labels())) continue;
                if (np.ingressIsolated()) ingress.add(np);
                if (np.egressIsolated()) egress.add(np);
            }
            Namespace node = b.hostNs(p.node());
            Cidr me = Cidr.host(ip);
            if (!ingress.isEmpty()) isolate(b, node, p, ingress, me, true);
            if (!egress.isEmpty()) isolate(b, node, p, egress, me, false);
        }
    }

    /** One direction of one pod: a jump to its chain, then an allow (RETURN) per peer and port of every policy, then a DROP. */
    private static void isolate(Build b, Namespace node, Pod p, List<NetworkPolicy> policies, Cidr me, boolean ingress) {
        String base = (ingress ? "POL-IN-" : "POL-OUT-") + shortHash(p.id());
        Chain chain = new Chain(base);
        for (int i = 2; node.ownChains().contains(chain); i++) chain = new Chain(base + "-" + i);
        List<String> who = new ArrayList<>();
        policies.forEach(np -> who.add(np.id()));
        who.add(p.id());
        String names = String.join(", ", policies.stream().map(NetworkPolicy::name).toList());
        String dir = ingress ? "ingress" : "egress";
        node.addRule(Rule.jump(Chain.FORWARD, ingress ? Match.ANY.toNet(me) : Match.ANY.fromNet(me), chain,
                "traffic " + (ingress ? "to " : "from ") + p.name() + " passes its " + dir + " NetworkPolicy chain", who));
        for (NetworkPolicy np : policies)
            for (NetworkPolicy.Rule r : ingress ? np.ingress() : np.egress())
                for (Cidr peer : peers(b, np, r))
                    for (Match m : ports(r, Match.ANY, peer, ingress))
                        node.addRule(Rule.filter(chain, m, Target.RETURN,
                                "NetworkPolicy " + np.name() + " allows this " + (ingress ? "into " : "out of ") + p.name(), List.of(np.id(), p.id())));
        node.addRule(Rule.filter(chain, Match.ANY, Target.DROP,
                "NetworkPolicy " + names + (policies.size() == 1 ? " isolates " : " isolate ") + p.name() + " for " + dir + ", and no rule allows this", who));
    }

    /** A stable 8-hex-digit name part, as CNIs name per-pod chains (chain names are short). */
    private static String shortHash(String id) {
        String hex = Integer.toHexString(id.hashCode() * 0x9E3779B1 ^ id.length());
        return "00000000".substring(hex.length()) + hex;
    }

    /** A rule's peers as addresses; an empty list of peers means anyone (0.0.0.0/0). */
    private static List<Cidr> peers(Build b, NetworkPolicy np, NetworkPolicy.Rule r) {
        List<Cidr> out = new ArrayList<>();
        if (r.peers().isEmpty()) { out.add(Cidr.parse("0.0.0.0/0")); return out; }
        for (NetworkPolicy.Peer peer : r.peers()) {
            if (peer.ipBlock() != null) { out.add(Cidr.parse(peer.ipBlock()).base()); continue; }
            for (Pod q : b.doc.all(Pod.class)) {
                boolean nsOk = peer.namespaceSelector() == null ? q.namespace().equals(np.namespace())
                        : Labels.matches(peer.namespaceSelector(), Map.of("kubernetes.io/metadata.name", q.namespace()));
                boolean podOk = peer.podSelector() == null || Labels.matches(peer.podSelector(), q.labels());
                Ipv4 ip = podIp(b, q);
                if (nsOk && podOk && ip != null) out.add(Cidr.host(ip));
            }
        }
        return out;
    }

    private static List<Match> ports(NetworkPolicy.Rule r, Match base, Cidr peer, boolean peerIsSource) {
        Match m = peer.prefix() == 0 ? base : peerIsSource ? base.fromNet(peer) : base.toNet(peer);
        if (r.ports().isEmpty()) return List.of(m);
        List<Match> out = new ArrayList<>();
        for (NetworkPolicy.PortSpec ps : r.ports()) out.add(m.withProto(ps.proto(), ps.port()));
        return out;
    }
}
