package dev.hopscope.ui.flags;

import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Endpoint;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.canvas.LinkView;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Draws an {@link Analysis} on the canvas: each intent's arrow green ({@code :holds}) or red
 * ({@code :unreachable}) with the disposition beside it; an intent the canvas cannot draw (its
 * target is an address) gets an {@link IntentArrow} of its own; each node concerned by an error or
 * warning finding gets a badge ({@code .finding-badge}, {@code :error} / {@code :warning}), and
 * errors mark it {@code :unreachable}. Hovering a node or an intent shows the reasons and fixes.
 * Everything it drew is cleared before the next analysis is drawn.
 */
public final class FlagPainter {
    static final PseudoClass HOLDS = PseudoClass.getPseudoClass("holds");
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private final CanvasView canvas;
    private final AppState state;
    private final Pane layer = new Pane();
    private final Set<String> flaggedNodes = new HashSet<>();
    private final Set<String> tippedNodes = new HashSet<>();
    private final Set<String> flaggedLinks = new HashSet<>();
    private final Map<LinkView, Tooltip> linkTips = new LinkedHashMap<>();
    private final Map<LinkView, javafx.event.EventHandler<javafx.scene.input.MouseEvent>> tipHandlers = new java.util.HashMap<>();
    private final List<LinkView> holding = new ArrayList<>();
    private Analysis shown;

    public FlagPainter(CanvasView canvas, AppState state, AnalysisService service) {
        this.canvas = canvas;
        this.state = state;
        layer.getStyleClass().add("flag-layer");
        layer.setId("flag-layer");
        layer.setPickOnBounds(false);
        layer.setMouseTransparent(true);
        layer.setManaged(false);
        canvas.overlayLayer().getChildren().add(0, layer);
        service.analysis().addListener((o, was, now) -> paint(now));
    }

    public Pane layer() { return layer; }

    /** The intents that do not hold and the error findings now drawn, by node or link id. */
    public Set<String> flaggedNodes() { return Set.copyOf(flaggedNodes); }

    public Set<String> flaggedLinks() { return Set.copyOf(flaggedLinks); }

    public void paint(Analysis a) {
        clear();
        shown = a;
        if (a == null) return;
        Document doc = state.current();
        Map<String, List<String>> tips = new LinkedHashMap<>();
        Map<String, Finding.Severity> worst = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();

        for (Finding f : a.findings()) {
            if (f.severity() == Finding.Severity.INFO) continue;
            for (String id : f.subjects()) {
                if (doc.node(id).isEmpty()) continue;
                tips.computeIfAbsent(id, k -> new ArrayList<>()).add(severityWord(f.severity()) + " " + f.code() + ": " + f.message()
                        + (f.fix() == null || f.fix().isBlank() ? "" : "\nFix: " + f.fix()));
                worst.merge(id, f.severity(), (x, y) -> x.compareTo(y) <= 0 ? x : y);
                counts.merge(id, 1, Integer::sum);
            }
        }

        Map<String, Endpoint> byAddress = new LinkedHashMap<>();
        for (Endpoint e : a.endpoints()) for (String addr : e.addresses()) byAddress.putIfAbsent(addr, e);
        Map<String, IntentArrow> ownArrows = new LinkedHashMap<>();
        Map<String, LinkView> intentLinks = new java.util.HashMap<>();
        for (LinkView lv : canvas.linkViews().values())
            if (lv.link().kind() == Link.Kind.INTENT && lv.link().network() != null) intentLinks.put(lv.link().network(), lv);
        for (IntentResult r : a.intents()) {
            Intent i = r.intent();
            String text = "Intent " + i.name() + ": " + i.from() + " → " + i.to() + " " + i.probe() + ", expect " + i.expect().label()
                    + "\n" + (r.ok() ? "holds: " : "VIOLATED: ") + r.disposition() + (r.reason() == null ? "" : " — " + r.reason())
                    + (r.ok() ? "" : "\nFix: " + IntentAdvice.fix(i, r.disposition()));
            LinkView lv = intentLinks.get(i.id());
            if (lv != null) {
                if (r.ok()) {
                    lv.pseudoClassStateChanged(HOLDS, true);
                    holding.add(lv);
                } else {
                    canvas.setLinkFlagged(lv.link().id(), true);
                    flaggedLinks.add(lv.link().id());
                    Point2D mid = mid(lv.link());
                    if (mid != null) verdictLabel(r, mid);
                }
                lazyTip(lv, text);
            } else {
                Optional<String> from = doc.find(i.from()).map(Node::id);
                Optional<String> to = target(doc, i.to(), byAddress);
                if (from.isPresent() && to.isPresent() && !from.get().equals(to.get())) {
                    String key = from.get() + "->" + to.get();
                    IntentArrow arrow = ownArrows.computeIfAbsent(key, k -> new IntentArrow(from.get(), to.get()));
                    arrow.add(r);
                }
            }
            if (!r.ok()) {
                doc.find(i.from()).ifPresent(n -> tips.computeIfAbsent(n.id(), k -> new ArrayList<>()).add(text));
            }
        }
        for (IntentArrow arrow : ownArrows.values()) {
            Optional<Bounds> fb = canvas.nodeBounds(arrow.from());
            Optional<Bounds> tb = canvas.nodeBounds(arrow.to());
            if (fb.isEmpty() || tb.isEmpty()) continue;
            arrow.connect(fb.get(), tb.get());
            layer.getChildren().add(arrow);
            IntentResult broken = arrow.firstBroken();
            if (broken != null) {
                flaggedLinks.add("intent:" + arrow.from() + "->" + arrow.to());
                verdictLabel(broken, arrow.middle());
            }
        }

        for (Map.Entry<String, List<String>> e : tips.entrySet()) {
            canvas.setTooltip(e.getKey(), String.join("\n\n", e.getValue()));
            tippedNodes.add(e.getKey());
        }
        for (Map.Entry<String, Finding.Severity> e : worst.entrySet()) {
            String id = e.getKey();
            if (e.getValue() == Finding.Severity.ERROR) {
                canvas.setFlagged(id, true);
                flaggedNodes.add(id);
            }
            canvas.nodeBounds(id).ifPresent(b -> badge(id, b, e.getValue(), counts.get(id)));
        }
    }

    /**
     * The intent's hover text, made on the first hover: a Tooltip per arrow up front costs more
     * than the whole repaint on a design with hundreds of intents.
     */
    private void lazyTip(LinkView lv, String text) {
        javafx.event.EventHandler<javafx.scene.input.MouseEvent> h = e -> {
            if (linkTips.containsKey(lv)) return;
            Tooltip t = dev.hopscope.ui.canvas.Tips.of(text);
            Tooltip.install(lv, t);
            linkTips.put(lv, t);
        };
        lv.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, h);
        tipHandlers.put(lv, h);
    }

    private void badge(String id, Bounds b, Finding.Severity s, int count) {
        Label badge = new Label(count > 1 ? "!" + count : "!");
        badge.getStyleClass().add("finding-badge");
        badge.setId("badge-" + id);
        badge.pseudoClassStateChanged(ERROR, s == Finding.Severity.ERROR);
        badge.pseudoClassStateChanged(WARNING, s == Finding.Severity.WARNING);
        layer.getChildren().add(badge);
        // on the node's top-right corner, whatever size the stylesheet gives it
        badge.layoutXProperty().bind(badge.widthProperty().multiply(-0.6).add(b.getMaxX()));
        badge.layoutYProperty().bind(badge.heightProperty().multiply(-0.4).add(b.getMinY()));
    }

    private void verdictLabel(IntentResult r, Point2D at) {
        Label l = new Label(r.disposition().name());
        l.getStyleClass().add("intent-verdict");
        l.pseudoClassStateChanged(ERROR, true);
        layer.getChildren().add(l);
        l.applyCss();
        l.autosize();
        l.relocate(at.getX() - l.getWidth() / 2, at.getY() - l.getHeight() - 2);
    }

    private Point2D mid(Link l) {
        Optional<Bounds> a = canvas.nodeBounds(l.source());
        Optional<Bounds> b = canvas.nodeBounds(l.target());
        if (a.isEmpty() || b.isEmpty()) return null;
        return new Point2D((a.get().getCenterX() + b.get().getCenterX()) / 2, (a.get().getCenterY() + b.get().getCenterY()) / 2);
    }

    /** The node an intent's destination names: an endpoint by id or name, or by one of its addresses. */
    static Optional<String> target(Document doc, String to, Map<String, Endpoint> byAddress) {
        if (to == null) return Optional.empty();
        String host = dev.hopscope.model.Destination.tryParse(to.strip()).map(dev.hopscope.model.Destination::host).orElse(to);
        Optional<String> named = doc.find(host).map(Node::id);
        if (named.isPresent()) return named;
        Endpoint e = byAddress.get(host);
        return e == null ? Optional.empty() : Optional.of(e.id());
    }

    private static String severityWord(Finding.Severity s) {
        return s == Finding.Severity.ERROR ? "Error" : s == Finding.Severity.WARNING ? "Warning" : "Note";
    }

    private void clear() {
        for (String id : flaggedNodes) canvas.setFlagged(id, false);
        for (String id : tippedNodes) canvas.setTooltip(id, null);
        for (String id : flaggedLinks) if (canvas.linkViews().containsKey(id)) canvas.setLinkFlagged(id, false);
        for (Map.Entry<LinkView, Tooltip> e : linkTips.entrySet()) Tooltip.uninstall(e.getKey(), e.getValue());
        for (Map.Entry<LinkView, javafx.event.EventHandler<javafx.scene.input.MouseEvent>> e : tipHandlers.entrySet())
            e.getKey().removeEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e.getValue());
        tipHandlers.clear();
        for (LinkView lv : holding) lv.pseudoClassStateChanged(HOLDS, false);
        flaggedNodes.clear();
        tippedNodes.clear();
        flaggedLinks.clear();
        linkTips.clear();
        holding.clear();
        layer.getChildren().clear();
    }

    public Analysis shown() { return shown; }
}
