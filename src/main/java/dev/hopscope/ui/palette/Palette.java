package dev.hopscope.ui.palette;

import dev.hopscope.model.edit.Blueprint;
import dev.hopscope.model.edit.Creation;
import dev.hopscope.model.edit.KubeObjects;
import dev.hopscope.model.edit.NetworkEdits;
import dev.hopscope.model.edit.Outcome;
import dev.hopscope.model.kinds.NetworkKind;
import dev.hopscope.model.kinds.NetworkKinds;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.LaterChrome;
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
import java.util.function.Function;

/**
 * The palette on the left: one entry per {@link Blueprint}, grouped Docker / Kubernetes / other,
 * then one per registered network kind.
 * An entry is dragged onto the canvas with plain mouse events (press, drag, release) rather
 * than the platform's drag and drop, so the gesture behaves the same headless and on a desktop;
 * a ghost label follows the pointer on the {@code ghostLayer}. Double-click adds at the centre.
 */
public final class Palette extends VBox {

    private final AppState state;
    private final CanvasView canvas;
    private final Pane ghostLayer;
    private final LaterChrome later;

    /**
     * The palette; its entries' icons and tooltips come through {@code later}, once the window is
     * complete (the first frame has a box of the icon's size where the icon will be).
     */
    public Palette(AppState state, CanvasView canvas, Pane ghostLayer, LaterChrome later) {
        this.state = state;
        this.canvas = canvas;
        this.ghostLayer = ghostLayer;
        this.later = later;
        getStyleClass().add("palette");
        section("Docker", List.of(Blueprint.HOST, Blueprint.DOCKER0, Blueprint.USER_BRIDGE, Blueprint.CONTAINER, Blueprint.OVERLAY));
        section("Kubernetes", List.of(Blueprint.K8S_NODE, Blueprint.CNI_BRIDGE, Blueprint.POD, Blueprint.SERVICE));
        kubernetesObjects();
        section("Network", List.of(Blueprint.UNDERLAY, Blueprint.EXTERNAL));
        networkKinds();
    }

    /**
     * One entry per registered network kind ({@link NetworkKinds#all()}), so a kind that is
     * registered later appears here by itself: its title, its summary as the tooltip, and a drop
     * that makes a network of that kind in the host under the pointer (host scope) or on the
     * canvas (cluster scope).
     */
    private void networkKinds() {
        if (NetworkKinds.all().isEmpty()) return;
        Label head = new Label("Network kinds");
        head.getStyleClass().add("palette-section");
        getChildren().add(head);
        for (NetworkKind k : NetworkKinds.all()) {
            boolean inHost = k.scope() == NetworkKind.Scope.HOST;
            String icon = inHost ? "mdi2l-lan-connect" : "mdi2h-hub-outline";
            String tip = k.summary() + (inHost ? ".\nDrag it into a host; then connect containers to it." : ".\nDrag it onto the canvas; then connect "
                    + (k.joiners().contains(dev.hopscope.model.NodeKind.POD) ? "pods" : "containers") + " to it.");
            getChildren().add(entry("palette-network-" + k.driver(), title(k), icon, List.of("kind-network", inHost ? "scope-host" : "scope-cluster"),
                    tip, p -> NetworkEdits.drop(state.current(), k, p.getX(), p.getY())));
        }
    }

    /**
     * Namespace and Ingress: Kubernetes objects the canvas does not draw. Dropped anywhere on the
     * canvas (or double-clicked) they are added and selected, so the inspector shows their form;
     * the Objects tab lists them with the NetworkPolicies.
     */
    private void kubernetesObjects() {
        getChildren().add(entry("palette-namespace", "Namespace", "mdi2f-folder-outline", List.of("kind-namespace"),
                "A namespace with labels, for NetworkPolicies' namespaceSelector.\nNot drawn: it is listed in the Objects tab.",
                p -> KubeObjects.addNamespace(state.current())));
        getChildren().add(entry("palette-ingress", "Ingress", "mdi2r-routes", List.of("kind-ingress"),
                "HTTP rules served by an Ingress controller pod (ingress-nginx's labels by default): host and path choose the Service.\n"
                        + "Not drawn: it is listed in the Objects tab.",
                p -> KubeObjects.addIngress(state.current())));
    }

    /** "macvlan network", "Calico network": a palette word says it is a network. */
    private static String title(NetworkKind k) {
        String t = k.title();
        return t.toLowerCase(java.util.Locale.ROOT).endsWith("network") ? t : t + " network";
    }

    private void section(String title, List<Blueprint> items) {
        Label head = new Label(title);
        head.getStyleClass().add("palette-section");
        getChildren().add(head);
        for (Blueprint b : items) getChildren().add(entry(b));
    }

    private Label entry(Blueprint b) {
        return entry("palette-" + b.name().toLowerCase().replace('_', '-'), b.title(), icon(b), List.of("kind-" + b.kind().label()),
                "Drag onto the canvas" + (b.needsHost() ? ", into a host" : ""),
                p -> {
                    Outcome created = Creation.drop(state.current(), b, p.getX(), p.getY());
                    return created.isRefused() ? created
                            : NetworkEdits.attachIfOnBar(created, newest(created.document()), p.getX(), p.getY());
                });
    }

    private Label entry(String id, String title, String icon, List<String> classes, String tip, Function<Point2D, Outcome> drop) {
        Label l = new Label(title, later.icon(icon, "palette-icon"));
        l.setId(id);
        l.getStyleClass().add("palette-entry");
        l.getStyleClass().addAll(classes);
        l.setMaxWidth(Double.MAX_VALUE);
        later.tooltip(l, () -> {
            Tooltip tooltip = new Tooltip(tip);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            return tooltip;
        });
        // the label that follows the pointer in a drag, made on the first press (not before the first frame)
        Label[] ghost = new Label[1];
        l.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            if (ghost[0] == null) ghost[0] = ghost(title, icon, classes);
            if (!ghostLayer.getChildren().contains(ghost[0])) ghostLayer.getChildren().add(ghost[0]);
            moveGhost(ghost[0], e);
        });
        l.setOnMouseDragged(e -> {
            if (ghost[0] != null) moveGhost(ghost[0], e);
        });
        l.setOnMouseReleased(e -> {
            if (ghost[0] != null) ghostLayer.getChildren().remove(ghost[0]);
            if (e.getButton() != MouseButton.PRIMARY) return;
            Point2D inCanvas = canvas.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (!canvas.getLayoutBounds().contains(inCanvas)) return;
            Point2D p = canvas.sceneToCanvas(e.getSceneX(), e.getSceneY());
            drop(drop, p);
        });
        l.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) drop(drop, canvas.visibleCentre());
        });
        return l;
    }

    private static Label ghost(String title, String icon, List<String> classes) {
        Label ghost = new Label(title, new FontIcon(icon));
        ghost.getStyleClass().add("palette-ghost");
        ghost.getStyleClass().addAll(classes);
        ghost.setMouseTransparent(true);
        return ghost;
    }

    private void drop(Function<Point2D, Outcome> drop, Point2D p) {
        if (state.apply(drop.apply(new Point2D(Snap.round(p.getX()), Snap.round(p.getY()))))) {
            String added = state.current().nodes().get(state.current().nodes().size() - 1).id();
            state.select(List.of(added));
            canvas.requestFocus();
        }
    }

    private static String newest(dev.hopscope.model.Document d) {
        return d.nodes().isEmpty() ? "" : d.nodes().get(d.nodes().size() - 1).id();
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
