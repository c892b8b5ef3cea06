package dev.hopscope.ui.flags;

import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Link;
import dev.hopscope.model.scene.LinkSpec;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.css.PseudoClass;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws an {@link Analysis} on the canvas: each intent's link green ({@code :holds}) or red
 * ({@code :unreachable}) with its disposition in a pill ({@code .intent-verdict}) where the scene
 * found room for it; each node concerned by an error or warning finding gets a badge
 * ({@code .finding-badge}, {@code :error} / {@code :warning}), and errors mark it
 * {@code :unreachable}. Hovering a node or an intent shows the reasons and fixes. The marks are
 * kept by the canvas per id, so they follow the nodes when a new scene moves them; everything
 * drawn is cleared before the next analysis is drawn.
 */
public final class FlagPainter {
    static final PseudoClass HOLDS = PseudoClass.getPseudoClass("holds");

    private final CanvasView canvas;
    private final AppState state;
    private final Pane layer = new Pane();
    private final Set<String> flaggedNodes = new HashSet<>();
    private final Set<String> tippedNodes = new HashSet<>();
    private final Set<String> badged = new HashSet<>();
    private final Set<String> flaggedLinks = new HashSet<>();
    private final Set<String> holding = new HashSet<>();
    private final Set<String> tippedLinks = new HashSet<>();
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
        // a new scene may bring the link of an intent the analysis already judged
        canvas.onSceneApplied(() -> { if (shown != null) paint(shown); });
    }

    public Pane layer() { return layer; }

    /** The nodes and links now marked: violated intents' links, error findings' nodes, by id. */
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

        // an expected flow's link names its intent as its network
        Map<String, String> intentLinks = new java.util.HashMap<>();
        for (LinkSpec l : canvas.scene().links().values())
            if (l.kind() == Link.Kind.INTENT && l.network() != null) intentLinks.put(l.network(), l.id());
        for (IntentResult r : a.intents()) {
            Intent i = r.intent();
            String text = "Intent " + i.name() + ": " + i.from() + " → " + i.to() + " " + i.probe() + ", expect " + i.expect().label()
                    + "\n" + (r.ok() ? "holds: " : "VIOLATED: ") + r.disposition() + (r.reason() == null ? "" : " — " + r.reason())
                    + (r.ok() ? "" : "\nFix: " + IntentAdvice.fix(i, r.disposition()));
            String id = intentLinks.get(i.id());
            if (id != null) {
                if (r.ok()) {
                    canvas.setLinkHolds(id, true);
                    holding.add(id);
                } else {
                    canvas.setLinkFlagged(id, true);
                    canvas.setVerdict(id, r.disposition().name());
                    flaggedLinks.add(id);
                }
                canvas.setLinkTooltip(id, text);
                tippedLinks.add(id);
            }
            if (!r.ok()) {
                doc.find(i.from()).ifPresent(n -> tips.computeIfAbsent(n.id(), k -> new ArrayList<>()).add(text));
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
            canvas.setBadge(id, e.getValue() == Finding.Severity.ERROR ? "error" : "warning", counts.get(id));
            badged.add(id);
        }
    }

    private static String severityWord(Finding.Severity s) {
        return s == Finding.Severity.ERROR ? "Error" : s == Finding.Severity.WARNING ? "Warning" : "Note";
    }

    private void clear() {
        for (String id : flaggedNodes) canvas.setFlagged(id, false);
        for (String id : tippedNodes) canvas.setTooltip(id, null);
        for (String id : badged) canvas.setBadge(id, null, 0);
        for (String id : flaggedLinks) {
            canvas.setLinkFlagged(id, false);
            canvas.setVerdict(id, null);
        }
        for (String id : holding) canvas.setLinkHolds(id, false);
        for (String id : tippedLinks) canvas.setLinkTooltip(id, null);
        tippedLinks.clear();
        flaggedNodes.clear();
        tippedNodes.clear();
        badged.clear();
        flaggedLinks.clear();
        holding.clear();
        layer.getChildren().clear();
    }

    public Analysis shown() { return shown; }
}
