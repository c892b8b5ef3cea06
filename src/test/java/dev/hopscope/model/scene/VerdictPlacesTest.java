package dev.hopscope.model.scene;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Box;
import dev.hopscope.model.Link;
import dev.hopscope.model.layout.Metrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, point 7: "a red label covers an address". On the welcome sample with both of its
 * frontend → db flows violated, the two pills lay at the middle of their shared route, on each
 * other and on br-back's name and pool. Each now sits on no node (a host by its header), no
 * placed label, no wire and no other pill.
 */
class VerdictPlacesTest {
    static final String BY_NAME = "intent:frontend->db@frontend-cannot-resolve-db";
    static final String BY_ADDRESS = "intent:frontend->db@frontend-cannot-reach-db-ip";

    @Test void pillsOfViolatedFlowsCoverNothing() {
        Scene scene = SceneBuilder.build(Samples.open("welcome.json"), null);
        assertThat(scene.links()).containsKeys(BY_NAME, BY_ADDRESS);
        Map<String, String> verdicts = Map.of(BY_NAME, "NAME_NOT_RESOLVED", BY_ADDRESS, "DENIED");
        Map<String, Point> at = VerdictPlaces.of(scene, verdicts);
        assertThat(at).containsOnlyKeys(BY_NAME, BY_ADDRESS);

        List<Box> pills = new ArrayList<>();
        for (Map.Entry<String, Point> e : at.entrySet()) {
            // the CSS pill: bold 10 px (NAME_NOT_RESOLVED measures 140 px drawn), 6 px padding each side, 1 px border, 16 px high
            Box pill = new Box(e.getValue().x(), e.getValue().y(), verdicts.get(e.getKey()).length() * 7.5 + 14, 16);
            for (NodeSpec n : scene.nodes().values()) {
                Box b = n.shape() == Shape.HOST ? new Box(n.box().x(), n.box().y(), n.box().w(), Metrics.HOST_HEADER) : n.box();
                assertThat(overlap(pill, b)).as(e.getKey() + " pill on " + n.id()).isFalse();
            }
            for (LinkSpec l : scene.links().values()) {
                if (l.kind() != Link.Kind.INTENT && l.labelAt() != null && !l.label().isEmpty())
                    assertThat(overlap(pill, new Box(l.labelAt().x(), l.labelAt().y(), l.label().length() * 6.2 + 8, 14)))
                            .as(e.getKey() + " pill on the label of " + l.id()).isFalse();
                if (l.kind() != Link.Kind.INTENT)
                    for (int i = 0; i + 1 < l.route().size(); i++)
                        assertThat(crosses(l.route().get(i), l.route().get(i + 1), pill)).as(e.getKey() + " pill on the line of " + l.id()).isFalse();
            }
            for (Box other : pills) assertThat(overlap(pill, other)).as(e.getKey() + " pill on another pill").isFalse();
            pills.add(pill);
        }
    }

    private static boolean overlap(Box a, Box b) {
        return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
    }

    private static boolean crosses(Point p, Point q, Box b) {
        return overlap(new Box(Math.min(p.x(), q.x()), Math.min(p.y(), q.y()), Math.abs(p.x() - q.x()) + 0.01, Math.abs(p.y() - q.y()) + 0.01), b);
    }
}
