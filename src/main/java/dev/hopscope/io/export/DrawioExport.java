package dev.hopscope.io.export;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.NodeKind;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.model.layout.AutoLayout;
import dev.hopscope.model.layout.Metrics;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canvas as a draw.io (diagrams.net) file, uncompressed so it diffs and can be read: one
 * {@code mxCell} per node at the position and size the designer lays it out, a shape and colour
 * per kind (hosts are swimlane containers whose bridges, containers and pods are their children,
 * placed relative to them, so moving a host in draw.io moves what it holds), and one edge per
 * link between the cells it joins. Labels are plain text, so no name is ever read as HTML. The XML
 * is written by the JDK's DOM serializer, which escapes every value.
 */
public final class DrawioExport {
    private DrawioExport() {}

    /** The id draw.io gives a node's cell: the document id, prefixed so it never meets the root cells "0" and "1". */
    public static String cellId(String nodeId) { return "hs-" + nodeId; }

    public static String of(Document source) {
        Document doc = AutoLayout.fillMissing(source);
        NodeText text = new NodeText(doc);
        org.w3c.dom.Document x = newXml();
        Element file = x.createElement("mxfile");
        file.setAttribute("host", "Hopscope");
        file.setAttribute("type", "device");
        x.appendChild(file);
        Element diagram = child(file, "diagram");
        diagram.setAttribute("id", "hopscope");
        diagram.setAttribute("name", doc.name());
        Element model = child(diagram, "mxGraphModel");
        for (String[] a : new String[][] {{"grid", "1"}, {"gridSize", "10"}, {"guides", "1"}, {"tooltips", "1"}, {"connect", "1"},
                {"arrows", "1"}, {"fold", "1"}, {"page", "0"}, {"pageScale", "1"}, {"math", "0"}, {"shadow", "0"}})
            model.setAttribute(a[0], a[1]);
        Element root = child(model, "root");
        child(root, "mxCell").setAttribute("id", "0");
        Element layer = child(root, "mxCell");
        layer.setAttribute("id", "1");
        layer.setAttribute("parent", "0");

        Map<String, Box> boxes = new HashMap<>();
        // parents first: draw.io resolves a cell's parent when it reads it
        for (boolean children : new boolean[] {false, true})
            for (Node n : doc.nodes()) {
                if (n instanceof Intent || (n.parent() != null && doc.node(n.parent()).isPresent()) != children) continue;
                Box b = box(doc, n);
                if (b == null) continue;
                boxes.put(n.id(), b);
                Element cell = child(root, "mxCell");
                cell.setAttribute("id", cellId(n.id()));
                cell.setAttribute("value", value(n.name(), text.details(n), switch (n.kind()) { case HOST, BRIDGE, UNDERLAY, OVERLAY -> true; default -> false; }));
                cell.setAttribute("style", style(n));
                cell.setAttribute("vertex", "1");
                Box parent = children ? boxes.get(n.parent()) : null;
                cell.setAttribute("parent", parent == null ? "1" : cellId(n.parent()));
                geometry(cell, parent == null ? b : b.moved(-parent.x(), -parent.y()));
            }

        int e = 0;
        for (Link l : TopologyGraph.of(doc).edgeSet()) {
            if (l.kind() == Link.Kind.CONTAINMENT || l.kind() == Link.Kind.INTENT) continue;
            if (!boxes.containsKey(l.source()) || !boxes.containsKey(l.target())) continue;
            String label = l.kind() == Link.Kind.OVERLAY
                    ? doc.node(l.network()).filter(n -> n instanceof Overlay).map(n -> "VNI " + ((Overlay) n).vni()).orElse("") : "";
            edge(root, "e" + e++, l.source(), l.target(), label, switch (l.kind()) {
                case UNDERLAY -> "endArrow=none;strokeWidth=3;strokeColor=#57606a;";
                case OVERLAY -> "endArrow=none;dashed=1;strokeWidth=1.5;strokeColor=#1a7f37;fontColor=#1a7f37;";
                case SELECTS -> "endArrow=open;dashed=1;dashPattern=1 3;strokeColor=#4ac26b;";
                default -> "endArrow=none;strokeWidth=1.3;strokeColor=#6e7781;";
            });
        }
        for (Intent i : doc.all(Intent.class)) {
            Node a = i.from() == null ? null : doc.find(i.from()).orElse(null);
            Node b = i.destinationNode(doc).orElse(null);
            if (a == null || b == null || a == b || !boxes.containsKey(a.id()) || !boxes.containsKey(b.id())) continue;
            boolean isolated = i.expect() == Intent.Expect.ISOLATED;
            String colour = isolated ? "#cf222e" : "#0969da";
            edge(root, "e" + e++, a.id(), b.id(), ((isolated ? "must not reach " : "") + (i.probe() == null ? "" : i.probe())).trim(),
                    "endArrow=block;endFill=1;dashed=1;curved=1;strokeWidth=1.5;strokeColor=" + colour + ";fontColor=" + colour + ";");
        }
        return serialize(x);
    }

    private static Box box(Document doc, Node n) {
        Box b = doc.layout().get(n.id());
        if (b == null) return null;
        double w = b.w(), h = b.h();
        if (w <= 0 || h <= 0) {
            double[] d = switch (n.kind()) {
                case EXTERNAL -> new double[] {Metrics.GLOBE, Metrics.GLOBE};
                case SERVICE -> new double[] {Metrics.SERVICE_W, Metrics.SERVICE_H};
                case BRIDGE -> new double[] {Metrics.CARD_W, Metrics.BRIDGE_H};
                case UNDERLAY, OVERLAY -> new double[] {Metrics.BAND_MIN_W, Metrics.BAND_H};
                case HOST -> new double[] {Metrics.HOST_MIN_W, Metrics.HOST_MIN_H};
                default -> new double[] {Metrics.CARD_W, Metrics.CARD_H};
            };
            if (w <= 0) w = d[0];
            if (h <= 0) h = d[1];
        }
        return new Box(b.x(), b.y(), w, h);
    }

    /** A shape and the designer's light colours per kind. */
    private static String style(Node n) {
        String base = "whiteSpace=wrap;html=0;fontFamily=DejaVu Sans;fontSize=11;fontColor=#1f2328;";
        // kind-specific keys come after the common ones, so a host's larger font wins
        return base + switch (n.kind()) {
            case HOST -> "swimlane;container=1;collapsible=0;rounded=1;arcSize=4;startSize=" + (int) Metrics.HOST_HEADER
                    + ";fillColor=#f6f8fa;swimlaneFillColor=#f6f8fa;strokeColor=#afb8c1;fontStyle=1;fontSize=13;align=left;spacingLeft=10;";
            case BRIDGE -> "rounded=1;arcSize=20;fillColor=#fff4d6;strokeColor=#d4a72c;align=left;spacingLeft=8;";
            case CONTAINER -> "rounded=1;arcSize=8;fillColor=#eef6ff;strokeColor=#80b5ea;align=left;verticalAlign=top;spacingLeft=8;spacingTop=2;";
            case POD -> "rounded=1;arcSize=8;fillColor=#f1ecff;strokeColor=#a690e0;align=left;verticalAlign=top;spacingLeft=8;spacingTop=2;";
            case SERVICE -> "shape=hexagon;perimeter=hexagonPerimeter2;size=0.1;fixedSize=0;fillColor=#e8f7ee;strokeColor=#4ac26b;";
            case EXTERNAL -> "ellipse;aspect=fixed;fillColor=#f5f0ff;strokeColor=#8250df;verticalLabelPosition=bottom;verticalAlign=top;labelBackgroundColor=none;";
            case UNDERLAY -> "rounded=1;arcSize=50;fillColor=#eaeef2;strokeColor=#57606a;align=left;spacingLeft=12;";
            case OVERLAY -> "rounded=1;arcSize=50;dashed=1;fillColor=#e6f6ea;strokeColor=#1a7f37;align=left;spacingLeft=12;";
            case NETWORK_POLICY -> "shape=note;size=12;fillColor=#fff8c5;strokeColor=#9a6700;";
            default -> "rounded=1;";
        } + "hopscopeKind=" + n.kind().label() + ";";
    }

    /** The name, then the details: on lines for cards; after the name on one line for a host's header, bridges and bands. */
    private static String value(String name, List<String> details, boolean oneLine) {
        if (details.isEmpty()) return name;
        return name + (oneLine ? "  ·  " + String.join("  ·  ", details) : "\n" + String.join("\n", details));
    }

    private static void geometry(Element cell, Box b) {
        Element g = child(cell, "mxGeometry");
        g.setAttribute("x", number(b.x()));
        g.setAttribute("y", number(b.y()));
        g.setAttribute("width", number(b.w()));
        g.setAttribute("height", number(b.h()));
        g.setAttribute("as", "geometry");
    }

    private static void edge(Element root, String id, String source, String target, String label, String style) {
        Element cell = child(root, "mxCell");
        cell.setAttribute("id", id);
        cell.setAttribute("value", label);
        cell.setAttribute("style", "html=0;rounded=0;fontFamily=DejaVu Sans;fontSize=10;labelBackgroundColor=#ffffff;" + style);
        cell.setAttribute("edge", "1");
        cell.setAttribute("parent", "1");
        cell.setAttribute("source", cellId(source));
        cell.setAttribute("target", cellId(target));
        Element g = child(cell, "mxGeometry");
        g.setAttribute("relative", "1");
        g.setAttribute("as", "geometry");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    private static org.w3c.dom.Document newXml() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is always there", e);
        }
    }

    private static String serialize(org.w3c.dom.Document x) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(x), new StreamResult(w));
            return w.toString().replace("\r\n", "\n") + (w.toString().endsWith("\n") ? "" : "\n");
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the draw.io XML: " + e.getMessage(), e);
        }
    }
}
