package dev.hopscope.ui.matrix;

import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Endpoint;
import dev.hopscope.net.analysis.MatrixRow;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.ui.flags.AnalysisService;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who reaches whom: a grid of the analysis's endpoints, sources down the side and destinations
 * across the top; each cell holds one square per probe the destination answers (icmp, then each
 * listening socket), coloured by disposition ({@code .matrix-square.disp-delivered}, ...). The
 * reason is on hover; a click opens that flow in the simulation panel. Above a size where a grid
 * stops being readable it shows the counts per disposition only.
 */
public final class MatrixView extends BorderPane {
    /** Larger designs show counts instead of a grid. */
    public static final int MAX_GRID = 40;

    private final FlowPane legend = new FlowPane();
    private final Label summary = new Label();
    private final ScrollPane scroll = new ScrollPane();
    private Consumer<MatrixRow> onOpen = r -> {};
    /** The analysis to show, and whether the grid does not show it yet (built only once the view is in a scene). */
    private Analysis latest;
    private boolean stale;

    public MatrixView(AnalysisService service) {
        getStyleClass().add("matrix-view");
        setId("matrix-view");
        legend.getStyleClass().add("matrix-legend");
        summary.getStyleClass().add("matrix-summary");
        scroll.getStyleClass().add("matrix-scroll");
        HBox top = new HBox(summary, legend);
        top.getStyleClass().add("matrix-top");
        top.setAlignment(Pos.CENTER_LEFT);
        setTop(top);
        setCenter(scroll);
        // the matrix view follows the analysis once its matrix is ready, computed off the FX thread;
        // its grid is built once the view is in a scene (its tab was selected), not while nobody can see it
        service.withMatrix().addListener((o, a, now) -> follow(now));
        sceneProperty().addListener((o, was, now) -> {
            if (now != null && stale) follow(latest);
        });
        follow(service.withMatrix().get());
    }

    private void follow(Analysis a) {
        latest = a;
        stale = getScene() == null;
        if (!stale) show(a);
    }

    /** What a click on a square does (the simulation panel traces that flow). */
    public void onOpen(Consumer<MatrixRow> action) { this.onOpen = action; }

    public static String styleClass(Disposition d) {
        return "disp-" + d.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void show(Analysis a) {
        legend.getChildren().clear();
        if (a == null) {
            summary.setText("Analysing…");
            scroll.setContent(null);
            return;
        }
        Map<Disposition, Long> counts = a.matrix().counts();
        long total = a.matrix().size();
        summary.setText(a.endpoints().size() + " endpoints · " + total + " flows");
        for (Map.Entry<Disposition, Long> e : counts.entrySet()) {
            Region sq = square(e.getKey());
            Label l = new Label(e.getKey() + " " + e.getValue(), sq);
            l.getStyleClass().add("legend-entry");
            legend.getChildren().add(l);
        }
        List<Endpoint> eps = a.endpoints();
        if (eps.size() > MAX_GRID) {
            Label big = new Label("Too many endpoints to draw a readable grid (" + eps.size() + "): the counts above are per disposition. "
                    + "Trace a single flow in the Simulation tab.");
            big.getStyleClass().add("matrix-note");
            big.setWrapText(true);
            scroll.setContent(big);
            return;
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("matrix-grid");
        grid.setId("matrix-grid");
        Label corner = new Label("from ↓   to →");
        corner.getStyleClass().add("matrix-corner");
        grid.add(corner, 0, 0);
        for (int j = 0; j < eps.size(); j++) {
            Label h = new Label(eps.get(j).name());
            h.getStyleClass().add("matrix-head");
            h.setTooltip(new Tooltip(eps.get(j).kind() + " " + eps.get(j).name() + " " + String.join(", ", eps.get(j).addresses())));
            grid.add(h, j + 1, 0);
        }
        for (int i = 0; i < eps.size(); i++) {
            Endpoint from = eps.get(i);
            Label h = new Label(from.name());
            h.getStyleClass().addAll("matrix-head", "matrix-row-head");
            grid.add(h, 0, i + 1);
            for (int j = 0; j < eps.size(); j++) {
                Endpoint to = eps.get(j);
                HBox cell = new HBox();
                cell.getStyleClass().add("matrix-cell");
                if (i == j) {
                    cell.getStyleClass().add("matrix-self");
                } else {
                    for (MatrixRow r : a.matrix().between(from.id(), to.id())) cell.getChildren().add(square(r, from, to));
                }
                grid.add(cell, j + 1, i + 1);
            }
        }
        scroll.setContent(grid);
    }

    private static Region square(Disposition d) {
        Region sq = new Region();
        sq.getStyleClass().addAll("matrix-square", styleClass(d));
        return sq;
    }

    private Region square(MatrixRow r, Endpoint from, Endpoint to) {
        Region sq = square(r.disposition());
        sq.setId("cell-" + from.id() + "-" + to.id() + "-" + r.probe().toString().replace('/', '-'));
        String via = r.via() == null || "-".equals(r.via()) ? "" : " via " + r.via();
        Tooltip t = new Tooltip(from.name() + " → " + to.name() + " " + r.probe() + ": " + r.disposition() + via
                + (r.reason() == null ? "" : "\n" + r.reason()) + "\nClick to trace it.");
        t.getStyleClass().add("node-tip");
        Tooltip.install(sq, t);
        sq.setOnMouseClicked(e -> onOpen.accept(r));
        return sq;
    }
}
