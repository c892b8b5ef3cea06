package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Link;
import dev.hopscope.model.layout.FacingSides;
import dev.hopscope.model.scene.LinkSpec;
import dev.hopscope.model.scene.NodeSpec;
import dev.hopscope.model.scene.Point;
import dev.hopscope.model.scene.Scene;
import dev.hopscope.model.scene.Shape;
import dev.hopscope.model.scene.VerdictPlaces;
import dev.hopscope.ui.AppState;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

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
 * The canvas: one view per drawn node in layers (bands, hosts, bridges, links, cards, the public
 * overlay layer, tools), panned and zoomed by the {@link Viewport}. It shows the {@link Scene} of
 * the document the {@link AppState} holds: every edit asks the {@link SceneService} for a new
 * scene off the JavaFX thread, and the scene is applied by difference, so an edit touches only
 * the views whose spec changed. Gestures ({@link SelectGesture}, {@link ConnectGesture},
 * {@link Navigation}) turn the mouse into edits.
 *
 * <p>For speed, only the views near the screen are visible (a pan that stays within a screen's
 * margin changes nothing but the viewport's transform), node views cache their pixels, and far
 * zoom shows the {@link FarLayer} instead of the views: plain shapes cached as one picture.
 *
 * <p>Seams for other panels (keep stable): {@link #nodeBounds(String)} in canvas coordinates,
 * {@link #overlayLayer()} drawn above the nodes in canvas coordinates, {@link #setFlagged},
 * {@link #setLinkFlagged}, {@link #setTooltip}, {@link #setBadge}, {@link #setVerdict},
 * {@link #setLinkHolds}, {@link #setHopActive}, {@link #onNodeClicked} and
 * {@link #onSceneApplied} (the views have moved: put marks back on them).
 */
public final class CanvasView extends Region {
    private static final PseudoClass FAR = PseudoClass.getPseudoClass("far");
    private static final PseudoClass HOLDS = PseudoClass.getPseudoClass("holds");
    /** Below this zoom the small words (subtitles, lines, link labels) are hidden: unreadable, and they cost frames. */
    public static final double WORDS_ZOOM = 0.45;
    /** Below this zoom a large drawing is shown as plain shapes, without words (at 60 % a name is 7 px high, and full cards cost the renderer 30 ms a frame). */
    public static final double FAR_ZOOM = 0.65;
    /**
     * Screen pixels of drawing kept in the scene beyond each side of the screen. Every view in the
     * scene costs both threads on every frame, seen or not (JavaFX walks the whole tree for bounds
     * and for rendering), so the ring is narrow: a pan re-culls a strip every 20 frames or so
     * rather than a screen's worth at once (it was one screen each side: nine screens of views;
     * then 256 pixels, which on an 880 x 515 canvas at 100 % still held three times what shows).
     */
    public static final double CULL_MARGIN = 160;
    /**
     * Screen pixels a pan moves before the views near the screen are counted again: a pan brings
     * in a strip this wide every few frames, rather than the whole margin's worth at once (each
     * view joining pays its CSS and layout; at 100 % a margin's strip of the 2,000-node drawing
     * cost one frame in four of 20 ms or more).
     */
    public static final double CULL_STEP = 64;
    /**
     * Views that left the ring around the screen a large drawing keeps, for a pan that turns back:
     * about what a pan at 80 % sweeps in a second there and back on the 2,000-node drawing.
     */
    public static final int IDLE_KEPT = 1000;
    /**
     * Views of the ring around the screen that join the scene in one frame while a large drawing
     * pans, besides those the next steps of the pan can reach (see {@link #joinStep}). A view
     * joining costs about a millisecond of CSS and layout and as much again of the renderer's
     * time for its first cached pixels. The probe's pan at 100 % brings about three views a frame
     * and its sweep at 80 % about five; with six a frame, frames at 80 % came late in turn.
     */
    public static final int JOINS_PER_FRAME = 3;
    /** A drawing with more nodes than this counts as large. */
    public static final int FAR_NODES = 300;

    private final AppState state;
    private final Viewport viewport = new Viewport();
    private final Group world = new Group();
    private final GridLayer grid = new GridLayer();
    private final FarLayer far = new FarLayer();
    /** Once a frame while a large drawing pans: a pan counts as stopped after a few still frames (see {@link #panned}). */
    private final javafx.animation.AnimationTimer panStops = new javafx.animation.AnimationTimer() {
        @Override public void handle(long now) { panFrame(); }
    };
    private boolean panStepped;
    private int stillFrames;
    private boolean panning;
    private long lastPan;
    private double seenPanX, seenPanY, seenZoom = 1, seenW, seenH;
    private final Pane bandLayer = layer("band-layer");
    private final Pane hostLayer = layer("host-layer");
    private final Pane bridgeLayer = layer("bridge-layer");
    private final Pane linkLayer = layer("link-layer");
    private final Pane cardLayer = layer("card-layer");
    private final Pane overlayLayer = layer("overlay-layer");
    private final Pane toolLayer = layer("tool-layer");
    /** The layers of views: hidden together behind the far picture, :far together when small words hide. */
    private final List<Pane> viewLayers = List.of(bandLayer, hostLayer, bridgeLayer, linkLayer, cardLayer);
    /**
     * The views made so far. A large drawing's views are made when they come near the screen and
     * forgotten some time after they leave (see {@link #forgetIdle}): made all at once, the 5,656 views of the
     * 2,000-node drawing were most of the heap, and the first collection after opening copied
     * them all (a pause of 100-330 ms in the pan that followed). A small drawing's views are all
     * made with its scene.
     */
    private final Map<String, NodeView> views = new LinkedHashMap<>();
    private final Map<String, LinkView> links = new LinkedHashMap<>();
    private final Map<String, List<String>> linksByNode = new HashMap<>();
    // what the views show beyond their spec, kept here so a view made later shows it too
    private final Set<String> flagged = new HashSet<>();
    private final Set<String> hopActive = new HashSet<>();
    private final Map<String, String> tips = new HashMap<>();
    private final Map<String, String> linkTips = new HashMap<>();
    private final Map<String, Point> verdictPlaces = new HashMap<>();
    private final Map<String, Object[]> badges = new HashMap<>();
    private final Set<String> holds = new HashSet<>();
    private final Map<String, String> verdicts = new HashMap<>();
    private final List<Consumer<String>> clickListeners = new ArrayList<>();
    private final List<Runnable> sceneListeners = new ArrayList<>();
    private final ObjectProperty<Link> selectedLink = new SimpleObjectProperty<>();
    private final SimpleBooleanProperty sceneCurrent = new SimpleBooleanProperty(this, "sceneCurrent");
    private final SceneService scenes = new SceneService(this::apply);
    private final Culling<NodeSpec> nodeIndex = new Culling<>();
    private final Culling<LinkSpec> linkIndex = new Culling<>();
    private final Set<javafx.scene.Node> shown = new HashSet<>();
    /** Views made but not in the scene (they left the ring around the screen, or were never near it), the longest idle first (see {@link #forgetIdle}). */
    private final Set<javafx.scene.Node> idle = new java.util.LinkedHashSet<>();
    private int idleKept = IDLE_KEPT;
    /** Nodes and links of the ring around the screen not in the scene yet, nearest the screen first (see {@link #joinStep}). */
    private final java.util.ArrayDeque<Waiting> waiting = new java.util.ArrayDeque<>();

    private record Waiting(String id, boolean link, double distance) {}
    /** The part of the canvas whose views are visible; a pan inside it changes no view. */
    private Bounds cullWindow;
    /** The visible area when the views near it were last counted (see {@link #CULL_STEP}). */
    private Bounds culledArea;
    private double cullZoom;
    private boolean farShown;
    private boolean farStale = true;
    private boolean showsWords = true;
    /** The document to fit once its scene is applied (a later document cancels it). */
    private Document fitFor;
    private Scene scene = Scene.empty();
    private boolean verdictsPending;
    private Document sceneDocument;
    private Gesture gesture;
    /** After a zoom settles, node caches are redrawn at the new scale (during it, they are stretched). */
    private final PauseTransition sharpen = new PauseTransition(Duration.millis(200));
    private final ZoomPicture zoomPicture = new ZoomPicture(viewport);
    private final Navigation navigation;

    public CanvasView(AppState state) {
        this.state = state;
        getStyleClass().add("canvas");
        setFocusTraversable(true);
        overlayLayer.setMouseTransparent(true);
        toolLayer.setMouseTransparent(true);
        far.setVisible(false);
        world.getTransforms().addAll(viewport.pan(), viewport.scale());
        world.getChildren().addAll(grid, far, bandLayer, hostLayer, bridgeLayer, linkLayer, cardLayer, overlayLayer, toolLayer);
        getChildren().addAll(world, zoomPicture);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        navigation = new Navigation(this, viewport);
        viewport.pan().xProperty().addListener(o -> viewChanged());
        viewport.pan().yProperty().addListener(o -> viewChanged());
        viewport.zoomProperty().addListener(o -> viewChanged());
        viewport.zoomProperty().addListener(o -> zooming());
        sharpen.setOnFinished(e -> {
            dropZoomPicture();
            cacheHints(CacheHint.QUALITY);
        });
        widthProperty().addListener(o -> viewChanged());
        heightProperty().addListener(o -> viewChanged());

        state.document().addListener((o, was, now) -> {
            sceneCurrent.set(false);
            scenes.request(now);
        });
        state.selection().addListener((SetChangeListener<String>) c -> {
            changed();
            if (c.wasRemoved()) made(c.getElementRemoved()).ifPresent(v -> v.setSelected(false));
            if (c.wasAdded()) made(c.getElementAdded()).ifPresent(v -> v.setSelected(true));
        });
        selectedLink.addListener((o, was, now) -> {
            changed();
            if (was != null && links.get(was.id()) != null) links.get(was.id()).setSelected(false);
            if (now != null && links.get(now.id()) != null) links.get(now.id()).setSelected(true);
        });

        setOnMousePressed(e -> {
            changed();
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
        scenes.request(state.current());
    }

    private static Pane layer(String styleClass) {
        Pane p = new Pane();
        p.getStyleClass().addAll("canvas-layer", styleClass);
        p.setPickOnBounds(false);
        return p;
    }

    AppState state() { return state; }

    public Viewport viewport() { return viewport; }

    Pane toolLayer() { return toolLayer; }

    // ---- seams ----

    /** Where a node is drawn now (a drag in progress included), in canvas coordinates. */
    public Optional<Bounds> nodeBounds(String nodeId) {
        NodeSpec s = scene.nodes().get(nodeId);
        if (s == null) return Optional.empty();
        Box b = drawnBox(s);
        return Optional.of(new BoundingBox(b.x(), b.y(), b.w(), b.h()));
    }

    /** Where a node is drawn now: its view's box while a drag moves it, else its spec's. */
    Box drawnBox(NodeSpec s) {
        NodeView v = views.get(s.id());
        return v == null ? s.box() : v.liveBox();
    }

    /** A layer above the nodes in canvas coordinates; it pans and zooms with the canvas. Not pickable. */
    public Pane overlayLayer() { return overlayLayer; }

    /** Marks a node {@code :unreachable} (kept across scenes until cleared). */
    public void setFlagged(String nodeId, boolean on) {
        changed();
        if (on) flagged.add(nodeId); else flagged.remove(nodeId);
        made(nodeId).ifPresent(v -> v.setFlagged(on));
        farStale = true;
    }

    /** Marks a link {@code :unreachable}; ids are {@link Link#id()}. */
    public void setLinkFlagged(String linkId, boolean on) {
        changed();
        if (on) flagged.add(linkId); else flagged.remove(linkId);
        LinkView l = links.get(linkId);
        if (l != null) l.setFlagged(on);
        farStale = true;
    }

    /** Marks an intent's link {@code :holds} (its expectation is met). */
    public void setLinkHolds(String linkId, boolean on) {
        changed();
        if (on) holds.add(linkId); else holds.remove(linkId);
        LinkView l = links.get(linkId);
        if (l != null) l.pseudoClassStateChanged(HOLDS, on);
    }

    /** The disposition shown on a violated intent's link; null removes it. */
    public void setVerdict(String linkId, String text) {
        changed();
        if (text == null) verdicts.remove(linkId); else verdicts.put(linkId, text);
        LinkView l = links.get(linkId);
        if (l != null) l.setVerdict(text);
        placeVerdictsLater();
    }

    /**
     * The pills are placed together, once per batch of verdicts (the flags set them one by one):
     * each beside its own line, on no node, label or other pill (issue 12, point 7).
     */
    private void placeVerdictsLater() {
        if (verdictsPending || verdicts.isEmpty()) return;
        verdictsPending = true;
        Platform.runLater(() -> {
            verdictsPending = false;
            if (verdicts.isEmpty()) return;
            verdictPlaces.clear();
            verdictPlaces.putAll(VerdictPlaces.of(scene, verdicts));
            verdictPlaces.forEach((id, at) -> {
                LinkView l = links.get(id);
                if (l != null) l.placeVerdict(at);
            });
        });
    }

    /** A finding's badge on a node ({@code "error"} or {@code "warning"}, how many); null severity removes it. */
    public void setBadge(String nodeId, String severity, int count) {
        changed();
        if (severity == null) badges.remove(nodeId); else badges.put(nodeId, new Object[] {severity, count});
        made(nodeId).ifPresent(v -> v.setBadge(severity, count));
    }

    /** The hover text of a node (a finding's reason and fix); null clears it. */
    public void setTooltip(String nodeId, String text) {
        if (text == null) tips.remove(nodeId); else tips.put(nodeId, text);
        made(nodeId).ifPresent(v -> v.setTip(text));
    }

    /** The hover text of a link (an expected flow's verdict, reason and fix); null clears it. */
    public void setLinkTooltip(String linkId, String text) {
        if (text == null) linkTips.remove(linkId); else linkTips.put(linkId, text);
        LinkView l = links.get(linkId);
        if (l != null) l.setTip(text);
    }

    /** Marks the node the simulated packet is at ({@code :hop-active}). */
    public void setHopActive(String nodeId, boolean on) {
        changed();
        if (on) hopActive.add(nodeId); else hopActive.remove(nodeId);
        made(nodeId).ifPresent(v -> v.setHopActive(on));
    }

    /** Called with a node's id when the user clicks it (press and release without a drag). */
    public void onNodeClicked(Consumer<String> listener) { clickListeners.add(listener); }

    /** Called on the JavaFX thread each time a new scene has been applied to the views. */
    public void onSceneApplied(Runnable listener) { sceneListeners.add(listener); }

    /** True once the views show the scene of the current document (false from an edit until its scene is applied). */
    public ReadOnlyBooleanProperty sceneCurrent() { return sceneCurrent; }

    /** The scene the views show. */
    public Scene scene() { return scene; }

    /** The link the user clicked last, or null. */
    public ObjectProperty<Link> selectedLink() { return selectedLink; }

    /** A node's view, made now if it was not yet; empty when the scene has no such node. */
    public Optional<NodeView> view(String id) {
        NodeView v = views.get(id);
        if (v == null && scene.nodes().containsKey(id)) v = make(scene.nodes().get(id));
        return Optional.ofNullable(v);
    }

    /** A link's view, made now if it was not yet; empty when the scene has no such link. */
    public Optional<LinkView> linkView(String id) {
        LinkView l = links.get(id);
        if (l == null && scene.links().containsKey(id)) l = make(scene.links().get(id));
        return Optional.ofNullable(l);
    }

    /** The node views made so far: every one of a small drawing, those that have come near the screen of a large one. */
    public Collection<NodeView> views() { return java.util.Collections.unmodifiableCollection(views.values()); }

    /** The link views made so far, by link id (see {@link #views()}). */
    public Map<String, LinkView> linkViews() { return java.util.Collections.unmodifiableMap(links); }

    private Optional<NodeView> made(String id) { return Optional.ofNullable(views.get(id)); }

    /** True while zoomed out far enough that the plain-shape layer stands in for the views. */
    public boolean isFar() { return farShown; }

    void fireClicked(String id) { for (Consumer<String> c : List.copyOf(clickListeners)) c.accept(id); }

    // ---- navigation ----

    public void zoomIn() { viewport.zoomAt(1.25, getWidth() / 2, getHeight() / 2); }

    public void zoomOut() { viewport.zoomAt(0.8, getWidth() / 2, getHeight() / 2); }

    public void zoomReset() { viewport.zoomAt(1 / viewport.zoom(), getWidth() / 2, getHeight() / 2); }

    /** Shows the whole drawing; an empty drawing is shown at 100 % from its origin, where new nodes go. */
    public void fit() {
        layout();
        if (scene.nodes().isEmpty()) {
            home();
            return;
        }
        viewport.fit(contentBounds(), getWidth(), getHeight(), 30);
    }

    /** Fits the drawing once the views show the current document (its scene is computed off the JavaFX thread). */
    public void fitWhenDrawn() {
        if (sceneCurrent.get()) {
            javafx.application.Platform.runLater(this::fit);
            return;
        }
        fitFor = state.current();
    }

    /** 100 % with the canvas origin in the top-left corner. */
    public void home() {
        viewport.panTo(0, 0);
        viewport.zoomProperty().set(1);
    }

    /** The drawing's extent in canvas units, with the words an external writes beside its globe. */
    public Bounds contentBounds() {
        double[] e = scene.extent();
        if (e == null) return new BoundingBox(0, 0, 800, 600);
        double right = e[2];
        for (NodeSpec n : scene.nodes().values())
            if (n.shape() == Shape.EXTERNAL) {
                int chars = Math.max(n.text().title().length(), n.text().subtitle().length());
                right = Math.max(right, n.box().x() + n.box().w() + 8 + chars * 7.0);
            }
        return new BoundingBox(e[0], e[1] - 20, right - e[0], e[3] - e[1] + 40);
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
        List<NodeSpec> all = new ArrayList<>(scene.nodes().values());
        for (Shape[] rank : new Shape[][] {{Shape.CONTAINER, Shape.POD, Shape.SERVICE, Shape.EXTERNAL}, {Shape.BRIDGE, Shape.NETWORK_BAR},
                {Shape.UNDERLAY, Shape.OVERLAY, Shape.NETWORK_BAND}, {Shape.HOST}}) {
            for (int i = all.size() - 1; i >= 0; i--) {
                NodeSpec s = all.get(i);
                if (!java.util.Arrays.asList(rank).contains(s.shape())) continue;
                Box b = drawnBox(s);
                if (p.getX() < b.x() || p.getX() > b.x() + b.w() || p.getY() < b.y() || p.getY() > b.y() + b.h()) continue;
                NodeView v = view(s.id()).orElseThrow();
                if (filter.test(v)) return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The current document with a layout box for each of these nodes, taken from where it is
     * drawn: a node placed by the scene (it had no box) becomes movable like any other.
     */
    Document withDrawnBoxes(Collection<String> ids) {
        Document doc = state.current();
        for (String id : ids) {
            NodeSpec s = scene.nodes().get(id);
            if (s != null && doc.box(id).isEmpty() && doc.node(id).isPresent()) doc = doc.withBox(id, s.box());
        }
        return doc;
    }

    // ---- applying scenes ----

    private void apply(Document doc, Scene next) {
        changed();
        sceneDocument = doc;
        if (next != null) {
            applyNodes(next);
            applyLinks(next);
            scene = next;
            reindex();
            placeVerdictsLater();
            farStale = true;
            if (farShown && scene.nodes().size() <= FAR_NODES) cullWindow = null;
        }
        cullWindow = null;
        viewChanged();
        sceneCurrent.set(sceneDocument == state.current());
        if (fitFor != null && fitFor != state.current()) fitFor = null;
        if (fitFor != null && sceneDocument == fitFor) {
            fitFor = null;
            fit();
        }
        for (Runnable r : List.copyOf(sceneListeners)) r.run();
    }

    private void applyNodes(Scene next) {
        boolean small = next.nodes().size() <= FAR_NODES;
        for (NodeSpec s : next.nodes().values()) {
            NodeView v = views.get(s.id());
            if (v != null && v.spec().shape() != s.shape()) {
                remove(v);
                v = null;
            }
            if (v != null) v.show(s);
            else if (small) make(s);
        }
        for (NodeView v : List.copyOf(views.values())) if (!next.nodes().containsKey(v.nodeId())) remove(v);
    }

    /** Makes a node's view, showing what the canvas keeps for it (selection, flags, hover text, badge). */
    private NodeView make(NodeSpec s) {
        NodeView v = create(s);
        views.put(s.id(), v);
        // idle until attached: a view made on demand (under the pointer, for a trace) is forgotten in its turn
        idle.add(v);
        v.setSelected(state.selection().contains(s.id()));
        v.setFlagged(flagged.contains(s.id()));
        v.setHopActive(hopActive.contains(s.id()));
        if (tips.containsKey(s.id())) v.setTip(tips.get(s.id()));
        Object[] badge = badges.get(s.id());
        if (badge != null) v.setBadge((String) badge[0], (Integer) badge[1]);
        v.show(s);
        return v;
    }

    private void remove(NodeView v) {
        views.remove(v.nodeId());
        shown.remove(v);
        idle.remove(v);
        detach(v);
    }

    private void applyLinks(Scene next) {
        linksByNode.clear();
        boolean small = next.nodes().size() <= FAR_NODES;
        for (LinkSpec s : next.links().values()) {
            LinkView lv = links.get(s.id());
            if (lv != null) lv.show(s);
            else if (small) make(s);
            linksByNode.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s.id());
            linksByNode.computeIfAbsent(s.target(), k -> new ArrayList<>()).add(s.id());
        }
        for (String id : List.copyOf(links.keySet())) {
            if (next.links().containsKey(id)) continue;
            LinkView gone = links.remove(id);
            shown.remove(gone);
            idle.remove(gone);
            detach(gone);
        }
        if (selectedLink.get() != null && !next.links().containsKey(selectedLink.get().id())) selectedLink.set(null);
    }

    /** Makes a link's view, showing what the canvas keeps for it (selection, flags, verdict, hover text). */
    private LinkView make(LinkSpec s) {
        LinkView lv = new LinkView(s);
        links.put(s.id(), lv);
        idle.add(lv);
        lv.setFlagged(flagged.contains(s.id()));
        lv.pseudoClassStateChanged(HOLDS, holds.contains(s.id()));
        if (verdicts.containsKey(s.id())) {
            lv.setVerdict(verdicts.get(s.id()));
            if (verdictPlaces.containsKey(s.id())) lv.placeVerdict(verdictPlaces.get(s.id()));
        }
        if (linkTips.containsKey(s.id())) lv.setTip(linkTips.get(s.id()));
        lv.setSelected(selectedLink.get() != null && selectedLink.get().id().equals(s.id()));
        return lv;
    }

    /** Files every node and link of the scene under the buckets of the culling index. */
    private void reindex() {
        nodeIndex.clear();
        linkIndex.clear();
        for (NodeSpec s : scene.nodes().values()) {
            Box b = s.box();
            // an external's words stand beside its globe
            double extra = s.shape() == Shape.EXTERNAL ? 200 : 0;
            nodeIndex.add(s, b.x(), b.y(), b.w() + extra, b.h());
        }
        for (LinkSpec l : scene.links().values()) {
            double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
            for (Point p : l.route()) {
                x0 = Math.min(x0, p.x());
                y0 = Math.min(y0, p.y());
                x1 = Math.max(x1, p.x());
                y1 = Math.max(y1, p.y());
            }
            Point at = l.labelAt();
            if (at != null) {
                x1 = Math.max(x1, at.x() + 160);
                y1 = Math.max(y1, at.y() + 20);
            }
            linkIndex.add(l, x0 - 10, y0 - 10, x1 - x0 + 20, y1 - y0 + 20);
        }
    }

    /** Puts every view back on its spec after a gesture that changed nothing (a refused move). */
    void restore() {
        for (NodeView v : views.values()) v.place(v.spec().box());
        for (LinkView l : links.values()) l.redraw();
    }

    /** Re-draws the links of nodes being dragged, so links stay attached while nodes move. */
    void refreshLinks(Collection<String> nodeIds) {
        Set<String> touched = new HashSet<>();
        for (String id : nodeIds) touched.addAll(linksByNode.getOrDefault(id, List.of()));
        for (String id : touched) {
            LinkView lv = linkView(id).orElse(null);
            if (lv == null) continue;
            NodeView a = view(lv.link().source()).orElse(null);
            NodeView b = view(lv.link().target()).orElse(null);
            if (a == null || b == null) continue;
            lv.drawProvisional(provisional(a, b));
        }
    }

    /** A quick route for a drag in progress: facing sides, joined by one bend; the next scene brings the real one. */
    private static List<Point> provisional(NodeView a, NodeView b) {
        Box p = a.liveBox(), q = b.liveBox();
        double[] s = FacingSides.between(p, q);
        if (a.spec().shape().isBar() || b.spec().shape().isBar()) {
            Box bar = a.spec().shape().isBar() ? p : q, box = bar == p ? q : p;
            double x = Math.max(bar.x() + 10, Math.min(bar.x() + bar.w() - 10, box.x() + box.w() / 2));
            boolean above = box.y() + box.h() / 2 < bar.y() + bar.h() / 2;
            Point onBox = new Point(x, above ? box.y() + box.h() : box.y());
            Point onBar = new Point(x, above ? bar.y() : bar.y() + bar.h());
            return bar == p ? List.of(onBar, onBox) : List.of(onBox, onBar);
        }
        Point start = new Point(s[0], s[1]), end = new Point(s[2], s[3]);
        if (start.x() == end.x() || start.y() == end.y()) return List.of(start, end);
        boolean verticalFirst = start.y() == p.y() || start.y() == p.y() + p.h();
        return List.of(start, verticalFirst ? new Point(start.x(), end.y()) : new Point(end.x(), start.y()), end);
    }

    /** The view a node of this shape is drawn with, empty until {@link NodeView#show shown} (also for benchmarks). */
    public static NodeView create(NodeSpec s) {
        switch (s.shape()) {
            case HOST: return new HostView(s.id());
            case BRIDGE: return new BridgeView(s.id());
            case POD: return new CardView(s.id(), true);
            case SERVICE: return new ServiceView(s.id());
            case EXTERNAL: return new ExternalView(s.id());
            case UNDERLAY: return new BandView(s.id(), false);
            case OVERLAY: return new BandView(s.id(), true);
            case NETWORK_BAR: return new NetworkView(s.id(), true);
            case NETWORK_BAND: return new NetworkView(s.id(), false);
            default: return new CardView(s.id(), false);
        }
    }

    private Pane layerFor(Shape shape) {
        switch (shape) {
            case HOST: return hostLayer;
            case BRIDGE: case NETWORK_BAR: return bridgeLayer;
            case UNDERLAY: case OVERLAY: case NETWORK_BAND: return bandLayer;
            default: return cardLayer;
        }
    }

    // ---- what is visible ----

    /** The visible part of the canvas, in canvas units. */
    public Bounds visibleArea() {
        Point2D a = viewport.toCanvas(0, 0);
        Point2D b = viewport.toCanvas(getWidth(), getHeight());
        return new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /**
     * Keeps visible only what is near the screen, so the renderer skips the rest. The views near a
     * window of {@link #CULL_MARGIN} around the visible area are shown; a pan that stays inside
     * that window changes no view at all. Far zoom shows the plain-shape layer instead.
     */
    private void viewChanged() {
        double zoom = viewport.zoom();
        boolean panOnly = zoom == seenZoom && getWidth() == seenW && getHeight() == seenH;
        if (panOnly && (viewport.pan().getX() != seenPanX || viewport.pan().getY() != seenPanY)) {
            if (scene.nodes().size() > FAR_NODES) panned();
        } else if (!panOnly) {
            // a zoom keeps its picture; a resize does not
            changed(getWidth() != seenW || getHeight() != seenH);
        }
        seenZoom = zoom;
        seenW = getWidth();
        seenH = getHeight();
        seenPanX = viewport.pan().getX();
        seenPanY = viewport.pan().getY();
        boolean words = zoom >= WORDS_ZOOM;
        if (words != showsWords) {
            showsWords = words;
            // the stylesheet hides small words by a layer's state, with child selectors only: a
            // descendant selector walks every ancestor of every word when a view joins the scene
            for (Pane p : viewLayers) p.pseudoClassStateChanged(FAR, !words);
        }
        boolean wantFar = zoom < FAR_ZOOM && scene.nodes().size() > FAR_NODES;
        if (wantFar != farShown) {
            farShown = wantFar;
            far.setVisible(farShown);
            for (Pane p : viewLayers) p.setVisible(!farShown);
            cullWindow = null;
        }
        if (farShown && farStale) {
            far.show(scene, flagged);
            farStale = false;
        }
        cull();
    }

    /** Counts the views near the screen again if the view has moved far enough since the last count (see {@link #viewChanged}). */
    private void cull() {
        double zoom = viewport.zoom();
        Bounds area = visibleArea();
        if (cullWindow != null && cullZoom == zoom && contains(cullWindow, area)
                && Math.abs(area.getMinX() - culledArea.getMinX()) * zoom < CULL_STEP
                && Math.abs(area.getMinY() - culledArea.getMinY()) * zoom < CULL_STEP) return;
        culledArea = area;
        cullWindow = grown(area, CULL_MARGIN / zoom);
        cullZoom = zoom;
        grid.draw(cullWindow, zoom);
        // While a pan lasts, what the pan can reach before the next count joins at once, and the
        // rest of the ring waits to join a few views a frame (joinStep): a strip joining the
        // scene at once paid its CSS, layout and first cached pixels in one frame of 20-30 ms.
        Bounds now = panning ? grown(area, CULL_STEP / zoom) : cullWindow;
        Set<javafx.scene.Node> near = new java.util.LinkedHashSet<>();
        List<Waiting> later = new ArrayList<>();
        if (!farShown) {
            for (NodeSpec s : nodeIndex.near(cullWindow)) {
                NodeView v = views.get(s.id());
                if (v != null && shown.contains(v) || nodeIndex.meets(s, now)) near.add(view(s.id()).orElseThrow());
                else later.add(new Waiting(s.id(), false, nodeIndex.distance(s, area)));
            }
            for (LinkSpec s : linkIndex.near(cullWindow)) {
                if (rests(s)) continue;
                LinkView l = links.get(s.id());
                if (l != null && shown.contains(l) || linkIndex.meets(s, now)) near.add(linkView(s.id()).orElseThrow());
                else later.add(new Waiting(s.id(), true, linkIndex.distance(s, area)));
            }
        }
        later.sort(java.util.Comparator.comparingDouble(Waiting::distance));
        waiting.clear();
        waiting.addAll(later);
        for (javafx.scene.Node n : List.copyOf(shown)) {
            if (near.contains(n)) continue;
            detach(n);
            idle.add(n);
        }
        for (javafx.scene.Node n : near) {
            if (shown.contains(n)) continue;
            attach(n);
            idle.remove(n);
        }
        shown.clear();
        shown.addAll(near);
        forgetIdle();
    }

    /**
     * Puts a view into its layer. Only the views near the screen are in the scene graph at all:
     * JavaFX visits every node of the graph on each pulse, hidden or not, so a large drawing
     * pans at frame rate only if what is far away is not there.
     */
    private void attach(javafx.scene.Node n) {
        if (n.getParent() != null) return;
        if (n instanceof LinkView l) linkLayer.getChildren().add(l);
        else if (n instanceof NodeView v) layerFor(v.spec().shape()).getChildren().add(v);
    }

    /**
     * A large drawing forgets the views that left the ring around the screen longest ago, beyond
     * the last {@link #idleKept} of them, and makes them again if they come back: a node view's
     * cached pixels live on the heap under the software renderer, so the views a long pan had met
     * filled the heap, and each collection copied them. The last ones are kept for a pan that
     * turns back (making a view again costs its CSS and its cached pixels). A view the user works
     * with (selected, or under a gesture) is kept.
     */
    private void forgetIdle() {
        if (scene.nodes().size() <= FAR_NODES || gesture != null) return;
        for (java.util.Iterator<javafx.scene.Node> oldest = idle.iterator(); idle.size() > idleKept && oldest.hasNext(); ) {
            javafx.scene.Node n = oldest.next();
            oldest.remove();
            forget(n);
        }
    }

    /** How many views that left the screen's ring a large drawing keeps (fewer in tests). */
    public void setIdleKept(int views) {
        idleKept = views;
        forgetIdle();
    }

    private void forget(javafx.scene.Node n) {
        if (n instanceof NodeView v && !state.selection().contains(v.nodeId())) {
            views.remove(v.nodeId(), v);
        } else if (n instanceof LinkView l && (selectedLink.get() == null || !selectedLink.get().id().equals(l.spec().id()))) {
            links.remove(l.spec().id(), l);
        }
    }

    private static void detach(javafx.scene.Node n) {
        if (n != null && n.getParent() instanceof Pane p) p.getChildren().remove(n);
    }

    /** Whether a node's view is in the scene graph now (near the screen), for tests and tools. */
    public boolean isAttached(String nodeId) {
        NodeView v = views.get(nodeId);
        return v != null && v.getParent() != null;
    }

    private static Bounds grown(Bounds b, double by) {
        return new BoundingBox(b.getMinX() - by, b.getMinY() - by, b.getWidth() + 2 * by, b.getHeight() + 2 * by);
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getMinX() >= outer.getMinX() && inner.getMinY() >= outer.getMinY()
                && inner.getMaxX() <= outer.getMaxX() && inner.getMaxY() <= outer.getMaxY();
    }

    /**
     * A step of a pan of a large drawing. While it lasts, the expected flows rest (see
     * {@link #rests}). It counts as stopped after four frames without a step and at least 150 ms:
     * counted in frames too, because on a busy machine one slow frame outlasted a pause in time
     * alone and cut a steady pan into pieces, bringing every flow back in the middle of it.
     */
    private void panned() {
        lastPan = System.nanoTime();
        panStepped = true;
        if (!panning) {
            panning = true;
            // nothing in the drawing is pointed at while it slides under the pointer: JavaFX
            // otherwise picks through the views under the pointer on every frame (a wire's
            // wide pick stroke is outlined anew each time), a seventh of the JavaFX thread's time
            world.setMouseTransparent(true);
            stillFrames = 0;
            panStops.start();
            // the resting flows leave the scene at the count that follows, in this same change
            cullWindow = null;
        }
    }

    /**
     * Once a frame while a pan lasts: up to {@link #JOINS_PER_FRAME} views of the ring join the
     * scene, those nearest the screen first.
     */
    private void joinStep() {
        for (int i = 0; i < JOINS_PER_FRAME && !waiting.isEmpty(); i++) join(waiting.poll());
    }

    /** The whole ring around the screen in the scene: a pan has stopped, or anything else happened. */
    private void joinWaiting() {
        while (!waiting.isEmpty()) join(waiting.poll());
    }

    private void join(Waiting w) {
        javafx.scene.Node n = w.link() ? linkView(w.id()).orElse(null) : view(w.id()).orElse(null);
        if (n == null || !shown.add(n)) return;
        attach(n);
        idle.remove(n);
    }

    /** Once a frame while a pan lasts: has it stopped? */
    private void panFrame() {
        joinStep();
        if (panStepped) {
            panStepped = false;
            stillFrames = 0;
            return;
        }
        if (++stillFrames >= 4 && System.nanoTime() - lastPan >= 150_000_000L) changed();
    }

    /**
     * Expected flows rest while a large drawing pans: they leave the scene and come back when the
     * pan stops or anything else happens. A drawing of 2,000 nodes has as many dashed arrows, often
     * crossing the whole screen: drawn, the software renderer spent more on them than on all the
     * nodes (at 60 %, about 25 of its 41 ms a frame); kept in the scene undrawn, they were three
     * in four of the ring's links and most of the scene's nodes, which JavaFX walks on every frame,
     * and each paid its pass of CSS as the pan brought it in. A level of detail for motion, as map
     * and CAD viewers have: the network stays drawn, and a flow that is violated or selected stays too.
     */
    private boolean rests(LinkSpec s) {
        return panning && s.kind() == Link.Kind.INTENT && !flagged.contains(s.id())
                && (selectedLink.get() == null || !selectedLink.get().id().equals(s.id()));
    }

    /** Whether a large drawing is panning now (it counts as stopped a few still frames after the last step; see {@link #panned}). */
    public boolean isPanning() { return panning; }

    /** The flows resting during a pan, for tests. */
    public boolean isResting(String linkId) {
        LinkSpec s = scene.links().get(linkId);
        return s != null && rests(s);
    }

    /** The pan has stopped, or what the views show changes: every flow is drawn again. */
    private void changed() { changed(true); }

    private void changed(boolean dropZoomPicture) {
        if (dropZoomPicture) dropZoomPicture();
        joinWaiting();
        world.setMouseTransparent(false);
        if (panning) {
            panning = false;
            panStops.stop();
            // the resting flows come back
            cullWindow = null;
            cull();
        }
    }

    /** While the zoom changes, caches are scaled rather than redrawn; they sharpen when it stops. */
    private void zooming() {
        if (sharpen.getStatus() != javafx.animation.Animation.Status.RUNNING) cacheHints(CacheHint.SPEED);
        sharpen.playFromStart();
        if (zoomPicture.shown()) {
            zoomPicture.follow();
        } else if (scene.nodes().size() > FAR_NODES) {
            // at the first frame of a zoom of a large drawing (the viewport moves the pan before the zoom: the view is whole here)
            javafx.scene.layout.Background bg = getBackground();
            zoomPicture.take(world, getWidth(), getHeight(),
                    bg != null && !bg.getFills().isEmpty() && bg.getFills().get(bg.getFills().size() - 1).getFill() instanceof javafx.scene.paint.Color c
                            ? c : javafx.scene.paint.Color.TRANSPARENT);
        }
    }

    private void dropZoomPicture() { zoomPicture.drop(world); }

    /** Cached views and wires scale their bitmaps while a zoom lasts (SPEED) and draw them again at the new scale after it (QUALITY). */
    private void cacheHints(CacheHint hint) {
        for (NodeView v : views.values()) v.setCacheHint(hint);
        for (LinkView l : links.values()) l.setCacheHint(hint);
    }

    /** True while a picture of the drawing stands in for it during a zoom (for tests). */
    public boolean showsZoomPicture() { return zoomPicture.shown(); }

    /** Where the zoom picture shows a canvas point, in the canvas's own coordinates (for tests). */
    public Point2D zoomPictureAt(double x, double y) { return zoomPicture.at(x, y); }

    /** Where the drawing shows a canvas point, in the canvas's own coordinates. */
    public Point2D drawingAt(double x, double y) { return world.localToParent(x, y); }

    @Override protected void layoutChildren() {
        // the world group is positioned by the viewport's transforms only
    }
}
