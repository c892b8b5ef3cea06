package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.model.Underlay;
import dev.hopscope.ui.AppState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The canvas: one view per document node in layers (bands, hosts, bridges, links, cards, the
 * public overlay layer, tools), panned and zoomed by the {@link Viewport}. It renders whatever
 * document the {@link AppState} holds; gestures ({@link SelectGesture}, {@link ConnectGesture},
 * {@link Navigation}) turn the mouse into edits.
 *
 * <p>Seams for other panels (keep stable): {@link #nodeBounds(String)} in canvas coordinates,
 * {@link #overlayLayer()} drawn above the nodes in canvas coordinates, {@link #setFlagged},
 * {@link #setLinkFlagged}, {@link #setTooltip}, {@link #setHopActive} and {@link #onNodeClicked}.
 */
public final class CanvasView extends Region {
    private static final PseudoClass FAR = PseudoClass.getPseudoClass("far");
    /** Below this zoom the small words are hidden: they would be unreadable and cost frames. */
    private static final double FAR_ZOOM = 0.45;

    private final AppState state;
    private final Viewport viewport = new Viewport();
    private final Group world = new Group();
    private final GridLayer grid = new GridLayer();
    private final Pane bandLayer = layer("band-layer");
    private final Pane hostLayer = layer("host-layer");
    private final Pane bridgeLayer = layer("bridge-layer");
    private final Pane linkLayer = layer("link-layer");
    private final Pane cardLayer = layer("card-layer");
    private final Pane overlayLayer = layer("overlay-layer");
    private final Pane toolLayer = layer("tool-layer");
    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private final Map<String, LinkView> links = new LinkedHashMap<>();
    private final Map<String, List<LinkView>> linksByNode = new HashMap<>();
    private final Set<String> flagged = new HashSet<>();
    private final Map<String, String> tips = new HashMap<>();
    private final List<Consumer<String>> clickListeners = new ArrayList<>();
    private final ObjectProperty<Link> selectedLink = new SimpleObjectProperty<>();
    private Map<String, Box> placement = Map.of();
    private Gesture gesture;
    /** After a zoom settles, node caches are redrawn at the new scale (during it, they are stretched). */
    private final javafx.animation.PauseTransition sharpen = new javafx.animation.PauseTransition(javafx.util.Duration.millis(200));
    private final Navigation navigation;

    public CanvasView(AppState state) {
        this.state = state;
        getStyleClass().add("canvas");
        setFocusTraversable(true);
        overlayLayer.setMouseTransparent(true);
        toolLayer.setMouseTransparent(true);
        world.getTransforms().addAll(viewport.pan(), viewport.scale());
        world.getChildren().addAll(grid, bandLayer, hostLayer, bridgeLayer, linkLayer, cardLayer, overlayLayer, toolLayer);
        getChildren().add(world);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        navigation = new Navigation(this, viewport);
        viewport.zoomProperty().addListener((o, a, z) -> pseudoClassStateChanged(FAR, z.doubleValue() < FAR_ZOOM));
        viewport.pan().xProperty().addListener(o -> viewChanged());
        viewport.pan().yProperty().addListener(o -> viewChanged());
        viewport.zoomProperty().addListener(o -> viewChanged());
        viewport.zoomProperty().addListener(o -> zooming());
        sharpen.setOnFinished(e -> { for (NodeView v : views.values()) v.setCacheHint(javafx.scene.CacheHint.QUALITY); });
        widthProperty().addListener(o -> viewChanged());
        heightProperty().addListener(o -> viewChanged());

        state.document().addListener((o, was, now) -> render(now));
        state.selection().addListener((SetChangeListener<String>) c -> {
            if (c.wasRemoved()) view(c.getElementRemoved()).ifPresent(v -> v.setSelected(false));
            if (c.wasAdded()) view(c.getElementAdded()).ifPresent(v -> v.setSelected(true));
        });
        selectedLink.addListener((o, was, now) -> {
            if (was != null && links.get(was.id()) != null) links.get(was.id()).setSelected(false);
            if (now != null && links.get(now.id()) != null) links.get(now.id()).setSelected(true);
        });

        setOnMousePressed(e -> {
            requestFocus();
            gesture = navigation.press(e);
            if (gesture == null) gesture = ConnectGesture.press(this, e);
            if (gesture == null) gesture = SelectGesture.press(this, e);
        });
        setOnMouseDragged(e -> { if (gesture != null) gesture.drag(e); });
        setOnMouseReleased(e -> {
            if (gesture != null) gesture.release(e);
            gesture = null;
        });
        render(state.current());
    }

    private static Pane layer(String styleClass) {
        Pane p = new Pane();
        p.getStyleClass().add(styleClass);
        p.setPickOnBounds(false);
        return p;
    }

    AppState state() { return state; }

    public Viewport viewport() { return viewport; }

    Pane toolLayer() { return toolLayer; }

    // ---- seams ----

    /** Where a node is drawn now (a drag in progress included), in canvas coordinates. */
    public Optional<Bounds> nodeBounds(String nodeId) {
        NodeView v = views.get(nodeId);
        if (v == null) return Optional.empty();
        Box b = v.liveBox();
        return Optional.of(new BoundingBox(b.x(), b.y(), b.w(), b.h()));
    }

    /** A layer above the nodes in canvas coordinates; it pans and zooms with the canvas. Not pickable. */
    public Pane overlayLayer() { return overlayLayer; }

    /** Marks a node {@code :unreachable} (kept across re-renders until cleared). */
    public void setFlagged(String nodeId, boolean on) {
        if (on) flagged.add(nodeId); else flagged.remove(nodeId);
        view(nodeId).ifPresent(v -> v.setFlagged(on));
    }

    /** Marks a link {@code :unreachable}; ids are {@link Link#id()}. */
    public void setLinkFlagged(String linkId, boolean on) {
        if (on) flagged.add(linkId); else flagged.remove(linkId);
        LinkView l = links.get(linkId);
        if (l != null) l.setFlagged(on);
    }

    /** The hover text of a node (a finding's reason and fix); null clears it. */
    public void setTooltip(String nodeId, String text) {
        if (text == null) tips.remove(nodeId); else tips.put(nodeId, text);
        view(nodeId).ifPresent(v -> v.setTip(text));
    }

    /** Marks the node the simulated packet is at ({@code :hop-active}). */
    public void setHopActive(String nodeId, boolean on) {
        view(nodeId).ifPresent(v -> v.setHopActive(on));
    }

    /** Called with a node's id when the user clicks it (press and release without a drag). */
    public void onNodeClicked(Consumer<String> listener) { clickListeners.add(listener); }

    /** The link the user clicked last, or null. */
    public ObjectProperty<Link> selectedLink() { return selectedLink; }

    public Optional<NodeView> view(String id) { return Optional.ofNullable(views.get(id)); }

    public Collection<NodeView> views() { return views.values(); }

    public Map<String, LinkView> linkViews() { return links; }

    void fireClicked(String id) { for (Consumer<String> c : List.copyOf(clickListeners)) c.accept(id); }

    // ---- navigation ----

    public void zoomIn() { viewport.zoomAt(1.25, getWidth() / 2, getHeight() / 2); }

    public void zoomOut() { viewport.zoomAt(0.8, getWidth() / 2, getHeight() / 2); }

    public void zoomReset() { viewport.zoomAt(1 / viewport.zoom(), getWidth() / 2, getHeight() / 2); }

    /** Shows the whole drawing; an empty drawing is shown at 100 % from its origin, where new nodes go. */
    public void fit() {
        layout();
        if (views.isEmpty()) {
            home();
            return;
        }
        viewport.fit(contentBounds(), getWidth(), getHeight(), 30);
    }

    /** 100 % with the canvas origin a little inside the top-left corner. */
    public void home() {
        viewport.zoomProperty().set(1);
        viewport.pan().setX(0);
        viewport.pan().setY(0);
    }

    public Bounds contentBounds() {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        // the views' own bounds include words drawn outside a box (an external's name)
        for (NodeView v : views.values()) {
            Bounds b = v.getBoundsInParent();
            x0 = Math.min(x0, b.getMinX() - v.getTranslateX());
            y0 = Math.min(y0, b.getMinY() - v.getTranslateY());
            x1 = Math.max(x1, b.getMaxX() - v.getTranslateX());
            y1 = Math.max(y1, b.getMaxY() - v.getTranslateY());
        }
        if (x0 > x1) return new BoundingBox(0, 0, 800, 600);
        return new BoundingBox(x0, y0 - 20, x1 - x0, y1 - y0 + 40);
    }

    /** A scene point in canvas coordinates. */
    public Point2D sceneToCanvas(double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        return viewport.toCanvas(local.getX(), local.getY());
    }

    /** A canvas point on the screen (for robots and popups). */
    public Point2D canvasToScreen(double x, double y) {
        return world.localToScreen(x, y);
    }

    /** The canvas point at the centre of the visible area (where pasted or keyboard-added nodes go). */
    public Point2D visibleCentre() { return viewport.toCanvas(getWidth() / 2, getHeight() / 2); }

    /** The topmost view under a canvas point that passes the filter: cards over bridges over bands over hosts. */
    public Optional<NodeView> viewAt(Point2D p, Predicate<NodeView> filter) {
        for (Pane layer : List.of(cardLayer, bridgeLayer, bandLayer, hostLayer)) {
            var kids = layer.getChildren();
            for (int i = kids.size() - 1; i >= 0; i--) {
                if (!(kids.get(i) instanceof NodeView v) || !filter.test(v)) continue;
                Box b = v.liveBox();
                if (p.getX() >= b.x() && p.getX() <= b.x() + b.w() && p.getY() >= b.y() && p.getY() <= b.y() + b.h()) return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The current document with a layout box for each of these nodes, taken from where it is
     * drawn: a node placed by default becomes movable like any other.
     */
    Document withDrawnBoxes(Collection<String> ids) {
        Document doc = state.current();
        for (String id : ids) {
            Box b = placement.get(id);
            if (b != null && doc.box(id).isEmpty() && doc.node(id).isPresent()) doc = doc.withBox(id, b);
        }
        return doc;
    }

    // ---- rendering ----

    /** Brings the views in line with a document: creates, updates and removes views and links. */
    public void render(Document doc) {
        placement = Placement.of(doc);
        Ipam.Addressing ipam = Ipam.allocate(doc);
        Set<String> seen = new HashSet<>();
        for (Node n : doc.nodes()) {
            if (!Placement.drawn(n)) continue;
            Box b = placement.get(n.id());
            if (b == null) continue;
            seen.add(n.id());
            NodeView v = views.get(n.id());
            if (v != null && !sameKind(v, n)) {
                remove(v);
                v = null;
            }
            if (v == null) {
                v = create(n);
                views.put(n.id(), v);
                layerFor(n).getChildren().add(v);
                v.setSelected(state.selection().contains(n.id()));
                v.setFlagged(flagged.contains(n.id()));
                if (tips.containsKey(n.id())) v.setTip(tips.get(n.id()));
            }
            v.show(n, NodeText.of(doc, ipam, n));
            v.place(b);
        }
        for (NodeView v : List.copyOf(views.values())) if (!seen.contains(v.nodeId())) remove(v);
        renderLinks(doc);
        viewChanged();
    }

    private void remove(NodeView v) {
        views.remove(v.nodeId());
        ((Pane) v.getParent()).getChildren().remove(v);
    }

    private void renderLinks(Document doc) {
        Map<String, LinkView> next = new LinkedHashMap<>();
        Map<String, Integer> parallel = new HashMap<>();
        linksByNode.clear();
        for (Link l : TopologyGraph.of(doc).edgeSet()) {
            if (l.kind() == Link.Kind.CONTAINMENT) continue;
            if (!views.containsKey(l.source()) || !views.containsKey(l.target())) continue;
            LinkView lv = links.remove(l.id());
            if (lv == null) lv = new LinkView(l, linkText(doc, l));
            next.put(l.id(), lv);
            if (l.kind() == Link.Kind.INTENT) {
                String pair = l.source().compareTo(l.target()) < 0 ? l.source() + "|" + l.target() : l.target() + "|" + l.source();
                int k = parallel.merge(pair, 1, Integer::sum);
                // intents bow away from the straight veth and VXLAN lines, alternating sides
                lv.setBend((k % 2 == 1 ? 1 : -1) * 18 * ((k + 1) / 2));
            }
            linksByNode.computeIfAbsent(l.source(), k -> new ArrayList<>()).add(lv);
            linksByNode.computeIfAbsent(l.target(), k -> new ArrayList<>()).add(lv);
            lv.setFlagged(flagged.contains(l.id()));
            lv.setSelected(selectedLink.get() != null && selectedLink.get().id().equals(l.id()));
            reconnect(lv);
        }
        linkLayer.getChildren().removeAll(links.values());
        for (LinkView lv : next.values()) if (lv.getParent() == null) linkLayer.getChildren().add(lv);
        links.clear();
        links.putAll(next);
        if (selectedLink.get() != null && !links.containsKey(selectedLink.get().id())) selectedLink.set(null);
    }

    private static String linkText(Document doc, Link l) {
        if (l.kind() == Link.Kind.OVERLAY && doc.get(l.network(), dev.hopscope.model.Network.class).isPresent())
            return doc.get(l.source(), Host.class).isPresent() ? "member" : ""; // a cluster network's node, not a VTEP
        if (l.kind() == Link.Kind.OVERLAY)
            return doc.get(l.source(), Host.class).isPresent()
                    ? "VTEP · VNI" + doc.get(l.network(), Overlay.class).map(o -> " " + o.memberVni(l.source())).orElse("")
                    : "";
        if (l.kind() == Link.Kind.INTENT) return doc.node(l.network()).map(n -> ((dev.hopscope.model.Intent) n).probe().toString()).orElse("");
        return l.kind().label();
    }

    /** Re-draws the links of nodes being dragged, so links stay attached while nodes move. */
    void refreshLinks(Collection<String> nodeIds) {
        Set<LinkView> touched = new HashSet<>();
        for (String id : nodeIds) touched.addAll(linksByNode.getOrDefault(id, List.of()));
        for (LinkView lv : touched) reconnect(lv);
    }

    private void reconnect(LinkView lv) {
        NodeView a = views.get(lv.link().source());
        NodeView b = views.get(lv.link().target());
        if (a == null || b == null) return;
        lv.connect(a.liveBox(), isBar(a), b.liveBox(), isBar(b));
    }

    private static boolean isBar(NodeView v) {
        return v instanceof BridgeView || v instanceof BandView || v instanceof NetworkView;
    }

    private static boolean sameKind(NodeView v, Node n) {
        return v.model() == null || v.model().kind() == n.kind();
    }

    private static NodeView create(Node n) {
        if (n instanceof dev.hopscope.model.Network w) return new NetworkView(n.id(), NetworkView.hostScope(w));
        if (n instanceof Host) return new HostView(n.id());
        if (n instanceof Bridge) return new BridgeView(n.id());
        if (n instanceof Pod) return new CardView(n.id(), true);
        if (n instanceof Service) return new ServiceView(n.id());
        if (n instanceof External) return new ExternalView(n.id());
        if (n instanceof Underlay) return new BandView(n.id(), false);
        if (n instanceof Overlay) return new BandView(n.id(), true);
        return new CardView(n.id(), false);
    }

    private Pane layerFor(Node n) {
        if (n instanceof dev.hopscope.model.Network w) return NetworkView.hostScope(w) ? bridgeLayer : bandLayer;
        if (n instanceof Host) return hostLayer;
        if (n instanceof Bridge) return bridgeLayer;
        if (n instanceof Underlay || n instanceof Overlay) return bandLayer;
        return cardLayer;
    }

    /** The visible part of the canvas, in canvas units. */
    public Bounds visibleArea() {
        Point2D a = viewport.toCanvas(0, 0);
        Point2D b = viewport.toCanvas(getWidth(), getHeight());
        return new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /**
     * Hides what is off screen: the renderer then skips it, which keeps panning a large drawing
     * at frame rate. The grid is redrawn for the visible area only.
     */
    private void viewChanged() {
        Bounds area = visibleArea();
        double m = 80 / Math.max(0.05, viewport.zoom());
        BoundingBox wide = new BoundingBox(area.getMinX() - m, area.getMinY() - m, area.getWidth() + 2 * m, area.getHeight() + 2 * m);
        for (NodeView v : views.values()) {
            Box b = v.liveBox();
            boolean on = wide.intersects(b.x(), b.y(), b.w(), b.h());
            if (v.isVisible() != on) v.setVisible(on);
        }
        for (LinkView l : links.values()) {
            Bounds lb = l.getBoundsInParent();
            boolean on = lb.isEmpty() || wide.intersects(lb);
            if (l.isVisible() != on) l.setVisible(on);
        }
        grid.draw(area, viewport.zoom());
    }

    /** While the zoom changes, caches are scaled rather than redrawn; they sharpen when it stops. */
    private void zooming() {
        if (sharpen.getStatus() != javafx.animation.Animation.Status.RUNNING)
            for (NodeView v : views.values()) v.setCacheHint(javafx.scene.CacheHint.SPEED);
        sharpen.playFromStart();
    }

    @Override protected void layoutChildren() {
        // the world group is positioned by the viewport's transforms only
    }
}
