package dev.hopscope.ui.inspector;

import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.ui.AppState;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.collections.SetChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.Optional;

/**
 * The inspector on the right: the attributes of the one selected node as a form. It rebuilds
 * only when the selected node changes identity, so typing in a field is never interrupted.
 */
public final class Inspector extends VBox {
    private final AppState state;
    private final Label heading = new Label();
    private final VBox body = new VBox();
    private String shownId;
    private Form form;

    public Inspector(AppState state, CanvasView canvas) {
        this.state = state;
        getStyleClass().add("inspector");
        setId("inspector");
        heading.getStyleClass().add("inspector-heading");
        body.getStyleClass().add("inspector-body");
        getChildren().addAll(heading, body);
        state.selection().addListener((SetChangeListener<String>) c -> refresh(true));
        state.document().addListener((o, a, d) -> refresh(false));
        refresh(true);
    }

    private void refresh(boolean selectionChanged) {
        Document doc = state.current();
        Optional<Node> one = state.selection().size() == 1 ? doc.node(state.selection().iterator().next()) : Optional.empty();
        if (one.isEmpty()) {
            shownId = null;
            form = null;
            heading.setText(state.selection().isEmpty() ? "Inspector" : state.selection().size() + " nodes selected");
            body.getChildren().setAll(hint(state.selection().isEmpty()
                    ? "Select a node to edit it. Drag from the palette to add one; drag from a node's handle to connect it."
                    : "Select one node to edit its attributes."));
            return;
        }
        Node n = one.get();
        String kind = n instanceof dev.hopscope.model.Network w ? w.networkKind().map(k -> k.title()).orElse(n.kind().label()) : n.kind().label();
        heading.setText(kind + " · " + n.name());
        if (!selectionChanged && n.id().equals(shownId) && form != null) {
            form.sync();
            return;
        }
        shownId = n.id();
        form = Forms.of(state, n.id());
        body.getChildren().setAll(form);
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("inspector-hint");
        return l;
    }
}
