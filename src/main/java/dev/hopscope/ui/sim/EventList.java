package dev.hopscope.ui.sim;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The steps of the trace as rows, as in Packet Tracer's simulation mode: number (running on
 * through the reply), leg (→ request, ← reply), where, step, protocol and a short summary. Rows the event filters hide,
 * and rows a challenge has not reached yet, are left out. Reply rows are {@code :reply}, the first
 * of them {@code :leg-start} (a rule above it), the row where a packet was dropped
 * {@code :dropped}; where an Ingress controller carried the request on, its row is {@code :proxy}
 * and the second connection's rows {@code :second-connection}. The current step is the selected row; clicking a row jumps there.
 */
public final class EventList extends TableView<Step> {
    static final PseudoClass REPLY = PseudoClass.getPseudoClass("reply");
    static final PseudoClass LEG_START = PseudoClass.getPseudoClass("leg-start");
    static final PseudoClass DROPPED = PseudoClass.getPseudoClass("dropped");
    /** The Ingress controller's row, and the rows of the second connection it opened. */
    static final PseudoClass PROXY = PseudoClass.getPseudoClass("proxy");
    static final PseudoClass SECOND = PseudoClass.getPseudoClass("second-connection");
    private final Playback playback;
    private final FilteredList<Step> rows;
    private boolean syncing;

    public EventList(Playback playback) {
        this.playback = playback;
        rows = new FilteredList<>(playback.steps(), this::listed);
        setItems(rows);
        getStyleClass().add("event-list");
        setId("event-list");
        Label empty = new Label();
        empty.textProperty().bind(Bindings.when(Bindings.isEmpty(playback.steps()))
                .then("No trace yet.").otherwise("Every event is filtered out: turn a protocol filter on."));
        setPlaceholder(empty);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<Step, Number> n = new TableColumn<>("#");
        n.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().number()));
        n.setPrefWidth(34);
        n.setMinWidth(30);
        n.setSortable(false);
        n.getStyleClass().add("col-n");
        // the leg as an arrow: → out to the destination, ← the reply on its way back
        // the second connection an Ingress controller opened: ⇢ and ⇠, under the controller's row ⤷
        TableColumn<Step, String> leg = column("", s -> s.kind() == Step.Kind.PROXY ? "⤷" : s.proxied() ? (s.reply() ? "⇠" : "⇢") : s.reply() ? "←" : "→", 26);
        leg.getStyleClass().add("col-leg");
        leg.setMinWidth(26);
        TableColumn<Step, String> where = column("where", Step::where, 140);
        where.setMinWidth(96);
        TableColumn<Step, String> step = column("step", s -> HopSummary.stepName(s), 86);
        step.setMinWidth(86);
        TableColumn<Step, String> proto = column("proto", EventProtocol::shownAs, 62);
        proto.setMinWidth(62);
        TableColumn<Step, String> what = column("summary", HopSummary::of, 260);
        what.setMinWidth(120);
        getColumns().addAll(java.util.List.of(n, leg, where, step, proto, what));

        setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(Step s, boolean empty) {
                super.updateItem(s, empty);
                boolean on = !empty && s != null;
                pseudoClassStateChanged(REPLY, on && s.reply());
                pseudoClassStateChanged(LEG_START, on && s.legStart());
                pseudoClassStateChanged(DROPPED, on && s.dropped());
                pseudoClassStateChanged(PROXY, on && s.kind() == Step.Kind.PROXY);
                pseudoClassStateChanged(SECOND, on && s.proxied());
                String tip = !on ? null : s.kind() == Step.Kind.PROXY ? s.sentence() : s.hop().note();
                if (tip == null) setTooltip(null);
                else {
                    javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip(tip);
                    t.setWrapText(true);
                    t.setMaxWidth(520);
                    setTooltip(t);
                }
            }
        });

        getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (!syncing && s != null) playback.jump(s.index());
        });
        playback.current().addListener((o, a, i) -> refilter());
        playback.revealed().addListener((o, a, i) -> refilter());
        playback.shown().addListener((SetChangeListener<EventProtocol>) c -> refilter());
        rows.addListener((javafx.collections.ListChangeListener<Step>) c -> select(playback.current().get()));
    }

    private boolean listed(Step s) {
        return playback.isShown(s) && s.index() <= playback.revealed().get();
    }

    /** The rows now listed (for tests and the challenge). */
    public java.util.List<Step> rows() { return rows; }

    private void refilter() {
        syncing = true;
        try {
            rows.setPredicate(null);
            rows.setPredicate(this::listed);
        } finally {
            syncing = false;
        }
        select(playback.current().get());
    }

    private void select(int index) {
        syncing = true;
        try {
            int row = -1;
            for (int r = 0; r < rows.size(); r++) if (rows.get(r).index() == index) { row = r; break; }
            if (row < 0) getSelectionModel().clearSelection();
            else {
                getSelectionModel().clearAndSelect(row);
                scrollTo(Math.max(0, row - 3));
            }
        } finally {
            syncing = false;
        }
    }

    private static TableColumn<Step, String> column(String title, java.util.function.Function<Step, String> f, double width) {
        TableColumn<Step, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setSortable(false);
        c.setPrefWidth(width);
        return c;
    }
}
