package dev.hopscope.io.export;

import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.NodeKind;
import dev.hopscope.model.TopologyGraph;
import org.jgrapht.Graph;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topology as a Mermaid flowchart, the diagram GitHub renders in a Markdown file: each host
 * a subgraph holding its bridges, containers and pods; a shape per kind (bridge a subroutine box,
 * pod a stadium, Service a hexagon, external a circle, underlay and overlay parallelograms); veth
 * links solid, underlay thick, overlay dotted with the VNI, a Service's selection and the intents
 * as dotted arrows. Node ids are ours ({@code n0}, {@code n1}, ... in document order over the nodes
 * the canvas draws: no intents, no network policies) since document ids may hold any character; every label is quoted, with Mermaid's entity codes for the characters it would read.
 */
public final class MermaidExport {
    private MermaidExport() {}

    public static String of(Document doc) {
        NodeText text = new NodeText(doc);
        Map<String, String> ids = new LinkedHashMap<>();
        for (Node n : doc.nodes()) if (drawn(n)) ids.put(n.id(), "n" + ids.size());
        StringBuilder sb = new StringBuilder();
        sb.append("%% ").append(comment(doc.name())).append(" (Hopscope)\n");
        sb.append("flowchart TB\n");
        Map<NodeKind, List<String>> byKind = new EnumMap<>(NodeKind.class);
        for (Node n : doc.nodes()) {
            if (!drawn(n) || n.parent() != null && ids.containsKey(n.parent())) continue;
            if (n instanceof Host h) {
                sb.append("  subgraph ").append(ids.get(h.id())).append("[\"").append(label(h.name(), text.details(h))).append("\"]\n");
                for (Node c : doc.children(h.id())) {
                    sb.append("    ").append(node(ids.get(c.id()), c, text)).append('\n');
                    byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(ids.get(c.id()));
                }
                sb.append("  end\n");
            } else {
                sb.append("  ").append(node(ids.get(n.id()), n, text)).append('\n');
            }
            byKind.computeIfAbsent(n.kind(), k -> new ArrayList<>()).add(ids.get(n.id()));
        }
        Graph<String, Link> g = TopologyGraph.of(doc);
        List<Link> links = new ArrayList<>(g.edgeSet());
        for (Link l : links) {
            if (l.kind() == Link.Kind.CONTAINMENT || l.kind() == Link.Kind.INTENT) continue;
            String a = ids.get(l.source()), b = ids.get(l.target());
            if (a == null || b == null) continue;
            sb.append("  ").append(a).append(' ').append(switch (l.kind()) {
                case UNDERLAY -> "===";
                case OVERLAY -> "-.-|\"" + escape(overlayLabel(doc, l)) + "\"|";
                case SELECTS -> "-.->|selects|";
                default -> "---";
            }).append(' ').append(b).append('\n');
        }
        for (Intent i : doc.all(Intent.class)) {
            String a = i.from() == null ? null : doc.find(i.from()).map(n -> ids.get(n.id())).orElse(null);
            String b = i.destinationNode(doc).map(n -> ids.get(n.id())).orElse(null);
            if (a == null || b == null || a.equals(b)) continue;
            boolean isolated = i.expect() == Intent.Expect.ISOLATED;
            String probe = i.probe() == null ? "" : i.probe().toString();
            sb.append("  ").append(a).append(" -.->|\"").append(escape((isolated ? "must not reach " : "") + probe).trim()).append("\"| ").append(b).append('\n');
        }
        for (Map.Entry<NodeKind, String> style : STYLES.entrySet()) {
            List<String> members = byKind.get(style.getKey());
            if (members == null) continue;
            sb.append("  classDef ").append(style.getKey().label()).append(' ').append(style.getValue()).append('\n');
            sb.append("  class ").append(String.join(",", members)).append(' ').append(style.getKey().label()).append('\n');
        }
        return sb.toString();
    }

    /** What the canvas draws as a node: not intents (they are arrows) nor network policies (rules, not boxes). */
    static boolean drawn(Node n) { return n.kind().drawn(); }

    /** The designer's light palette, one class per kind. */
    private static final Map<NodeKind, String> STYLES = new LinkedHashMap<>();
    static {
        STYLES.put(NodeKind.HOST, "fill:#f6f8fa,stroke:#afb8c1,color:#1f2328");
        STYLES.put(NodeKind.BRIDGE, "fill:#fff4d6,stroke:#d4a72c,color:#1f2328");
        STYLES.put(NodeKind.CONTAINER, "fill:#eef6ff,stroke:#80b5ea,color:#1f2328");
        STYLES.put(NodeKind.POD, "fill:#f1ecff,stroke:#a690e0,color:#1f2328");
        STYLES.put(NodeKind.SERVICE, "fill:#e8f7ee,stroke:#4ac26b,color:#1f2328");
        STYLES.put(NodeKind.EXTERNAL, "fill:#f5f0ff,stroke:#8250df,color:#1f2328");
        STYLES.put(NodeKind.UNDERLAY, "fill:#eaeef2,stroke:#57606a,color:#1f2328");
        STYLES.put(NodeKind.OVERLAY, "fill:#e6f6ea,stroke:#1a7f37,color:#1f2328");
        STYLES.put(NodeKind.NETWORK, "fill:#eef4ff,stroke:#0969da,color:#1f2328");
    }

    private static String node(String id, Node n, NodeText text) {
        String l = "\"" + label(n.name(), text.details(n)) + "\"";
        return id + switch (n.kind()) {
            case BRIDGE -> "[[" + l + "]]";
            case POD -> "([" + l + "])";
            case SERVICE -> "{{" + l + "}}";
            case EXTERNAL -> "((" + l + "))";
            case UNDERLAY -> "[/" + l + "/]";
            case OVERLAY -> "[\\" + l + "\\]";
            case NETWORK -> n.parent() != null ? "[[" + l + "]]" : "[\\" + l + "\\]"; // in one host like a bridge, across hosts like an overlay
            default -> "[" + l + "]";
        };
    }

    private static String overlayLabel(Document doc, Link l) {
        return doc.node(l.network()).filter(n -> n instanceof dev.hopscope.model.Overlay)
                .map(n -> "VNI " + ((dev.hopscope.model.Overlay) n).vni()).orElse("overlay");
    }

    /** The name in bold, then one line per detail. */
    private static String label(String name, List<String> details) {
        StringBuilder sb = new StringBuilder("<b>").append(escape(name)).append("</b>");
        for (String d : details) sb.append("<br/>").append(escape(d));
        return sb.toString();
    }

    /**
     * Mermaid entity codes ({@code #quot;}, {@code #35;}, ...) for the characters that would end a
     * quoted label or be read as markup; line breaks become spaces.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("#quot;");
                case '#' -> sb.append("#35;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '&' -> sb.append("#amp;");
                case '|' -> sb.append("#124;");
                case '`' -> sb.append("#96;");
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> sb.append(c < 0x20 ? ' ' : c);
            }
        }
        return sb.toString();
    }

    private static String comment(String s) { return s.replaceAll("[\\r\\n]+", " "); }
}
