package dev.hopscope.ui.scenario;

import dev.hopscope.model.Document;
import dev.hopscope.model.Scenario;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Trace;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.sim.SimulationPanel;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The scenario list ({@code #scenario-list}): the lesson's flow first (when the document has one
 * and no saved scenario repeats it), then the saved scenarios in order. Each row shows its name,
 * the flow, what it is expected to end in and what it ends in now, checked on a worker thread
 * after every edit: {@code :passed}, {@code :failed}, or {@code :unchecked} without an expectation.
 * A click puts the flow in the simulation panel and traces it; a double click plays it.
 * "Save flow" keeps the flow last traced, expecting the outcome it has now. Every change of the
 * list is one undoable edit of the document.
 */
public final class ScenarioList extends VBox {
    static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    static final PseudoClass UNCHECKED = PseudoClass.getPseudoClass("unchecked");
    /** How long the drawing must stay still before the scenarios are checked again. */
    static final Duration CHECK_DELAY = Duration.millis(200);

    /** One row: a saved scenario (its index in the document) or the lesson's flow (index -1). */
    public record Row(Scenario scenario, int index, boolean lesson) {}

    /** What a scenario ends in on the current drawing. */
    public record Result(Disposition disposition, String reason) {}

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hopscope-scenarios");
        t.setDaemon(true);
        return t;
    });

    private final AppState state;
    private final SimulationPanel simulation;
    private final ListView<Row> list = new ListView<>();
    private final Map<Scenario, Result> results = new HashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final PauseTransition check = new PauseTransition(CHECK_DELAY);
    /** Moves when new results are in: cells repaint themselves, so no cell is made anew under the pointer. */
    private final javafx.beans.property.IntegerProperty checks = new javafx.beans.property.SimpleIntegerProperty(this, "checks");
    private final javafx.beans.property.BooleanProperty checking = new javafx.beans.property.SimpleBooleanProperty(this, "checking");
    private Consumer<Scenario> onChallenge = s -> {};

    public ScenarioList(AppState state, SimulationPanel simulation) {
        this.state = state;
        this.simulation = simulation;
        getStyleClass().add("scenario-list");
        setId("scenario-list");

        Label title = new Label("Scenarios");
        title.getStyleClass().add("scenario-title");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button save = tool("mdi2c-content-save-plus-outline", "Save the flow last traced as a scenario, expecting the outcome it has now", "scenario-save", this::saveFlow);
        Button play = tool("mdi2p-play", "Play the selected scenario", "scenario-play", () -> selected(r -> replay(r, true)));
        Button delete = tool("mdi2d-delete-outline", "Delete the selected scenario", "scenario-delete", () -> selected(this::delete));
        play.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> list.getSelectionModel().getSelectedItem() == null || list.getSelectionModel().getSelectedItem().lesson(),
                list.getSelectionModel().selectedItemProperty()));
        HBox head = new HBox(title, spring, save, play, delete);
        head.getStyleClass().add("scenario-head");
        head.setAlignment(Pos.CENTER_LEFT);

        list.setId("scenarios");
        list.getStyleClass().add("scenarios");
        list.setPlaceholder(placeholder());
        list.setCellFactory(v -> new RowCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(head, list);

        check.setOnFinished(e -> checkAll());
        state.document().addListener((o, was, now) -> refresh(now));
        refresh(state.current());
    }

    /** What "Play as a challenge" does with a scenario. */
    public void onChallenge(Consumer<Scenario> action) { this.onChallenge = action; }

    public ListView<Row> rows() { return list; }

    /** True from an edit until the scenarios are checked against it. */
    public javafx.beans.property.ReadOnlyBooleanProperty checking() { return checking; }

    /** The outcome a scenario has on the drawing, once checked (null before). */
    public Result result(Scenario s) { return results.get(s); }

    private static Label placeholder() {
        Label l = new Label("No scenarios yet: trace a flow, then save it here with the save button.");
        l.setWrapText(true);
        l.getStyleClass().add("scenario-empty");
        return l;
    }

    /** The rows for a document: the lesson's flow unless a saved scenario repeats it, then the saved ones. */
    public static List<Row> rowsOf(Document d) {
        List<Row> out = new ArrayList<>();
        Scenario lesson = Scenario.ofLesson(d.lesson());
        boolean repeated = lesson != null && d.scenarios().stream().anyMatch(lesson::sameFlow);
        if (lesson != null && !repeated) out.add(new Row(lesson, -1, true));
        for (int i = 0; i < d.scenarios().size(); i++) {
            Scenario s = d.scenarios().get(i);
            out.add(new Row(s, i, lesson != null && lesson.sameFlow(s)));
        }
        return out;
    }

    private void refresh(Document d) {
        Row keep = list.getSelectionModel().getSelectedItem();
        List<Row> rows = rowsOf(d);
        if (!list.getItems().equals(rows)) list.getItems().setAll(rows);
        if (keep != null) for (Row r : rows) if (r.scenario().equals(keep.scenario())) list.getSelectionModel().select(r);
        checking.set(true);
        check.playFromStart();
    }

    /** Traces every scenario on the worker; a newer edit drops an older run. */
    private void checkAll() {
        long gen = generation.incrementAndGet();
        Document doc = state.current();
        List<Scenario> todo = list.getItems().stream().map(Row::scenario).toList();
        WORKER.submit(() -> {
            Map<Scenario, Result> out = new HashMap<>();
            Network net;
            try {
                net = Network.compile(doc);
            } catch (RuntimeException e) {
                net = null;
            }
            for (Scenario s : todo) {
                if (generation.get() != gen) return;
                if (net == null) break;
                try {
                    Trace t = net.trace(s.from(), s.to(), s.probe());
                    out.put(s, new Result(t.disposition(), t.reason()));
                } catch (RuntimeException e) {
                    out.put(s, new Result(null, e.getMessage() == null ? "cannot be traced" : e.getMessage()));
                }
            }
            Platform.runLater(() -> {
                if (generation.get() != gen) return;
                results.clear();
                results.putAll(out);
                checks.set(checks.get() + 1);
                checking.set(false);
            });
        });
    }

    private void selected(Consumer<Row> action) {
        Row r = list.getSelectionModel().getSelectedItem();
        if (r != null) action.accept(r);
    }

    private void replay(Row r, boolean play) {
        Scenario s = r.scenario();
        simulation.traceFlow(s.from(), s.to(), s.probe(), play);
    }

    /** Keeps the flow last traced as a scenario, expecting the outcome it has now. */
    private void saveFlow() {
        SimulationPanel.Flow f = simulation.flow();
        Trace t = simulation.playback().trace().get();
        if (f == null || t == null) {
            state.message().set("Trace a flow first; then save it as a scenario");
            return;
        }
        Document d = state.current();
        for (Row r : rowsOf(d))
            if (r.index() >= 0 && r.scenario().sameFlow(new Scenario(null, f.from(), f.to(), f.probe(), null, null))) {
                list.getSelectionModel().select(r);
                state.message().set("This flow is already saved as \"" + r.scenario().name() + "\"");
                return;
            }
        Scenario s = new Scenario(null, f.from(), f.to(), f.probe(), t.disposition().name(), null);
        List<Scenario> next = new ArrayList<>(d.scenarios());
        next.add(s);
        if (state.executeEdit("Save scenario " + s.name(), doc -> doc.withScenarios(next))) {
            state.message().set("Saved scenario " + s.name() + ", expected " + s.expect());
            for (Row r : list.getItems()) if (r.scenario().equals(s)) list.getSelectionModel().select(r);
        }
    }

    private void delete(Row r) {
        if (r.index() < 0) return;
        List<Scenario> next = new ArrayList<>(state.current().scenarios());
        next.remove(r.index());
        state.executeEdit("Delete scenario " + r.scenario().name(), doc -> doc.withScenarios(next));
    }

    private void replace(Row r, Scenario changed, String description) {
        Document d = state.current();
        List<Scenario> next = new ArrayList<>(d.scenarios());
        if (r.index() >= 0) next.set(r.index(), changed);
        else next.add(0, changed); // the lesson's flow becomes a saved scenario once it is given a name or an outcome
        state.executeEdit(description, doc -> doc.withScenarios(next));
    }

    private void rename(Row r) {
        TextInputDialog ask = new TextInputDialog(r.scenario().name());
        ask.setTitle("Rename scenario");
        ask.setHeaderText(null);
        ask.setContentText("Name");
        if (getScene() != null) ask.initOwner(getScene().getWindow());
        ask.showAndWait().map(String::trim).filter(n -> !n.isEmpty() && !n.equals(r.scenario().name()))
                .ifPresent(n -> replace(r, r.scenario().withName(n), "Rename scenario " + r.scenario().name() + " to " + n));
    }

    private ContextMenu menu(Row r) {
        MenuItem play = new MenuItem("Play", new FontIcon("mdi2p-play"));
        play.setOnAction(e -> replay(r, true));
        MenuItem challenge = new MenuItem("Play as a challenge", new FontIcon("mdi2t-trophy-outline"));
        challenge.setOnAction(e -> onChallenge.accept(r.scenario()));
        MenuItem rename = new MenuItem("Rename…");
        rename.setOnAction(e -> rename(r));
        Menu expect = new Menu("Expect");
        Result now = results.get(r.scenario());
        if (now != null && now.disposition() != null) {
            MenuItem current = new MenuItem("What it does now: " + now.disposition());
            current.setOnAction(e -> replace(r, r.scenario().withExpect(now.disposition().name()), "Expect " + now.disposition() + " of " + r.scenario().name()));
            expect.getItems().addAll(current, new SeparatorMenuItem());
        }
        for (Disposition d : Disposition.values()) {
            MenuItem m = new MenuItem(d.name());
            m.setOnAction(e -> replace(r, r.scenario().withExpect(d.name()), "Expect " + d + " of " + r.scenario().name()));
            expect.getItems().add(m);
        }
        MenuItem delete = new MenuItem("Delete", new FontIcon("mdi2d-delete-outline"));
        delete.setOnAction(e -> delete(r));
        delete.setDisable(r.index() < 0);
        return new ContextMenu(play, challenge, new SeparatorMenuItem(), rename, expect, new SeparatorMenuItem(), delete);
    }

    private static Button tool(String icon, String tip, String id, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().add("scenario-tool");
        b.setId(id);
        dev.hopscope.ui.HoverTip.install(b, tip);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A row: status, name, the flow, and expected against actual. */
    private final class RowCell extends ListCell<Row> {
        private final Label status = new Label();
        private final Label name = new Label();
        private final Label flow = new Label();
        private final Label outcome = new Label();
        private final FontIcon statusIcon = new FontIcon("mdi2c-circle-outline");
        private final HBox box;
        /** The hover text of the row shown now, or null: its Tooltip is made on the pointer's first entry. */
        private String tip;

        RowCell() {
            status.setGraphic(statusIcon);
            status.getStyleClass().add("scenario-status");
            name.getStyleClass().add("scenario-name");
            flow.getStyleClass().add("scenario-flow");
            outcome.getStyleClass().add("scenario-outcome");
            VBox words = new VBox(name, flow, outcome);
            words.getStyleClass().add("scenario-words");
            box = new HBox(status, words);
            box.getStyleClass().add("scenario-row");
            setOnMouseClicked(e -> {
                if (getItem() == null || e.getButton() != MouseButton.PRIMARY) return;
                replay(getItem(), e.getClickCount() >= 2);
            });
            checks.addListener((o, a, n) -> render(getItem(), isEmpty()));
            // A row's hover text and its menu are made when asked for, not with each row drawn (a
            // Tooltip and a ContextMenu are popup windows of their own, and the rows are drawn
            // again after every check): the tooltip when the pointer enters the row, the menu when
            // the user asks for it, before the row's own handler shows it (issue 12, start-up).
            addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
                if (tip != null && getTooltip() == null) setTooltip(new Tooltip(tip));
            });
            addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> setContextMenu(isEmpty() || getItem() == null ? null : menu(getItem())));
        }

        @Override protected void updateItem(Row r, boolean empty) {
            super.updateItem(r, empty);
            render(r, empty);
        }

        private void render(Row r, boolean empty) {
            pseudoClassStateChanged(PASSED, false);
            pseudoClassStateChanged(FAILED, false);
            pseudoClassStateChanged(UNCHECKED, false);
            if (empty || r == null) {
                setGraphic(null);
                setContextMenu(null);
                tip = null;
                setTooltip(null);
                return;
            }
            Scenario s = r.scenario();
            name.setText((r.lesson() ? "Lesson · " : "") + s.name());
            flow.setText(s.from() + " → " + s.to() + "  " + s.probe());
            Result now = results.get(s);
            String got = now == null ? "checking…" : now.disposition() == null ? "cannot trace" : now.disposition().name();
            boolean checked = now != null && s.expect() != null;
            boolean passed = checked && now.disposition() != null && now.disposition().name().equals(s.expect());
            outcome.setText(s.expect() == null ? "ends " + got : passed ? "ends " + got + ", as expected" : "expected " + s.expect() + " · ends " + got);
            statusIcon.setIconLiteral(s.expect() == null || now == null ? "mdi2c-circle-outline" : passed ? "mdi2c-check-circle" : "mdi2c-close-circle");
            pseudoClassStateChanged(PASSED, passed);
            pseudoClassStateChanged(FAILED, checked && !passed);
            pseudoClassStateChanged(UNCHECKED, !checked);
            StringBuilder tip = new StringBuilder(s.name()).append('\n').append(s.from()).append(" → ").append(s.to()).append(' ').append(s.probe());
            if (s.note() != null) tip.append('\n').append(s.note());
            if (now != null && now.reason() != null) tip.append("\n\nNow: ").append(got).append(" — ").append(now.reason());
            tip.append("\n\nClick to trace it, double-click to play it; right-click for more.");
            this.tip = tip.toString();
            if (getTooltip() != null) getTooltip().setText(this.tip);
            setGraphic(box);
        }
    }
}
