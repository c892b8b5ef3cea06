package dev.hopscope.model.scene;

import dev.hopscope.model.Box;
import dev.hopscope.model.Link;
import dev.hopscope.model.layout.Metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the red pill of each violated expected flow goes ("DENIED", "NAME_NOT_RESOLVED"): beside
 * its own dashed line, on no node, no placed label, no wire and no other pill, as a link label is
 * placed. The pill is wider than the probe label the scene placed for the flow (or found no room
 * for), so it gets a place of its own once the analysis says which flows are violated. A line
 * too short to hold it beside (two cards side by side) has it as near its middle as is free;
 * a pill with no free place at all sits at the middle of its line.
 */
public final class VerdictPlaces {
    /** The pill's size estimate: a bold 10 px font, 6 px of padding each side and a border. */
    static final double CHAR_W = 7.5, PAD_W = 14, HEIGHT = 16;
    /** How far from its line's middle a pill may go when no place beside the line is free. */
    static final double REACH = 120;

    private VerdictPlaces() {}

    /** Top-left corners by link id, for each link of {@code verdicts} (link id → pill text) the scene draws. */
    public static Map<String, Point> of(Scene scene, Map<String, String> verdicts) {
        LabelPlacer placer = new LabelPlacer(scene.nodes().values(), Metrics.HOST_HEADER);
        for (LinkSpec l : scene.links().values()) {
            placer.addRoute(l.id(), l.route(), l.kind() == Link.Kind.INTENT);
            // an expected flow's own probe label shows only on hover: its pill may take that place
            if (l.kind() != Link.Kind.INTENT && l.labelAt() != null && l.label() != null && !l.label().isEmpty())
                placer.block(new Box(l.labelAt().x(), l.labelAt().y(), LabelPlacer.width(l.label()), LabelPlacer.LABEL_H));
        }
        Map<String, Point> at = new TreeMap<>();
        for (Map.Entry<String, String> v : new TreeMap<>(verdicts).entrySet()) {
            LinkSpec l = scene.links().get(v.getKey());
            if (l == null || l.route().size() < 2) continue;
            double w = v.getValue().length() * CHAR_W + PAD_W;
            Point p = placer.place(w, HEIGHT, l.route(), null);
            if (p == null) p = placer.near(Point.midway(l.route()), w, HEIGHT, REACH);
            at.put(l.id(), p != null ? p : Point.midway(l.route()));
        }
        return at;
    }
}
