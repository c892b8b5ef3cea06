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
        // the field the user moves to (Tab, a click, a test's requestFocus) scrolls into sight with the line under it
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) scene.focusOwnerProperty().addListener((fo, a, focused) -> reveal(focused));
        });
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

    /**
     * Scrolls the inspector's scroll pane, if it sits in one, so that {@code n} (a field of the
     * form) is in view together with the line under it (where its error shows).
     */
    void reveal(javafx.scene.Node n) {
        if (n == null || !isDescendant(n)) return;
        javafx.scene.control.ScrollPane scroll = null;
        for (javafx.scene.Node p = getParent(); p != null; p = p.getParent())
            if (p instanceof javafx.scene.control.ScrollPane sp) { scroll = sp; break; }
        if (scroll == null || scroll.getContent() == null) return;
        javafx.scene.Node content = scroll.getContent();
        javafx.geometry.Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double below = 28;   // the error line under a field
        double contentH = content.getLayoutBounds().getHeight();
        double viewH = scroll.getViewportBounds().getHeight();
        if (contentH <= viewH || viewH <= 0) return;
        double top = scroll.getVvalue() * (contentH - viewH);
        double want = top;
        if (b.getMinY() < top) want = Math.max(0, b.getMinY() - 8);
        else if (b.getMaxY() + below > top + viewH) want = Math.min(contentH - viewH, b.getMaxY() + below - viewH);
        if (want != top) scroll.setVvalue(want / (contentH - viewH));
    }

    private boolean isDescendant(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) if (p == this) return true;
        return false;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("inspector-hint");
        return l;
    }
}
