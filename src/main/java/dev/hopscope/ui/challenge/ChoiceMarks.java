package dev.hopscope.ui.challenge;

import dev.hopscope.ui.canvas.CanvasView;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

import java.util.List;
import java.util.Optional;

/**
 * The challenge's marks on the canvas's overlay layer ({@code .challenge-marks}): a numbered
 * badge ({@code .choice-badge}) on each node the learner may pick, and after an answer a ring
 * ({@code .choice-ring}) around the right node ({@code :right}) and around a wrong pick
 * ({@code :wrong}).
 */
final class ChoiceMarks extends Pane {
    static final PseudoClass RIGHT = PseudoClass.getPseudoClass("right");
    static final PseudoClass WRONG = PseudoClass.getPseudoClass("wrong");
    private final CanvasView canvas;

    ChoiceMarks(CanvasView canvas) {
        this.canvas = canvas;
        getStyleClass().add("challenge-marks");
        setId("challenge-marks");
        setManaged(false);
        setMouseTransparent(true);
        setPickOnBounds(false);
        dev.hopscope.ui.sim.Stylesheets.addTo(this);
        canvas.overlayLayer().getChildren().add(this);
    }

    /** Numbers the nodes among the options, 1, 2, ... in their order. */
    void badges(List<String> options) {
        getChildren().clear();
        int n = 0;
        for (String id : options) {
            n++;
            Optional<Bounds> b = canvas.nodeBounds(id);
            if (b.isEmpty()) continue;
            Label badge = new Label(String.valueOf(n));
            badge.getStyleClass().add("choice-badge");
            badge.setId("choice-badge-" + id);
            getChildren().add(badge);
            badge.applyCss();
            badge.autosize();
            badge.relocate(b.get().getMinX() - badge.getWidth() / 3, b.get().getMinY() - badge.getHeight() / 2);
        }
        toFront();
    }

    /** After an answer: a ring round the right node, and round the pick when it was wrong. */
    void rings(String right, String picked) {
        getChildren().clear();
        ring(right, RIGHT);
        if (picked != null && !picked.equals(right)) ring(picked, WRONG);
        toFront();
    }

    private void ring(String id, PseudoClass state) {
        canvas.nodeBounds(id).ifPresent(b -> {
            Rectangle r = new Rectangle(b.getMinX() - 5, b.getMinY() - 5, b.getWidth() + 10, b.getHeight() + 10);
            r.getStyleClass().add("choice-ring");
            r.setId("choice-ring-" + id);
            r.pseudoClassStateChanged(state, true);
            getChildren().add(r);
        });
    }

    void clear() { getChildren().clear(); }
}
