package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A copied part of a document (the clipboard of the designer): nodes with their boxes, hosts
 * with everything nested in them. Pasting gives every node a fresh id and name, keeps links
 * inside the copy pointing inside the copy, and lets IPAM hand out new addresses so a paste
 * never duplicates an address.
 */
public record Fragment(List<Node> nodes, Map<String, Box> boxes) {

    public Fragment {
        nodes = List.copyOf(nodes);
        boxes = Map.copyOf(boxes);
    }

    public boolean isEmpty() { return nodes.isEmpty(); }

    public static Fragment of(Document doc, Collection<String> ids) {
        Set<String> wanted = Edits.withContents(doc, ids);
        List<Node> nodes = new ArrayList<>();
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Node n : doc.nodes()) {
            if (!wanted.contains(n.id()) || n instanceof Intent || n instanceof NetworkPolicy) continue;
            nodes.add(n);
            doc.box(n.id()).ifPresent(b -> boxes.put(n.id(), b));
        }
        return new Fragment(nodes, boxes);
    }

    /** The fragment added to {@code doc}, shifted by (dx, dy); returns the document and the new ids. */
    public Pasted pasteInto(Document doc, double dx, double dy) {
        Map<String, String> ids = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Node n : doc.nodes()) names.add(n.name());
        Document next = doc;
        List<String> created = new ArrayList<>();
        // fresh ids must not collide with one another either
        Set<String> taken = new HashSet<>();
        for (Node n : doc.nodes()) taken.add(n.id());
        for (Node n : nodes) {
            String id = n.id();
            int i = 2;
            String candidate = taken.contains(id) ? id + "-" + i : id;
            while (taken.contains(candidate)) candidate = id + "-" + (++i);
            taken.add(candidate);
            ids.put(n.id(), candidate);
        }
        for (Node n : nodes) {
            Node copy = renamed(n, ids, names);
            if (copy == null) continue;
            Box b = boxes.get(n.id());
            next = b == null ? next.with(copy) : next.with(copy, b.moved(dx, dy));
            created.add(copy.id());
        }
        next = readdress(next, created);
        return new Pasted(next, created);
    }

    /** The document after a paste and the ids of the pasted nodes (the new selection). */
    public record Pasted(Document document, List<String> ids) {}

    private Node renamed(Node n, Map<String, String> ids, Set<String> names) {
        String id = ids.get(n.id());
        String name = fresh(n.name(), names);
        if (n instanceof Host h) return h.withId(id).withName(name).withAddress(null);
        if (n instanceof Bridge b) return b.withId(id).withHost(map(ids, b.host()));
        if (n instanceof Container c) {
            List<Attachment> att = new ArrayList<>();
            for (Attachment a : c.attachments()) att.add(new Attachment(map(ids, a.network()), null, a.aliases()));
            return c.withId(id).withName(name).withHost(map(ids, c.host())).withAttachments(att).withPorts(List.of());
        }
        if (n instanceof Pod p) return p.withId(id).withName(name).withNode(map(ids, p.node())).withNetwork(map(ids, p.network())).withIp(null);
        if (n instanceof Overlay o) {
            List<Overlay.Member> m = new ArrayList<>();
            for (Overlay.Member x : o.members()) if (ids.containsKey(x.host())) m.add(new Overlay.Member(ids.get(x.host()), x.vni()));
            return o.withId(id).withName(name).withMembers(m);
        }
        if (n instanceof Underlay u) return u.withId(id).withName(name);
        if (n instanceof Service s) return s.withId(id).withName(name).withClusterIp(null);
        if (n instanceof External e) return e.withId(id).withName(name).withAddress(null).withUnderlay(null);
        return null;
    }

    /** Pins fresh addresses for pasted containers, pods and hosts, in document order, as IPAM would. */
    private static Document readdress(Document doc, List<String> created) {
        Document next = doc;
        for (String id : created) {
            Node n = next.node(id).orElseThrow();
            if (n instanceof Container c) {
                List<Attachment> att = new ArrayList<>();
                Document probe = next.with(c.withAttachments(List.of()));
                for (Attachment a : c.attachments()) {
                    String ip = Ipam.nextFree(probe, a.network()).map(Object::toString).orElse(null);
                    att.add(a.withIp(ip));
                    probe = probe.with(c.withAttachments(att));
                }
                next = next.with(c.withAttachments(att));
            } else if (n instanceof Pod p && !p.hostNetwork()) {
                Document probe = next.with(p.withHostNetwork(true));
                final Document current = next;
                String ip = Ipam.podNetwork(current, p).flatMap(b -> Ipam.nextFree(probe, b.id())).map(Object::toString).orElse(null);
                next = next.with(p.withIp(ip));
            } else if (n instanceof Host h && h.underlay() != null) {
                Underlay u = next.get(h.underlay(), Underlay.class).orElse(null);
                if (u != null) {
                    String addr = Connections.freeUnderlayAddress(next, u, 11).orElse(null);
                    next = next.with(h.withAddress(addr));
                }
            }
        }
        return next;
    }

    private static String map(Map<String, String> ids, String ref) {
        return ref == null ? null : ids.getOrDefault(ref, ref);
    }

    private static String fresh(String name, Set<String> names) {
        if (name == null) return null;
        String candidate = name;
        for (int i = 2; names.contains(candidate); i++) candidate = name + "-" + i;
        names.add(candidate);
        return candidate;
    }
}
