package dev.hopscope.net.provider.policy;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
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
                if (!p.namespace().equals(np.namespace()) || !Labels.matches(np.podSelector(), p.labels())) continue;
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
        for (NetworkPolicy np : policies)
            for (NetworkPolicy.Rule r : ingress ? np.ingress() : np.egress())
                for (Cidr peer : peers(c, np, r))
                    for (Match m : ports(r, Match.ANY, peer, ingress))
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

    /** A rule's peers as addresses; an empty list of peers means anyone (0.0.0.0/0). */
    private static List<Cidr> peers(Compilation c, NetworkPolicy np, NetworkPolicy.Rule r) {
        List<Cidr> out = new ArrayList<>();
        if (r.peers().isEmpty()) { out.add(Cidr.parse("0.0.0.0/0")); return out; }
        for (NetworkPolicy.Peer peer : r.peers()) {
            if (peer.ipBlock() != null) { out.add(Cidr.parse(peer.ipBlock()).base()); continue; }
            for (Pod q : c.doc().all(Pod.class)) {
                boolean nsOk = peer.namespaceSelector() == null ? q.namespace().equals(np.namespace())
                        : Labels.matches(peer.namespaceSelector(), Map.of("kubernetes.io/metadata.name", q.namespace()));
                boolean podOk = peer.podSelector() == null || Labels.matches(peer.podSelector(), q.labels());
                Ipv4 ip = c.podAddress(q);
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
