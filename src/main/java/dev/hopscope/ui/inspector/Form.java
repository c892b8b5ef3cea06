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
    /** The caption and help labels of each input, greyed with it when the field does not apply. */
    private final java.util.Map<javafx.scene.Node, List<Label>> captions = new java.util.HashMap<>();
    private List<Label> lastCaption = List.of();

    Form(AppState state, String nodeId) {
        this.state = state;
        this.nodeId = nodeId;
        getStyleClass().add("form");
    }

    private Node node() { return state.current().node(nodeId).orElse(null); }

    /** The id of the node this form edits. */
    String nodeId() { return nodeId; }

    /** Brings every field the user is not editing in line with the document. */
    void sync() {
        if (node() == null) return;
        for (Runnable r : syncs) r.run();
    }

    <T> TextInputControl text(String label, String key, String hint, Function<Node, String> show, Parser<T> parser,
                              BiFunction<Node, T, Node> apply) {
        return field(new TextField(), caption(label), help(label), key, hint, show, parser, apply);
    }

    /** A text field whose value is an edit of the whole document (a namespace renamed with what is in it). */
    <T> TextInputControl textEdit(String label, String key, String hint, Function<Node, String> show, Parser<T> parser,
                                  BiFunction<Document, T, Document> edit) {
        return field(new TextField(), caption(label), help(label), key, hint, show, parser, null, edit);
    }

    /** A text field with its caption and help given apart (a network kind's option: label and help text). */
    <T> TextInputControl text(String caption, String help, String key, String hint, Function<Node, String> show, Parser<T> parser,
                              BiFunction<Node, T, Node> apply) {
        return field(new TextField(), caption, help, key, hint, show, parser, apply);
    }

    <T> TextInputControl area(String label, String key, String hint, Function<Node, String> show, Parser<T> parser,
                              BiFunction<Node, T, Node> apply) {
        TextArea a = new TextArea();
        a.setPrefRowCount(3);
        a.setWrapText(false);
        return field(a, caption(label), help(label), key, hint, show, parser, apply);
    }

    private <T> TextInputControl field(TextInputControl input, String caption, String help, String key, String hint, Function<Node, String> show,
                                       Parser<T> parser, BiFunction<Node, T, Node> apply) {
        return field(input, caption, help, key, hint, show, parser, apply, null);
    }

    private <T> TextInputControl field(TextInputControl input, String caption, String help, String key, String hint, Function<Node, String> show,
                                       Parser<T> parser, BiFunction<Node, T, Node> apply, BiFunction<Document, T, Document> edit) {
        String what = shortName(caption);
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
            state.executeEdit("Edit " + what + " of " + current.name(), "field:" + nodeId + ":" + key,
                    d -> edit != null ? edit.apply(d, value) : d.update(nodeId, n -> apply.apply(n, value)));
        });
        syncs.add(() -> {
            if (input.isFocused()) return;
            String want = Objects.toString(show.apply(node()), "");
            if (!want.equals(input.getText())) input.setText(want);
            input.pseudoClassStateChanged(INVALID, false);
            error.setManaged(false);
            error.setVisible(false);
        });
        addCaption(caption, help);
        captions.put(input, lastCaption);
        getChildren().addAll(input, error);
        return input;
    }

    CheckBox check(String label, String key, Function<Node, Boolean> get, BiFunction<Node, Boolean, Node> set) {
        CheckBox box = new CheckBox(label);
        box.setId("field-" + key);
        box.setSelected(Boolean.TRUE.equals(get.apply(node())));
        box.selectedProperty().addListener((o, was, now) -> {
            Node current = node();
            if (current == null || Objects.equals(get.apply(current), now)) return;
            state.executeEdit((now ? "Turn on " : "Turn off ") + shortName(label) + " of " + current.name(), d -> d.update(nodeId, n -> set.apply(n, now)));
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
        return choice(caption(label), help(label), key, values, names, get, set);
    }

    /**
     * A choice whose change is an edit of the whole document (a network moved to another host
     * takes its bar and attachments along), one undoable step.
     */
    <E> ComboBox<E> choiceEdit(String label, String key, List<E> values, Function<E, String> names, Function<Node, E> get,
                               BiFunction<Document, E, Document> edit) {
        return choiceBox(caption(label), help(label), label, key, values, names, get, edit);
    }

    /** A choice with its caption and help given apart. */
    <E> ComboBox<E> choice(String caption, String help, String key, List<E> values, Function<E, String> names, Function<Node, E> get,
                           BiFunction<Node, E, Node> set) {
        return choiceBox(caption, help, caption, key, values, names, get, (d, now) -> d.update(nodeId, n -> set.apply(n, now)));
    }

    /** A choice box whose change is {@code edit} of the document, one undoable step named after {@code label}. */
    private <E> ComboBox<E> choiceBox(String caption, String help, String label, String key, List<E> values, Function<E, String> names,
                                      Function<Node, E> get, BiFunction<Document, E, Document> edit) {
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
            state.executeEdit("Set " + shortName(label) + " of " + current.name() + " to " + (now == null ? "none" : names.apply(now)),
                    d -> edit.apply(d, now));
        });
        syncs.add(() -> {
            E want = get.apply(node());
            if (!Objects.equals(box.getValue(), want)) box.setValue(want);
        });
        addCaption(caption, help);
        captions.put(box, lastCaption);
        getChildren().add(box);
        return box;
    }

    /**
     * Greys a field (and its caption) out while {@code applies} is false for the node, with
     * {@code why} as its tooltip: an ExternalName Service has no ports or selector. Checked again
     * after every change of the document.
     */
    void appliesWhen(javafx.scene.Node input, java.util.function.Predicate<Node> applies, String why) {
        Runnable check = () -> {
            Node n = node();
            boolean on = n != null && applies.test(n);
            input.setDisable(!on);
            for (Label l : captions.getOrDefault(input, List.of())) l.setDisable(!on);
            if (input instanceof javafx.scene.control.Control c)
                c.setTooltip(on ? null : new javafx.scene.control.Tooltip(why));
        };
        check.run();
        syncs.add(check);
    }

    /** Runs after every change of the document, and once now (a part of the form that follows the node). */
    void onSync(Runnable r) {
        r.run();
        syncs.add(r);
    }

    /** Adds a control of the form's own making (a table of rules) under a caption. */
    void custom(String caption, String help, javafx.scene.Node content) {
        addCaption(caption, help);
        captions.put(content, lastCaption);
        getChildren().add(content);
    }

    /** The current node (null when it is gone). */
    Node current() { return node(); }

    /** A line of help under the field added last (a check box's). */
    void helpLine(String text) {
        Label h = new Label(text);
        h.setWrapText(true);
        h.getStyleClass().add("field-help");
        getChildren().add(h);
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

    /**
     * A field's caption, and under it the help that follows the caption's first ": " or " (" in
     * the label ("Networks: one per line, NETWORK [IP] [aliases]" shows "Networks" with its help
     * line), so the help is read once and never repeated in the Edit menu.
     */
    private void addCaption(String caption, String help) {
        Label l = new Label(caption);
        l.getStyleClass().add("field-caption");
        getChildren().add(l);
        lastCaption = List.of(l);
        if (help != null && !help.isEmpty()) {
            Label h = new Label(help);
            h.setWrapText(true);
            h.getStyleClass().add("field-help");
            getChildren().add(h);
            lastCaption = List.of(l, h);
        }
    }

    /** "UDP port (0 = driver default)" → "UDP port"; "Networks: one per line, ..." → "Networks". */
    static String caption(String label) {
        int cut = cut(label);
        return cut < 0 ? label : label.substring(0, cut).strip();
    }

    static String help(String label) {
        int cut = cut(label);
        if (cut < 0) return "";
        String rest = label.substring(cut).strip();
        if (rest.startsWith(":")) rest = rest.substring(1).strip();
        if (rest.startsWith("(") && rest.endsWith(")")) rest = rest.substring(1, rest.length() - 1);
        return rest.isEmpty() ? rest : Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    private static int cut(String label) {
        int colon = label.indexOf(": ");
        int paren = label.indexOf(" (");
        if (colon < 0) return paren;
        if (paren < 0) return colon;
        return Math.min(colon, paren);
    }

    /**
     * How the Edit menu names a field: its caption, lower-cased unless it starts with a name
     * spelled in capitals (MTU, VNI, clusterIP, ip_forward keep theirs): "Edit MTU of host-1",
     * "Edit networks of web".
     */
    static String shortName(String label) {
        String c = caption(label);
        String first = c.split("[ _]")[0];
        boolean keep = first.length() > 1 && !first.substring(1).equals(first.substring(1).toLowerCase(java.util.Locale.ROOT))
                || c.contains("_");
        return keep || c.isEmpty() ? c : Character.toLowerCase(c.charAt(0)) + c.substring(1);
    }
}
