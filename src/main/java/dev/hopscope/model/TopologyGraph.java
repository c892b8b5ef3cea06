package dev.hopscope.model;

import org.jgrapht.Graph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/** The document as a JGraphT graph: vertices are node ids, edges are the derived {@link Link}s. */
public final class TopologyGraph {
    private TopologyGraph() {}

    public static Graph<String, Link> of(Document doc) {
        Graph<String, Link> g = GraphTypeBuilder.<String, Link>directed().allowingMultipleEdges(true)
                .allowingSelfLoops(false).buildGraph();
        for (Node n : doc.nodes()) if (!(n instanceof Intent)) g.addVertex(n.id());
        for (Node n : doc.nodes()) {
            if (n.parent() != null) add(g, new Link(Link.Kind.CONTAINMENT, n.parent(), n.id(), null));
            if (n instanceof Host h && h.underlay() != null) add(g, new Link(Link.Kind.UNDERLAY, h.id(), h.underlay(), h.underlay()));
            if (n instanceof External e && e.underlay() != null) add(g, new Link(Link.Kind.UNDERLAY, e.id(), e.underlay(), e.underlay()));
            if (n instanceof Overlay o) for (Overlay.Member m : o.members()) add(g, new Link(Link.Kind.OVERLAY, m.host(), o.id(), o.id()));
            if (n instanceof Network w && w.host() == null)
                for (Host h : Ipam.hostsOf(doc, w)) add(g, new Link(Link.Kind.OVERLAY, h.id(), w.id(), w.id()));
            if (n instanceof Container c) for (Attachment a : c.attachments()) {
                boolean overlay = doc.node(a.network()).filter(x -> x instanceof Overlay || x instanceof Network w && w.host() == null).isPresent();
                add(g, new Link(overlay ? Link.Kind.OVERLAY : Link.Kind.VETH, c.id(), a.network(), a.network()));
            }
            if (n instanceof Pod p && !p.hostNetwork())
                Ipam.podNetwork(doc, p).ifPresent(b -> add(g, new Link(Link.Kind.VETH, p.id(), b.id(), b.id())));
            if (n instanceof Service s)
                for (Pod p : doc.all(Pod.class))
                    if (!s.selector().isEmpty() && p.namespace().equals(s.namespace()) && Labels.matches(s.selector(), p.labels()))
                        add(g, new Link(Link.Kind.SELECTS, s.id(), p.id(), null));
            if (n instanceof Intent i) {
                var from = i.from() == null ? null : doc.find(i.from()).orElse(null);
                var to = i.destinationNode(doc).orElse(null);
                if (from != null && to != null && !from.id().equals(to.id()))
                    add(g, new Link(Link.Kind.INTENT, from.id(), to.id(), i.id()));
            }
        }
        return g;
    }

    private static void add(Graph<String, Link> g, Link l) {
        if (g.containsVertex(l.source()) && g.containsVertex(l.target()) && !l.source().equals(l.target()))
            g.addEdge(l.source(), l.target(), l);
    }
}
