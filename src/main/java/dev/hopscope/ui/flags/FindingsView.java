package dev.hopscope.ui.flags;

import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Node;
import dev.hopscope.model.Problem;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.ui.AppState;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The findings list beside the simulation panel: violated intents first, then error, warning and
 * info findings, each with its message and fix. A click selects the nodes concerned; a double
 * click on an intent plays its trace.
 */
public final class FindingsView extends ListView<FindingsView.Item> {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    /** One row: a structural problem of the document, a violated intent, or a finding. */
    public record Item(IntentResult intent, Finding finding, Problem problem) {
        public Item(IntentResult intent, Finding finding) { this(intent, finding, null); }

        public String title() {
            if (problem != null) return "Problem — " + problem;
            if (intent != null) {
                Intent i = intent.intent();
                return "Intent " + i.name() + " violated: " + i.from() + " → " + i.to() + " " + i.probe() + " is " + intent.disposition()
                        + " (expected " + i.expect().label() + ")";
            }
            return finding.code() + " — " + finding.message();
        }

        public String detail() {
            if (problem != null) return "Fix: correct it in the inspector; flows are analysed once the document is well formed.";
            if (intent != null) {
                String why = intent.reason() == null || intent.reason().isBlank() ? "" : intent.reason() + "\n";
                return why + "Fix: " + IntentAdvice.fix(intent.intent(), intent.disposition())
                        + (intent.trace() == null ? "" : "  ·  double-click to play its trace");
            }
            return finding.fix() == null || finding.fix().isBlank() ? "" : "Fix: " + finding.fix();
        }

        boolean error() { return problem != null || intent != null || finding.severity() == Finding.Severity.ERROR; }
    }

    private final AppState state;
    private AnalysisService service;
    private Consumer<IntentResult> onPlay = r -> {};

    public FindingsView(AppState state, AnalysisService service) {
        this.state = state;
        getStyleClass().add("findings");
        setId("findings");
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> !service.error().get().isEmpty() ? service.error().get()
                        : service.analysis().get() == null ? "Analysing…" : "Nothing to report: the document is well formed, every intent holds and no design check found a problem.",
                service.error(), service.analysis()));
        setPlaceholder(empty);
        setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(Item it, boolean emptyRow) {
                super.updateItem(it, emptyRow);
                pseudoClassStateChanged(ERROR, !emptyRow && it != null && it.error());
                pseudoClassStateChanged(WARNING, !emptyRow && it != null && !it.error() && it.finding().severity() == Finding.Severity.WARNING);
                // the row takes the list's width and its words wrap, however long the message
                setPrefWidth(0);
                if (emptyRow || it == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label title = new Label(it.title());
                title.getStyleClass().add("finding-title");
                title.setWrapText(true);
                Label detail = new Label(it.detail());
                detail.getStyleClass().add("finding-detail");
                detail.setWrapText(true);
                detail.setManaged(!it.detail().isEmpty());
                VBox box = new VBox(title, detail);
                box.getStyleClass().add("finding-row");
                box.setMinWidth(0);
                javafx.scene.layout.HBox.setHgrow(box, javafx.scene.layout.Priority.ALWAYS);
                String icon = it.problem() != null ? "mdi2f-file-alert-outline"
                        : it.intent() != null ? "mdi2a-arrow-right-bold" : it.error() ? "mdi2a-alert-circle" : "mdi2a-alert";
                FontIcon fi = new FontIcon(icon);
                fi.getStyleClass().add("finding-icon");
                javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(fi, box);
                row.getStyleClass().add("finding-line");
                row.setMinWidth(0);
                row.prefWidthProperty().bind(getListView().widthProperty().subtract(34));
                row.maxWidthProperty().bind(row.prefWidthProperty());
                // a wrapped label reports its height for the width it is given, so both get the row's width less the icon
                for (Label l : List.of(title, detail)) {
                    l.prefWidthProperty().bind(row.prefWidthProperty().subtract(30));
                    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                }
                setGraphic(row);
                setText(null);
            }
        });
        getSelectionModel().selectedItemProperty().addListener((o, a, it) -> { if (it != null) select(it); });
        setOnMouseClicked(e -> {
            Item it = getSelectionModel().getSelectedItem();
            if (it == null) return;
            if (e.getClickCount() == 1) select(it);
            if (e.getClickCount() == 2 && it.intent() != null && it.intent().trace() != null) onPlay.accept(it.intent());
        });
        this.service = service;
        service.analysis().addListener((o, a, now) -> show(now));
        service.problems().addListener((o, a, now) -> show(service.analysis().get()));
        show(service.analysis().get());
    }

    /** What a double click on a broken intent does (the simulation panel plays its trace). */
    public void onPlay(Consumer<IntentResult> action) { this.onPlay = action; }

    private void show(Analysis a) {
        getItems().setAll(items(service.problems().get(), a));
    }

    /**
     * The rows the list shows for these problems and this analysis (none yet: null): problems,
     * then violated intents, then findings by severity. The Findings tab counts them for its title.
     */
    public static List<Item> items(List<Problem> problems, Analysis a) {
        List<Item> items = new ArrayList<>();
        for (Problem p : problems) items.add(new Item(null, null, p));
        if (a != null) {
            for (IntentResult r : a.intents()) if (!r.ok()) items.add(new Item(r, null));
            for (Finding.Severity s : Finding.Severity.values())
                for (Finding f : a.findings()) if (f.severity() == s) items.add(new Item(null, f));
        }
        return items;
    }

    /** Selects the nodes concerned (for an intent: the intent itself and its ends). */
    private void select(Item it) {
        Document doc = state.current();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (it.problem() != null) {
            if (it.problem().node() != null) ids.add(it.problem().node());
        } else if (it.intent() != null) {
            Intent i = it.intent().intent();
            ids.add(i.id());
            doc.find(i.from()).map(Node::id).ifPresent(ids::add);
            i.destinationNode(doc).map(Node::id).ifPresent(ids::add);
        } else {
            ids.addAll(it.finding().subjects());
        }
        state.select(ids);
    }
}
