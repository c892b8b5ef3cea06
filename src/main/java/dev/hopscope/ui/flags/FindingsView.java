package dev.hopscope.ui.flags;

import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Node;
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

    /** One row: a violated intent or a finding. */
    public record Item(IntentResult intent, Finding finding) {
        public String title() {
            if (intent != null) {
                Intent i = intent.intent();
                return "Intent " + i.name() + " violated: " + i.from() + " → " + i.to() + " " + i.probe() + " is " + intent.disposition()
                        + " (expected " + i.expect().label() + ")";
            }
            return finding.code() + " — " + finding.message();
        }

        public String detail() {
            if (intent != null) return intent.reason() == null ? "" : intent.reason() + "  ·  double-click to play its trace";
            return finding.fix() == null || finding.fix().isBlank() ? "" : "Fix: " + finding.fix();
        }

        boolean error() { return intent != null || finding.severity() == Finding.Severity.ERROR; }
    }

    private final AppState state;
    private Consumer<IntentResult> onPlay = r -> {};

    public FindingsView(AppState state, AnalysisService service) {
        this.state = state;
        getStyleClass().add("findings");
        setId("findings");
        Label empty = new Label();
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> !service.error().get().isEmpty() ? service.error().get()
                        : service.analysis().get() == null ? "Analysing…" : "No findings: every intent holds.",
                service.error(), service.analysis()));
        setPlaceholder(empty);
        setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(Item it, boolean emptyRow) {
                super.updateItem(it, emptyRow);
                pseudoClassStateChanged(ERROR, !emptyRow && it != null && it.error());
                pseudoClassStateChanged(WARNING, !emptyRow && it != null && !it.error() && it.finding().severity() == Finding.Severity.WARNING);
                if (emptyRow || it == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label title = new Label(it.title());
                title.getStyleClass().add("finding-title");
                Label detail = new Label(it.detail());
                detail.getStyleClass().add("finding-detail");
                VBox box = new VBox(title, detail);
                box.getStyleClass().add("finding-row");
                String icon = it.intent() != null ? "mdi2a-arrow-right-bold" : it.error() ? "mdi2a-alert-circle" : "mdi2a-alert";
                FontIcon fi = new FontIcon(icon);
                fi.getStyleClass().add("finding-icon");
                javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(fi, box);
                row.getStyleClass().add("finding-line");
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
        service.analysis().addListener((o, a, now) -> show(now));
        show(service.analysis().get());
    }

    /** What a double click on a broken intent does (the simulation panel plays its trace). */
    public void onPlay(Consumer<IntentResult> action) { this.onPlay = action; }

    private void show(Analysis a) {
        List<Item> items = new ArrayList<>();
        if (a != null) {
            for (IntentResult r : a.intents()) if (!r.ok()) items.add(new Item(r, null));
            for (Finding.Severity s : Finding.Severity.values())
                for (Finding f : a.findings()) if (f.severity() == s) items.add(new Item(null, f));
        }
        getItems().setAll(items);
    }

    /** Selects the nodes concerned (for an intent: the intent itself and its ends). */
    private void select(Item it) {
        Document doc = state.current();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (it.intent() != null) {
            Intent i = it.intent().intent();
            ids.add(i.id());
            doc.find(i.from()).map(Node::id).ifPresent(ids::add);
            if (i.to() != null) doc.find(i.to().split(":")[0]).map(Node::id).ifPresent(ids::add);
        } else {
            ids.addAll(it.finding().subjects());
        }
        state.select(ids);
    }
}
