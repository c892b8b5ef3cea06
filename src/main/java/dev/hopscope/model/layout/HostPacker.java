package dev.hopscope.model.layout;

import static dev.hopscope.model.layout.Metrics.BRIDGE_H;
import static dev.hopscope.model.layout.Metrics.CARD_H;
import static dev.hopscope.model.layout.Metrics.CARD_W;
import static dev.hopscope.model.layout.Metrics.GAP;
import static dev.hopscope.model.layout.Metrics.HOST_HEADER;
import static dev.hopscope.model.layout.Metrics.HOST_MIN_H;
import static dev.hopscope.model.layout.Metrics.HOST_MIN_W;
import static dev.hopscope.model.layout.Metrics.HOST_PAD;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out the inside of one host: each bridge's bar, and under it the cards that plug into it,
 * so a veth is a short line straight up to its bar. A card on two bridges hangs from the first
 * and sits right above the next one (their bars are neighbours in document order), so its
 * second veth goes straight down; cards on no bridge come last. Cards fill rows of the number of
 * columns that makes the host closest to 16:10. Boxes are relative to the host's top-left corner.
 */
final class HostPacker {

    /** A packed host: its size and its children's boxes relative to its corner. */
    record Packed(double width, double height, Map<String, Box> children) {}

    private HostPacker() {}

    static Packed pack(Document doc, List<Node> children) {
        List<Node> bridges = new ArrayList<>();
        List<Node> cards = new ArrayList<>();
        for (Node n : children) {
            if (AutoLayout.isBar(n)) bridges.add(n);
            else if (n instanceof Container || n instanceof Pod) cards.add(n);
        }
        List<List<Node>> lanes = lanes(doc, bridges, cards);
        List<List<Node>> groups = new ArrayList<>();
        for (List<Node> lane : lanes) if (!lane.isEmpty()) groups.add(lane);
        int cols = columns(groups, bridges.size());
        double width = width(cols);

        Map<String, Box> out = new LinkedHashMap<>();
        double y = HOST_HEADER + GAP / 2;
        if (bridges.isEmpty()) y += GAP / 2;
        for (int lane = 0; lane < lanes.size(); lane++) {
            if (lane < bridges.size()) {
                out.put(bridges.get(lane).id(), new Box(HOST_PAD, y, width - 2 * HOST_PAD, BRIDGE_H));
                y += BRIDGE_H + GAP;
            }
            List<Node> group = lanes.get(lane);
            for (int start = 0; start < group.size(); start += cols) {
                double rowHeight = 0;
                for (int i = start; i < Math.min(group.size(), start + cols); i++) {
                    Node n = group.get(i);
                    double h = cardHeight(n);
                    out.put(n.id(), new Box(HOST_PAD + (i - start) * (CARD_W + GAP), y, CARD_W, h));
                    rowHeight = Math.max(rowHeight, h);
                }
                y += rowHeight + GAP;
            }
        }
        return new Packed(width, Math.max(HOST_MIN_H, y), out);
    }

    static double cardHeight(Node n) {
        return n instanceof Pod p ? Metrics.podHeight(p) : CARD_H;
    }

    private static double width(int cols) {
        return Math.max(HOST_MIN_W, 2 * HOST_PAD + cols * CARD_W + Math.max(0, cols - 1) * GAP);
    }

    /**
     * The number of card columns that makes the host closest to 16:10, counting that each
     * bridge's group starts a row of its own. Pods of several containers count as taller cards.
     * Every column count is tried; a try costs one step per row (rows of equal cards are counted,
     * mixed rows read their tallest card from a range-maximum table), so all tries together cost
     * about n log n for n cards rather than n squared.
     */
    static int columns(List<List<Node>> groups, int bridges) {
        int widest = 1;
        List<RowHeights> heights = new ArrayList<>();
        for (List<Node> g : groups) {
            widest = Math.max(widest, g.size());
            heights.add(RowHeights.of(g));
        }
        int best = 1;
        double bestScore = Double.MAX_VALUE;
        for (int cols = 1; cols <= widest; cols++) {
            double h = HOST_HEADER + GAP / 2 + bridges * (BRIDGE_H + GAP);
            for (RowHeights g : heights) h += g.total(cols, GAP);
            double score = Math.abs(Math.log(width(cols) / Math.max(HOST_MIN_H, h) / 1.6));
            if (score < bestScore - 1e-9) { bestScore = score; best = cols; }
        }
        return best;
    }

    /** The card heights of one group, answering "how tall are its rows of N cards" quickly. */
    private static final class RowHeights {
        private final int size;
        /** The one height every card has, or NaN when they differ. */
        private final double uniform;
        /** Sparse table: max[k][i] is the tallest of the 2^k cards from i (only when mixed). */
        private final double[][] max;

        private RowHeights(int size, double uniform, double[][] max) {
            this.size = size;
            this.uniform = uniform;
            this.max = max;
        }

        static RowHeights of(List<Node> cards) {
            double[] h = new double[cards.size()];
            boolean same = true;
            for (int i = 0; i < h.length; i++) {
                h[i] = cardHeight(cards.get(i));
                same &= h[i] == h[0];
            }
            if (same) return new RowHeights(h.length, h.length == 0 ? 0 : h[0], null);
            int levels = 32 - Integer.numberOfLeadingZeros(h.length);
            double[][] max = new double[levels][];
            max[0] = h;
            for (int k = 1; k < levels; k++) {
                int span = 1 << k, half = span >> 1;
                max[k] = new double[h.length - span + 1];
                for (int i = 0; i < max[k].length; i++) max[k][i] = Math.max(max[k - 1][i], max[k - 1][i + half]);
            }
            return new RowHeights(h.length, Double.NaN, max);
        }

        /** The summed height of the rows of {@code cols} cards, each row followed by a gap. */
        double total(int cols, double gap) {
            int rows = (size + cols - 1) / cols;
            if (max == null) return rows * (uniform + gap);
            double sum = 0;
            for (int start = 0; start < size; start += cols) sum += tallest(start, Math.min(size, start + cols)) + gap;
            return sum;
        }

        /** The tallest card in [from, to). */
        private double tallest(int from, int to) {
            int k = 31 - Integer.numberOfLeadingZeros(to - from);
            return Math.max(max[k][from], max[k][to - (1 << k)]);
        }
    }

    /**
     * One lane per bridge (the cards hanging from it), then one for the cards on no bridge of
     * this host. A card goes under the first of its bridges; within a lane the cards that also
     * plug into the next bridge come last, so they sit right above it.
     */
    private static List<List<Node>> lanes(Document doc, List<Node> bridges, List<Node> cards) {
        Map<String, Integer> order = new LinkedHashMap<>();
        for (int i = 0; i < bridges.size(); i++) order.put(bridges.get(i).id(), i);
        List<List<Node>> first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i <= bridges.size(); i++) {
            first.add(new ArrayList<>());
            second.add(new ArrayList<>());
        }
        for (Node n : cards) {
            int lo = Integer.MAX_VALUE, next = -1;
            List<String> on = bridgesOf(doc, n);
            for (String b : on) {
                Integer k = order.get(b);
                if (k != null) lo = Math.min(lo, k);
            }
            if (lo == Integer.MAX_VALUE) {
                first.get(bridges.size()).add(n);
                continue;
            }
            for (String b : on) if (Integer.valueOf(lo + 1).equals(order.get(b))) next = lo + 1;
            (next > 0 ? second : first).get(lo).add(n);
        }
        List<List<Node>> out = new ArrayList<>();
        for (int i = 0; i <= bridges.size(); i++) {
            List<Node> lane = new ArrayList<>(first.get(i));
            lane.addAll(second.get(i));
            out.add(lane);
        }
        return out;
    }

    /** The bridges a card plugs into, in its own order. */
    static List<String> bridgesOf(Document doc, Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof Container c && c.mode() == Container.Mode.BRIDGE) {
            for (Attachment a : c.attachments()) if (doc.node(a.network()).filter(AutoLayout::isBar).isPresent()) out.add(a.network());
        } else if (n instanceof Pod p && !p.hostNetwork()) {
            Ipam.podNetwork(doc, p).ifPresent(b -> out.add(b.id()));
        }
        return out;
    }
}
