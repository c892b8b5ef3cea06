package dev.hopscope.ui.inspector;

import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.ui.AppState;
import javafx.css.PseudoClass;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A form over one node: each field shows an attribute and, as the user types, parses the text;
 * a valid value is applied as an undoable edit (keystrokes in one field merge into one step), an
 * invalid one marks the field {@code :invalid}, shows why underneath, and changes nothing.
 * When the document changes elsewhere (undo), fields the user is not typing in follow it.
 */
final class Form extends VBox {
    static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    /** Reads what the user typed; throws IllegalArgumentException with a message when it is wrong. */
    interface Parser<T> {
        T parse(String text, Document doc);
    }

    private final AppState state;
    private final String nodeId;
    private final List<Runnable> syncs = new ArrayList<>();

    Form(AppState state, String nodeId) {
        this.state = state;
        this.nodeId = nodeId;
        getStyleClass().add("form");
    }

    private Node node() { return state.current().node(nodeId).orElse(null); }

    /** Brings every field the user is not editing in line with the document. */
    void sync() {
        if (node() == null) return;
        for (Runnable r : syncs) r.run();
    }

    <T> TextInputControl text(String label, String key, String hint, Function<Node, String> show, Parser<T> parser,
                              BiFunction<Node, T, Node> apply) {
        return field(new TextField(), label, key, hint, show, parser, apply);
    }

    <T> TextInputControl area(String label, String key, String hint, Function<Node, String> show, Parser<T> parser,
                              BiFunction<Node, T, Node> apply) {
        TextArea a = new TextArea();
        a.setPrefRowCount(3);
        a.setWrapText(false);
        return field(a, label, key, hint, show, parser, apply);
    }

    private <T> TextInputControl field(TextInputControl input, String label, String key, String hint, Function<Node, String> show,
                                       Parser<T> parser, BiFunction<Node, T, Node> apply) {
        Label caption = caption(label);
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        input.setId("field-" + key);
        input.getStyleClass().add("field");
        if (hint != null) input.setPromptText(hint);
        String initial = Objects.toString(show.apply(node()), "");
        input.setText(initial);
        input.textProperty().addListener((o, was, now) -> {
            if (!input.isFocused() && Objects.equals(now, Objects.toString(show.apply(node()), ""))) return;
            T value;
            try {
                value = parser.parse(now, state.current());
            } catch (IllegalArgumentException ex) {
                input.pseudoClassStateChanged(INVALID, true);
                error.setText(ex.getMessage());
                error.setManaged(true);
                error.setVisible(true);
                return;
            }
            input.pseudoClassStateChanged(INVALID, false);
            error.setManaged(false);
            error.setVisible(false);
            Node current = node();
            if (current == null) return;
            state.executeEdit("Edit " + label.toLowerCase() + " of " + current.name(), "field:" + nodeId + ":" + key,
                    d -> d.update(nodeId, n -> apply.apply(n, value)));
        });
        syncs.add(() -> {
            if (input.isFocused()) return;
            String want = Objects.toString(show.apply(node()), "");
            if (!want.equals(input.getText())) input.setText(want);
            input.pseudoClassStateChanged(INVALID, false);
            error.setManaged(false);
            error.setVisible(false);
        });
        getChildren().addAll(caption, input, error);
        return input;
    }

    CheckBox check(String label, String key, Function<Node, Boolean> get, BiFunction<Node, Boolean, Node> set) {
        CheckBox box = new CheckBox(label);
        box.setId("field-" + key);
        box.setSelected(Boolean.TRUE.equals(get.apply(node())));
        box.selectedProperty().addListener((o, was, now) -> {
            Node current = node();
            if (current == null || Objects.equals(get.apply(current), now)) return;
            state.executeEdit((now ? "Turn on " : "Turn off ") + label + " of " + current.name(), d -> d.update(nodeId, n -> set.apply(n, now)));
        });
        syncs.add(() -> {
            boolean want = Boolean.TRUE.equals(get.apply(node()));
            if (box.isSelected() != want) box.setSelected(want);
        });
        getChildren().add(box);
        return box;
    }

    <E> ComboBox<E> choice(String label, String key, List<E> values, Function<E, String> names, Function<Node, E> get,
                           BiFunction<Node, E, Node> set) {
        ComboBox<E> box = new ComboBox<>();
        box.setId("field-" + key);
        box.getItems().setAll(values);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override public String toString(E e) { return e == null ? "" : names.apply(e); }
            @Override public E fromString(String s) { return null; }
        });
        box.setValue(get.apply(node()));
        box.valueProperty().addListener((o, was, now) -> {
            Node current = node();
            if (current == null || Objects.equals(get.apply(current), now)) return;
            state.executeEdit("Set " + label.toLowerCase() + " of " + current.name() + " to " + (now == null ? "none" : names.apply(now)),
                    d -> d.update(nodeId, n -> set.apply(n, now)));
        });
        syncs.add(() -> {
            E want = get.apply(node());
            if (!Objects.equals(box.getValue(), want)) box.setValue(want);
        });
        getChildren().addAll(caption(label), box);
        return box;
    }

    void note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("form-note");
        getChildren().add(l);
    }

    void section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-section");
        getChildren().add(l);
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-caption");
        return l;
    }
}
