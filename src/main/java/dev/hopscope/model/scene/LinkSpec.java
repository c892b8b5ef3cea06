package dev.hopscope.model.scene;

import dev.hopscope.model.Link;

import java.util.List;

/**
 * One link as drawn: an orthogonal route (a polyline from the source's edge to the target's),
 * a label and where its top-left corner goes (null when there is no free place to read it), and
 * the tone of the network it belongs to. {@code network} is the bridge or overlay of a veth or
 * membership, or the intent's id for an expected flow.
 */
public record LinkSpec(String id, Link.Kind kind, String source, String target, String network, String label,
                       List<Point> route, Point labelAt, int tone) {
    public LinkSpec {
        route = List.copyOf(route);
    }
}
