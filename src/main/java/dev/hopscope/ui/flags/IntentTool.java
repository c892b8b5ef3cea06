package dev.hopscope.ui.flags;

import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Service;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.scene.control.ToggleButton;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.function.Function;

/**
 * The "expect a flow" tool: while on, a click on one endpoint and then on another adds an intent
 * between them (the probe of the simulation panel, expected reachable) as one undoable edit and
 * selects it, so the inspector edits its probe and expectation. The probe comes from
 * {@code probe}, given the destination (the simulation panel's, when the destination listens on it). The canvas then draws it as a
 * dashed arrow, green while it holds and red when not.
 */
public final class IntentTool extends ToggleButton {
    private final AppState state;
    private final Function<Node, Probe> probe;
    private String from;

    public IntentTool(AppState state, CanvasView canvas, Function<Node, Probe> probe) {
        super("Expect flow", new FontIcon("mdi2a-arrow-right-thick"));
        this.state = state;
        this.probe = probe;
        getStyleClass().add("intent-tool");
        setId("intent-tool");
        dev.hopscope.ui.HoverTip.install(this, "Draw an expected flow: click the source endpoint, then the destination");
        selectedProperty().addListener((o, was, on) -> {
            from = null;
            if (on) state.message().set("Expect flow: click the source endpoint");
        });
        canvas.onNodeClicked(this::clicked);
    }

    private void clicked(String id) {
        if (!isSelected()) return;
        Document doc = state.current();
        Node n = doc.node(id).orElse(null);
        if (n == null) return;
        if (from == null) {
            if (!(n instanceof Container || n instanceof Pod || n instanceof External || n instanceof Host)) {
                state.message().set("Expect flow: " + n.name() + " cannot send; click a container, pod, host or external");
                return;
            }
            from = n.id();
            state.message().set("Expect flow from " + n.name() + ": now click the destination");
            return;
        }
        if (n.id().equals(from) || !(n instanceof Container || n instanceof Pod || n instanceof External || n instanceof Host || n instanceof Service)) {
            state.message().set("Expect flow: click another endpoint as the destination");
            return;
        }
        String src = doc.node(from).map(Node::name).orElse(from);
        Probe p;
        try {
            p = probe.apply(n);
        } catch (IllegalArgumentException ex) {
            p = Probe.icmp();
        }
        String intentId = doc.freshId("expect");
        Intent intent = new Intent(intentId, intentId, src, n.name(), p, Intent.Expect.REACHABLE);
        if (state.executeEdit("Expect " + src + " → " + n.name() + " " + p, d -> d.with(intent))) {
            state.select(List.of(intentId));
            state.message().set("Expecting " + src + " → " + n.name() + " " + p + " reachable: edit it in the inspector");
        }
        from = null;
        setSelected(false);
    }
}
