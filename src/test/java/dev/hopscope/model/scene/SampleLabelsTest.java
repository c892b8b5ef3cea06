package dev.hopscope.model.scene;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Box;
import dev.hopscope.model.Link;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, point 3 seen on the welcome sample: with its saved layout, veth labels stood outside
 * their host. A wire whose two ends are drawn in one host is labelled inside that host, below its
 * header, in every sample as saved (no Arrange first).
 */
class SampleLabelsTest {

    @Test void everySamplesWiresInsideAHostAreLabelledInsideIt() {
        List<String> outside = new ArrayList<>(), unlabelled = new ArrayList<>();
        int checked = 0;
        for (String name : Samples.names()) {
            Scene scene = SceneBuilder.build(Samples.open(name), null);
            Map<String, NodeSpec> nodes = scene.nodes();
            for (LinkSpec l : scene.links().values()) {
                if (l.label() == null || l.label().isEmpty()) continue;
                NodeSpec a = host(nodes, l.source()), b = host(nodes, l.target());
                if (a == null || a != b) continue;
                if (l.labelAt() == null && l.kind() != Link.Kind.INTENT) {
                    // a label with no room is left out rather than drawn over something; a sample must have room
                    unlabelled.add(name + ": " + l.id() + " '" + l.label() + "'");
                    continue;
                }
                if (l.labelAt() == null) continue; // an expected flow's label shows on hover
                checked++;
                Box h = a.box();
                double x = l.labelAt().x(), y = l.labelAt().y();
                // the canvas draws a link label in a 10 px font: about 6.2 units a character, 8 of padding, 14 high
                double w = l.label().length() * 6.2 + 8, hgt = 14;
                if (x < h.x() || y < h.y() + 40 || x + w > h.x() + h.w() || y + hgt > h.y() + h.h())
                    outside.add(name + ": " + l.id() + " '" + l.label() + "' at " + x + "," + y + " outside " + a.id() + " " + h);
            }
        }
        assertThat(checked).as("labelled wires inside hosts across the samples").isGreaterThan(30);
        assertThat(outside).isEmpty();
        assertThat(unlabelled).as("wires inside a host left without a label").isEmpty();
    }

    private static NodeSpec host(Map<String, NodeSpec> nodes, String id) {
        for (NodeSpec n = nodes.get(id); n != null; n = n.parent() == null ? null : nodes.get(n.parent()))
            if (n.shape() == Shape.HOST) return n;
        return null;
    }
}
