package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.HeaderChange;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The current hop's packet as a stack of header layers, outermost first. Around a VXLAN packet the
 * outer layers are marked {@code .outer} and the inner frame {@code .inner} (indented); a layer
 * this hop added is {@code :added}, a field it rewrote {@code :changed}. Under the stack, the
 * hop's sentence.
 */
public final class HeaderView extends VBox {
    static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");

    private final Label caption = new Label("No packet yet: choose a flow and press Trace.");
    private final VBox stack = new VBox();
    private final Label note = new Label();

    public HeaderView() {
        getStyleClass().add("header-view");
        setId("header-view");
        caption.getStyleClass().add("header-caption");
        stack.getStyleClass().add("layer-stack");
        note.getStyleClass().add("hop-note");
        note.setId("hop-note");
        note.setWrapText(true);
        getChildren().addAll(caption, stack, note);
    }

    /** Shows a step (null clears). */
    public void show(Step s) {
        stack.getChildren().clear();
        if (s == null) {
            caption.setText("No packet yet: choose a flow and press Trace.");
            note.setText("");
            return;
        }
        Hop h = s.hop();
        caption.setText((s.reply() ? "Reply" : "Request") + " · hop " + h.n() + " · " + h.step());
        List<Layer> layers = h.layers();
        int vx = -1;
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).layer().equals("vxlan")) { vx = i; break; }
        Set<Integer> pushed = new HashSet<>();
        Set<String> rewritten = new HashSet<>();
        for (HeaderChange c : h.changes()) {
            if (c instanceof HeaderChange.Pushed p) pushed.add(p.layer());
            else if (c instanceof HeaderChange.Field f) rewritten.add(f.layer() + "." + f.field());
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean outer = vx >= 0 && i <= vx;
            boolean inner = vx >= 0 && i > vx;
            VBox box = new VBox();
            box.getStyleClass().addAll("layer", "layer-" + l.layer());
            if (outer) box.getStyleClass().add("outer");
            if (inner) box.getStyleClass().add("inner");
            box.pseudoClassStateChanged(ADDED, pushed.contains(i));
            Label name = new Label((outer && !l.layer().equals("vxlan") ? "outer " : inner ? "inner " : "") + HopSummary.layerName(l.layer()));
            name.getStyleClass().add("layer-name");
            FlowPane fields = new FlowPane();
            fields.getStyleClass().add("layer-fields");
            for (Map.Entry<String, String> f : l.fields().entrySet()) {
                Label k = new Label(f.getKey());
                k.getStyleClass().add("field-key");
                Label v = new Label(f.getValue());
                v.getStyleClass().add("field-value");
                HBox kv = new HBox(k, v);
                kv.getStyleClass().add("layer-field");
                kv.pseudoClassStateChanged(CHANGED, rewritten.contains(i + "." + f.getKey()));
                fields.getChildren().add(kv);
            }
            HBox row = new HBox(name, fields);
            if (pushed.contains(i)) {
                Label badge = new Label("added here");
                badge.getStyleClass().add("layer-badge");
                row.getChildren().add(badge);
            }
            row.getStyleClass().add("layer-row");
            box.getChildren().add(row);
            stack.getChildren().add(box);
        }
        StringBuilder text = new StringBuilder(h.note() == null ? "" : h.note());
        if (s.last()) {
            text.append(text.length() > 0 ? "\n\n" : "").append(s.reply() ? "Reply: " : "Request: ").append(s.end());
            if (s.endReason() != null && !s.endReason().isBlank()) text.append(" — ").append(s.endReason());
        }
        note.setText(text.toString());
    }

    /** The layer boxes now shown, outermost first (for tests and the glyph's envelope). */
    public List<javafx.scene.Node> layerBoxes() { return stack.getChildren(); }
}
