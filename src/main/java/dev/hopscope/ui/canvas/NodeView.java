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
import javafx.scene.text.Text;
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
 *
 * <p>The words are plain {@link Text} nodes and the icon a {@link FontIcon} without Ikonli's style
 * class: a large drawing brings views into the scene by the hundred while it pans, and each joins
 * with a pass of CSS. A Label is a control with a skin and a text node, matched against every
 * {@code .label} and {@code .text} rule of the theme, and the theme's {@code .ikonli-font-icon}
 * rules made the icon alone cost as much as the rest of a card (a card joined with 540 KB of
 * garbage and 1.3 ms; see CanvasView#CULL_MARGIN). A word too long for the box ends in "…", as a
 * Label's would. For the same reason a view has no CSS id: JavaFX keys its cache of matching
 * rules by a node's type, id and style classes, so a unique id per view ran the theme's whole
 * selector match for every view that joined (two thirds of a card's cost). Find a view by
 * {@link #nodeId()} ({@link CanvasView#view(String)}).
 */
public abstract class NodeView extends Pane {

    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");
    public static final PseudoClass HOP_ACTIVE = PseudoClass.getPseudoClass("hop-active");
    public static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final String nodeId;
    private final Circle handle = new Circle();
    protected final VBox content = new VBox();
    protected final Text title = new Text();
    protected final Text subtitle = new Text();
    private final List<Text> lines = new ArrayList<>();
    private final Tips.OnHover tip;
    private NodeSpec spec;
    private Label badge;
    private static final String ELLIPSIS = "…";
    /** The width, spec and fonts the words were last cut for (see {@link #layoutWords}). */
    private double elidedFor = Double.NaN;
    private NodeSpec elidedSpec;
    private List<javafx.scene.text.Font> elidedFonts = List.of();

    protected NodeView(String nodeId, String kindClass, String iconLiteral) {
        this.nodeId = nodeId;
        getStyleClass().addAll("node", kindClass);
        setManaged(false);
        title.getStyleClass().add("title");
        subtitle.getStyleClass().add("subtitle");
        FontIcon icon = new FontIcon(iconLiteral);
        icon.getStyleClass().setAll("kind-icon");
        HBox head = new HBox(icon, title);
        head.getStyleClass().add("head");
        head.setAlignment(Pos.CENTER_LEFT);
        content.getStyleClass().add("content");
        content.getChildren().addAll(head, subtitle);
        handle.getStyleClass().add("handle");
        handle.setRadius(5);
        getChildren().addAll(content, handle);
        tip = new Tips.OnHover(this);
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
            Text l = new Text();
            l.getStyleClass().add("line");
            lines.add(l);
            content.getChildren().add(l);
        }
        for (int i = 0; i < lines.size(); i++) setIfChanged(lines.get(i), text.lines().get(i));
    }

    private static void setIfChanged(Text l, String s) {
        if (!s.equals(l.getText())) l.setText(s);
    }

    /** The words in reading order: title, subtitle, lines, as {@link #showText} made them for the spec's text. */
    private List<Text> words() {
        List<Text> out = new ArrayList<>(2 + lines.size());
        out.add(title);
        out.add(subtitle);
        out.addAll(lines);
        return out;
    }

    /** The spec's whole words, in the order of {@link #words()}. */
    private List<String> wholeWords() {
        NodeText text = spec.text();
        List<String> out = new ArrayList<>(2 + text.lines().size());
        out.add(text.title());
        out.add(text.subtitle());
        out.addAll(text.lines());
        return out;
    }

    /**
     * Ends each word that runs past the content's right padding with "…", as a Label would. The
     * words are laid out whole first, so each starts where its whole predecessors put it; then
     * each is cut to its room (cutting one moves no other). Done again only when the view's width
     * or its words change, so the layout pass that follows a cut settles at once.
     */
    private void layoutWords(double w, double h) {
        List<Text> words = words();
        List<javafx.scene.text.Font> fonts = words.stream().map(Text::getFont).toList();
        // the stylesheet may set the fonts after a first layout (a view laid out before its CSS pass)
        boolean again = w != elidedFor || spec != elidedSpec || !fonts.equals(elidedFonts);
        if (again && spec != null) {
            List<String> wholes = wholeWords();
            for (int i = 0; i < words.size(); i++) {
                setIfChanged(words.get(i), wholes.get(i));
                words.get(i).setAccessibleText(null);
            }
        }
        layoutContent(w, h);
        content.layout();
        if (!again) return;
        elidedFor = w;
        elidedSpec = spec;
        elidedFonts = fonts;
        double limit = content.getLayoutX() + content.getWidth() - content.getPadding().getRight();
        for (Text t : words) {
            String whole = t.getText();
            if (!t.isManaged() || whole.isEmpty()) continue;
            double room = limit - xIn(t);
            if (t.getLayoutBounds().getWidth() <= room) continue;
            // the longest prefix that fits with its ellipsis, found by halving
            int lo = 0, hi = whole.length();
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                t.setText(whole.substring(0, mid) + ELLIPSIS);
                if (t.getLayoutBounds().getWidth() <= room) lo = mid;
                else hi = mid - 1;
            }
            // with no room even for the ellipsis, nothing: the words are the tooltip's
            t.setText(lo > 0 ? whole.substring(0, lo).stripTrailing() + ELLIPSIS : fits(t, ELLIPSIS, room) ? ELLIPSIS : "");
            // a screen reader (and a test) still has the whole word
            t.setAccessibleText(whole);
        }
    }

    private static boolean fits(Text t, String s, double room) {
        t.setText(s);
        return t.getLayoutBounds().getWidth() <= room;
    }

    /** A word's left edge in this view's coordinates. */
    private double xIn(javafx.scene.Node n) {
        double x = 0;
        for (javafx.scene.Node at = n; at != null && at != this; at = at.getParent()) x += at.getLayoutX();
        return x;
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

    /** The hover text (a finding's reason and fix); null clears it. Its Tooltip is made on the first hover. */
    public void setTip(String text) { tip.set(text); }

    /** The hover text now set, or null. */
    public String tip() { return tip.text(); }

    /** The tooltip once the pointer has been over the node with a hover text set, else null. */
    public Tooltip tooltip() { return tip.tooltip(); }

    @Override protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        layoutWords(w, h);
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
