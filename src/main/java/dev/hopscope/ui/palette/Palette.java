package dev.hopscope.ui.palette;

import dev.hopscope.model.edit.Blueprint;
import dev.hopscope.model.edit.Creation;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.canvas.Snap;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/**
 * The palette on the left: one entry per {@link Blueprint}, grouped Docker / Kubernetes / other.
 * An entry is dragged onto the canvas with plain mouse events (press, drag, release) rather
 * than the platform's drag and drop, so the gesture behaves the same headless and on a desktop;
 * a ghost label follows the pointer on the {@code ghostLayer}. Double-click adds at the centre.
 */
public final class Palette extends VBox {

    private final AppState state;
    private final CanvasView canvas;
    private final Pane ghostLayer;

    public Palette(AppState state, CanvasView canvas, Pane ghostLayer) {
        this.state = state;
        this.canvas = canvas;
        this.ghostLayer = ghostLayer;
        getStyleClass().add("palette");
        section("Docker", List.of(Blueprint.HOST, Blueprint.DOCKER0, Blueprint.USER_BRIDGE, Blueprint.CONTAINER, Blueprint.OVERLAY));
        section("Kubernetes", List.of(Blueprint.K8S_NODE, Blueprint.CNI_BRIDGE, Blueprint.POD, Blueprint.SERVICE));
        section("Network", List.of(Blueprint.UNDERLAY, Blueprint.EXTERNAL));
    }

    private void section(String title, List<Blueprint> items) {
        Label head = new Label(title);
        head.getStyleClass().add("palette-section");
        getChildren().add(head);
        for (Blueprint b : items) getChildren().add(entry(b));
    }

    private Label entry(Blueprint b) {
        Label l = new Label(b.title(), new FontIcon(icon(b)));
        l.setId("palette-" + b.name().toLowerCase().replace('_', '-'));
        l.getStyleClass().addAll("palette-entry", "kind-" + b.kind().label());
        l.setMaxWidth(Double.MAX_VALUE);
        l.setTooltip(new Tooltip("Drag onto the canvas" + (b.needsHost() ? ", into a host" : "")));
        Label ghost = new Label(b.title(), new FontIcon(icon(b)));
        ghost.getStyleClass().addAll("palette-ghost", "kind-" + b.kind().label());
        ghost.setMouseTransparent(true);
        l.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            if (!ghostLayer.getChildren().contains(ghost)) ghostLayer.getChildren().add(ghost);
            moveGhost(ghost, e);
        });
        l.setOnMouseDragged(e -> moveGhost(ghost, e));
        l.setOnMouseReleased(e -> {
            ghostLayer.getChildren().remove(ghost);
            if (e.getButton() != MouseButton.PRIMARY) return;
            Point2D inCanvas = canvas.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (!canvas.getLayoutBounds().contains(inCanvas)) return;
            Point2D p = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            drop(b, p);
        });
        l.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) drop(b, canvas.visibleCentre());
        });
        return l;
    }

    private void drop(Blueprint b, Point2D p) {
        if (state.apply(Creation.drop(state.current(), b, Snap.round(p.getX()), Snap.round(p.getY())))) {
            String added = state.current().nodes().get(state.current().nodes().size() - 1).id();
            state.select(List.of(added));
            canvas.requestFocus();
        }
    }

    private void moveGhost(Label ghost, MouseEvent e) {
        Point2D p = ghostLayer.sceneToLocal(e.getSceneX(), e.getSceneY());
        ghost.autosize();
        ghost.relocate(p.getX() + 8, p.getY() + 8);
    }

    static String icon(Blueprint b) {
        switch (b) {
            case HOST: return "mdi2d-docker";
            case K8S_NODE: return "mdi2k-kubernetes";
            case DOCKER0: case USER_BRIDGE: case CNI_BRIDGE: return "mdi2l-lan";
            case CONTAINER: return "mdi2p-package-variant-closed";
            case POD: return "mdi2h-hexagon-multiple-outline";
            case SERVICE: return "mdi2t-transit-connection-variant";
            case OVERLAY: return "mdi2v-vector-polyline";
            case UNDERLAY: return "mdi2e-ethernet";
            default: return "mdi2e-earth";
        }
    }
}
