package dev.hopscope.ui.sim;

import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.net.trace.Alternative;
import dev.hopscope.net.trace.Branch;
import dev.hopscope.net.trace.Trace;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The choices a trace made that the learner may make otherwise ({@code #route-choices}): the ways
 * to reach the destination the trace considered ("web via h1:8080", "web's own address
 * 172.17.0.2:80 on docker0", each with how far it got), and, where the flow passed a Service with
 * several endpoints, which endpoint to follow. Shown only when there is a choice; picking one
 * traces the flow that way.
 */
public final class RouteChoices extends FlowPane {
    private final ComboBox<Alternative> ways = new ComboBox<>();
    private final ComboBox<Branch> branches = new ComboBox<>();
    private final HBox wayBox;
    private final HBox branchBox;
    private boolean filling;
    private Document doc;

    public RouteChoices(Consumer<Alternative> onWay, Consumer<Branch> onBranch) {
        getStyleClass().add("route-choices");
        setId("route-choices");
        Label wayCaption = new Label("sent to");
        wayCaption.getStyleClass().add("sim-caption");
        ways.setId("route-ways");
        ways.setTooltip(new Tooltip("The ways to reach the destination this trace considered; pick one to trace it that way"));
        ways.setCellFactory(v -> new WayCell());
        ways.setButtonCell(new WayCell());
        ways.valueProperty().addListener((o, was, now) -> { if (!filling && now != null) onWay.accept(now); });
        Label branchCaption = new Label("Service endpoint");
        branchCaption.getStyleClass().add("sim-caption");
        branches.setId("route-branches");
        branches.setTooltip(new Tooltip("kube-proxy picks one endpoint per connection: pick which one this trace follows"));
        branches.setCellFactory(v -> new BranchCell());
        branches.setButtonCell(new BranchCell());
        branches.valueProperty().addListener((o, was, now) -> { if (!filling && now != null && !now.followed()) onBranch.accept(now); });
        wayBox = new HBox(wayCaption, ways);
        branchBox = new HBox(branchCaption, branches);
        wayBox.getStyleClass().add("route-choice");
        branchBox.getStyleClass().add("route-choice");
        wayBox.setAlignment(Pos.CENTER_LEFT);
        branchBox.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(wayBox, branchBox);
        show(null, null);
    }

    /** Shows the choices of a trace (null hides them). */
    public void show(Trace t, Document d) {
        this.doc = d;
        filling = true;
        try {
            List<Alternative> alts = t == null ? List.of() : t.alternatives();
            boolean manyWays = alts.size() > 1;
            ways.getItems().setAll(alts);
            Alternative taken = null;
            if (t != null && t.target().isPresent())
                for (Alternative a : alts) if (sameTarget(a, t)) { taken = a; break; }
            ways.setValue(taken);
            show(wayBox, manyWays);
            List<Branch> bs = t == null ? List.of() : t.branches();
            branches.getItems().setAll(bs);
            branches.setValue(t == null ? null : t.branch().orElse(null));
            show(branchBox, bs.size() > 1);
            String by = t == null ? null : dev.hopscope.net.trace.Narrator.chooser(t);
            branches.getTooltip().setText((by != null ? by : "kube-proxy") + " picks one endpoint per connection: pick which one this trace follows");
            boolean any = manyWays || bs.size() > 1;
            setVisible(any);
            setManaged(any);
        } finally {
            filling = false;
        }
    }

    public ComboBox<Alternative> ways() { return ways; }

    public ComboBox<Branch> branches() { return branches; }

    private static boolean sameTarget(Alternative a, Trace t) {
        var x = a.target();
        var y = t.target().get();
        return x.address().equals(y.address()) && x.port() == y.port() && Objects.equals(x.how(), y.how());
    }

    private static void show(HBox box, boolean on) {
        box.setVisible(on);
        box.setManaged(on);
    }

    private String name(String id) { return doc == null ? id : doc.node(id).map(Node::name).orElse(id); }

    private static final class WayCell extends ListCell<Alternative> {
        @Override protected void updateItem(Alternative a, boolean empty) {
            super.updateItem(a, empty);
            setText(empty || a == null ? null : a.label() + a.outcome().map(d -> " — " + d).orElse(" — not tried"));
        }
    }

    private final class BranchCell extends ListCell<Branch> {
        @Override protected void updateItem(Branch b, boolean empty) {
            super.updateItem(b, empty);
            setText(empty || b == null ? null : name(b.endpoint()) + " — " + b.disposition());
        }
    }
}
