package dev.hopscope.net.provider;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Network;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.findings.Context;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the checks of the pod networks that give each node a block of one pool (Calico, Cilium,
 * Weave Net) have in common: which nodes' blocks the other nodes have no route to, and on which
 * nodes the network's MTU plus its encapsulation is more than the underlay carries. Each kind
 * says why and what to do in its own words.
 */
public final class PodNetworkChecks {
    private PodNetworkChecks() {}

    /** How a node reaches another node's block. */
    public enum Reach {
        /** routed */
        ROUTED,
        /** no route */
        MISSING,
        /** no route, for the kind's second reason (Calico's or Cilium's: across subnets) */
        MISSING_ACROSS_SUBNETS
    }

    /** How node {@code from} reaches {@code to}'s block. */
    @FunctionalInterface
    public interface RouteTest {
        Reach reach(Host from, Host to, Cidr block);
    }

    /**
     * The node pairs without a route: "a → b's block" for each, the network and each node that
     * lacks a route as subjects (in that order), and whether any pair lacks one across subnets.
     */
    public record MissingRoutes(List<String> missing, List<String> subjects, boolean acrossSubnets) {
        public boolean none() { return missing.isEmpty(); }
    }

    /** Every ordered pair of nodes (a, b) where b has pods of {@code w} and a block: can a route there? */
    public static MissingRoutes missingRoutes(Context ctx, Network w, List<Host> nodes, RouteTest test) {
        Set<String> withPods = nodesWithPods(ctx.doc(), w);
        List<String> missing = new ArrayList<>();
        List<String> subjects = new ArrayList<>(List.of(w.id()));
        boolean acrossSubnets = false;
        for (Host a : nodes)
            for (Host b : nodes) {
                if (a == b || !withPods.contains(b.id())) continue;
                Cidr block = ctx.addressing().block(b.id(), w.id()).orElse(null);
                if (block == null) continue;
                Reach r = test.reach(a, b, block);
                if (r == Reach.ROUTED) continue;
                acrossSubnets |= r == Reach.MISSING_ACROSS_SUBNETS;
                missing.add(a.name() + " → " + b.name() + "'s " + block);
                if (!subjects.contains(a.id())) subjects.add(a.id());
            }
        return new MissingRoutes(List.copyOf(missing), List.copyOf(subjects), acrossSubnets);
    }

    /** The nodes where a pod (not on the host's network) is on {@code w}. */
    public static Set<String> nodesWithPods(Document doc, Network w) {
        Set<String> out = new HashSet<>();
        for (Pod p : doc.all(Pod.class))
            if (!p.hostNetwork() && p.node() != null && !out.contains(p.node()) && Ipam.podNetwork(doc, p).map(n -> n == w).orElse(false))
                out.add(p.node());
        return out;
    }

    /** What a host's underlay carries: the smaller of the host's MTU and its underlay's. */
    public static int underlayMtu(Document doc, Host h) {
        int lower = h.mtu();
        if (h.underlay() != null) lower = Math.min(lower, doc.get(h.underlay(), Underlay.class).map(Underlay::mtu).orElse(lower));
        return lower;
    }

    /** Each node where {@code mtu} plus {@code overhead} is more than its underlay carries, with what it carries. */
    public static void mtuTooLarge(Context ctx, List<Host> nodes, int mtu, int overhead, BiConsumer<Host, Integer> report) {
        for (Host h : nodes) {
            int lower = underlayMtu(ctx.doc(), h);
            if (mtu + overhead > lower) report.accept(h, lower);
        }
    }
}
