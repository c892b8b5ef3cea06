package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.edit.Edits;
import dev.hopscope.model.edit.Outcome;
import dev.hopscope.ui.AppState;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The primary button without a tool: click selects (Shift toggles), a drag on a node moves the
 * selection (and the hosts' contents) and commits one move on release, a drag on empty canvas
 * draws a rubber band, a drag on a host's grip resizes it, a click on a link selects the link.
 * One card released with the pointer on a bridge's bar, an overlay's band or a network's is re-attached
 * there ({@link Edits#dropOn}); the bar or band under the pointer lights up while dragging.
 */
final class SelectGesture {
    /** Screen pixels a press must travel before it counts as a drag rather than a click. */
    private static final double DRAG_SLOP = 3;

    private SelectGesture() {}

    static NodeView owner(javafx.scene.Node picked) {
        for (javafx.scene.Node n = picked; n != null; n = n.getParent()) if (n instanceof NodeView v) return v;
        return null;
    }

    static LinkView linkOwner(javafx.scene.Node picked) {
        for (javafx.scene.Node n = picked; n != null; n = n.getParent()) if (n instanceof LinkView v) return v;
        return null;
    }

    static Gesture press(CanvasView canvas, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return null;
        AppState state = canvas.state();
        javafx.scene.Node picked = e.getPickResult().getIntersectedNode();
        NodeView v = owner(picked);
        Point2D start = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
        // zoomed far out the views are hidden behind plain shapes: find the node by its box
        if (v == null && canvas.isFar()) v = canvas.viewAt(start, x -> true).orElse(null);
        if (v instanceof HostView h && h.isGrip(picked)) return new Resize(canvas, h, start);
        if (v != null) {
            canvas.selectedLink().set(null);
            boolean wasSelected = state.selection().contains(v.nodeId());
            if (e.isShiftDown()) {
                if (wasSelected) state.selection().remove(v.nodeId()); else state.selection().add(v.nodeId());
            } else if (!wasSelected) {
                state.select(List.of(v.nodeId()));
            }
            return new Move(canvas, v, start, e);
        }
        LinkView l = linkOwner(picked);
        if (l != null) {
            if (!e.isShiftDown()) state.selection().clear();
            canvas.selectedLink().set(l.link());
            return null;
        }
        canvas.selectedLink().set(null);
        return new Band(canvas, start, e.isShiftDown());
    }

    /** Moves the selection with the pointer; the document changes once, on release. */
    private static final class Move implements Gesture {
        private final CanvasView canvas;
        private final NodeView pressed;
        private final Point2D start;
        private final double screenX;
        private final double screenY;
        private final Set<String> selection;
        private final Set<String> moving;
        private boolean dragging;
        private double dx;
        private double dy;
        private NodeView dropHost;
        private NodeView dropBar;
        private Point2D pointer;

        Move(CanvasView canvas, NodeView pressed, Point2D start, MouseEvent e) {
            this.canvas = canvas;
            this.pressed = pressed;
            this.start = start;
            this.screenX = e.getScreenX();
            this.screenY = e.getScreenY();
            this.selection = new LinkedHashSet<>(canvas.state().selection());
            this.moving = Edits.withContents(canvas.state().current(), selection);
        }

        @Override public void drag(MouseEvent e) {
            if (!dragging && Math.hypot(e.getScreenX() - screenX, e.getScreenY() - screenY) < DRAG_SLOP) return;
            if (!dragging && !canvas.state().selection().contains(pressed.nodeId())) return;
            dragging = true;
            Point2D p = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            pointer = p;
            dx = Snap.round(p.getX() - start.getX());
            dy = Snap.round(p.getY() - start.getY());
            for (String id : moving) canvas.view(id).ifPresent(v -> {
                v.setTranslateX(dx);
                v.setTranslateY(dy);
            });
            canvas.refreshLinks(moving);
            highlightTargets();
        }

        private boolean oneCard() {
            return selection.size() == 1 && pressed.spec() != null && pressed.spec().shape().isCard();
        }

        /** Shows the bar or band a single dragged card would plug into, or else the host it would land in. */
        private void highlightTargets() {
            NodeView bar = null, host = null;
            if (oneCard()) {
                bar = canvas.viewAt(pointer, v -> (v instanceof BridgeView || v instanceof BandView || v instanceof NetworkView) && !moving.contains(v.nodeId())).orElse(null);
                if (bar == null) {
                    Box b = pressed.liveBox();
                    Point2D c = new Point2D(b.x() + b.w() / 2, b.y() + b.h() / 2);
                    host = canvas.viewAt(c, v -> v instanceof HostView && !moving.contains(v.nodeId())).orElse(null);
                }
            }
            dropBar = swap(dropBar, bar);
            dropHost = swap(dropHost, host);
        }

        private static NodeView swap(NodeView was, NodeView now) {
            if (was != now) {
                if (was != null) was.setDropTarget(false);
                if (now != null) now.setDropTarget(true);
            }
            return now;
        }

        @Override public void release(MouseEvent e) {
            dropHost = swap(dropHost, null);
            NodeView bar = dropBar;
            dropBar = swap(dropBar, null);
            AppState state = canvas.state();
            if (!dragging) {
                if (!e.isShiftDown() && state.selection().size() > 1 && state.selection().contains(pressed.nodeId()))
                    state.select(List.of(pressed.nodeId()));
                canvas.fireClicked(pressed.nodeId());
                return;
            }
            boolean applied;
            if (bar != null && oneCard()) {
                // the card plugs into what the pointer is on, in one undoable step
                applied = state.apply(Edits.dropOn(canvas.withDrawnBoxes(moving), pressed.nodeId(), bar.nodeId(), pointer.getX(), pointer.getY()));
            } else {
                applied = (dx != 0 || dy != 0) && state.apply(Edits.moveSelection(canvas.withDrawnBoxes(moving), selection, dx, dy));
            }
            if (!applied) canvas.restore();
        }
    }

    /** Selects every node whose box lies inside the dragged rectangle. */
    private static final class Band implements Gesture {
        private final CanvasView canvas;
        private final Point2D start;
        private final boolean add;
        private final Rectangle rect = new Rectangle();

        Band(CanvasView canvas, Point2D start, boolean add) {
            this.canvas = canvas;
            this.start = start;
            this.add = add;
            rect.getStyleClass().add("rubber-band");
            rect.setX(start.getX());
            rect.setY(start.getY());
            canvas.toolLayer().getChildren().add(rect);
            if (!add) canvas.state().selection().clear();
        }

        @Override public void drag(MouseEvent e) {
            Point2D p = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            rect.setX(Math.min(p.getX(), start.getX()));
            rect.setY(Math.min(p.getY(), start.getY()));
            rect.setWidth(Math.abs(p.getX() - start.getX()));
            rect.setHeight(Math.abs(p.getY() - start.getY()));
        }

        @Override public void release(MouseEvent e) {
            drag(e);
            canvas.toolLayer().getChildren().remove(rect);
            if (rect.getWidth() < 2 && rect.getHeight() < 2) return;
            List<String> inside = new ArrayList<>();
            for (dev.hopscope.model.scene.NodeSpec n : canvas.scene().nodes().values()) {
                Box b = canvas.drawnBox(n);
                if (b.x() >= rect.getX() && b.y() >= rect.getY() && b.x() + b.w() <= rect.getX() + rect.getWidth()
                        && b.y() + b.h() <= rect.getY() + rect.getHeight()) inside.add(n.id());
            }
            if (add) inside.addAll(0, canvas.state().selection());
            canvas.state().select(inside);
        }
    }

    /** Resizes a host from its bottom-right grip; its bridges stretch with it on release. */
    private static final class Resize implements Gesture {
        private final CanvasView canvas;
        private final HostView host;
        private final Point2D start;
        private final Box before;

        Resize(CanvasView canvas, HostView host, Point2D start) {
            this.canvas = canvas;
            this.host = host;
            this.start = start;
            this.before = host.liveBox();
        }

        @Override public void drag(MouseEvent e) {
            Point2D p = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            host.resize(Math.max(1, Snap.round(before.w() + p.getX() - start.getX())), Math.max(1, Snap.round(before.h() + p.getY() - start.getY())));
        }

        @Override public void release(MouseEvent e) {
            drag(e);
            AppState state = canvas.state();
            Document doc = state.current();
            Box now = new Box(before.x(), before.y(), host.getWidth(), host.getHeight());
            Optional<Host> h = doc.get(host.nodeId(), Host.class);
            if (h.isEmpty() || now.equals(before)
                    || !state.apply(Outcome.done(Edits.resize(doc, host.nodeId(), now), "Resize " + h.get().name())))
                canvas.restore();
        }
    }
}
