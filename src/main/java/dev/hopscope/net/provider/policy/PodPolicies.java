package dev.hopscope.net.provider.policy;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.Labels;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Pod;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.provider.Compilation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * NetworkPolicies enforced at each selected pod, whichever node the peer is on: the pod's node
 * sends everything to and from the pod through a chain of the pod's own per direction. An
 * allowed flow RETURNs, so the other direction's chain (the peer pod's egress, this pod's
 * ingress) still gets its say: one FORWARD pass on a node bridging two of its own pods checks
 * both, as two nodes would. Traffic from the node itself (OUTPUT) is not filtered: Kubernetes
 * always admits the node.
 */
public final class PodPolicies {
    private PodPolicies() {}

    /** Where a provider's pod traffic passes on the node: the FORWARD match for traffic to (ingress) or from the pod. */
    public interface Hook {
        Match match(Pod pod, Ipv4 address, boolean ingress);

        /**
         * The sentence a drop by the pod's policies shows, where the enforcer has words of its own
         * (Cilium names its drops as Hubble does); {@code usual} is the plain wording.
         */
        default String dropped(Pod pod, List<NetworkPolicy> policies, boolean ingress, String usual) { return usual; }
    }

    /** Every policy of every pod that {@code which} accepts, hooked into its node's FORWARD by {@code hook}. */
    public static void compile(Compilation c, Predicate<Pod> which, Hook hook) {
        for (Pod p : c.doc().all(Pod.class)) {
            if (p.hostNetwork() || !which.test(p)) continue;
            Ipv4 ip = c.podAddress(p);
            if (ip == null) continue;
            List<NetworkPolicy> ingress = new ArrayList<>(), egress = new ArrayList<>();
            for (NetworkPolicy np : c.doc().all(NetworkPolicy.class)) {
                if (!np.selects(p)) continue;
                if (np.ingressIsolated()) ingress.add(np);
                if (np.egressIsolated()) egress.add(np);
            }
            Namespace node = c.hostNs(p.node());
            if (!ingress.isEmpty()) isolate(c, node, p, ingress, hook.match(p, ip, true), hook, true);
            if (!egress.isEmpty()) isolate(c, node, p, egress, hook.match(p, ip, false), hook, false);
        }
    }

    /** The usual hook: match the pod by its address (the packet is bridged or routed on the node, its devices vary). */
    public static Match byAddress(Pod pod, Ipv4 address, boolean ingress) {
        return ingress ? Match.ANY.toNet(Cidr.host(address)) : Match.ANY.fromNet(Cidr.host(address));
    }

    /** One direction of one pod: a jump to its chain, then an allow (RETURN) per peer and port of every policy, then a DROP. */
    private static void isolate(Compilation c, Namespace node, Pod p, List<NetworkPolicy> policies, Match hook, Hook hookWords, boolean ingress) {
        String base = (ingress ? "POL-IN-" : "POL-OUT-") + shortHash(p.id());
        Chain chain = new Chain(base);
        for (int i = 2; node.ownChains().contains(chain); i++) chain = new Chain(base + "-" + i);
        List<String> who = new ArrayList<>();
        policies.forEach(np -> who.add(np.id()));
        who.add(p.id());
        String names = String.join(", ", policies.stream().map(NetworkPolicy::name).toList());
        String dir = ingress ? "ingress" : "egress";
        node.addRule(Rule.jump(Chain.FORWARD, hook, chain,
                "traffic " + (ingress ? "to " : "from ") + p.name() + " passes its " + dir + " NetworkPolicy chain", who));
        Map<String, Map<String, String>> namespaces = namespaceLabels(c);
        for (NetworkPolicy np : policies)
            for (NetworkPolicy.Rule r : ingress ? np.ingress() : np.egress())
                for (Peer peer : peers(c, np, r, namespaces))
                    for (Match m : ports(c, r, p, peer, ingress))
                        node.addRule(Rule.filter(chain, m, Target.RETURN,
                                "NetworkPolicy " + np.name() + " allows this " + (ingress ? "into " : "out of ") + p.name(), List.of(np.id(), p.id())));
        String usual = "NetworkPolicy " + names + (policies.size() == 1 ? " isolates " : " isolate ") + p.name() + " for " + dir + ", and no rule allows this";
        node.addRule(Rule.filter(chain, Match.ANY, Target.DROP, hookWords.dropped(p, policies, ingress, usual), who));
    }

    /** A stable 8-hex-digit name part, as CNIs name per-pod chains (chain names are short). */
    private static String shortHash(String id) {
        String hex = Integer.toHexString(id.hashCode() * 0x9E3779B1 ^ id.length());
        return "00000000".substring(hex.length()) + hex;
    }

    /** A peer as addresses: one pod's /32 (then {@code pod} is that pod), or a range (anyone, or an ipBlock less its except). */
    private record Peer(Cidr net, Pod pod) {}

    /**
     * Every namespace's labels as a namespaceSelector sees them: the labels of its Namespace node
     * and the automatic {@code kubernetes.io/metadata.name}; a namespace that only pods name has that label alone.
     */
    static Map<String, Map<String, String>> namespaceLabels(Compilation c) { return namespaceLabels(c.doc()); }

    static Map<String, Map<String, String>> namespaceLabels(dev.hopscope.model.Document doc) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (KubeNamespace ns : doc.all(KubeNamespace.class)) out.putIfAbsent(ns.name(), ns.effectiveLabels());
        for (Pod q : doc.all(Pod.class)) out.computeIfAbsent(q.namespace(), n -> KubeNamespace.effectiveLabels(n, Map.of()));
        return out;
    }

    /** Whether a pod-or-namespace selector peer of policy {@code np} matches pod {@code q} by its labels and namespace. */
    static boolean peerMatches(NetworkPolicy np, NetworkPolicy.Peer peer, Pod q, Map<String, Map<String, String>> namespaces) {
        if (peer.ipBlock() != null) return false;
        boolean nsOk = peer.namespaceSelector() == null ? q.namespace().equals(np.namespace())
                : Labels.matches(peer.namespaceSelector(), peer.namespaceExpressions(), namespaces.getOrDefault(q.namespace(), Map.of()));
        return nsOk && (peer.podSelector() == null || Labels.matches(peer.podSelector(), peer.podExpressions(), q.labels()));
    }

    /** A rule's peers as addresses; an empty list of peers means anyone (0.0.0.0/0). */
    private static List<Peer> peers(Compilation c, NetworkPolicy np, NetworkPolicy.Rule r, Map<String, Map<String, String>> namespaces) {
        List<Peer> out = new ArrayList<>();
        if (r.peers().isEmpty()) { out.add(new Peer(Cidr.parse("0.0.0.0/0"), null)); return out; }
        for (NetworkPolicy.Peer peer : r.peers()) {
            if (peer.ipBlock() != null) {
                List<Cidr> except = peer.except().stream().filter(Cidr::isValid).map(Cidr::parse).toList();
                for (Cidr part : without(Cidr.parse(peer.ipBlock()).base(), except)) out.add(new Peer(part, null));
                continue;
            }
            for (Pod q : c.doc().all(Pod.class)) {
                // a hostNetwork pod's traffic is its node's: the plugin cannot tell it apart, so selectors never admit it
                // (Kubernetes: "NetworkPolicies and hostNetwork pods", the most common implementation; HostNetworkPolicyCheck says so)
                if (q.hostNetwork()) continue;
                Ipv4 ip = c.podAddress(q);
                if (peerMatches(np, peer, q, namespaces) && ip != null) out.add(new Peer(Cidr.host(ip), q));
            }
        }
        return out;
    }

    /**
     * {@code block} less every range of {@code except}, as the fewest CIDRs that cover exactly the
     * rest (iptables matches one range per rule: 10.0.0.0/16 except 10.0.5.0/24 is eight ranges).
     */
    static List<Cidr> without(Cidr block, List<Cidr> except) {
        List<Cidr> out = new ArrayList<>();
        for (Cidr e : except) if (e.prefix() <= block.prefix() && e.contains(block.network())) return out; // all of it is excepted
        List<Cidr> inside = except.stream().filter(e -> e.prefix() > block.prefix() && block.contains(e.network())).toList();
        if (inside.isEmpty()) { out.add(block); return out; }
        int half = block.prefix() + 1;
        Cidr low = new Cidr(block.network(), half);
        Cidr high = new Cidr(new Ipv4(block.network().bits() | (1 << (32 - half))), half);
        out.addAll(without(low, inside));
        out.addAll(without(high, inside));
        return out;
    }

    /**
     * The matches for one peer and a rule's ports. A named port is the port of that name on the pod
     * the traffic goes to: the selected pod for ingress, the peer pod for egress (a range peer
     * stands for every pod inside it that has such a port); a pod without it matches nothing.
     */
    private static List<Match> ports(Compilation c, NetworkPolicy.Rule r, Pod selected, Peer peer, boolean peerIsSource) {
        Match m = peer.net().prefix() == 0 ? Match.ANY : peerIsSource ? Match.ANY.fromNet(peer.net()) : Match.ANY.toNet(peer.net());
        if (r.ports().isEmpty()) return List.of(m);
        List<Match> out = new ArrayList<>();
        for (NetworkPolicy.PortSpec ps : r.ports()) {
            if (ps.portName() == null) {
                out.add(ps.endPort() > ps.port() && ps.port() != 0 ? m.withPorts(ps.proto(), ps.port(), ps.endPort()) : m.withProto(ps.proto(), ps.port()));
            } else if (peerIsSource) {
                namedPort(selected, ps).ifPresent(port -> out.add(m.withProto(ps.proto(), port)));
            } else if (peer.pod() != null) {
                namedPort(peer.pod(), ps).ifPresent(port -> out.add(m.withProto(ps.proto(), port)));
            } else {
                for (Pod q : c.doc().all(Pod.class)) {
                    Ipv4 ip = q.hostNetwork() ? null : c.podAddress(q);
                    if (ip == null || !peer.net().contains(ip)) continue;
                    namedPort(q, ps).ifPresent(port -> out.add(Match.ANY.toNet(Cidr.host(ip)).withProto(ps.proto(), port)));
                }
            }
        }
        return out;
    }

    /** The number of a pod's container port of that name and protocol. */
    static java.util.Optional<Integer> namedPort(Pod pod, NetworkPolicy.PortSpec ps) {
        return pod.sockets().stream().filter(s -> ps.portName().equals(s.name()) && s.proto() == ps.proto()).map(s -> s.port()).findFirst();
    }
}
