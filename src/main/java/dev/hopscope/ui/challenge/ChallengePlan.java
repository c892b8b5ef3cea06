package dev.hopscope.ui.challenge;

import dev.hopscope.model.Document;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.ui.sim.Step;
import org.jgrapht.Graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The questions of a challenge, made from a trace's steps. The steps are cut where the packet
 * moves to another node of the drawing; at the start of each stretch the learner is asked where
 * the packet goes next (one of the drawing's nodes next to here or to the right answer, or "no
 * further"), and when it has gone as far as it goes, how the flow ends (a disposition). A right
 * answer scores one point.
 */
public record ChallengePlan(List<Question> questions) {

    /** What "it goes no further" is called among the options. */
    public static final String NO_FURTHER = "(no further)";

    public enum Kind { NEXT_HOP, OUTCOME }

    /**
     * One question: asked while step {@code askAt} is shown (the first step of the stretch at
     * {@code here}); {@code answer} is a node id, {@link #NO_FURTHER} or a disposition's name;
     * once answered the packet plays on to step {@code playTo}.
     */
    public record Question(Kind kind, int askAt, int playTo, String here, String answer, List<String> options) {
        public Question {
            options = List.copyOf(options);
        }
    }

    public ChallengePlan {
        questions = List.copyOf(questions);
    }

    public static ChallengePlan of(List<Step> steps, Document doc, Disposition outcome) {
        List<Question> out = new ArrayList<>();
        if (steps.isEmpty()) return new ChallengePlan(out);
        Graph<String, Link> graph = TopologyGraph.of(doc);
        // stretches: runs of steps at one place of the drawing
        List<int[]> stretches = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= steps.size(); i++) {
            if (i == steps.size() || !place(steps.get(i)).equals(place(steps.get(start)))) {
                stretches.add(new int[] {start, i - 1});
                start = i;
            }
        }
        for (int k = 0; k < stretches.size(); k++) {
            int[] s = stretches.get(k);
            String here = place(steps.get(s[0]));
            boolean last = k == stretches.size() - 1;
            String answer = last ? NO_FURTHER : place(steps.get(stretches.get(k + 1)[0]));
            // after the last "where next", the packet stays where it is until the outcome is answered
            int playTo = last ? s[0] : stretches.get(k + 1)[0];
            out.add(new Question(Kind.NEXT_HOP, s[0], playTo, here, answer, options(graph, doc, here, answer)));
        }
        int lastStart = stretches.get(stretches.size() - 1)[0];
        out.add(new Question(Kind.OUTCOME, lastStart, steps.size() - 1, place(steps.get(lastStart)), outcome.name(), outcomes(outcome)));
        return new ChallengePlan(out);
    }

    public int size() { return questions.size(); }

    /** Where a step stands on the drawing: its node, or its host where it has none. */
    static String place(Step s) {
        String n = s.hop().node();
        return n != null ? n : s.hop().host() == null ? "?" : s.hop().host();
    }

    /** The right answer, up to three of the nodes linked to here or to it, and "no further", in the order of their names. */
    static List<String> options(Graph<String, Link> graph, Document doc, String here, String answer) {
        Set<String> near = new LinkedHashSet<>();
        for (String v : new String[] {here, answer})
            if (graph.containsVertex(v))
                for (Link l : graph.edgesOf(v)) {
                    if (l.kind() == Link.Kind.INTENT) continue;
                    String other = l.source().equals(v) ? l.target() : l.source();
                    if (!other.equals(here) && !other.equals(answer) && doc.node(other).isPresent()) near.add(other);
                }
        List<String> pick = new ArrayList<>(near);
        pick.sort(Comparator.comparing((String id) -> doc.node(id).map(Node::name).orElse(id)));
        List<String> out = new ArrayList<>();
        if (!answer.equals(NO_FURTHER)) out.add(answer);
        for (String id : pick) if (out.size() < (answer.equals(NO_FURTHER) ? 3 : 4)) out.add(id);
        out.sort(Comparator.comparing((String id) -> doc.node(id).map(Node::name).orElse(id)));
        out.add(NO_FURTHER);
        return out;
    }

    /** The right outcome and three that a learner might confuse it with. */
    static List<String> outcomes(Disposition right) {
        List<Disposition> order = List.of(Disposition.DELIVERED, Disposition.DENIED, Disposition.NO_ROUTE, Disposition.NO_RETURN_PATH,
                Disposition.NEIGHBOR_UNREACHABLE, Disposition.NO_LISTENER, Disposition.NAME_NOT_RESOLVED, Disposition.MTU_EXCEEDED, Disposition.LOOP);
        List<String> out = new ArrayList<>();
        out.add(right.name());
        for (Disposition d : order) if (out.size() < 4 && d != right) out.add(d.name());
        out.sort(Comparator.comparingInt(n -> order.indexOf(Disposition.valueOf(n))));
        return out;
    }
}
