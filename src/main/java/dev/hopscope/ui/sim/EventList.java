package dev.hopscope.ui.sim;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The hops of the trace as rows, as in Packet Tracer's simulation mode: number, where, step and a
 * short summary; reply rows are {@code :reply}, the row where a packet was dropped {@code :dropped}.
 * The current step is the selected row; clicking a row jumps there.
 */
public final class EventList extends TableView<Step> {
    static final PseudoClass REPLY = PseudoClass.getPseudoClass("reply");
    static final PseudoClass DROPPED = PseudoClass.getPseudoClass("dropped");
    private boolean syncing;

    public EventList(Playback playback) {
        super(playback.steps());
        getStyleClass().add("event-list");
        setId("event-list");
        setPlaceholder(new Label("No trace yet."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<Step, Number> n = new TableColumn<>("#");
        n.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().hop().n()));
        n.setPrefWidth(40);
        n.setSortable(false);
        n.getStyleClass().add("col-n");
        TableColumn<Step, String> where = column("where", s -> s.where(), 170);
        TableColumn<Step, String> step = column("step", s -> s.hop().step().name(), 80);
        TableColumn<Step, String> what = column("summary", HopSummary::of, 300);
        getColumns().addAll(java.util.List.of(n, where, step, what));

        setRowFactory(t -> new TableRow<>() {
            @Override protected void updateItem(Step s, boolean empty) {
                super.updateItem(s, empty);
                pseudoClassStateChanged(REPLY, !empty && s != null && s.reply());
                pseudoClassStateChanged(DROPPED, !empty && s != null && s.dropped());
                setTooltip(empty || s == null || s.hop().note() == null ? null : new javafx.scene.control.Tooltip(s.hop().note()));
            }
        });

        getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (!syncing && i.intValue() >= 0) playback.jump(i.intValue());
        });
        playback.current().addListener((o, a, i) -> select(i.intValue()));
        playback.steps().addListener((javafx.collections.ListChangeListener<Step>) c -> select(playback.current().get()));
    }

    private void select(int i) {
        syncing = true;
        try {
            if (i < 0 || i >= getItems().size()) getSelectionModel().clearSelection();
            else {
                getSelectionModel().clearAndSelect(i);
                scrollTo(Math.max(0, i - 3));
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
