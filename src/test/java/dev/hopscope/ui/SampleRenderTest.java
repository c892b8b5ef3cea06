package dev.hopscope.ui;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.model.layout.AutoLayout;
import dev.hopscope.model.layout.Metrics;
import dev.hopscope.model.scene.LinkSpec;
import dev.hopscope.model.scene.NodeSpec;
import dev.hopscope.model.scene.Point;
import dev.hopscope.model.scene.Scene;
import dev.hopscope.model.scene.Shape;
import dev.hopscope.ui.canvas.LinkView;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens every sample from the Samples menu's list, renders the canvas to target/samples/NAME.png,
 * and checks the drawing as a reader would: no node drawn over another, no link crossing a node
 * other than its own two ends and the hosts they sit in, and every link label on nothing (no
 * node, no other label, no line).
 */
@ExtendWith(ApplicationExtension.class)
class SampleRenderTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void everySampleOpensAndRendersToAPngWithLinksRoundTheNodesAndLabelsOnNothing(FxRobot robot) throws Exception {
        List<String> names = app.commands().sampleNames();
        assertThat(names).contains(Samples.WELCOME);
        Path out = Path.of("target", "samples");
        Files.createDirectories(out);
        for (String name : names) {
            DesignerFixture.fx(() -> app.commands().openSample(name));
            DesignerFixture.settle(robot);
            DesignerFixture.fx(() -> app.window.canvas().fit());
            Document doc = app.state().current();
            assertThat(app.prompts.errors).as(name).isEmpty();
            Scene scene = DesignerFixture.fx(() -> app.window.canvas().scene());
            for (Node n : doc.nodes())
                if (AutoLayout.hasBox(n)) assertThat(app.window.canvas().nodeBounds(n.id())).as(name + ": " + n.id()).isPresent();
            assertThat(overlaps(doc, scene)).as(name + ": nodes drawn over one another").isEmpty();
            assertThat(crossings(scene)).as(name + ": links through nodes").isEmpty();
            Map<String, LinkView> views = DesignerFixture.fx(() -> Map.copyOf(app.window.canvas().linkViews()));
            for (LinkSpec l : scene.links().values())
                assertThat(DesignerFixture.fx(() -> views.get(l.id()).route())).as(name + ": " + l.id() + " drawn on its route").isEqualTo(l.route());
            assertThat(coveredLabels(scene, views)).as(name + ": labels on something").isEmpty();
            WritableImage img = DesignerFixture.fx(() -> app.window.canvas().snapshot(null, null));
            Path png = out.resolve(name.replaceFirst("\\.json$", "") + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", png.toFile());
            assertThat(Files.size(png)).as(png.toString()).isGreaterThan(2000);
        }
    }

    /** Pairs of drawn boxes that intersect although neither is nested in the other. */
    static List<String> overlaps(Document doc, Scene scene) {
        List<NodeSpec> all = new ArrayList<>(scene.nodes().values());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++)
            for (int j = i + 1; j < all.size(); j++) {
                NodeSpec a = all.get(i), b = all.get(j);
                if (a.id().equals(b.parent()) || b.id().equals(a.parent())) continue;
                if (intersects(a.box(), b.box())) out.add(a.id() + " / " + b.id());
            }
        return out;
    }

    /**
     * Links whose drawn segments pass through the inside of a node box that is neither one of
     * the link's ends nor a host one of its ends is nested in. A segment may touch a box's edge.
     */
    static List<String> crossings(Scene scene) {
        List<String> out = new ArrayList<>();
        for (LinkSpec l : scene.links().values()) {
            NodeSpec a = scene.nodes().get(l.source()), b = scene.nodes().get(l.target());
            List<Point> r = l.route();
            assertThat(r.size()).as(l.id()).isGreaterThanOrEqualTo(2);
            assertThat(onEdge(r.get(0), a.box())).as(l.id() + " starts on its source's edge").isTrue();
            assertThat(onEdge(r.get(r.size() - 1), b.box())).as(l.id() + " ends on its target's edge").isTrue();
            for (NodeSpec n : scene.nodes().values()) {
                if (n == a || n == b || n.id().equals(a.parent()) || n.id().equals(b.parent())) continue;
                for (int i = 0; i + 1 < r.size(); i++)
                    if (segmentThrough(r.get(i), r.get(i + 1), n.box())) out.add(l.id() + " crosses " + n.id());
            }
        }
        return out;
    }

    /** Labels (their drawn bounds) lying on a node (a host only by its header), on another label, or on another link's line. */
    static List<String> coveredLabels(Scene scene, Map<String, LinkView> views) {
        List<String> out = new ArrayList<>();
        List<Box> labels = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (LinkSpec l : scene.links().values()) {
            LinkView v = views.get(l.id());
            if (!DesignerFixture.fx(() -> v.label() != null && v.label().isVisible())) continue;
            Bounds b = DesignerFixture.fx(() -> v.label().getBoundsInParent());
            Box box = new Box(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
            for (NodeSpec n : scene.nodes().values()) {
                Box nb = n.shape() == Shape.HOST ? new Box(n.box().x(), n.box().y(), n.box().w(), Metrics.HOST_HEADER) : n.box();
                if (intersects(box, nb)) out.add(l.id() + " label on " + n.id());
            }
            for (LinkSpec other : scene.links().values()) {
                if (other == l) continue;
                for (int i = 0; i + 1 < other.route().size(); i++)
                    if (segmentThrough(other.route().get(i), other.route().get(i + 1), box)) out.add(l.id() + " label on the line of " + other.id());
            }
            for (int k = 0; k < labels.size(); k++) if (intersects(box, labels.get(k))) out.add(l.id() + " label on the label of " + owners.get(k));
            labels.add(box);
            owners.add(l.id());
        }
        return out;
    }

    static boolean intersects(Box x, Box y) {
        return x.x() < y.x() + y.w() && y.x() < x.x() + x.w() && x.y() < y.y() + y.h() && y.y() < x.y() + x.h();
    }

    /** Whether an axis-parallel segment runs through the open inside of the box. */
    static boolean segmentThrough(Point p, Point q, Box b) {
        double x0 = Math.min(p.x(), q.x()), x1 = Math.max(p.x(), q.x()), y0 = Math.min(p.y(), q.y()), y1 = Math.max(p.y(), q.y());
        return x1 > b.x() && x0 < b.x() + b.w() && y1 > b.y() && y0 < b.y() + b.h()
                && (x0 != x1 || (x0 > b.x() && x0 < b.x() + b.w())) && (y0 != y1 || (y0 > b.y() && y0 < b.y() + b.h()));
    }

    static boolean onEdge(Point p, Box b) {
        boolean inX = p.x() >= b.x() - 0.01 && p.x() <= b.x() + b.w() + 0.01, inY = p.y() >= b.y() - 0.01 && p.y() <= b.y() + b.h() + 0.01;
        boolean onV = Math.abs(p.x() - b.x()) < 0.01 || Math.abs(p.x() - b.x() - b.w()) < 0.01;
        boolean onH = Math.abs(p.y() - b.y()) < 0.01 || Math.abs(p.y() - b.y() - b.h()) < 0.01;
        return inX && inY && (onV || onH);
    }
}
