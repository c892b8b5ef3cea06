package dev.hopscope.ui.sim;

import dev.hopscope.model.Document;
import dev.hopscope.net.trace.Layer;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The current step by layer ({@code #layer-view}), Packet Tracer's "in layers / out layers":
 * for each header, outermost first, the header as it arrived and as it leaves side by side, the
 * fields this step rewrote highlighted ({@code .layer-field:changed} on the way out, the old value
 * {@code :was} on the way in), and under them one sentence saying what that layer did here
 * ({@code .layer-sentence}). Rows of a tunnelled packet are {@code .outer} or {@code .inner}; a
 * header put on here is {@code :added}, one taken off {@code :removed}. Under the rows, the hop's
 * sentence ({@code #hop-note}) and, at a leg's end, how it ended.
 */
public final class LayerView extends VBox {
    static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    static final PseudoClass WAS = PseudoClass.getPseudoClass("was");
    static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");
    static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
    private static final String EMPTY = "No packet yet: choose a flow and press Trace.";

    private final Label caption = new Label(EMPTY);
    private final GridPane grid = new GridPane();
    private final Label note = new Label();
    private final List<Region> rowBoxes = new ArrayList<>();
    private LayerRows shown;

    public LayerView() {
        getStyleClass().addAll("layer-view", "header-view");
        setId("layer-view");
        caption.getStyleClass().add("header-caption");
        caption.setId("layer-caption");
        caption.setWrapText(true);
        grid.getStyleClass().add("layer-grid");
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints in = new ColumnConstraints();
        in.setHgrow(Priority.ALWAYS);
        ColumnConstraints arrow = new ColumnConstraints();
        arrow.setMinWidth(Region.USE_PREF_SIZE);
        arrow.setHalignment(HPos.CENTER);
        ColumnConstraints out = new ColumnConstraints();
        out.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(name, in, arrow, out);
        note.getStyleClass().add("hop-note");
        note.setId("hop-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(caption, grid, note);
    }

    /** Shows a step; {@code arriving} is the packet's layers as it arrived (empty when made here). Null clears. */
    public void show(Step s, List<Layer> arriving, Document doc) {
        grid.getChildren().clear();
        rowBoxes.clear();
        if (s == null) {
            shown = null;
            caption.setText(EMPTY);
            note.setText("");
            return;
        }
        shown = LayerRows.of(s, arriving, doc);
        caption.setText(shown.caption());
        Label inHead = new Label("arriving");
        Label outHead = new Label("leaving");
        inHead.getStyleClass().add("layer-column");
        outHead.getStyleClass().add("layer-column");
        grid.add(inHead, 1, 0);
        grid.add(outHead, 3, 0);
        int r = 1;
        for (LayerRows.Row row : shown.rows()) {
            Label name = new Label(displayName(row));
            name.getStyleClass().add("layer-name");
            GridPane.setValignment(name, VPos.TOP);
            Region in = fields(row.in(), row, false);
            Region out = fields(row.out(), row, true);
            Label arrow = new Label("→");
            arrow.getStyleClass().add("layer-arrow");
            Label sentence = new Label(row.sentence());
            sentence.getStyleClass().add("layer-sentence");
            sentence.setWrapText(true);
            sentence.setMinHeight(Region.USE_PREF_SIZE);
            HBox band = new HBox();
            band.getStyleClass().addAll("layer", "layer-" + row.layer());
            if (row.band() == LayerRows.Band.OUTER) band.getStyleClass().add("outer");
            if (row.band() == LayerRows.Band.INNER) band.getStyleClass().add("inner");
            band.pseudoClassStateChanged(ADDED, row.pushed());
            band.pseudoClassStateChanged(REMOVED, row.popped());
            band.setMouseTransparent(true);
            grid.add(band, 0, r, 4, 2);
            grid.add(name, 0, r);
            grid.add(in, 1, r);
            grid.add(arrow, 2, r);
            grid.add(out, 3, r);
            grid.add(sentence, 1, r + 1, 3, 1);
            rowBoxes.add(band);
            r += 2;
        }
        StringBuilder text = new StringBuilder(s.kind() == Step.Kind.PROXY ? s.sentence()
                : s.kind() == Step.Kind.HOP ? (s.hop().note() == null ? "" : s.hop().note()) : "");
        if (s.last() && (s.kind() == Step.Kind.HOP || s.kind() == Step.Kind.DNS_ANSWER)) {
            text.append(text.length() > 0 ? "\n\n" : "").append(s.reply() ? "Reply: " : "Request: ").append(s.end());
            if (s.endReason() != null && !s.endReason().isBlank()) text.append(" — ").append(s.endReason());
        }
        note.setText(text.toString());
    }

    /** What the rows say now (for tests). */
    public LayerRows rows() { return shown; }

    /** The layer bands now shown, outermost first. */
    public List<Region> layerBoxes() { return List.copyOf(rowBoxes); }

    private static String displayName(LayerRows.Row row) {
        String n = HopSummary.layerName(row.layer());
        if (row.band() == LayerRows.Band.OUTER && !row.layer().equals("vxlan") && !row.layer().equals("geneve")) return "outer " + n;
        if (row.band() == LayerRows.Band.INNER) return "inner " + n;
        return n;
    }

    private static Region fields(Layer l, LayerRows.Row row, boolean out) {
        if (l == null) {
            Label none = new Label(out ? "taken off" : row.pushed() ? "put on here" : "—");
            none.getStyleClass().add("layer-none");
            return none;
        }
        FlowPane fields = new FlowPane();
        fields.getStyleClass().add("layer-fields");
        fields.setPrefWrapLength(180);
        for (Map.Entry<String, String> f : l.fields().entrySet()) {
            Label k = new Label(f.getKey());
            k.getStyleClass().add("field-key");
            Label v = new Label(f.getValue());
            v.getStyleClass().add("field-value");
            HBox kv = new HBox(k, v);
            kv.getStyleClass().add("layer-field");
            boolean changed = row.changed().contains(f.getKey());
            kv.pseudoClassStateChanged(out ? CHANGED : WAS, changed);
            fields.getChildren().add(kv);
        }
        fields.setMinWidth(0);
        return fields;
    }
}
