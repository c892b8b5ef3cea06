package dev.hopscope.model.scene;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the canvas shows for one document: every drawn node and every link, as values. Two scenes
 * are compared spec by spec, so applying a new scene touches only the views whose spec changed.
 */
public final class Scene {
    private final Map<String, NodeSpec> nodes;
    private final Map<String, LinkSpec> links;

    public Scene(List<NodeSpec> nodes, List<LinkSpec> links) {
        Map<String, NodeSpec> n = new LinkedHashMap<>();
        for (NodeSpec s : nodes) n.put(s.id(), s);
        Map<String, LinkSpec> l = new LinkedHashMap<>();
        for (LinkSpec s : links) l.put(s.id(), s);
        this.nodes = Collections.unmodifiableMap(n);
        this.links = Collections.unmodifiableMap(l);
    }

    public static Scene empty() { return new Scene(List.of(), List.of()); }

    /** Drawn nodes by id, in document order. */
    public Map<String, NodeSpec> nodes() { return nodes; }

    /** Links by {@link dev.hopscope.model.Link#id()}. */
    public Map<String, LinkSpec> links() { return links; }

    public Optional<NodeSpec> node(String id) { return Optional.ofNullable(nodes.get(id)); }

    /** {minX, minY, maxX, maxY} of every node box, or null for an empty scene. */
    public double[] extent() {
        if (nodes.isEmpty()) return null;
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (NodeSpec s : nodes.values()) {
            x0 = Math.min(x0, s.box().x());
            y0 = Math.min(y0, s.box().y());
            x1 = Math.max(x1, s.box().x() + s.box().w());
            y1 = Math.max(y1, s.box().y() + s.box().h());
        }
        return new double[] {x0, y0, x1, y1};
    }
}
