package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.scene.NodeSpec;
import dev.hopscope.model.scene.NodeText;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;

/**
 * The view of one document node, showing its {@link NodeSpec}: a box in canvas units, a kind
 * icon, a title and a few lines. Style classes: {@code node} plus the kind ({@code host},
 * {@code bridge}, ...) and {@code tone-N} for a bridge's or overlay's colour; state by
 * pseudo-classes {@code :selected}, {@code :unreachable}, {@code :hop-active}, {@code :drop-target}.
 * Every view carries a connect handle ({@code .handle}) that a drag starts a link from, and may
 * carry a finding's badge ({@code .finding-badge}) on its top-right corner.
 */
public abstract class NodeView extends Pane {

    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");
    public static final PseudoClass HOP_ACTIVE = PseudoClass.getPseudoClass("hop-active");
    public static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final String nodeId;
    private final Circle handle = new Circle();
    protected final VBox content = new VBox();
    protected final Label title = new Label();
    protected final Label subtitle = new Label();
    private final List<Label> lines = new ArrayList<>();
    private Tooltip tooltip;
    private String tipText;
    private NodeSpec spec;
    private Label badge;

    protected NodeView(String nodeId, String kindClass, String iconLiteral) {
        this.nodeId = nodeId;
        setId("node-" + nodeId);
        getStyleClass().addAll("node", kindClass);
        setManaged(false);
        title.getStyleClass().add("title");
        subtitle.getStyleClass().add("subtitle");
        FontIcon icon = new FontIcon(iconLiteral);
        icon.getStyleClass().add("kind-icon");
        HBox head = new HBox(icon, title);
        head.getStyleClass().add("head");
        head.setAlignment(Pos.CENTER_LEFT);
        content.getStyleClass().add("content");
        content.getChildren().addAll(head, subtitle);
        handle.getStyleClass().add("handle");
        handle.setRadius(5);
        getChildren().addAll(content, handle);
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> makeTip());
        // a pan only translates the world, so a cached bitmap of the node is reused instead of
        // drawing its words again on every frame; the canvas sharpens the caches after a zoom
        setCache(true);
        setCacheHint(javafx.scene.CacheHint.QUALITY);
    }

    public String nodeId() { return nodeId; }

    /** What the view shows now. */
    public NodeSpec spec() { return spec; }

    public boolean isHandle(javafx.scene.Node picked) { return picked == handle; }

    /** Shows a spec: its words, its colour and its box (a drag in progress is undone). */
    public void show(NodeSpec next) {
        if (next.equals(spec)) {
            place(next.box());
            return;
        }
        if (spec == null || !next.text().equals(spec.text())) showText(next.text());
        if (spec == null || spec.tone() != next.tone()) {
            if (spec != null && spec.tone() >= 0) getStyleClass().remove("tone-" + spec.tone());
            if (next.tone() >= 0) getStyleClass().add("tone-" + next.tone());
        }
        spec = next;
        place(next.box());
    }

    private void showText(NodeText text) {
        setIfChanged(title, text.title());
        setIfChanged(subtitle, text.subtitle());
        subtitle.setVisible(!text.subtitle().isEmpty());
        subtitle.setManaged(!text.subtitle().isEmpty());
        while (lines.size() > text.lines().size()) content.getChildren().remove(lines.remove(lines.size() - 1));
        while (lines.size() < text.lines().size()) {
            Label l = new Label();
            l.getStyleClass().add("line");
            lines.add(l);
            content.getChildren().add(l);
        }
        for (int i = 0; i < lines.size(); i++) setIfChanged(lines.get(i), text.lines().get(i));
    }

    private static void setIfChanged(Label l, String s) {
        if (!s.equals(l.getText())) l.setText(s);
    }

    /** Puts the view on its box (canvas units); a drag in progress is undone. */
    public void place(Box b) {
        setTranslateX(0);
        setTranslateY(0);
        if (getLayoutX() != b.x() || getLayoutY() != b.y()) relocate(b.x(), b.y());
        if (getWidth() != b.w() || getHeight() != b.h()) resize(b.w(), b.h());
    }

    /** The box the view shows right now, drag offset included, in canvas units. */
    public Box liveBox() {
        return new Box(getLayoutX() + getTranslateX(), getLayoutY() + getTranslateY(), getWidth(), getHeight());
    }

    public void setSelected(boolean on) { pseudoClassStateChanged(SELECTED, on); }

    public void setFlagged(boolean on) { pseudoClassStateChanged(UNREACHABLE, on); }

    public void setHopActive(boolean on) { pseudoClassStateChanged(HOP_ACTIVE, on); }

    public void setDropTarget(boolean on) { pseudoClassStateChanged(DROP_TARGET, on); }

    /**
     * A finding's badge on the top-right corner ({@code .finding-badge}, {@code :error} or
     * {@code :warning}, "!" or "!N" for several findings); null severity removes it.
     */
    public void setBadge(String severity, int count) {
        if (severity == null) {
            if (badge != null) getChildren().remove(badge);
            badge = null;
            return;
        }
        if (badge == null) {
            badge = new Label();
            badge.getStyleClass().add("finding-badge");
            badge.setId("badge-" + nodeId);
            badge.setMouseTransparent(true);
            getChildren().add(badge);
        }
        badge.setText(count > 1 ? "!" + count : "!");
        badge.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), "error".equals(severity));
        badge.pseudoClassStateChanged(PseudoClass.getPseudoClass("warning"), "warning".equals(severity));
        requestLayout();
    }

    /** The badge now shown, or null. */
    public Label badge() { return badge; }

    /**
     * The hover text; the Tooltip itself is made on the first hover, since flags set the text of
     * hundreds of nodes at once on a large design and a Tooltip is costly to create.
     */
    public void setTip(String text) {
        tipText = text == null || text.isBlank() ? null : text;
        if (tipText == null) {
            if (tooltip != null) Tooltip.uninstall(this, tooltip);
            tooltip = null;
            return;
        }
        if (tooltip != null) tooltip.setText(tipText);
    }

    /** The hover text now set, or null. */
    public String tip() { return tipText; }

    /** The tooltip once the pointer has been over the node with a hover text set, else null. */
    public Tooltip tooltip() { return tooltip; }

    private void makeTip() {
        if (tooltip != null || tipText == null) return;
        tooltip = Tips.of(tipText);
        Tooltip.install(this, tooltip);
    }

    @Override protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        layoutContent(w, h);
        handle.setCenterX(w);
        handle.setCenterY(h / 2);
        if (badge != null) {
            badge.autosize();
            badge.relocate(w - badge.getWidth() * 0.6, -badge.getHeight() * 0.4);
        }
    }

    /** Lays out the words inside the box; hosts keep them in the header, bands on one line. */
    protected void layoutContent(double w, double h) {
        content.resizeRelocate(0, 0, w, h);
    }

    protected static void grow(Region r) {
        HBox.setHgrow(r, Priority.ALWAYS);
    }
}
