package dev.hopscope.net.trace;

import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Which target a walk takes where a DNAT rule offers several (kube-proxy's endpoints of a
 * Service, one picked per connection), and the choices made, in the order the rules were met.
 * A walk follows a {@code path} of indices for the first rules it meets; beyond it, the target
 * that leads to {@code toward} (a document node), or else the first, as kube-proxy lists them.
 * Nested choices (an Ingress, then a Service) are one index each: a path is a sequence.
 */
final class Choices {
    private final List<Integer> path;
    private final String toward;
    private final List<StepDetail.Choice> made = new ArrayList<>(2);
    private boolean missed;

    private Choices(List<Integer> path, String toward) {
        this.path = List.copyOf(path);
        this.toward = toward;
    }

    /** The first target at every choice: kube-proxy's first endpoint. */
    static Choices first() { return new Choices(List.of(), null); }

    /** At every choice, the target that leads to {@code endpoint} where there is one (else the first). */
    static Choices toward(String endpoint) { return new Choices(List.of(), endpoint); }

    /** The given indices at the first choices, the first target after them. */
    static Choices path(List<Integer> indices) { return new Choices(indices, null); }

    /** The target this walk takes at {@code r}, remembered when the rule offers more than one. */
    NatTarget choose(Rule r) {
        List<NatTarget> targets = r.dnatTargets();
        if (!r.branches()) return targets.get(0);
        int at = made.size();
        int pick = 0;
        if (at < path.size()) pick = Math.min(path.get(at), targets.size() - 1);
        else if (toward != null) {
            pick = -1;
            for (int i = 0; i < targets.size() && pick < 0; i++) if (toward.equals(targets.get(i).node())) pick = i;
            if (pick < 0) { missed = true; pick = 0; }
        }
        NatTarget t = targets.get(pick);
        made.add(new StepDetail.Choice(pick, targets.size(), t.ip(), t.port(), t.node(), r.by()));
        return t;
    }

    /** The last choice made (only after {@link #choose} took one among several). */
    StepDetail.Choice last() { return made.get(made.size() - 1); }

    /** Every choice made, in order. */
    List<StepDetail.Choice> made() { return List.copyOf(made); }

    /** Whether a choice was made without a target that leads to {@code toward}. */
    boolean missedToward() { return missed; }

    /** The indices of the first {@code n} choices made. */
    List<Integer> prefix(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(made.get(i).index());
        return out;
    }
}
