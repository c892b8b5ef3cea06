package dev.hopscope.ui;

import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Box;
import dev.hopscope.model.Link;
import dev.hopscope.model.scene.NodeSpec;
import dev.hopscope.model.edit.Blueprint;
import dev.hopscope.model.edit.Creation;
import dev.hopscope.model.scene.Point;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.canvas.NodeView;
import dev.hopscope.ui.canvas.LinkView;
import javafx.geometry.Point2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 12's pan bar, what it changes for a user: while a large drawing pans, its expected flows
 * rest (the software renderer spends more on thousands of dashed arrows than on the network) and
 * come back when the pan stops, the selected one staying; links are still found under the pointer
 * by a stroke that is never drawn.
 */
@ExtendWith(ApplicationExtension.class)
class PanningTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private CanvasView canvas() { return app.window.canvas(); }

    private static boolean intent(LinkView l) { return l.spec().kind() == Link.Kind.INTENT; }

    @Test void expectedFlowsRestWhileALargeDrawingPansAndComeBackWhenItStops() {
        // 7 hosts of 48 containers: about 370 drawn nodes, more than CanvasView.FAR_NODES
        fx(() -> app.state().reset(SyntheticTopology.generate(7, 48, false), null));
        fx(() -> canvas().zoomReset());
        List<String> attached = fx(() -> canvas().linkViews().values().stream()
                .filter(l -> intent(l) && l.getParent() != null).map(l -> l.spec().id()).toList());
        assertThat(attached).as("expected flows near the screen").hasSizeGreaterThan(5);
        String selected = attached.get(0);
        fx(() -> canvas().selectedLink().set(canvas().linkViews().get(selected).link()));

        // one step of a drag, as the mouse gives it; checked before the pan can count as stopped
        List<String> drawnWhilePanning = fx(() -> {
            canvas().viewport().panBy(-12, -4);
            return canvas().linkViews().values().stream()
                    .filter(l -> intent(l) && l.getParent() != null && !canvas().isResting(l.spec().id()))
                    .map(l -> l.spec().id()).toList();
        });
        assertThat(drawnWhilePanning).as("expected flows drawn during the pan").containsExactly(selected);
        // a resting flow is out of the scene, not merely undrawn: JavaFX walks every node in it on each frame
        assertThat(fx(() -> canvas().isResting(attached.get(1)) && canvas().linkViews().get(attached.get(1)).getParent() == null))
                .as("a resting flow has left the scene").isTrue();

        waitUntil(() -> attached.stream().noneMatch(id -> canvas().isResting(id)));
        assertThat(fx(() -> attached.stream().allMatch(id -> canvas().linkViews().get(id).getParent() != null)))
                .as("every flow near the screen is back in the scene once the pan stops").isTrue();
    }

    @Test void onlyANarrowRingOfViewsBeyondTheScreenIsInTheScene() {
        // every view in the scene costs both of JavaFX's threads on each frame, seen or not
        fx(() -> app.state().reset(SyntheticTopology.generate(7, 48, false), null));
        fx(() -> canvas().zoomReset());
        javafx.geometry.Bounds seen = fx(() -> canvas().visibleArea());
        // the ring is CULL_MARGIN screen pixels, and a view is in the scene only if its own box meets it
        double farthest = CanvasView.CULL_MARGIN / fx(() -> canvas().viewport().zoom());
        List<String> onScreen = fx(() -> nodes().filter(n -> intersects(n.box(), seen)).map(NodeSpec::id).toList());
        List<String> farOff = fx(() -> nodes()
                .filter(n -> n.box().x() > seen.getMaxX() + farthest && n.box().x() < seen.getMaxX() + seen.getWidth())
                .map(NodeSpec::id).toList());
        assertThat(onScreen).isNotEmpty();
        assertThat(farOff).as("views between the ring and one screen beyond it").isNotEmpty();
        assertThat(fx(() -> onScreen.stream().filter(id -> !canvas().isAttached(id)).toList())).as("views on the screen not in the scene").isEmpty();
        assertThat(fx(() -> farOff.stream().filter(id -> canvas().isAttached(id)).toList())).as("views far off the screen in the scene").isEmpty();
    }

    @Test void aPanBringsInTheViewsOfTheStripItReachedAndNothingBeyond() {
        fx(() -> app.state().reset(SyntheticTopology.generate(7, 48, false), null));
        fx(() -> canvas().zoomReset());
        double zoom = fx(() -> canvas().viewport().zoom());
        javafx.geometry.Bounds seen = fx(() -> canvas().visibleArea());
        double edge = seen.getMaxX() + CanvasView.CULL_MARGIN / zoom;
        // a card beyond the ring's right edge by more than a re-count step but less than the ring:
        // it comes in after a pan that short, which does not yet leave the ring
        NodeSpec next = fx(() -> nodes()
                .filter(n -> n.shape() == dev.hopscope.model.scene.Shape.CONTAINER)
                .filter(n -> n.box().y() > seen.getMinY() && n.box().y() + n.box().h() < seen.getMaxY())
                .filter(n -> (n.box().x() - edge) * zoom > CanvasView.CULL_STEP && (n.box().x() - edge) * zoom < CanvasView.CULL_MARGIN - 16)
                .findFirst().orElseThrow());
        assertThat(fx(() -> canvas().isAttached(next.id()))).as("beyond the ring before the pan").isFalse();
        double step = (next.box().x() - edge) * zoom + 4;
        fx(() -> canvas().viewport().panBy(-step, 0));
        javafx.geometry.Bounds now = fx(() -> canvas().visibleArea());
        assertThat(now.getMinX()).as("the pan moved the view right").isGreaterThan(seen.getMinX());
        assertThat(fx(() -> canvas().isAttached(next.id()))).as("the strip the pan reached is in the scene").isTrue();
        double newEdge = now.getMaxX() + CanvasView.CULL_MARGIN / zoom;
        List<String> beyond = fx(() -> nodes()
                .filter(n -> n.box().x() > newEdge + 1 && n.box().y() < now.getMaxY() && n.box().y() + n.box().h() > now.getMinY())
                .filter(n -> canvas().isAttached(n.id())).map(NodeSpec::id).toList());
        assertThat(beyond).as("views wholly beyond the ring after the pan").isEmpty();
    }

    @Test void whileALargeDrawingPansWhatThePanCanReachJoinsAtOnceAndTheRestOfTheRingAFewViewsAFrame() {
        // a strip of views joining the scene at once paid its CSS, layout and first cached pixels in one long frame
        fx(() -> app.state().reset(SyntheticTopology.generate(7, 48, false), null));
        fx(() -> canvas().zoomReset());
        List<List<String>> seen = fx(() -> {
            // one long step of a drag, onto new ground: nothing of the ring was in the scene before
            canvas().viewport().panBy(-(canvas().getWidth() + 2 * CanvasView.CULL_MARGIN + 100), 0);
            double zoom = canvas().viewport().zoom();
            javafx.geometry.Bounds area = canvas().visibleArea();
            javafx.geometry.Bounds reach = grown(area, CanvasView.CULL_STEP / zoom);
            javafx.geometry.Bounds ring = grown(area, CanvasView.CULL_MARGIN / zoom);
            List<String> reachable = nodes().filter(n -> intersects(n.box(), reach)).map(NodeSpec::id).toList();
            List<String> ringOnly = nodes().filter(n -> intersects(n.box(), ring) && !intersects(n.box(), reach)).map(NodeSpec::id).toList();
            return List.of(reachable.stream().filter(id -> !canvas().isAttached(id)).toList(),
                    ringOnly.stream().filter(id -> !canvas().isAttached(id)).toList(), ringOnly);
        });
        assertThat(seen.get(0)).as("views the pan can reach before the next count, not in the scene").isEmpty();
        assertThat(seen.get(1)).as("views of the ring waiting to join, right after the step").isNotEmpty();
        assertThat(seen.get(1).size()).as("waiting of %s in the ring", seen.get(2).size()).isGreaterThan(CanvasView.JOINS_PER_FRAME);
        // they join frame by frame, and all of them once the pan stops
        waitUntil(() -> seen.get(2).stream().allMatch(id -> canvas().isAttached(id)));
    }

    @Test void whileALargeDrawingPansNothingInItIsPointedAtAndWhenItStopsTheNodeUnderThePointerIs(FxRobot robot) {
        // JavaFX picks through the views under a still pointer on every frame of a pan
        fx(() -> app.state().reset(SyntheticTopology.generate(7, 48, false), null));
        fx(() -> canvas().zoomReset());
        javafx.geometry.Bounds seen = fx(() -> canvas().visibleArea());
        NodeSpec card = fx(() -> nodes().filter(n -> n.shape() == dev.hopscope.model.scene.Shape.CONTAINER)
                .filter(n -> n.box().x() > seen.getMinX() + 40 && n.box().y() > seen.getMinY() + 40)
                .filter(n -> n.box().x() + n.box().w() < seen.getMaxX() - 40 && n.box().y() + n.box().h() < seen.getMaxY() - 40)
                .findFirst().orElseThrow());
        NodeView view = fx(() -> canvas().view(card.id()).orElseThrow());
        // a pan that goes on (a pixel a frame, there and back) while the pointer comes to rest on the card
        javafx.animation.AnimationTimer pan = new javafx.animation.AnimationTimer() {
            int frame;
            @Override public void handle(long now) { canvas().viewport().panBy(frame++ % 8 < 4 ? 1 : -1, 0); }
        };
        fx(pan::start);
        try {
            robot.moveTo(app.screen(card.box().x() + card.box().w() / 2, card.box().y() + card.box().h() / 2));
            waitUntil(canvas()::isPanning);
            // a few frames' chance for the pointer to find the card, which it must not take
            WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
            assertThat(fx(view::isHover)).as("the card under the pointer while the drawing pans").isFalse();
        } finally {
            fx(pan::stop);
        }
        // once the pan has stopped, the pointer finds the card again
        waitUntil(() -> !canvas().isPanning());
        robot.moveBy(2, 0);
        waitUntil(view::isHover);
    }

    private static javafx.geometry.Bounds grown(javafx.geometry.Bounds b, double by) {
        return new javafx.geometry.BoundingBox(b.getMinX() - by, b.getMinY() - by, b.getWidth() + 2 * by, b.getHeight() + 2 * by);
    }

    @Test void aLargeDrawingMakesItsViewsWhenTheyComeNearTheScreenAndTheyShowWhatWasSetBefore() {
        // made all at once, the views of a large drawing were most of the heap, and the first
        // collection after opening paused the pan that followed to copy them
        fx(() -> app.state().reset(SyntheticTopology.generate(7, 48, false), null));
        fx(() -> canvas().zoomReset());
        javafx.geometry.Bounds seen = fx(() -> canvas().visibleArea());
        int drawn = fx(() -> canvas().scene().nodes().size());
        int made = fx(() -> canvas().views().size());
        assertThat(made).as("views made of %s nodes", drawn).isLessThan(drawn / 3);
        String left = fx(() -> nodes().filter(n -> n.shape() == dev.hopscope.model.scene.Shape.CONTAINER && canvas().isAttached(n.id()))
                .findFirst().orElseThrow().id());
        // a node two screens to the right: nothing is made for it yet, but what is set for it is kept
        NodeSpec far = fx(() -> nodes().filter(n -> n.shape() == dev.hopscope.model.scene.Shape.CONTAINER)
                .filter(n -> n.box().x() > seen.getMaxX() + seen.getWidth() && n.box().y() > seen.getMinY() && n.box().y() + n.box().h() < seen.getMaxY())
                .findFirst().orElseThrow());
        assertThat(fx(() -> canvas().views().stream().anyMatch(v -> v.nodeId().equals(far.id())))).isFalse();
        fx(() -> {
            canvas().setFlagged(far.id(), true);
            canvas().setBadge(far.id(), "error", 2);
            canvas().setTooltip(far.id(), "Error X: far away");
            app.state().select(List.of(far.id()));
        });
        fx(() -> canvas().viewport().panBy(-(far.box().x() - seen.getMinX()) * canvas().viewport().zoom(), 0));
        assertThat(fx(() -> canvas().isAttached(far.id()))).as("made and shown once the pan reaches it").isTrue();
        NodeView v = fx(() -> canvas().view(far.id()).orElseThrow());
        assertThat(fx(() -> v.getPseudoClassStates().toString())).contains("unreachable", "selected");
        assertThat(fx(() -> v.badge() != null && v.badge().getText().equals("!2"))).isTrue();
        assertThat(fx(v::tip)).isEqualTo("Error X: far away");
        // a view the pan left behind is kept for a pan that turns back, up to a number of them;
        // beyond that the oldest are forgotten (their cached pixels with them), to be made again if they come back
        NodeView leftView = fx(() -> canvas().views().stream().filter(w -> w.nodeId().equals(left)).findFirst().orElse(null));
        assertThat(leftView).as("view of %s kept while few are idle", left).isNotNull();
        assertThat(fx(() -> leftView.getParent())).isNull();
        fx(() -> canvas().setIdleKept(0));
        assertThat(fx(() -> canvas().views().stream().anyMatch(w -> w.nodeId().equals(left)))).as("view of %s forgotten", left).isFalse();
        assertThat(fx(() -> canvas().views().stream().allMatch(w -> canvas().isAttached(w.nodeId()) || w.nodeId().equals(far.id()))))
                .as("only the views near the screen (and the selected one) are left").isTrue();
        fx(() -> canvas().viewport().panBy((far.box().x() - seen.getMinX()) * canvas().viewport().zoom(), 0));
        assertThat(fx(() -> canvas().isAttached(left))).as("made again on the way back").isTrue();
    }

    private java.util.stream.Stream<NodeSpec> nodes() { return canvas().scene().nodes().values().stream(); }

    private static boolean intersects(Box b, javafx.geometry.Bounds area) {
        return b.x() < area.getMaxX() && b.x() + b.w() > area.getMinX() && b.y() < area.getMaxY() && b.y() + b.h() > area.getMinY();
    }

    @Test void aZoomOfALargeDrawingScalesAPictureOfItAndTheRealDrawingComesBackWhenItSettles() {
        fx(() -> app.state().reset(SyntheticTopology.generate(7, 48, false), null));
        fx(() -> canvas().zoomReset());
        String web = fx(() -> nodes().filter(n -> canvas().isAttached(n.id())).findFirst().orElseThrow().id());
        Box b = app.box(web);
        // two steps of a zoom, looked at before it can settle: a picture stands in, and scaled by the
        // second step it still shows the node where the drawing has it
        Point2D[] seen = fx(() -> {
            canvas().viewport().zoomAt(1.1, 300, 200);
            boolean first = canvas().showsZoomPicture();
            canvas().viewport().zoomAt(1.1, 300, 200);
            if (!first || !canvas().showsZoomPicture()) return null;
            return new Point2D[] {canvas().zoomPictureAt(b.x() + b.w(), b.y() + b.h()), canvas().drawingAt(b.x() + b.w(), b.y() + b.h())};
        });
        assertThat(seen).as("a picture stands in during the zoom").isNotNull();
        assertThat(seen[0].distance(seen[1])).as("picture %s, drawing %s", seen[0], seen[1]).isLessThan(1.0);
        assertThat(fx(() -> canvas().isAttached(web))).as("the real view is still there for the pointer").isTrue();
        waitUntil(() -> !canvas().showsZoomPicture());
    }

    @Test void aSmallDrawingZoomsWithoutAPicture() {
        app.empty();
        fx(() -> app.state().reset(SyntheticTopology.generate(1, 20, false), null));
        assertThat(fx(() -> {
            canvas().viewport().zoomAt(1.1, 300, 200);
            return canvas().showsZoomPicture();
        })).isFalse();
    }

    @Test void aSmallDrawingPansWithEveryFlowDrawn() {
        app.empty();
        fx(() -> app.state().reset(SyntheticTopology.generate(1, 20, false), null));
        List<String> intents = fx(() -> canvas().linkViews().values().stream().filter(PanningTest::intent).map(l -> l.spec().id()).toList());
        assertThat(intents).isNotEmpty();
        assertThat(fx(() -> {
            canvas().viewport().panBy(-12, -4);
            return intents.stream().noneMatch(id -> canvas().isResting(id));
        })).isTrue();
    }

    @Test void aShortWireDrawsFromACachedBitmapAndAnExpectedFlowDoesNot() {
        // a pan only moves the world: a cached wire's pixels are copied, not its curve traced again each frame
        app.empty();
        fx(() -> app.state().reset(SyntheticTopology.generate(1, 20, false), null));
        List<LinkView> wires = fx(() -> canvas().linkViews().values().stream()
                .filter(l -> l.spec().kind() == Link.Kind.VETH).toList());
        List<LinkView> flows = fx(() -> canvas().linkViews().values().stream().filter(PanningTest::intent).toList());
        assertThat(wires).as("wires from bridge bars to cards").hasSizeGreaterThan(10);
        assertThat(flows).isNotEmpty();
        assertThat(fx(() -> wires.stream().allMatch(javafx.scene.Node::isCache))).as("every wire from a bar to its card is cached").isTrue();
        // an arrow may cross the whole drawing: its bitmap would be mostly empty pixels on the heap
        assertThat(fx(() -> flows.stream().noneMatch(javafx.scene.Node::isCache))).as("no expected flow is cached").isTrue();
    }

    @Test void aClickOnALinkSelectsItThoughItsWideStrokeIsNeverDrawn(FxRobot robot) {
        app.empty();
        fx(() -> {
            AppState s = app.state();
            s.apply(Creation.drop(s.current(), Blueprint.HOST, 100, 60));
            Box h = s.current().box("host-1").orElseThrow();
            s.apply(Creation.drop(s.current(), Blueprint.DOCKER0, h.x() + 60, h.y() + 220));
            Box d0 = s.current().box("host-1-docker0").orElseThrow();
            s.apply(Creation.drop(s.current(), Blueprint.CONTAINER, d0.x() + 60, d0.y() + 10));
        });
        fx(() -> canvas().fit());
        LinkView veth = fx(() -> canvas().linkViews().values().stream().filter(l -> l.spec().kind() == Link.Kind.VETH).findFirst().orElseThrow());
        List<Point> route = fx(veth::route);
        Point a = route.get(0), b = route.get(1);
        // 3 canvas units beside the line: within the 10-unit stroke that finds it, off its 2-unit drawn line
        boolean vertical = a.x() == b.x();
        Point2D at = app.screen((a.x() + b.x()) / 2 + (vertical ? 3 : 0), (a.y() + b.y()) / 2 + (vertical ? 0 : 3));
        robot.clickOn(at);
        DesignerFixture.settle(robot);
        assertThat(fx(() -> canvas().selectedLink().get())).as("route %s, clicked %s, selection %s, boxes %s %s", route, at, app.state().selection(), app.box("web"), app.box("host-1-docker0")).isEqualTo(veth.link());
    }

    @Test void theDrawingStaysOnWholePixelsAndSlowDragsStillAddUp() {
        app.empty();
        fx(() -> app.state().reset(SyntheticTopology.generate(1, 20, false), null));
        // zoom to fit and about an odd point: a fractional pan would put every cached picture between pixels
        fx(() -> canvas().fit());
        fx(() -> canvas().viewport().zoomAt(1.1, 33.3, 44.4));
        Point2D before = origin();
        assertThat(before.getX()).as("pan x on the screen").isCloseTo(Math.rint(before.getX()), within(1e-9));
        assertThat(before.getY()).as("pan y on the screen").isCloseTo(Math.rint(before.getY()), within(1e-9));
        // five steps of 0.4 px and four of 0.25 px, as a slow drag on a fine pointer gives them: 2 px and 1 px in all
        fx(() -> {
            for (int i = 0; i < 5; i++) canvas().viewport().panBy(0.4, 0);
            for (int i = 0; i < 4; i++) canvas().viewport().panBy(0, 0.25);
        });
        Point2D after = origin();
        assertThat(after.getX() - before.getX()).isCloseTo(2.0, within(1e-9));
        assertThat(after.getY() - before.getY()).isCloseTo(1.0, within(1e-9));
    }

    /** Where the canvas origin is drawn, in pixels from the canvas's top-left corner. */
    private Point2D origin() {
        return fx(() -> canvas().canvasToScreen(0, 0).subtract(canvas().localToScreen(0, 0)));
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the pan did not count as stopped within 10 s", e);
        }
    }
}
