package dev.hopscope.ui.compare;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.DocumentException;
import dev.hopscope.model.Destination;
import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Validator;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.Endpoint;
import dev.hopscope.net.analysis.MatrixRow;
import dev.hopscope.net.diff.DesignDiff;
import dev.hopscope.net.diff.FlowChange;
import dev.hopscope.net.diff.IntentChange;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import dev.hopscope.ui.files.Prompts;
import dev.hopscope.ui.flags.AnalysisService;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Compare tab ({@code #compare}): "Compare with saved" and "Compare with file…" take a design to
 * compare the drawing with; every time the live analysis of the drawing is ready again, the two are
 * compared ({@link DesignDiff}) on a worker thread. The list shows the flows that broke, those that
 * started working, those that fail differently, the intents whose verdict changed and the findings
 * that came or went; the canvas shows an arrow per pair of endpoints, red where a flow broke and
 * green where one started working. A click on a row selects its nodes and picks out its arrow; a
 * double click plays the flow in the simulation panel.
 */
public final class CompareView extends BorderPane {
    static final PseudoClass BROKE = PseudoClass.getPseudoClass("broke");
    static final PseudoClass FIXED = PseudoClass.getPseudoClass("fixed");

    /** What a row reports. */
    public enum Change { BROKE, FIXED, CHANGED, FINDING_ADDED, FINDING_REMOVED }

    /** One row: a flow (endpoint ids and probe) or an intent whose outcome changed, or a finding that came or went. */
    public record Item(Change change, String from, String to, Probe probe, String title, String detail, List<String> subjects) {}

    /** Plays a flow in the simulation panel: from, to (a name, or the address:port it is reached at), probe. */
    public interface Player { void play(String from, String to, Probe probe); }

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hopscope-compare");
        t.setDaemon(true);
        return t;
    });

    private final AppState state;
    private final AnalysisService analysis;
    private final CanvasView canvas;
    private final Prompts prompts;
    private final Player player;
    private final ListView<Item> list = new ListView<>();
    private final Label summary = new Label();
    private final Pane marks = new Pane();
    private final Map<String, CompareArrow> arrows = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Compare");
    private final AtomicLong generation = new AtomicLong();
    private final Button stop;
    private Document saved;
    private Analysis baseline;
    private String against;
    private DesignDiff diff;

    public CompareView(AppState state, AnalysisService analysis, CanvasView canvas, Prompts prompts, Player player) {
        this.state = state;
        this.analysis = analysis;
        this.canvas = canvas;
        this.prompts = prompts;
        this.player = player;
        getStyleClass().add("compare-view");
        setId("compare");
        dev.hopscope.ui.sim.Stylesheets.addTo(this);

        Button withSaved = new Button("Compare with saved", new FontIcon("mdi2c-compare"));
        withSaved.setId("compare-saved");
        withSaved.setOnAction(e -> compareWithSaved());
        withSaved.setTooltip(new Tooltip("Show what the edits since the last save changed: flows that broke in red, that started working in green"));
        Button withFile = new Button("Compare with file…", new FontIcon("mdi2f-file-compare"));
        withFile.setId("compare-file");
        withFile.setOnAction(e -> compareWithFile());
        stop = new Button("Stop comparing");
        stop.setId("compare-stop");
        stop.setOnAction(e -> stop());
        stop.setDisable(true);
        summary.setId("compare-summary");
        summary.getStyleClass().add("compare-summary");
        summary.setText("Compare the drawing with the saved file or another design to see which flows an edit broke or fixed.");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox bar = new HBox(withSaved, withFile, stop, summary);
        bar.getStyleClass().add("compare-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        setTop(bar);

        list.setId("compare-list");
        list.getStyleClass().add("compare-list");
        list.setPlaceholder(new Label("Nothing to show yet."));
        list.setCellFactory(v -> new ItemCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> focus(item));
        setCenter(list);

        marks.getStyleClass().add("compare-marks");
        marks.setId("compare-marks");
        marks.setManaged(false);
        marks.setMouseTransparent(true);
        marks.setPickOnBounds(false);
        dev.hopscope.ui.sim.Stylesheets.addTo(marks);
        canvas.overlayLayer().getChildren().add(marks);

        analysis.withMatrix().addListener((o, was, now) -> compare());
        analysis.error().addListener((o, was, now) -> { if (baseline != null && !now.isEmpty()) showProblem(now); });
        // what "saved" means without a file: the document as it was opened, or as last saved
        state.dirty().addListener((o, was, dirty) -> { if (!dirty) saved = state.current(); });
        state.resets().addListener((o, a, n) -> {
            stop();
            Platform.runLater(() -> saved = state.current());
        });
        state.document().addListener((o, was, now) -> redraw());
        saved = state.current();
    }

    /** "Compare (2 broke · 1 fixed)" for the tab. */
    public ReadOnlyStringProperty title() { return title.getReadOnlyProperty(); }

    public ListView<Item> items() { return list; }

    /** The arrows on the canvas by "from->to" (endpoint ids). */
    public Map<String, CompareArrow> arrows() { return arrows; }

    public DesignDiff diff() { return diff; }

    /** Compares with the file the document was saved to (read from disk), or with the document as opened. */
    public void compareWithSaved() {
        Path file = state.file().get();
        if (file != null) {
            try {
                compareWith(DocumentCodec.load(file), file.getFileName() + " (saved)");
                return;
            } catch (DocumentException e) {
                state.message().set("Cannot read " + file.getFileName() + ": " + e.getMessage() + "; comparing with the document as last saved");
            }
        }
        compareWith(saved, file == null ? "the document as opened" : "the document as last saved");
    }

    /** Asks for a design and compares with it; a file that does not load is reported, nothing else changes. */
    public void compareWithFile() {
        Optional<Path> chosen = prompts.chooseFileToOpen(state.file().get());
        if (chosen.isEmpty()) return;
        Path file = chosen.get();
        Document other;
        try {
            other = DocumentCodec.load(file);
        } catch (DocumentException e) {
            prompts.error("Cannot compare with " + file.getFileName(), e.getMessage());
            return;
        }
        compareWith(other, String.valueOf(file.getFileName()));
    }

    /** Compares the drawing with {@code other} from now on, after every edit, until {@link #stop()}. */
    public void compareWith(Document other, String name) {
        long gen = generation.incrementAndGet();
        against = name;
        baseline = null;
        diff = null;
        stop.setDisable(false);
        summary.setText("Analysing " + name + "…");
        List<dev.hopscope.model.Problem> problems = Validator.validate(other);
        if (!problems.isEmpty()) {
            showProblem(name + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ": " + problems.get(0));
            return;
        }
        WORKER.submit(() -> {
            Analysis a;
            try {
                a = Analyzer.analyze(other);
                a.matrix().size();
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? "it cannot be analysed" : e.getMessage();
                Platform.runLater(() -> { if (generation.get() == gen) showProblem(name + ": " + why); });
                return;
            }
            Platform.runLater(() -> {
                if (generation.get() != gen) return;
                baseline = a;
                compare();
            });
        });
    }

    /** Stops comparing: the list and the marks go. */
    public void stop() {
        generation.incrementAndGet();
        baseline = null;
        diff = null;
        against = null;
        stop.setDisable(true);
        list.getItems().clear();
        marks.getChildren().clear();
        arrows.clear();
        summary.setText("Compare the drawing with the saved file or another design to see which flows an edit broke or fixed.");
        title.set("Compare");
    }

    private void showProblem(String text) {
        list.getItems().clear();
        marks.getChildren().clear();
        arrows.clear();
        summary.setText(text);
        title.set("Compare");
    }

    /** The drawing's analysis is ready (again): compare it with the baseline on the worker. */
    private void compare() {
        Analysis now = analysis.withMatrix().get();
        Analysis then = baseline;
        if (then == null) return;
        if (now == null) {
            if (!analysis.error().get().isEmpty()) showProblem(analysis.error().get());
            return;
        }
        long gen = generation.incrementAndGet();
        String name = against;
        WORKER.submit(() -> {
            DesignDiff d = DesignDiff.of(then, now);
            Platform.runLater(() -> {
                if (generation.get() != gen) return;
                show(d, now, name);
            });
        });
    }

    private void show(DesignDiff d, Analysis now, String name) {
        diff = d;
        Document doc = state.current();
        List<Item> items = new ArrayList<>();
        for (FlowChange c : d.changed()) {
            Change kind = c.broke() ? Change.BROKE : c.fixed() ? Change.FIXED : Change.CHANGED;
            String title = d.name(c.from()) + " → " + d.name(c.to()) + " " + c.probe() + ":  " + word(c.before()) + " → " + word(c.after());
            items.add(new Item(kind, c.from(), c.to(), c.probe(), title, c.reason(), List.of(c.from(), c.to())));
        }
        for (IntentChange c : d.intents()) {
            Change kind = c.broke() ? Change.BROKE : c.fixed() ? Change.FIXED : Change.CHANGED;
            String from = endpoint(doc, now, c.intent().from()), to = endpoint(doc, now, c.intent().to());
            String title = "Intent " + c.intent().name() + ":  " + verdict(c.before(), c.okBefore()) + " → " + verdict(c.after(), c.okAfter());
            List<String> subjects = new ArrayList<>();
            if (from != null) subjects.add(from);
            if (to != null) subjects.add(to);
            items.add(new Item(kind, from, to, c.intent().probe(), title, c.reason(), subjects));
        }
        for (Finding f : d.added())
            items.add(new Item(Change.FINDING_ADDED, null, null, null, "New " + f.severity().label() + " " + f.code() + ": " + f.message(),
                    f.fix() == null ? "" : "Fix: " + f.fix(), f.subjects()));
        for (Finding f : d.removed())
            items.add(new Item(Change.FINDING_REMOVED, null, null, null, "Gone: " + f.severity().label() + " " + f.code() + ": " + f.message(), "", f.subjects()));
        // what broke first, then what was fixed, then the rest
        items.sort(java.util.Comparator.comparingInt(i -> i.change().ordinal()));
        Item keep = list.getSelectionModel().getSelectedItem();
        list.getItems().setAll(items);
        if (keep != null && items.contains(keep)) list.getSelectionModel().select(keep);
        long broke = items.stream().filter(i -> i.change() == Change.BROKE).count();
        long fixed = items.stream().filter(i -> i.change() == Change.FIXED).count();
        summary.setText("Against " + name + ": " + (items.isEmpty() ? "no flow, intent or finding changed."
                : broke + " broke, " + fixed + " started working, " + (items.size() - broke - fixed) + " other changes.")
                + (d.endpointsAdded().isEmpty() ? "" : " New endpoints: " + String.join(", ", names(doc, d.endpointsAdded())) + ".")
                + (d.endpointsRemoved().isEmpty() ? "" : " Gone: " + String.join(", ", d.endpointsRemoved().stream().map(d::name).toList()) + "."));
        title.set(items.isEmpty() ? "Compare · no change" : "Compare (" + broke + " broke · " + fixed + " fixed)");
        redraw();
    }

    /** One arrow per pair of endpoints with a flow or intent that broke or started working, on the current drawing. */
    private void redraw() {
        marks.getChildren().clear();
        arrows.clear();
        if (diff == null) return;
        Map<String, List<Item>> pairs = new LinkedHashMap<>();
        for (Item i : list.getItems())
            if ((i.change() == Change.BROKE || i.change() == Change.FIXED) && i.from() != null && i.to() != null && !i.from().equals(i.to()))
                pairs.computeIfAbsent(i.from() + "->" + i.to(), k -> new ArrayList<>()).add(i);
        for (Map.Entry<String, List<Item>> e : pairs.entrySet()) {
            Item first = e.getValue().get(0);
            Optional<Bounds> a = canvas.nodeBounds(first.from()), b = canvas.nodeBounds(first.to());
            if (a.isEmpty() || b.isEmpty()) continue;
            boolean broke = e.getValue().stream().anyMatch(i -> i.change() == Change.BROKE);
            Set<String> probes = new LinkedHashSet<>();
            for (Item i : e.getValue()) if (i.change() == (broke ? Change.BROKE : Change.FIXED)) probes.add(String.valueOf(i.probe()));
            CompareArrow arrow = new CompareArrow(first.from(), first.to(), broke, (broke ? "broke " : "works now ") + String.join(", ", probes), a.get(), b.get());
            arrows.put(e.getKey(), arrow);
            marks.getChildren().add(arrow);
        }
        marks.toFront();
        focus(list.getSelectionModel().getSelectedItem());
    }

    private void focus(Item item) {
        for (CompareArrow a : arrows.values()) a.focus(false);
        if (item == null) return;
        if (item.from() != null && item.to() != null) {
            CompareArrow a = arrows.get(item.from() + "->" + item.to());
            if (a != null) a.focus(true);
        }
        state.select(item.subjects());
    }

    private void play(Item item) {
        if (item == null || item.from() == null || item.to() == null || item.probe() == null) return;
        Document doc = state.current();
        String from = doc.node(item.from()).map(Node::name).orElse(item.from());
        String to = doc.node(item.to()).map(Node::name).orElse(item.to());
        // where the matrix reaches the destination now (its address or a published port), else its name
        Analysis now = analysis.withMatrix().get();
        if (now != null)
            for (MatrixRow r : now.matrix().between(item.from(), item.to()))
                if (r.probe().equals(item.probe()) && r.via() != null && !r.via().isBlank() && !"-".equals(r.via())) to = r.via();
        player.play(from, to, item.probe());
    }

    /** The node an intent's end names: an endpoint by id or name, or by one of its addresses. */
    private static String endpoint(Document doc, Analysis now, String ref) {
        if (ref == null) return null;
        String host = Destination.tryParse(ref).map(Destination::host).orElse(ref);
        Optional<Node> named = doc.find(host);
        if (named.isPresent()) return named.get().id();
        for (Endpoint e : now.endpoints()) if (e.addresses().contains(host)) return e.id();
        return null;
    }

    private static List<String> names(Document doc, List<String> ids) {
        return ids.stream().map(id -> doc.node(id).map(Node::name).orElse(id)).toList();
    }

    private static String word(Disposition d) { return d == null ? "not listening" : d.name(); }

    private static String verdict(Disposition d, Boolean ok) {
        return d == null ? "absent" : (Boolean.TRUE.equals(ok) ? "holds (" : "violated (") + d + ")";
    }

    private final class ItemCell extends ListCell<Item> {
        private final Label icon = new Label();
        private final Label title = new Label();
        private final Label detail = new Label();
        private final HBox box;

        ItemCell() {
            title.getStyleClass().add("compare-title");
            detail.getStyleClass().add("compare-detail");
            detail.setWrapText(true);
            icon.getStyleClass().add("compare-icon");
            VBox words = new VBox(title, detail);
            box = new HBox(icon, words);
            box.getStyleClass().add("compare-row");
            setOnMouseClicked(e -> {
                if (getItem() != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) play(getItem());
            });
        }

        @Override protected void updateItem(Item item, boolean empty) {
            super.updateItem(item, empty);
            pseudoClassStateChanged(BROKE, !empty && item != null && (item.change() == Change.BROKE || item.change() == Change.FINDING_ADDED));
            pseudoClassStateChanged(FIXED, !empty && item != null && (item.change() == Change.FIXED || item.change() == Change.FINDING_REMOVED));
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            String glyph = switch (item.change()) {
                case BROKE -> "mdi2c-close-circle";
                case FIXED -> "mdi2c-check-circle";
                case CHANGED -> "mdi2s-swap-horizontal-circle";
                case FINDING_ADDED -> "mdi2a-alert-circle";
                case FINDING_REMOVED -> "mdi2m-minus-circle";
            };
            icon.setGraphic(new FontIcon(glyph));
            title.setText(item.title());
            detail.setText(item.detail() + (item.from() != null && item.probe() != null ? "  ·  double-click to play it" : ""));
            setGraphic(box);
        }
    }
}
