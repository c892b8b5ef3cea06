package dev.hopscope.ui.challenge;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Trace;
import dev.hopscope.ui.sim.Step;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The questions a challenge asks, on flows whose way SPEC section 2 and scenarios.md state:
 * containers on one bridge talk veth → bridge → veth and the reply comes back the same way (S1);
 * a packet between two user-defined bridges is dropped on the host by Docker's isolation (S11).
 */
class ChallengePlanTest {

    static List<Step> steps(Trace t) {
        List<Step> out = new ArrayList<>();
        List<Hop> req = t.request().hops();
        for (int i = 0; i < req.size(); i++)
            out.add(new Step(out.size(), false, req.get(i), i == req.size() - 1, t.request().disposition(), t.request().reason()));
        if (t.reply() != null) {
            List<Hop> rep = t.reply().hops();
            for (int i = 0; i < rep.size(); i++)
                out.add(new Step(out.size(), true, rep.get(i), i == rep.size() - 1, t.reply().disposition(), t.reply().reason()));
        }
        return out;
    }

    static ChallengePlan plan(String sample, String from, String to, Probe probe) {
        Document d = DocumentCodec.load(Path.of("samples", sample));
        Trace t = Network.compile(d).trace(from, to, probe);
        return ChallengePlan.of(steps(t), d, t.disposition());
    }

    @Test
    void onOneBridgeThePacketGoesThroughTheBridgeAndBackAndTheLastQuestionIsTheOutcome() {
        ChallengePlan p = plan("welcome.json", "frontend", "backend", Probe.tcp(8000));
        assertThat(p.questions()).extracting(ChallengePlan.Question::kind, ChallengePlan.Question::here, ChallengePlan.Question::answer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ChallengePlan.Kind.NEXT_HOP, "frontend", "frontend-net"),
                        org.assertj.core.groups.Tuple.tuple(ChallengePlan.Kind.NEXT_HOP, "frontend-net", "backend"),
                        org.assertj.core.groups.Tuple.tuple(ChallengePlan.Kind.NEXT_HOP, "backend", "frontend-net"),
                        org.assertj.core.groups.Tuple.tuple(ChallengePlan.Kind.NEXT_HOP, "frontend-net", "frontend"),
                        org.assertj.core.groups.Tuple.tuple(ChallengePlan.Kind.NEXT_HOP, "frontend", ChallengePlan.NO_FURTHER),
                        org.assertj.core.groups.Tuple.tuple(ChallengePlan.Kind.OUTCOME, "frontend", "DELIVERED"));
        for (ChallengePlan.Question q : p.questions()) {
            assertThat(q.options()).contains(q.answer()).doesNotHaveDuplicates().hasSizeBetween(3, 5);
            if (q.kind() == ChallengePlan.Kind.NEXT_HOP) assertThat(q.options()).contains(ChallengePlan.NO_FURTHER).doesNotContain(q.here());
        }
        assertThat(p.questions().get(5).options()).containsExactly("DELIVERED", "DENIED", "NO_ROUTE", "NO_RETURN_PATH");
        // each question waits where the one before left the packet
        for (int i = 1; i < p.size(); i++) assertThat(p.questions().get(i).askAt()).isEqualTo(p.questions().get(i - 1).playTo());
    }

    @Test
    void aDeniedPacketGoesNoFurtherThanTheHost() {
        ChallengePlan p = plan("s11-isolated-networks.json", "a", "172.19.0.2", Probe.icmp());
        ChallengePlan.Question last = p.questions().get(p.size() - 2);
        assertThat(last.kind()).isEqualTo(ChallengePlan.Kind.NEXT_HOP);
        assertThat(last.answer()).isEqualTo(ChallengePlan.NO_FURTHER);
        assertThat(p.questions().get(p.size() - 1).answer()).isEqualTo(Disposition.DENIED.name());
        assertThat(p.questions()).extracting(ChallengePlan.Question::answer).doesNotContain("b");
    }
}
