package dev.hopscope.ui;

import dev.hopscope.model.Document;
import dev.hopscope.model.Problem;
import dev.hopscope.model.Validator;
import dev.hopscope.ui.canvas.CanvasView;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

import java.util.List;

/**
 * The structural problems of the document (a bad CIDR, a dangling reference), live as the user
 * edits; a click selects the node concerned. Network verdicts are not computed here.
 */
final class ProblemsView extends ListView<Problem> {
    ProblemsView(AppState state, CanvasView canvas) {
        getStyleClass().add("problems");
        setPlaceholder(new javafx.scene.control.Label("No problems: the document is well formed."));
        setCellFactory(v -> new ListCell<>() {
            @Override protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.toString());
            }
        });
        getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null && p.node() != null && state.current().node(p.node()).isPresent()) state.select(List.of(p.node()));
        });
        state.document().addListener((o, a, d) -> show(d));
        show(state.current());
    }

    private void show(Document d) {
        getItems().setAll(Validator.validate(d));
    }
}
