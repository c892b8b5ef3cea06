package dev.hopscope.model.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.model.Container;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The host's card columns are chosen by a fast count; it must pick what trying every column
 * count card by card picks (the definition, written out here the slow way).
 */
class HostPackerColumnsTest {

    @RepeatedTest(40)
    void theFastCountChoosesWhatTheCardByCardDefinitionChooses(RepetitionInfo rep) {
        Random random = new Random(7919L * rep.getCurrentRepetition());
        List<List<Node>> groups = new ArrayList<>();
        int groupCount = 1 + random.nextInt(4);
        boolean mixed = rep.getCurrentRepetition() % 2 == 0;
        for (int g = 0; g < groupCount; g++) {
            List<Node> cards = new ArrayList<>();
            int size = 1 + random.nextInt(rep.getCurrentRepetition() % 5 == 0 ? 400 : 40);
            for (int i = 0; i < size; i++) {
                String id = "n" + g + "-" + i;
                if (mixed && random.nextBoolean()) {
                    List<Pod.PodContainer> containers = new ArrayList<>();
                    for (int c = 0, k = 1 + random.nextInt(4); c < k; c++) containers.add(new Pod.PodContainer("c" + c, null, List.of()));
                    cards.add(new Pod(id, id, null, "node", null, containers, null, null, null));
                } else cards.add(Container.on(id, "h", "b"));
            }
            groups.add(cards);
        }
        int bridges = random.nextInt(3);
        assertThat(HostPacker.columns(groups, bridges)).isEqualTo(byDefinition(groups, bridges));
    }

    /** Every column count, every row summed card by card; the first count closest to 16:10 wins. */
    private static int byDefinition(List<List<Node>> groups, int bridges) {
        int widest = 1;
        for (List<Node> g : groups) widest = Math.max(widest, g.size());
        int best = 1;
        double bestScore = Double.MAX_VALUE;
        for (int cols = 1; cols <= widest; cols++) {
            double h = Metrics.HOST_HEADER + Metrics.GAP / 2 + bridges * (Metrics.BRIDGE_H + Metrics.GAP);
            for (List<Node> g : groups)
                for (int start = 0; start < g.size(); start += cols) {
                    double row = 0;
                    for (int i = start; i < Math.min(g.size(), start + cols); i++) row = Math.max(row, HostPacker.cardHeight(g.get(i)));
                    h += row + Metrics.GAP;
                }
            double width = Math.max(Metrics.HOST_MIN_W, 2 * Metrics.HOST_PAD + cols * Metrics.CARD_W + Math.max(0, cols - 1) * Metrics.GAP);
            double score = Math.abs(Math.log(width / Math.max(Metrics.HOST_MIN_H, h) / 1.6));
            if (score < bestScore - 1e-9) { bestScore = score; best = cols; }
        }
        return best;
    }
}
