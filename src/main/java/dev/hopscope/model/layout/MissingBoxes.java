package dev.hopscope.model.layout;

import static dev.hopscope.model.layout.Metrics.BRIDGE_H;
import static dev.hopscope.model.layout.Metrics.CARD_W;
import static dev.hopscope.model.layout.Metrics.GAP;
import static dev.hopscope.model.layout.Metrics.HOST_GAP;
import static dev.hopscope.model.layout.Metrics.HOST_HEADER;
import static dev.hopscope.model.layout.Metrics.HOST_PAD;
import static dev.hopscope.model.layout.Metrics.MARGIN;

import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Adds boxes for the nodes of a document that have none, keeping every existing box where the
 * user put it. Only a host that must take a new child grows; what lies below or to the right
 * of it moves away by exactly the growth, which keeps every other distance as it was.
 */
final class MissingBoxes {
    private MissingBoxes() {}

    static Map<String, Box> fill(Document doc, Map<String, Box> full) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Node n : doc.nodes()) doc.box(n.id()).ifPresent(b -> boxes.put(n.id(), b));

        Map<String, List<Node>> newChildren = new LinkedHashMap<>();
        List<Node> newTop = new ArrayList<>();
        for (Node n : doc.nodes()) {
            if (!AutoLayout.hasBox(n) || boxes.containsKey(n.id())) continue;
            if (n.parent() != null && boxes.containsKey(n.parent())) newChildren.computeIfAbsent(n.parent(), k -> new ArrayList<>()).add(n);
            else newTop.add(n);
        }
        for (Map.Entry<String, List<Node>> e : newChildren.entrySet()) addToHost(doc, e.getKey(), e.getValue(), boxes);
        if (!newTop.isEmpty()) addBelow(doc, newTop, full, boxes);
        return boxes;
    }

    private static void addToHost(Document doc, String hostId, List<Node> nodes, Map<String, Box> boxes) {
        Box host = boxes.get(hostId);
        double bottom = host.y() + HOST_HEADER + GAP / 2 - GAP;
        for (Node c : doc.children(hostId)) {
            Box b = boxes.get(c.id());
            if (b != null && !nodes.contains(c)) bottom = Math.max(bottom, b.y() + b.h());
        }
        double left = host.x() + HOST_PAD;
        double innerRight = host.x() + host.w() - HOST_PAD;
        double y = bottom + GAP, x = left, rowH = 0, right = left;
        for (Node n : nodes) {
            boolean bar = n instanceof Bridge;
            double w = bar ? Math.max(CARD_W, host.w() - 2 * HOST_PAD) : CARD_W;
            double h = bar ? BRIDGE_H : HostPacker.cardHeight(n);
            if (x > left && (bar || x + w > innerRight)) { y += rowH + GAP; x = left; rowH = 0; }
            boxes.put(n.id(), new Box(x, y, w, h));
            right = Math.max(right, x + w);
            rowH = Math.max(rowH, h);
            x += w + GAP;
            if (bar) { y += rowH + GAP; x = left; rowH = 0; }
        }
        double needBottom = (rowH > 0 ? y + rowH : y - GAP) + GAP;
        double needRight = right + HOST_PAD;
        double oldBottom = host.y() + host.h(), oldRight = host.x() + host.w();
        Set<String> inside = new HashSet<>();
        inside.add(hostId);
        for (Node c : doc.children(hostId)) inside.add(c.id());
        Box grown = new Box(host.x(), host.y(), Math.max(host.w(), needRight - host.x()), Math.max(host.h(), needBottom - host.y()));
        // move the neighbours only when the grown host would crowd one of them
        if (crowds(grown, boxes, inside)) {
            if (needBottom > oldBottom) shift(boxes, inside, 0, needBottom - oldBottom, oldBottom, true);
            if (needRight > oldRight) shift(boxes, inside, needRight - oldRight, 0, oldRight, false);
        }
        boxes.put(hostId, grown);
    }

    private static boolean crowds(Box b, Map<String, Box> boxes, Set<String> inside) {
        for (Map.Entry<String, Box> e : boxes.entrySet()) {
            if (inside.contains(e.getKey())) continue;
            Box o = e.getValue();
            boolean apart = o.x() >= b.x() + b.w() + GAP || b.x() >= o.x() + o.w() + GAP
                    || o.y() >= b.y() + b.h() + GAP || b.y() >= o.y() + o.h() + GAP;
            if (!apart) return true;
        }
        return false;
    }

    /** Moves every box beyond a line (below it, or right of it) by the same distance. */
    private static void shift(Map<String, Box> boxes, Set<String> keep, double dx, double dy, double line, boolean vertical) {
        for (Map.Entry<String, Box> e : boxes.entrySet()) {
            if (keep.contains(e.getKey())) continue;
            Box b = e.getValue();
            if (vertical ? b.y() >= line : b.x() >= line) e.setValue(b.moved(dx, dy));
        }
    }

    /** New top-level nodes keep their relative places from the full layout, moved under the picture. */
    private static void addBelow(Document doc, List<Node> top, Map<String, Box> full, Map<String, Box> boxes) {
        Map<String, Box> fresh = new LinkedHashMap<>();
        for (Node n : top) {
            fresh.put(n.id(), full.get(n.id()));
            for (Node c : doc.children(n.id())) if (!boxes.containsKey(c.id())) fresh.put(c.id(), full.get(c.id()));
        }
        fresh.values().removeIf(java.util.Objects::isNull);
        if (fresh.isEmpty()) return;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, below = MARGIN - HOST_GAP;
        for (Box b : fresh.values()) { minX = Math.min(minX, b.x()); minY = Math.min(minY, b.y()); }
        for (Box b : boxes.values()) below = Math.max(below, b.y() + b.h());
        double dx = MARGIN - minX, dy = below + HOST_GAP - minY;
        for (Map.Entry<String, Box> e : fresh.entrySet()) boxes.put(e.getKey(), e.getValue().moved(dx, dy));
    }
}
