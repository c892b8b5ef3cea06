package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.Link;
import dev.hopscope.model.scene.LinkSpec;
import dev.hopscope.model.scene.NodeSpec;
import dev.hopscope.model.scene.Point;
import dev.hopscope.model.scene.Scene;
import dev.hopscope.model.scene.Shape;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The drawing as plain shapes, for far zoom on a large drawing: a rectangle per node, a line per
 * link (expected flows only when violated), no words. Everything of one look is one
 * {@link Path} (all hosts, all cards, the veths of one tone...), so the layer is a few nodes
 * however large the drawing, and it is cached as one picture at the current zoom: panning moves
 * that bitmap. Style classes: {@code .far-layer}; {@code .far-node} plus {@code .far-host},
 * {@code .far-bridge}, {@code .far-container}, ... with {@code tone-N} and {@code :unreachable};
 * {@code .far-link} plus the link's kind and {@code tone-N}.
 */
final class FarLayer extends Group {
    private static final javafx.css.PseudoClass UNREACHABLE = javafx.css.PseudoClass.getPseudoClass("unreachable");

    FarLayer() {
        getStyleClass().add("far-layer");
        setMouseTransparent(true);
        setCache(true);
        // cached at the zoom it is shown at (a SPEED hint would cache at full scale: a huge picture)
        setCacheHint(CacheHint.QUALITY);
        setManaged(false);
    }

    void show(Scene scene, Set<String> flagged) {
        // one path per look, hosts first so what they hold is drawn over them
        Map<String, List<PathElement>> nodes = new LinkedHashMap<>();
        for (String first : new String[] {"far-host", "far-underlay", "far-overlay"}) nodes.put(first, new ArrayList<>());
        for (NodeSpec n : scene.nodes().values()) {
            String look = "far-" + n.shape().name().toLowerCase(Locale.ROOT) + (n.tone() >= 0 ? " tone-" + n.tone() : "")
                    + (flagged.contains(n.id()) ? " !" : "");
            Box b = n.box();
            double inset = n.shape() == Shape.EXTERNAL ? 8 : 0;
            rect(nodes.computeIfAbsent(look, k -> new ArrayList<>()), b.x() + inset, b.y() + inset, b.w() - 2 * inset, b.h() - 2 * inset);
        }
        Map<String, List<PathElement>> links = new LinkedHashMap<>();
        for (LinkSpec l : scene.links().values()) {
            boolean bad = flagged.contains(l.id());
            if (l.kind() == Link.Kind.INTENT && !bad) continue;
            String look = LinkView.styleClass(l.kind()) + (l.tone() >= 0 ? " tone-" + l.tone() : "") + (bad ? " !" : "");
            List<PathElement> els = links.computeIfAbsent(look, k -> new ArrayList<>());
            List<Point> r = l.route();
            for (int i = 0; i < r.size(); i++) els.add(i == 0 ? new MoveTo(r.get(i).x(), r.get(i).y()) : new LineTo(r.get(i).x(), r.get(i).y()));
        }
        List<javafx.scene.Node> paths = new ArrayList<>();
        for (Map.Entry<String, List<PathElement>> e : nodes.entrySet()) if (!e.getValue().isEmpty()) paths.add(path("far-node", e.getKey(), e.getValue()));
        for (Map.Entry<String, List<PathElement>> e : links.entrySet()) paths.add(path("far-link", e.getKey(), e.getValue()));
        getChildren().setAll(paths);
    }

    private static Path path(String base, String look, List<PathElement> els) {
        Path p = new Path(els);
        p.getStyleClass().add(base);
        for (String c : look.split(" ")) {
            if (c.equals("!")) p.pseudoClassStateChanged(UNREACHABLE, true);
            else if (!c.isEmpty()) p.getStyleClass().add(c);
        }
        return p;
    }

    private static void rect(List<PathElement> els, double x, double y, double w, double h) {
        els.add(new MoveTo(x, y));
        els.add(new LineTo(x + w, y));
        els.add(new LineTo(x + w, y + h));
        els.add(new LineTo(x, y + h));
        els.add(new ClosePath());
    }
}
