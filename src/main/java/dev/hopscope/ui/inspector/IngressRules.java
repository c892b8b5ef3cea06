package dev.hopscope.ui.inspector;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Service;
import dev.hopscope.model.edit.KubeObjects;
import dev.hopscope.model.edit.KubeObjects.RuleRow;
import dev.hopscope.ui.AppState;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An Ingress's rules as a small table, one row per path: host (empty: every host), path, path
 * type, then the Service and its port the path goes to. The inspector is narrow, so a row takes two
 * lines: {@code host  path  type} over {@code → service  port  ✕}. Every cell checks what is typed
 * as the other fields do (a host is a DNS name, a path starts with '/', the Service exists in the
 * Ingress's namespace with that port) and applies a good value as one undoable step; "Add a path"
 * and ✕ are one step each. Ids: {@code rule-N-host}, {@code -path}, {@code -type}, {@code -service},
 * {@code -port}, {@code -remove} (N from 0), {@code rule-add}, {@code rule-error}.
 */
final class IngressRules extends VBox {
    private final AppState state;
    private final String id;
    private final GridPane grid = new GridPane();
    private final Label error = new Label();
    private final List<Runnable> syncs = new ArrayList<>();
    private int shownRows = -1;

    IngressRules(AppState state, String id) {
        this.state = state;
        this.id = id;
        getStyleClass().add("ingress-rules");
        setId("ingress-rules");
        grid.getStyleClass().add("rules-grid");
        grid.setHgap(4);
        grid.setVgap(3);
        ColumnConstraints wide = new ColumnConstraints();
        wide.setHgrow(Priority.ALWAYS);
        wide.setPercentWidth(44);
        ColumnConstraints mid = new ColumnConstraints();
        mid.setHgrow(Priority.ALWAYS);
        mid.setPercentWidth(30);
        ColumnConstraints narrow = new ColumnConstraints();
        narrow.setPercentWidth(26);
        grid.getColumnConstraints().addAll(wide, mid, narrow);
        error.getStyleClass().add("field-error");
        error.setId("rule-error");
        error.setWrapText(true);
        hideError();
        Button add = new Button("Add a path", new FontIcon("mdi2p-plus"));
        add.setId("rule-add");
        add.getStyleClass().add("rule-add");
        add.setOnAction(e -> {
            Ingress in = ingress();
            if (in == null) return;
            state.executeEdit("Add a path to Ingress " + in.name(), d -> d.update(id, n -> {
                Ingress i = (Ingress) n;
                List<RuleRow> rows = new ArrayList<>(KubeObjects.rows(i));
                rows.add(KubeObjects.newRow(d, i));
                return KubeObjects.withRows(i, rows);
            }));
        });
        getChildren().addAll(grid, error, add);
        sync();
    }

    private Ingress ingress() { return state.current().get(id, Ingress.class).orElse(null); }

    private List<RuleRow> rows() {
        Ingress in = ingress();
        return in == null ? List.of() : KubeObjects.rows(in);
    }

    /** Follows the document: the table is made again when the number of rows changed, else each cell not being typed in follows. */
    void sync() {
        List<RuleRow> rows = rows();
        if (rows.size() != shownRows) build(rows.size());
        for (Runnable r : syncs) r.run();
    }

    private void build(int count) {
        shownRows = count;
        syncs.clear();
        grid.getChildren().clear();
        hideError();
        if (count == 0) {
            Label none = new Label("No rules: every request goes to the default backend, or the controller answers 404.");
            none.setWrapText(true);
            none.getStyleClass().add("field-help");
            grid.add(none, 0, 0, 3, 1);
            return;
        }
        grid.add(head("Host"), 0, 0);
        grid.add(head("Path"), 1, 0);
        grid.add(head("Type"), 2, 0);
        grid.add(head("→ Service"), 0, 1);
        grid.add(head("Port"), 1, 1);
        for (int i = 0; i < count; i++) {
            final int row = i;
            int y = 2 + 2 * i;
            TextField host = cell(row, "host", "any host", r -> r.host() == null ? "" : r.host(), this::host, RuleRow::withHost);
            // a little room above each row's first line, so that the two lines of a row read as one
            if (i > 0) GridPane.setMargin(host, new javafx.geometry.Insets(6, 0, 0, 0));
            grid.add(host, 0, y);
            grid.add(cell(row, "path", "/", RuleRow::path, IngressRules::path, RuleRow::withPath), 1, y);
            grid.add(type(row), 2, y);
            grid.add(cell(row, "service", "service", RuleRow::service, (s, r) -> service(s, r), (r, v) -> v), 0, y + 1);
            grid.add(cell(row, "port", "port", r -> r.portName() != null ? r.portName() : Integer.toString(r.port()),
                    (s, r) -> port(s, r), (r, v) -> v), 1, y + 1);
            Button remove = new Button(null, new FontIcon("mdi2c-close"));
            remove.setId("rule-" + row + "-remove");
            remove.getStyleClass().add("rule-remove");
            remove.setTooltip(new Tooltip("Remove this path"));
            remove.setOnAction(e -> {
                Ingress in = ingress();
                if (in == null || row >= KubeObjects.rows(in).size()) return;
                RuleRow r = KubeObjects.rows(in).get(row);
                state.executeEdit("Remove path " + r.path() + " of Ingress " + in.name(), d -> d.update(id, n -> {
                    List<RuleRow> rows = new ArrayList<>(KubeObjects.rows((Ingress) n));
                    rows.remove(row);
                    return KubeObjects.withRows((Ingress) n, rows);
                }));
            });
            grid.add(remove, 2, y + 1);
        }
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("rules-head");
        return l;
    }

    /** Reads a cell's text for a row; throws IllegalArgumentException with the reason. */
    private interface CellParser<T> {
        T parse(String text, RuleRow row);
    }

    /**
     * A text cell: {@code parse} reads the text (with the row it belongs to), {@code apply} puts
     * the value in the row (for the Service and port cells, the parser returns the whole new row).
     */
    private <T> TextField cell(int row, String key, String prompt, Function<RuleRow, String> show, CellParser<T> parse,
                               BiFunction<RuleRow, T, RuleRow> apply) {
        TextField f = new TextField();
        f.setId("rule-" + row + "-" + key);
        f.getStyleClass().addAll("field", "rule-cell");
        f.setPromptText(prompt);
        f.setMaxWidth(Double.MAX_VALUE);
        f.textProperty().addListener((o, was, now) -> {
            List<RuleRow> rows = rows();
            if (row >= rows.size()) return;
            RuleRow current = rows.get(row);
            if (!f.isFocused() && Objects.equals(now, show.apply(current))) return;
            T value;
            try {
                value = parse.parse(now, current);
            } catch (IllegalArgumentException ex) {
                f.pseudoClassStateChanged(Form.INVALID, true);
                showError(ex.getMessage());
                return;
            }
            f.pseudoClassStateChanged(Form.INVALID, false);
            hideError();
            RuleRow next = apply.apply(current, value);
            if (next.equals(current)) return;
            Ingress in = ingress();
            state.executeEdit("Edit the " + key + " of path " + (row + 1) + " of Ingress " + in.name(), "field:" + id + ":rule-" + row + "-" + key,
                    d -> d.update(id, n -> {
                        List<RuleRow> all = new ArrayList<>(KubeObjects.rows((Ingress) n));
                        if (row < all.size()) all.set(row, next);
                        return KubeObjects.withRows((Ingress) n, all);
                    }));
        });
        syncs.add(() -> {
            List<RuleRow> rows = rows();
            if (f.isFocused() || row >= rows.size()) return;
            String want = show.apply(rows.get(row));
            if (!want.equals(f.getText())) f.setText(want);
            f.pseudoClassStateChanged(Form.INVALID, false);
        });
        return f;
    }

    private ComboBox<Ingress.PathType> type(int row) {
        ComboBox<Ingress.PathType> box = new ComboBox<>();
        box.setId("rule-" + row + "-type");
        box.getStyleClass().add("rule-cell");
        box.getItems().setAll(Arrays.asList(Ingress.PathType.values()));
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override public String toString(Ingress.PathType t) { return t == null ? "" : t.label(); }
            @Override public Ingress.PathType fromString(String s) { return null; }
        });
        box.setTooltip(new Tooltip("Prefix: the path and everything under it (/api matches /api/x, not /apix); Exact: the path only"));
        box.valueProperty().addListener((o, was, now) -> {
            List<RuleRow> rows = rows();
            if (now == null || row >= rows.size() || rows.get(row).pathType() == now) return;
            Ingress in = ingress();
            state.executeEdit("Set the type of path " + rows.get(row).path() + " of Ingress " + in.name() + " to " + now.label(),
                    d -> d.update(id, n -> {
                        List<RuleRow> all = new ArrayList<>(KubeObjects.rows((Ingress) n));
                        if (row < all.size()) all.set(row, all.get(row).withPathType(now));
                        return KubeObjects.withRows((Ingress) n, all);
                    }));
        });
        syncs.add(() -> {
            List<RuleRow> rows = rows();
            if (row < rows.size() && box.getValue() != rows.get(row).pathType()) box.setValue(rows.get(row).pathType());
        });
        return box;
    }

    private String host(String s, RuleRow row) {
        String t = s.trim();
        if (t.isEmpty()) return null;
        if (Ipv4.isValid(t)) throw new IllegalArgumentException("an Ingress host is a name, not an address: leave it empty for every host");
        return Parsers.dnsName(t, true);
    }

    static String path(String s, RuleRow row) {
        String t = s.trim();
        if (t.isEmpty() || !t.startsWith("/")) throw new IllegalArgumentException("a path starts with '/', e.g. /api");
        if (t.chars().anyMatch(Character::isWhitespace)) throw new IllegalArgumentException("a path has no spaces");
        return t;
    }

    /** A Service of the Ingress's namespace; when it lacks the row's port, the row takes its first port. */
    private RuleRow service(String s, RuleRow row) {
        String name = Parsers.dnsLabel(s, "Service");
        Document doc = state.current();
        Ingress in = ingress();
        String why = KubeObjects.backendProblem(doc, in.namespace(), name, row.port(), row.portName());
        if (why == null) return row.withService(name);
        Service svc = doc.all(Service.class).stream().filter(x -> x.namespace().equals(in.namespace()) && x.name().equals(name)).findFirst().orElse(null);
        if (svc == null || svc.ports().isEmpty()) throw new IllegalArgumentException(why);
        return row.withService(name).withPort(svc.ports().get(0).port(), null);
    }

    private RuleRow port(String s, RuleRow row) {
        Object ref = Parsers.servicePortRef(s);
        int number = ref instanceof Integer n ? n : 0;
        String name = ref instanceof String n ? n : null;
        String why = KubeObjects.backendProblem(state.current(), ingress().namespace(), row.service(), number, name);
        if (why != null) throw new IllegalArgumentException(why);
        return row.withPort(number, name);
    }

    private void showError(String text) {
        error.setText(text);
        error.setManaged(true);
        error.setVisible(true);
    }

    private void hideError() {
        error.setManaged(false);
        error.setVisible(false);
    }
}
