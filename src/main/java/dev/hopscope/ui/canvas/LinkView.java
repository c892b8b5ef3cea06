package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.Link;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.QuadCurveTo;
import javafx.scene.shape.Polygon;

/**
 * A link drawn between two node views, labelled with its kind (veth, underlay, vxlan, ...).
 * Style classes: {@code link} plus {@code veth}, {@code underlay}, {@code vxlan}, {@code selects},
 * {@code intent}; pseudo-classes {@code :selected}, {@code :unreachable}.
 */
public final class LinkView extends Group {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");

    private final Link link;
    private final Path hit = new Path();
    private final Path line = new Path();
    /** How far this link bows sideways, in canvas units: parallel links between one pair fan out. */
    private double bend;
    private final Polygon arrow = new Polygon();
    private final Label label = new Label();

    public LinkView(Link link, String text) {
        this.link = link;
        getStyleClass().addAll("link", styleClass(link.kind()));
        hit.getStyleClass().add("link-hit");
        line.getStyleClass().add("link-line");
        arrow.getStyleClass().add("link-arrow");
        arrow.setVisible(link.kind() == Link.Kind.INTENT);
        label.getStyleClass().add("link-label");
        label.setText(text);
        label.setMouseTransparent(true);
        getChildren().addAll(hit, line, arrow, label);
    }

    public static String styleClass(Link.Kind kind) {
        return kind == Link.Kind.OVERLAY ? "vxlan" : kind.label();
    }

    public Link link() { return link; }

    public void setBend(double bend) { this.bend = bend; }

    public void setSelected(boolean on) { pseudoClassStateChanged(SELECTED, on); }

    public void setFlagged(boolean on) { pseudoClassStateChanged(UNREACHABLE, on); }

    /** Re-draws between the two boxes; a bar or band end meets the box straight above or below. */
    public void connect(Box from, boolean fromIsBar, Box to, boolean toIsBar) {
        double[] p = LinkGeometry.ends(from, fromIsBar, to, toIsBar);
        double len = Math.max(1, Math.hypot(p[2] - p[0], p[3] - p[1]));
        double nx = -(p[3] - p[1]) / len;
        double ny = (p[2] - p[0]) / len;
        double cx = (p[0] + p[2]) / 2 + nx * bend * 2;
        double cy = (p[1] + p[3]) / 2 + ny * bend * 2;
        for (Path l : new Path[] {hit, line})
            l.getElements().setAll(new MoveTo(p[0], p[1]), new QuadCurveTo(cx, cy, p[2], p[3]));
        // the label sits a third of the way from the source (the card or host it belongs to), on the
        // curve, so it rarely lands on the bar or band at the other end; short links go unlabelled
        double t = 0.35;
        double mx = (1 - t) * (1 - t) * p[0] + 2 * (1 - t) * t * cx + t * t * p[2];
        double my = (1 - t) * (1 - t) * p[1] + 2 * (1 - t) * t * cy + t * t * p[3];
        label.setVisible(len > 30);
        label.autosize();
        label.relocate(mx + 4, my - label.getHeight() / 2);
        if (arrow.isVisible()) {
            double a = Math.atan2(p[3] - cy, p[2] - cx);
            double s = 9;
            arrow.getPoints().setAll(p[2], p[3],
                    p[2] - s * Math.cos(a - 0.4), p[3] - s * Math.sin(a - 0.4),
                    p[2] - s * Math.cos(a + 0.4), p[3] - s * Math.sin(a + 0.4));
        }
    }
}
