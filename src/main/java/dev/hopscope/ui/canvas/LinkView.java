package dev.hopscope.ui.canvas;

import dev.hopscope.model.Link;
import dev.hopscope.model.scene.LinkSpec;
import dev.hopscope.model.scene.Point;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.QuadCurveTo;

import java.util.ArrayList;
import java.util.List;

/**
 * A link drawn along its route (orthogonal, with rounded corners), labelled where the scene found
 * room. Style classes: {@code link} plus {@code veth}, {@code underlay}, {@code vxlan},
 * {@code selects}, {@code intent}, and {@code tone-N} for the colour of the bridge or overlay it
 * plugs into; pseudo-classes {@code :selected}, {@code :unreachable}. A violated intent shows its
 * disposition in a pill ({@code .intent-verdict}) at its label's place.
 */
public final class LinkView extends Group {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    /** Corner radius of a bend, in canvas units. */
    private static final double RADIUS = 6;
    /**
     * A wire whose route fits in a box of this many square canvas units draws from a cached bitmap
     * (see {@link #draw}); a longer one is drawn each frame, since its bitmap would be mostly empty
     * pixels on the heap.
     */
    static final double CACHED_AREA = 250 * 250;

    private final Link link;
    private final Path hit = new Path();
    private final Path line = new Path();
    /** The head of an expected flow's arrow; null on other links (every node in the scene costs each frame). */
    private final Polygon arrow;
    /**
     * The words on a patch of canvas ({@code .link-label}, a pane holding a {@code .link-words}
     * Text; not a Label, which costs a skin and the theme's label rules: see {@link NodeView}),
     * made when there are words to show (see {@link #placeLabels}).
     */
    private StackPane label;
    private Text words;
    private String text = "";
    /**
     * Whether the label is wanted yet: an expected flow's words are hidden until it is pointed at
     * or selected, and a drawing of 2,000 nodes has as many flows, so their Labels (a control
     * each, with its skin and a pass of CSS when a pan brings it into the scene) are made on demand.
     */
    private boolean wantsWords;
    private Label verdict;
    private Point verdictAt;
    private Tips.OnHover tip;
    private LinkSpec spec;
    private List<Point> route = List.of();
    /** True while a drag shows a provisional route instead of the spec's. */
    private boolean provisional;

    public LinkView(LinkSpec spec) {
        this.link = new Link(spec.kind(), spec.source(), spec.target(), spec.network());
        getStyleClass().addAll("link", styleClass(spec.kind()));
        hit.getStyleClass().add("link-hit");
        // picked by its wide stroke, never drawn: the renderer skips a node of opacity 0, not a transparent stroke
        hit.setOpacity(0);
        line.getStyleClass().add("link-line");
        getChildren().addAll(hit, line);
        setCacheHint(javafx.scene.CacheHint.QUALITY);
        if (spec.kind() == Link.Kind.INTENT) {
            arrow = new Polygon();
            arrow.getStyleClass().add("link-arrow");
            getChildren().add(arrow);
            // an expected flow's probe shows only while pointed at or selected (the stylesheet says so)
            addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> wantWords());
        } else {
            arrow = null;
            wantsWords = true;
        }
        show(spec);
    }

    public static String styleClass(Link.Kind kind) {
        return kind == Link.Kind.OVERLAY ? "vxlan" : kind.label();
    }

    public Link link() { return link; }

    public LinkSpec spec() { return spec; }

    /** The points now drawn, in canvas units (the scene's route, or a provisional one during a drag). */
    public List<Point> route() { return route; }

    /** The label, or null while there are no words to show (an expected flow's until it is pointed at or selected). */
    public Region label() { return label; }

    /** The words the label shows (whether or not it is drawn). */
    public String labelText() { return text; }

    public void setSelected(boolean on) {
        pseudoClassStateChanged(SELECTED, on);
        if (on) wantWords();
    }

    private void wantWords() {
        if (wantsWords) return;
        wantsWords = true;
        placeLabels();
    }

    public void setFlagged(boolean on) { pseudoClassStateChanged(UNREACHABLE, on); }

    /** Shows a spec: route, label and colour. */
    public void show(LinkSpec next) {
        if (next.equals(spec)) {
            if (provisional) redraw();
            return;
        }
        if (spec != null && spec.tone() >= 0) getStyleClass().remove("tone-" + spec.tone());
        if (next.tone() >= 0) getStyleClass().add("tone-" + next.tone());
        spec = next;
        text = next.label() == null ? "" : next.label();
        if (words != null) words.setText(text);
        redraw();
    }

    /** Draws the spec's route and labels again (after a provisional route). */
    void redraw() {
        provisional = false;
        draw(spec.route());
        placeLabels();
    }

    /** The disposition of a violated intent, in a red pill where the label goes; null removes it. */
    public void setVerdict(String text) {
        if (text == null) {
            if (verdict != null) getChildren().remove(verdict);
            verdict = null;
            verdictAt = null;
            return;
        }
        if (verdict == null) {
            verdict = new Label();
            verdict.getStyleClass().add("intent-verdict");
            verdict.pseudoClassStateChanged(ERROR, true);
            verdict.setMouseTransparent(true);
            getChildren().add(verdict);
        }
        verdict.setText(text);
        placeLabels();
    }

    /** The hover text (an expected flow's verdict, reason and fix); null clears it. Its Tooltip is made on the first hover. */
    public void setTip(String text) {
        if (tip == null && text == null) return;
        if (tip == null) tip = new Tips.OnHover(this);
        tip.set(text);
    }

    /** The tooltip once the pointer has been over the link with a hover text set, else null. */
    public javafx.scene.control.Tooltip tooltip() { return tip == null ? null : tip.tooltip(); }

    /** Where the verdict pill goes (the canvas places every pill at once, off nodes, labels and each other). */
    void placeVerdict(Point at) {
        verdictAt = at;
        placeLabels();
    }

    /** The verdict pill, or null. */
    public Label verdict() { return verdict; }

    /** Draws a provisional route while its nodes are dragged; the next scene brings the real one. */
    void drawProvisional(List<Point> points) {
        provisional = true;
        draw(points);
        if (label != null) label.setVisible(false);
        if (verdict != null) verdict.setVisible(false);
    }

    private void draw(List<Point> pts) {
        route = List.copyOf(pts);
        // A pan only moves the world, so a short wire's cached pixels are copied instead of its
        // antialiased curve being traced again on every frame (the renderer's costliest part once
        // the cards are cached: alternate probe runs gave it 5.2 against 5.6 ms a frame at 100 %
        // and 5.9 against 6.7 ms at 80 %). Not while a drag redraws it, nor an expected flow,
        // whose arrow may cross the whole drawing.
        setCache(!provisional && arrow == null && boxArea(pts) <= CACHED_AREA);
        List<PathElement> els = path(pts);
        hit.getElements().setAll(els);
        line.getElements().setAll(path(pts));
        if (arrow != null && pts.size() >= 2) {
            Point a = pts.get(pts.size() - 2), b = pts.get(pts.size() - 1);
            double ang = Math.atan2(b.y() - a.y(), b.x() - a.x());
            double s = 9;
            arrow.getPoints().setAll(b.x(), b.y(),
                    b.x() - s * Math.cos(ang - 0.4), b.y() - s * Math.sin(ang - 0.4),
                    b.x() - s * Math.cos(ang + 0.4), b.y() - s * Math.sin(ang + 0.4));
        }
    }

    private void placeLabels() {
        Point at = spec.labelAt();
        boolean shows = at != null && !text.isEmpty();
        if (shows && wantsWords && label == null) {
            words = new Text(text);
            words.getStyleClass().add("link-words");
            label = new StackPane(words);
            label.getStyleClass().add("link-label");
            label.setMouseTransparent(true);
            getChildren().add(arrow == null ? 2 : 3, label);
        }
        if (label != null) {
            label.setVisible(shows);
            if (at != null) label.relocate(at.x(), at.y());
        }
        if (verdict != null) {
            verdict.setVisible(true);
            verdict.applyCss();
            verdict.autosize();
            Point p = verdictAt != null ? verdictAt : at != null ? at : Point.midway(route);
            verdict.relocate(p.x(), p.y());
        }
    }

    private static double boxArea(List<Point> pts) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Point p : pts) {
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
            minY = Math.min(minY, p.y());
            maxY = Math.max(maxY, p.y());
        }
        return pts.isEmpty() ? 0 : (maxX - minX) * (maxY - minY);
    }

    /** A polyline with each bend rounded off. */
    static List<PathElement> path(List<Point> pts) {
        List<PathElement> els = new ArrayList<>();
        if (pts.isEmpty()) return els;
        els.add(new MoveTo(pts.get(0).x(), pts.get(0).y()));
        for (int i = 1; i < pts.size(); i++) {
            Point p = pts.get(i);
            if (i == pts.size() - 1) {
                els.add(new LineTo(p.x(), p.y()));
                break;
            }
            Point prev = pts.get(i - 1), next = pts.get(i + 1);
            double r = Math.min(RADIUS, Math.min(Point.along(prev, p), Point.along(p, next)) / 2);
            Point in = p.toward(prev, r), out = p.toward(next, r);
            els.add(new LineTo(in.x(), in.y()));
            els.add(new QuadCurveTo(p.x(), p.y(), out.x(), out.y()));
        }
        return els;
    }
}
