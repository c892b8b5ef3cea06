package dev.hopscope.ui.canvas;

import dev.hopscope.model.Box;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.edit.Creation;
import dev.hopscope.model.layout.Metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node is drawn: its layout box when it has one, else a sensible spot (hosts in a
 * row to the right of the drawing, cards in a row inside their host, bands under or over the
 * hosts they join). Bands always stretch to span the hosts they connect, so an underlay or
 * overlay follows its hosts when they move.
 */
public final class Placement {
    private Placement() {}

    public static Map<String, Box> of(Document doc) {
        Map<String, Box> out = new LinkedHashMap<>();
        double right = Metrics.GAP;
        for (Box b : doc.layout().values()) right = Math.max(right, b.x() + b.w() + Metrics.GAP * 3);
        double hostsBottom = Metrics.GAP;
        for (Host h : doc.all(Host.class)) {
            Box b = doc.box(h.id()).orElse(null);
            if (b == null || b.w() <= 0 || b.h() <= 0) {
                b = new Box(right, Metrics.GAP * 4, Creation.NEW_HOST_W, Creation.NEW_HOST_H);
                right += Creation.NEW_HOST_W + Metrics.GAP * 3;
            }
            out.put(h.id(), b);
            hostsBottom = Math.max(hostsBottom, b.y() + b.h());
        }
        Map<String, Integer> slots = new HashMap<>();
        for (Node n : doc.nodes()) {
            if (n instanceof Host || n instanceof Intent || n instanceof NetworkPolicy) continue;
            Box b = doc.box(n.id()).orElse(null);
            if (n.parent() != null) {
                Box host = out.get(n.parent());
                if (b == null && host != null) b = inside(n, host, slots);
            } else if (b == null) {
                if (n instanceof Underlay) b = new Box(Metrics.GAP, hostsBottom + Metrics.GAP * 2, Metrics.BAND_MIN_W, Metrics.BAND_H);
                else if (n instanceof Overlay) b = new Box(Metrics.GAP, Metrics.GAP, Metrics.BAND_MIN_W, Metrics.BAND_H);
                else {
                    double w = n instanceof External ? Metrics.GLOBE : Metrics.SERVICE_W;
                    double h = n instanceof External ? Metrics.GLOBE : Metrics.SERVICE_H;
                    b = new Box(right, hostsBottom + Metrics.GAP * 4, w, h);
                    right += w + Metrics.GAP * 2;
                }
            }
            if (b != null) out.put(n.id(), fill(n, b));
        }
        for (Underlay u : doc.all(Underlay.class)) span(out, u.id(), hostsOn(doc, u));
        for (Overlay o : doc.all(Overlay.class)) span(out, o.id(), o.members().stream().map(Overlay.Member::host).toList());
        return out;
    }

    /** Cards without a size take the conventional one; a pod grows with its containers. */
    private static Box fill(Node n, Box b) {
        if (b.w() > 0 && b.h() > 0) return b;
        if (n instanceof Pod p) return new Box(b.x(), b.y(), Metrics.CARD_W, Metrics.podHeight(p));
        if (n instanceof Container) return new Box(b.x(), b.y(), Metrics.CARD_W, Metrics.CARD_H);
        if (n instanceof External) return new Box(b.x(), b.y(), Metrics.GLOBE, Metrics.GLOBE);
        if (n instanceof Underlay || n instanceof Overlay) return new Box(b.x(), b.y(), Math.max(b.w(), Metrics.BAND_MIN_W), Metrics.BAND_H);
        return new Box(b.x(), b.y(), Metrics.SERVICE_W, Metrics.SERVICE_H);
    }

    private static Box inside(Node n, Box host, Map<String, Integer> slots) {
        if (n.kind() == dev.hopscope.model.NodeKind.BRIDGE) {
            int i = slots.merge(n.parent() + "/bridge", 1, Integer::sum) - 1;
            double y = host.y() + host.h() - Metrics.HOST_PAD - Metrics.BRIDGE_H - i * (Metrics.BRIDGE_H + Metrics.GAP / 2);
            return new Box(host.x() + Metrics.HOST_PAD, y, host.w() - 2 * Metrics.HOST_PAD, Metrics.BRIDGE_H);
        }
        int i = slots.merge(n.parent() + "/card", 1, Integer::sum) - 1;
        double h = n instanceof Pod p ? Metrics.podHeight(p) : Metrics.CARD_H;
        return new Box(host.x() + Metrics.HOST_PAD + i * (Metrics.CARD_W + Metrics.GAP), host.y() + Metrics.HOST_HEADER, Metrics.CARD_W, h);
    }

    private static List<String> hostsOn(Document doc, Underlay u) {
        List<String> ids = new java.util.ArrayList<>();
        for (Host h : doc.all(Host.class)) if (u.id().equals(h.underlay())) ids.add(h.id());
        return ids;
    }

    private static void span(Map<String, Box> out, String band, List<String> over) {
        Box b = out.get(band);
        if (b == null) return;
        double x0 = b.x();
        double x1 = b.x() + b.w();
        for (String id : over) {
            Box h = out.get(id);
            if (h == null) continue;
            x0 = Math.min(x0, h.x());
            x1 = Math.max(x1, h.x() + h.w());
        }
        out.put(band, new Box(x0, b.y(), x1 - x0, b.h()));
    }

    /** Whether this node is drawn as a box at all (intents are arrows, policies are invisible). */
    public static boolean drawn(Node n) {
        return !(n instanceof Intent) && !(n instanceof NetworkPolicy);
    }

    static boolean isCard(Node n) { return n instanceof Container || n instanceof Pod; }
}
