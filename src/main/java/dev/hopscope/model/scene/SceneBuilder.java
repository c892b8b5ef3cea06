package dev.hopscope.model.scene;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.layout.AutoLayout;
import dev.hopscope.model.layout.Metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the {@link Scene} of a document: a box for every drawn node (its own, or one from
 * {@link AutoLayout#complete}), bands stretched over the hosts they join, the words on each node,
 * a tone per bridge and overlay, and every link with its route round the other nodes and a
 * readable label. Pure and deterministic: the same document gives an equal scene.
 */
public final class SceneBuilder {
    /** Distinct bridge colours within one host; a host with more bridges reuses them in order. */
    public static final int BRIDGE_TONES = 6;
    /** Distinct overlay colours. */
    public static final int OVERLAY_TONES = 3;

    private SceneBuilder() {}

    public static Scene build(Document doc) {
        return build(doc, null);
    }

    /**
     * As {@link #build(Document)}, reusing the routes of {@code previous} (the scene of the
     * document before an edit) wherever the edit changed nothing near them.
     */
    public static Scene build(Document doc, Scene previous) {
        Document laid = AutoLayout.complete(doc);
        Ipam.Addressing ipam = Ipam.allocate(doc);
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Node n : laid.nodes()) {
            if (!AutoLayout.hasBox(n)) continue;
            laid.box(n.id()).ifPresent(b -> boxes.put(n.id(), b));
        }
        spanBands(laid, boxes);

        Map<String, Integer> tones = tones(doc);
        Map<String, NodeSpec> nodes = new LinkedHashMap<>();
        for (Node n : doc.nodes()) {
            Box b = boxes.get(n.id());
            if (b == null) continue;
            String parent = n.parent() != null && boxes.containsKey(n.parent()) ? n.parent() : null;
            nodes.put(n.id(), new NodeSpec(n.id(), shape(n), b, NodeText.of(doc, ipam, n), parent, tones.getOrDefault(n.id(), -1)));
        }

        LinkRouter router = new LinkRouter(nodes);
        List<Link> drawn = new ArrayList<>();
        for (Link l : TopologyGraph.of(doc).edgeSet())
            if (l.kind() != Link.Kind.CONTAINMENT && nodes.containsKey(l.source()) && nodes.containsKey(l.target())) drawn.add(l);
        drawn.addAll(intentsToAddresses(doc, ipam, nodes, drawn));

        LinkRouter before = previous == null ? null : new LinkRouter(previous.nodes());
        Map<String, List<Point>> routes = new LinkedHashMap<>();
        LabelPlacer labels = new LabelPlacer(nodes.values(), Metrics.HOST_HEADER);
        Map<String, Point> at = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        // the wires first, with their labels (an interface and its address); then the expected flows,
        // whose dashed lines go round those labels as round nodes, and whose own labels come last
        List<Box> wireLabels = new ArrayList<>();
        for (boolean intents : new boolean[] {false, true}) {
            if (intents) router.avoid(wireLabels);
            for (Link l : drawn) {
                if ((l.kind() == Link.Kind.INTENT) != intents) continue;
                NodeSpec a = nodes.get(l.source()), b = nodes.get(l.target());
                List<Point> kept = previous == null ? null : router.previousRoute(a, b, previous.links().get(l.id()), before);
                routes.put(l.id(), kept != null ? kept : router.route(a, b));
            }
            if (intents) fanOut(drawn, routes, nodes, router);
            for (Link l : drawn) if ((l.kind() == Link.Kind.INTENT) == intents) labels.addRoute(l.id(), routes.get(l.id()), intents);
            // a flow that found no way round the wires' labels runs over one: that label moves
            if (intents)
                for (Link l : drawn) {
                    Point p = at.get(l.id());
                    if (l.kind() == Link.Kind.INTENT || p == null) continue;
                    if (labels.onFlow(p, texts.get(l.id()))) place(labels, l, label(doc, ipam, l), routes.get(l.id()), sharedHost(nodes, l), at, texts);
                }
            for (Link l : drawn) {
                if ((l.kind() == Link.Kind.INTENT) != intents) continue;
                Point p = place(labels, l, label(doc, ipam, l), routes.get(l.id()), sharedHost(nodes, l), at, texts);
                if (p != null && !intents) wireLabels.add(new Box(p.x(), p.y(), LabelPlacer.width(texts.get(l.id())), LabelPlacer.LABEL_H));
            }
        }
        List<LinkSpec> links = new ArrayList<>();
        for (Link l : drawn)
            links.add(new LinkSpec(l.id(), l.kind(), l.source(), l.target(), l.network(), texts.getOrDefault(l.id(), label(doc, ipam, l)), routes.get(l.id()), at.get(l.id()), tone(l, tones)));
        return new Scene(List.copyOf(nodes.values()), links);
    }

    /**
     * Places a link's label and records where and which text: a veth's "eth0 172.20.0.2" with no
     * free place inside its host falls back to "eth0" (the card beside it shows the address), so
     * a crowded host keeps its interface names rather than losing the labels.
     */
    private static Point place(LabelPlacer labels, Link l, String text, List<Point> route, Box host, Map<String, Point> at, Map<String, String> texts) {
        Point p = labels.place(l.id(), text, route, host);
        int space = text.indexOf(' ');
        if (p == null && space > 0 && l.kind() != Link.Kind.INTENT) {
            String name = text.substring(0, space);
            p = labels.place(l.id(), name, route, host);
            if (p != null) text = name;
        }
        at.put(l.id(), p);
        texts.put(l.id(), text);
        return p;
    }

    /** The box of the host both ends of a link are drawn in, or null: a link inside a host is labelled inside it. */
    private static Box sharedHost(Map<String, NodeSpec> nodes, Link l) {
        NodeSpec a = hostOf(nodes, l.source()), b = hostOf(nodes, l.target());
        return a != null && a == b ? a.box() : null;
    }

    private static NodeSpec hostOf(Map<String, NodeSpec> nodes, String id) {
        for (NodeSpec n = nodes.get(id); n != null; n = n.parent() == null ? null : nodes.get(n.parent()))
            if (n.shape() == Shape.HOST) return n;
        return null;
    }

    /** Expected flows between one pair of nodes would share one route: each after the first is moved aside. */
    private static void fanOut(List<Link> drawn, Map<String, List<Point>> routes, Map<String, NodeSpec> nodes, LinkRouter router) {
        Map<String, Integer> seen = new HashMap<>();
        for (Link l : drawn) {
            if (l.kind() != Link.Kind.INTENT) continue;
            String pair = l.source().compareTo(l.target()) < 0 ? l.source() + "|" + l.target() : l.target() + "|" + l.source();
            int k = seen.merge(pair, 1, Integer::sum) - 1;
            if (k == 0) continue;
            routes.put(l.id(), router.besides(routes.get(l.id()), k, nodes.get(l.source()), nodes.get(l.target())));
        }
    }

    static Shape shape(Node n) {
        if (n instanceof dev.hopscope.model.Network w) return hostScope(w) ? Shape.NETWORK_BAR : Shape.NETWORK_BAND;
        if (n instanceof Host) return Shape.HOST;
        if (n instanceof Bridge) return Shape.BRIDGE;
        if (n instanceof Pod) return Shape.POD;
        if (n instanceof Service) return Shape.SERVICE;
        if (n instanceof External) return Shape.EXTERNAL;
        if (n instanceof Underlay) return Shape.UNDERLAY;
        if (n instanceof Overlay) return Shape.OVERLAY;
        return Shape.CONTAINER;
    }

    /** Whether a network of a registered kind is drawn as a bar in its host (else as a band over the cluster). */
    public static boolean hostScope(dev.hopscope.model.Network w) {
        return w.networkKind().map(k -> k.scope() == dev.hopscope.model.kinds.NetworkKind.Scope.HOST).orElse(w.host() != null);
    }

    /** Underlays and overlays reach across every host they join, so a band follows its hosts. */
    private static void spanBands(Document doc, Map<String, Box> boxes) {
        for (Underlay u : doc.all(Underlay.class)) {
            List<String> on = new ArrayList<>();
            for (Host h : doc.all(Host.class)) if (u.id().equals(h.underlay())) on.add(h.id());
            span(boxes, u.id(), on);
        }
        for (Node band : doc.nodes())
            if (AutoLayout.isBand(band) && !(band instanceof Underlay)) span(boxes, band.id(), joinedHosts(doc, band));
    }

    /** The hosts an overlay or a cluster network joins (a cluster network with no members joins every host). */
    private static List<String> joinedHosts(Document doc, Node band) {
        if (band instanceof Overlay o) return o.members().stream().map(Overlay.Member::host).toList();
        if (band instanceof dev.hopscope.model.Network w && !w.members().isEmpty()) return w.members();
        return doc.all(Host.class).stream().map(Host::id).toList();
    }

    private static void span(Map<String, Box> boxes, String band, List<String> over) {
        Box b = boxes.get(band);
        if (b == null) return;
        double x0 = b.x(), x1 = b.x() + b.w();
        for (String id : over) {
            Box h = boxes.get(id);
            if (h == null) continue;
            x0 = Math.min(x0, h.x());
            x1 = Math.max(x1, h.x() + h.w());
        }
        boxes.put(band, new Box(x0, b.y(), x1 - x0, b.h()));
    }

    /** A colour index per bridge (its place among its host's bridges) and per overlay. */
    private static Map<String, Integer> tones(Document doc) {
        Map<String, Integer> out = new HashMap<>();
        Map<String, Integer> perHost = new HashMap<>();
        int k = 0;
        for (Node n : doc.nodes()) {
            if (AutoLayout.isBar(n)) out.put(n.id(), (perHost.merge(n.parent(), 1, Integer::sum) - 1) % BRIDGE_TONES);
            else if (AutoLayout.isBand(n) && !(n instanceof Underlay)) out.put(n.id(), k++ % OVERLAY_TONES);
        }
        return out;
    }

    private static int tone(Link l, Map<String, Integer> tones) {
        if (l.kind() == Link.Kind.VETH || l.kind() == Link.Kind.OVERLAY) return tones.getOrDefault(l.network(), -1);
        return -1;
    }

    /** What a link says: the interface and address a veth gives, a VTEP's VNI, an intent's probe. */
    static String label(Document doc, Ipam.Addressing ipam, Link l) {
        switch (l.kind()) {
            case VETH:
            case OVERLAY: {
                Node src = doc.node(l.source()).orElse(null);
                // a cluster network's node is a member, not a VTEP
                if (src instanceof Host && doc.get(l.network(), dev.hopscope.model.Network.class).isPresent()) return "member";
                if (src instanceof Host) return doc.get(l.network(), Overlay.class).map(o -> "VTEP · VNI " + o.memberVni(l.source())).orElse("VTEP");
                if (src instanceof Container c) {
                    for (int i = 0; i < c.attachments().size(); i++) {
                        Attachment a = c.attachments().get(i);
                        if (!a.network().equals(l.network())) continue;
                        return "eth" + i + ipam.address(c.id(), a.network()).map(ip -> " " + ip).orElse("");
                    }
                }
                if (src instanceof Pod p) return "eth0" + ipam.address(p.id(), l.network()).map(ip -> " " + ip).orElse("");
                return "";
            }
            case UNDERLAY: return "eth0";
            case INTENT: return doc.get(l.network(), Intent.class).map(i -> i.probe().toString()).orElse("");
            default: return "";
        }
    }

    /**
     * Intents aimed at an address ("172.17.0.3:5432") rather than a node's name: drawn to the
     * endpoint that holds the address (a container's or pod's attachment, an external, a host).
     */
    private static List<Link> intentsToAddresses(Document doc, Ipam.Addressing ipam, Map<String, NodeSpec> nodes, List<Link> drawn) {
        java.util.Set<String> have = new java.util.HashSet<>();
        for (Link l : drawn) if (l.kind() == Link.Kind.INTENT) have.add(l.network());
        Map<String, String> owner = null;
        List<Link> out = new ArrayList<>();
        for (Intent i : doc.all(Intent.class)) {
            if (have.contains(i.id()) || i.from() == null || i.to() == null) continue;
            Optional<Node> from = doc.find(i.from());
            if (from.isEmpty() || !nodes.containsKey(from.get().id())) continue;
            String host = dev.hopscope.model.Destination.tryParse(i.to().strip()).map(dev.hopscope.model.Destination::host).orElse(i.to());
            if (!Ipv4.isValid(host)) continue;
            if (owner == null) owner = addressOwners(doc, ipam);
            String to = owner.get(host);
            // a host's address and a port it publishes: the flow is for the container behind the port
            if (to != null && doc.get(to, Host.class).isPresent() && i.probe().port() > 0) to = publisher(doc, to, i.probe().port()).orElse(to);
            if (to == null || to.equals(from.get().id()) || !nodes.containsKey(to)) continue;
            out.add(new Link(Link.Kind.INTENT, from.get().id(), to, i.id()));
        }
        return out;
    }

    /** The container that answers on a port of its host: one publishing it, or one in host network mode listening on it. */
    private static Optional<String> publisher(Document doc, String hostId, int port) {
        for (Container c : doc.all(Container.class)) {
            if (!hostId.equals(c.host())) continue;
            if (c.ports().stream().anyMatch(p -> p.hostPort() == port)) return Optional.of(c.id());
            if (c.mode() == Container.Mode.HOST && c.sockets().stream().anyMatch(s -> s.port() == port)) return Optional.of(c.id());
        }
        return Optional.empty();
    }

    private static Map<String, String> addressOwners(Document doc, Ipam.Addressing ipam) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<Ipam.Key, Ipv4> e : ipam.addresses().entrySet()) out.putIfAbsent(e.getValue().toString(), e.getKey().node());
        for (External e : doc.all(External.class)) address(e.address()).ifPresent(a -> out.putIfAbsent(a, e.id()));
        for (Host h : doc.all(Host.class)) address(h.address()).ifPresent(a -> out.putIfAbsent(a, h.id()));
        return out;
    }

    private static Optional<String> address(String cidrOrIp) {
        if (cidrOrIp == null) return Optional.empty();
        if (Cidr.isValid(cidrOrIp)) return Optional.of(Cidr.parse(cidrOrIp).address().toString());
        return Ipv4.isValid(cidrOrIp) ? Optional.of(cidrOrIp) : Optional.empty();
    }

}
