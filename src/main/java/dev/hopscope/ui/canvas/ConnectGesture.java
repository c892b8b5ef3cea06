package dev.hopscope.ui.canvas;

import dev.hopscope.model.edit.Connections;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;

import java.util.Optional;

/**
 * Connecting: a drag from a node's handle to another node. A dashed line follows the pointer,
 * the node under it lights up ({@code :drop-target}), and the release asks
 * {@link Connections} for the link, which is made or refused with the reason.
 */
final class ConnectGesture implements Gesture {
    private final CanvasView canvas;
    private final NodeView from;
    private final Line rubber = new Line();
    private NodeView target;

    private ConnectGesture(CanvasView canvas, NodeView from, Point2D start) {
        this.canvas = canvas;
        this.from = from;
        rubber.getStyleClass().add("connect-line");
        rubber.setStartX(start.getX());
        rubber.setStartY(start.getY());
        rubber.setEndX(start.getX());
        rubber.setEndY(start.getY());
        canvas.toolLayer().getChildren().add(rubber);
    }

    /** Starts when the press is on a node's handle, or on a node with Alt held. */
    static Gesture press(CanvasView canvas, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return null;
        javafx.scene.Node picked = e.getPickResult().getIntersectedNode();
        NodeView owner = SelectGesture.owner(picked);
        if (owner == null || !(owner.isHandle(picked) || e.isAltDown())) return null;
        Point2D p = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
        return new ConnectGesture(canvas, owner, p);
    }

    @Override public void drag(MouseEvent e) {
        Point2D p = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
        rubber.setEndX(p.getX());
        rubber.setEndY(p.getY());
        Optional<NodeView> under = canvas.viewAt(p, v -> v != from);
        NodeView next = under.orElse(null);
        if (next != target) {
            if (target != null) target.setDropTarget(false);
            target = next;
            if (target != null) target.setDropTarget(true);
        }
    }

    @Override public void release(MouseEvent e) {
        drag(e);
        canvas.toolLayer().getChildren().remove(rubber);
        if (target == null) {
            String name = canvas.state().current().node(from.nodeId()).map(dev.hopscope.model.Node::name).orElse(from.nodeId());
            canvas.state().message().set("Drop the link on a node to connect " + name);
            return;
        }
        target.setDropTarget(false);
        canvas.state().apply(Connections.connect(canvas.state().current(), from.nodeId(), target.nodeId()));
    }
}
