package dev.hopscope.io.export;

import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.TopologyGraph;
import org.jgrapht.Graph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topology graph ({@link TopologyGraph}) as DOT and GraphML, through JGraphT's exporters.
 * Vertices carry kind, name, id and addresses; edges their link kind and network. In DOT a host's
 * contents sit in a {@code subgraph cluster_N} labelled with the host's name.
 */
public final class GraphExport {
    private GraphExport() {}

    public static String dot(Document doc) {
        Graph<String, Link> g = TopologyGraph.of(doc);
        Map<String, String> ids = vertexIds(g);
        Addresses addresses = new Addresses(doc);
        DOTExporter<String, Link> ex = new DOTExporter<>(ids::get);
        ex.setGraphIdProvider(() -> "hopscope");
        ex.setVertexAttributeProvider(v -> {
            Node n = doc.node(v).orElseThrow();
            List<String> addrs = addresses.of(n);
            Map<String, Attribute> m = new LinkedHashMap<>();
            // JGraphT escapes double quotes in values but not backslashes: those are ours to double
            common(n, addrs).forEach((k, a) -> m.put(k, DefaultAttribute.createAttribute(backslashes(a.getValue()))));
            StringBuilder label = new StringBuilder(backslashes(n.name()));
            // a raw line break: Graphviz breaks the label there, and JGraphT's DOT reader accepts it (it rejects \n)
            for (String a : addrs) label.append('\n').append(backslashes(a));
            m.put("label", DefaultAttribute.createAttribute(label.toString()));
            m.put("shape", DefaultAttribute.createAttribute(shape(n)));
            m.put("fontname", DefaultAttribute.createAttribute("DejaVu Sans"));
            return m;
        });
        ex.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> m = new LinkedHashMap<>();
            edgeAttributes(e).forEach((k, a) -> m.put(k, DefaultAttribute.createAttribute(backslashes(a.getValue()))));
            m.put("style", DefaultAttribute.createAttribute(switch (e.kind()) {
                case OVERLAY, INTENT -> "dashed";
                case CONTAINMENT, SELECTS -> "dotted";
                default -> "solid";
            }));
            if (e.kind() == Link.Kind.UNDERLAY) m.put("penwidth", DefaultAttribute.createAttribute(3));
            return m;
        });
        StringWriter w = new StringWriter();
        ex.exportGraph(g, w);
        return withClusters(w.toString(), doc, ids);
    }

    public static String graphml(Document doc) {
        Graph<String, Link> g = TopologyGraph.of(doc);
        Addresses addresses = new Addresses(doc);
        GraphMLExporter<String, Link> ex = new GraphMLExporter<>(v -> v);
        for (String key : List.of("kind", "name", "addresses", "parent"))
            ex.registerAttribute(key, GraphMLExporter.AttributeCategory.NODE, org.jgrapht.nio.AttributeType.STRING);
        ex.registerAttribute("link", GraphMLExporter.AttributeCategory.EDGE, org.jgrapht.nio.AttributeType.STRING);
        ex.registerAttribute("network", GraphMLExporter.AttributeCategory.EDGE, org.jgrapht.nio.AttributeType.STRING);
        ex.setVertexAttributeProvider(v -> {
            Node n = doc.node(v).orElseThrow();
            Map<String, Attribute> m = common(n, addresses.of(n));
            m.remove("id");
            if (n.parent() != null) m.put("parent", DefaultAttribute.createAttribute(n.parent()));
            return m;
        });
        ex.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> m = edgeAttributes(e);
            m.put("link", m.remove("kind"));
            return m;
        });
        StringWriter w = new StringWriter();
        ex.exportGraph(g, w);
        return w.toString();
    }

    private static Map<String, Attribute> common(Node n, List<String> addrs) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        m.put("id", DefaultAttribute.createAttribute(n.id()));
        m.put("kind", DefaultAttribute.createAttribute(n.kind().label()));
        m.put("name", DefaultAttribute.createAttribute(n.name()));
        m.put("addresses", DefaultAttribute.createAttribute(String.join(" ", addrs)));
        return m;
    }

    private static Map<String, Attribute> edgeAttributes(Link e) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        m.put("kind", DefaultAttribute.createAttribute(e.kind().label()));
        if (e.network() != null) m.put("network", DefaultAttribute.createAttribute(e.network()));
        return m;
    }

    private static String shape(Node n) {
        return switch (n.kind()) {
            case HOST -> "box3d";
            case BRIDGE -> "box";
            case UNDERLAY, OVERLAY -> "cds";
            case CONTAINER, POD -> "component";
            case SERVICE -> "hexagon";
            case EXTERNAL -> "ellipse";
            default -> "note";
        };
    }

    /** DOT identifiers we choose ourselves (n0, n1, ...): document ids may hold any character. */
    private static Map<String, String> vertexIds(Graph<String, Link> g) {
        Map<String, String> ids = new HashMap<>();
        int i = 0;
        for (String v : g.vertexSet()) ids.put(v, "n" + i++);
        return ids;
    }

    /** Graphviz puts a node in every cluster that mentions it, so the clusters go after JGraphT's statements. */
    private static String withClusters(String dot, Document doc, Map<String, String> ids) {
        int end = dot.lastIndexOf('}');
        int open = dot.indexOf('{') + 1;
        // graph attributes written here: JGraphT 1.5 leaves graph attribute values unquoted
        StringBuilder sb = new StringBuilder(dot.substring(0, open)).append('\n');
        sb.append("  label=\"").append(escape(doc.name())).append("\";\n");
        sb.append("  labelloc=t;\n  fontname=\"DejaVu Sans\";\n  compound=true;\n");
        sb.append(dot, open + 1, end);
        int c = 0;
        for (Host h : doc.all(Host.class)) {
            List<Node> inside = doc.children(h.id());
            sb.append("  subgraph cluster_").append(c++).append(" {\n");
            sb.append("    label=\"").append(escape(h.name())).append("\";\n");
            sb.append("    style=rounded;\n");
            sb.append("    ").append(ids.get(h.id())).append(";\n");
            for (Node n : inside) if (ids.containsKey(n.id())) sb.append("    ").append(ids.get(n.id())).append(";\n");
            sb.append("  }\n");
        }
        return sb.append("}\n").toString();
    }

    /** Backslashes doubled; control characters (a NUL, a line break in a name) shown as '?', never raw in DOT. */
    private static String backslashes(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') sb.append("\\\\");
            else sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return backslashes(s).replace("\"", "\\\"");
    }

}
