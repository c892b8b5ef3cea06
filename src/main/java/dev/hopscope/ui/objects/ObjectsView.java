package dev.hopscope.ui.objects;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.edit.Edits;
import dev.hopscope.model.edit.KubeObjects;
import dev.hopscope.model.edit.Outcome;
import dev.hopscope.ui.AppState;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Kubernetes objects of the design that the canvas does not draw, one row each: Namespaces,
 * Ingresses and NetworkPolicies, with their namespace and what they say in a few words
 * ("shop.example.com/api → api:80"). Selecting a row selects the object, so the inspector shows
 * its form; New namespace and New Ingress add one (as the palette's entries do), Delete (or the
 * Delete key) removes the selected one; each is one undoable step. When an object is selected
 * elsewhere (added from the palette), the tab comes to the front.
 */
public final class ObjectsView extends VBox {
    private final AppState state;
    private final TableView<Node> table = new TableView<>();
    private boolean syncing;

    public ObjectsView(AppState state) {
        this.state = state;
        getStyleClass().add("objects-view");
        setId("objects-view");
        Button ns = button("New namespace", "mdi2f-folder-outline", "objects-add-namespace", "Add a namespace with labels for NetworkPolicies' namespaceSelector");
        ns.setOnAction(e -> add(KubeObjects.addNamespace(state.current())));
        Button in = button("New Ingress", "mdi2r-routes", "objects-add-ingress", "Add an Ingress served by ingress-nginx's controller pods");
        in.setOnAction(e -> add(KubeObjects.addIngress(state.current())));
        Button delete = button("Delete", "mdi2d-delete-outline", "objects-delete", "Delete the selected object");
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> deleteSelected());
        Label hint = new Label("Kubernetes objects the canvas does not draw: select one to edit it in the inspector.");
        hint.getStyleClass().add("objects-hint");
        hint.setMinWidth(0);
        HBox bar = new HBox(6, ns, in, delete, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("objects-bar");

        table.setId("objects-table");
        table.getStyleClass().add("objects-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No namespaces, Ingresses or NetworkPolicies yet: add one from the palette's Kubernetes section or with the buttons above."));
        table.getColumns().addAll(List.of(
                column("kind", ObjectsView::kind, 110),
                column("name", Node::name, 150),
                column("namespace", n -> n instanceof KubeNamespace ? "" : orEmpty(KubeObjects.namespaceOf(n)), 110),
                column("what", ObjectsView::summary, 420)));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, n) -> {
            if (syncing || n == null) return;
            if (!(state.selection().size() == 1 && state.selection().contains(n.id()))) state.select(List.of(n.id()));
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                deleteSelected();
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);

        state.document().addListener((o, a, d) -> fill(d));
        state.selection().addListener((SetChangeListener<String>) c -> follow());
        fill(state.current());
    }

    /** The rows now listed (for tests and the tab's title). */
    public javafx.collections.ObservableList<Node> rows() { return table.getItems(); }

    public TableView<Node> table() { return table; }

    /** The objects of a document the tab lists: namespaces, then Ingresses, then NetworkPolicies, each in document order. */
    public static List<Node> objects(Document d) {
        List<Node> out = new ArrayList<>();
        if (d == null) return out;
        out.addAll(d.all(KubeNamespace.class));
        out.addAll(d.all(Ingress.class));
        out.addAll(d.all(NetworkPolicy.class));
        return out;
    }

    private void fill(Document d) {
        List<Node> want = objects(d);
        if (want.equals(table.getItems())) return;
        syncing = true;
        try {
            table.getItems().setAll(want);
        } finally {
            syncing = false;
        }
        follow();
    }

    /** The row of the one selected object is selected; anything else selected clears the table's selection. */
    private void follow() {
        syncing = true;
        try {
            String one = state.selection().size() == 1 ? state.selection().iterator().next() : null;
            Node row = one == null ? null : table.getItems().stream().filter(n -> n.id().equals(one)).findFirst().orElse(null);
            if (row == null) table.getSelectionModel().clearSelection();
            else if (table.getSelectionModel().getSelectedItem() == null || !table.getSelectionModel().getSelectedItem().id().equals(one)) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                showTab();
            }
        } finally {
            syncing = false;
        }
    }

    /** Brings this tab to the front (an object added from the palette is listed here, not drawn). */
    private void showTab() {
        for (javafx.scene.Node p = getParent(); p != null; p = p.getParent())
            if (p instanceof javafx.scene.control.TabPane pane) {
                for (javafx.scene.control.Tab t : pane.getTabs())
                    if (t.getContent() == this && pane.getSelectionModel().getSelectedItem() != t) pane.getSelectionModel().select(t);
                return;
            }
    }

    private void add(Outcome o) {
        if (state.apply(o)) {
            Document d = state.current();
            state.select(List.of(d.nodes().get(d.nodes().size() - 1).id()));
        }
    }

    private void deleteSelected() {
        Node n = table.getSelectionModel().getSelectedItem();
        if (n == null) return;
        state.executeEdit("Delete " + kind(n).toLowerCase(java.util.Locale.ROOT) + " " + n.name(), d -> Edits.delete(d, List.of(n.id())));
    }

    static String kind(Node n) {
        if (n instanceof KubeNamespace) return "Namespace";
        if (n instanceof Ingress) return "Ingress";
        if (n instanceof NetworkPolicy) return "NetworkPolicy";
        return n.kind().label();
    }

    /** A few words of what the object says. */
    static String summary(Node n) {
        if (n instanceof KubeNamespace ns)
            return ns.labels().isEmpty() ? "no labels of its own" : labels(ns.labels());
        if (n instanceof Ingress in) {
            List<String> parts = new ArrayList<>();
            for (KubeObjects.RuleRow r : KubeObjects.rows(in))
                parts.add((r.host() == null ? "" : r.host()) + r.path() + (r.pathType() == Ingress.PathType.EXACT ? " (exact)" : "") + " → " + r.backend());
            if (in.defaultBackend() != null) parts.add("else → " + in.defaultBackend());
            return (parts.isEmpty() ? "no rules" : String.join("; ", parts)) + " · controller " + labels(in.controller());
        }
        if (n instanceof NetworkPolicy p) {
            List<String> dirs = new ArrayList<>();
            if (p.ingressIsolated()) dirs.add("ingress (" + rules(p.ingress().size()) + ")");
            if (p.egressIsolated()) dirs.add("egress (" + rules(p.egress().size()) + ")");
            String who = p.podSelector().isEmpty() && p.podSelectorExpressions().isEmpty() ? "every pod" : "pods " + labels(p.podSelector())
                    + (p.podSelectorExpressions().isEmpty() ? "" : (p.podSelector().isEmpty() ? "" : ", ") + p.podSelectorExpressions().size() + " expression(s)");
            return "isolates " + who + (dirs.isEmpty() ? ": no direction" : ": " + String.join(", ", dirs));
        }
        return "";
    }

    private static String rules(int n) { return n == 0 ? "nothing allowed" : n == 1 ? "1 rule" : n + " rules"; }

    private static String labels(java.util.Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    private static TableColumn<Node, String> column(String title, Function<Node, String> f, double width) {
        TableColumn<Node, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setSortable(false);
        c.setPrefWidth(width);
        return c;
    }

    private static Button button(String text, String icon, String id, String tip) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        return b;
    }
}
