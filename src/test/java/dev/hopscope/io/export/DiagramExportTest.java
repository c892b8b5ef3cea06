package dev.hopscope.io.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Box;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Link;
import dev.hopscope.model.Node;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.model.layout.AutoLayout;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Mermaid and draw.io exports, parsed back: Mermaid by a small grammar of the flowchart lines
 * we write (every line must be a node, a subgraph, an edge or a class line), draw.io as XML against
 * the mxfile structure draw.io reads. Expected names, nesting and positions come from the sample
 * files themselves.
 */
class DiagramExportTest {

    static Document load(String sample) { return DocumentCodec.load(Path.of("samples", sample)); }

    /** A sample whose names hold every character either format must escape. */
    static Document hostile() {
        Document doc = load("docker-overlay.json");
        return doc.update("web", n -> ((Container) n).withName("we\"b <b>&amp; | #1 `x`\nnext"))
                .withName("name with \"quotes\" & <tags>");
    }

    // ---------------------------------------------------------------- Mermaid

    private static final Pattern NODE = Pattern.compile(
            "(n\\d+)(\\[\\[|\\(\\[|\\{\\{|\\(\\(|\\[/|\\[\\\\|\\[)\"([^\"]*)\"(\\]\\]|\\]\\)|\\}\\}|\\)\\)|/\\]|\\\\\\]|\\])");
    private static final Pattern SUBGRAPH = Pattern.compile("subgraph (n\\d+)\\[\"([^\"]*)\"\\]");
    private static final Pattern EDGE = Pattern.compile("(n\\d+) (---|===|-\\.-\\|\"[^\"]*\"\\||-\\.->\\|(?:\"[^\"]*\"|selects)\\|) (n\\d+)");
    private static final Pattern CLASSDEF = Pattern.compile("classDef ([a-z-]+) (fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6})");
    private static final Pattern CLASS = Pattern.compile("class (n\\d+(?:,n\\d+)*) ([a-z-]+)");
    private static final Map<String, String> SHAPES = Map.of("[[", "]]", "([", "])", "{{", "}}", "((", "))", "[/", "/]", "[\\", "\\]", "[", "]");

    /** What the grammar check reads back: labels by id, the subgraph each id sits in, and the edges. */
    record Flowchart(Map<String, String> labels, Map<String, String> shapes, Map<String, String> parentOf, List<String[]> edges,
                     Map<String, String> classOf) {
        String idOf(String name) {
            for (var e : labels.entrySet()) if (nameOf(e.getValue()).equals(name)) return e.getKey();
            throw new AssertionError("no node named " + name + " in " + labels);
        }
    }

    static Flowchart parse(String text) {
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("%% ");
        assertThat(lines.get(1)).isEqualTo("flowchart TB");
        Map<String, String> labels = new LinkedHashMap<>(), shapes = new HashMap<>(), parentOf = new HashMap<>(), classOf = new HashMap<>();
        List<String[]> edges = new ArrayList<>();
        Set<String> classDefs = new HashSet<>();
        Deque<String> open = new ArrayDeque<>();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher m;
            if ((m = SUBGRAPH.matcher(line)).matches()) {
                define(labels, m.group(1), m.group(2), i);
                shapes.put(m.group(1), "subgraph");
                if (!open.isEmpty()) parentOf.put(m.group(1), open.peek());
                open.push(m.group(1));
            } else if (line.equals("end")) {
                assertThat(open).as("line %d: 'end' without a subgraph", i + 1).isNotEmpty();
                open.pop();
            } else if ((m = NODE.matcher(line)).matches()) {
                assertThat(SHAPES.get(m.group(2))).as("line %d: shape opened with %s closes with %s", i + 1, m.group(2), m.group(4)).isEqualTo(m.group(4));
                define(labels, m.group(1), m.group(3), i);
                shapes.put(m.group(1), m.group(2) + m.group(4));
                if (!open.isEmpty()) parentOf.put(m.group(1), open.peek());
            } else if ((m = EDGE.matcher(line)).matches()) {
                edges.add(new String[] {m.group(1), m.group(2), m.group(3)});
            } else if ((m = CLASSDEF.matcher(line)).matches()) {
                classDefs.add(m.group(1));
            } else if ((m = CLASS.matcher(line)).matches()) {
                assertThat(classDefs).as("line %d: class before its classDef", i + 1).contains(m.group(2));
                for (String id : m.group(1).split(",")) assertThat(classOf.put(id, m.group(2))).as("%s classed twice", id).isNull();
            } else {
                throw new AssertionError("line " + (i + 1) + " is not Mermaid flowchart we write: " + line);
            }
        }
        assertThat(open).as("unclosed subgraphs").isEmpty();
        for (String[] e : edges) assertThat(labels).as("edge %s → %s", e[0], e[2]).containsKeys(e[0], e[2]);
        for (String id : classOf.keySet()) assertThat(labels).containsKey(id);
        return new Flowchart(labels, shapes, parentOf, edges, classOf);
    }

    private static void define(Map<String, String> labels, String id, String label, int line) {
        assertThat(labels.put(id, label)).as("line %d: %s defined twice", line + 1, id).isNull();
        // inside a quoted label, markup is ours: <b>, </b> and <br/>; everything else is an entity code
        String rest = label.replace("<b>", "").replace("</b>", "").replace("<br/>", "");
        assertThat(rest).as("line %d: raw markup in a label", line + 1).doesNotContain("<", ">", "\"");
    }

    /** The name in a label, entity codes decoded. */
    static String nameOf(String label) {
        Matcher m = Pattern.compile("^<b>(.*?)</b>").matcher(label);
        assertThat(m.find()).as("label %s starts with the name in bold", label).isTrue();
        return m.group(1).replace("#quot;", "\"").replace("#lt;", "<").replace("#gt;", ">").replace("#124;", "|")
                .replace("#96;", "`").replace("#35;", "#").replace("#amp;", "&");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hopscope.io.export.KernelAgreementTest#samples")
    void mermaidOfEverySampleFollowsTheGrammarWithHostsAsSubgraphs(String sample) {
        Document doc = load(sample);
        Flowchart f = parse(MermaidExport.of(doc));
        // ids are n0, n1, ... in document order, intents and network policies left out (MermaidExport's contract)
        List<Node> drawn = doc.nodes().stream().filter(n -> n.kind().drawn()).toList();
        Map<String, String> idOf = new HashMap<>();
        for (Node n : drawn) idOf.put(n.id(), "n" + idOf.size());
        assertThat(f.labels()).hasSize(drawn.size());
        for (Node n : drawn) {
            String id = idOf.get(n.id());
            assertThat(nameOf(f.labels().get(id))).isEqualTo(n.name());
            assertThat(f.classOf()).containsEntry(id, n.kind().label());
            if (n.kind().label().equals("host")) assertThat(f.shapes()).containsEntry(id, "subgraph");
            if (n.parent() != null) assertThat(f.parentOf()).as("%s inside its host", n.name()).containsEntry(id, idOf.get(n.parent()));
            else assertThat(f.parentOf()).doesNotContainKey(id);
        }
        long links = TopologyGraph.of(doc).edgeSet().stream().filter(l -> l.kind() != Link.Kind.CONTAINMENT && l.kind() != Link.Kind.INTENT).count();
        assertThat(f.edges()).hasSizeGreaterThanOrEqualTo((int) links);
    }

    @Test
    void mermaidShowsKindsLinksVniAndIntentsOfTheOverlaySample() {
        Flowchart f = parse(MermaidExport.of(load("docker-overlay.json")));
        String web = f.idOf("web"), api = f.idOf("api"), appnet = f.idOf("appnet"), lan = f.idOf("lan"), h1 = f.idOf("h1");
        assertThat(f.shapes()).containsEntry(appnet, "[\\\\]").containsEntry(lan, "[//]").containsEntry(web, "[]");
        assertThat(f.parentOf()).containsEntry(web, h1).doesNotContainKey(h1);
        assertThat(f.labels().get(appnet)).contains("VNI 4097", "10.0.1.0/24");
        assertThat(f.labels().get(web)).contains("10.0.1.2");
        assertThat(f.edges()).anySatisfy(e -> assertThat(e).containsExactly(web, "-.-|\"VNI 4097\"|", appnet));
        assertThat(f.edges()).anySatisfy(e -> assertThat(e).containsExactly(h1, "===", lan));
        assertThat(f.edges()).anySatisfy(e -> assertThat(e).containsExactly(web, "-.->|\"tcp/8080\"|", api));
        assertThat(f.edges()).anySatisfy(e -> assertThat(e).containsExactly(web, "-.->|\"must not reach icmp/1472\"|", api));
    }

    @Test
    void mermaidServicesSelectPodsAsHexagonsAndStadiums() {
        Document doc = load("s12-clusterip-service.json");
        Flowchart f = parse(MermaidExport.of(doc));
        String web = f.idOf("web");
        assertThat(f.shapes()).containsEntry(web, "{{}}").containsEntry(f.idOf("p1"), "([])");
        assertThat(f.labels().get(web)).contains("ClusterIP 10.96.0.10", "80/tcp");
        assertThat(f.edges()).anySatisfy(e -> assertThat(e).containsExactly(web, "-.->|selects|", f.idOf("p2")));
    }

    @Test
    void mermaidEscapesEveryNameItCouldMisread() {
        String text = MermaidExport.of(hostile());
        Flowchart f = parse(text);
        assertThat(f.labels().values()).extracting(DiagramExportTest::nameOf).contains("we\"b <b>&amp; | #1 `x` next");
        assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("%% name with \"quotes\" & <tags> (Hopscope)");
    }

    // ---------------------------------------------------------------- draw.io

    record Cell(String id, String parent, String value, String style, boolean vertex, boolean edge, String source, String target, Element geometry) {}

    /** Reads an mxfile and checks it has the structure draw.io reads: mxfile / diagram / mxGraphModel / root / mxCell. */
    static Map<String, Cell> cells(String xml) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document x = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element file = x.getDocumentElement();
        assertThat(file.getTagName()).isEqualTo("mxfile");
        List<Element> diagrams = elements(file, "diagram");
        assertThat(diagrams).hasSize(1);
        List<Element> models = elements(diagrams.get(0), "mxGraphModel");
        assertThat(models).hasSize(1);
        List<Element> roots = elements(models.get(0), "root");
        assertThat(roots).hasSize(1);
        Map<String, Cell> cells = new LinkedHashMap<>();
        NodeList all = roots.get(0).getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (!(all.item(i) instanceof Element e)) continue;
            assertThat(e.getTagName()).isEqualTo("mxCell");
            String id = e.getAttribute("id");
            assertThat(id).isNotEmpty();
            List<Element> geo = elements(e, "mxGeometry");
            Cell c = new Cell(id, e.hasAttribute("parent") ? e.getAttribute("parent") : null, e.getAttribute("value"), e.getAttribute("style"),
                    "1".equals(e.getAttribute("vertex")), "1".equals(e.getAttribute("edge")),
                    e.getAttribute("source"), e.getAttribute("target"), geo.isEmpty() ? null : geo.get(0));
            assertThat(cells.put(id, c)).as("cell id %s twice", id).isNull();
        }
        List<Cell> list = new ArrayList<>(cells.values());
        assertThat(list.get(0).id()).isEqualTo("0");
        assertThat(list.get(0).parent()).isNull();
        assertThat(list.get(1).id()).isEqualTo("1");
        assertThat(list.get(1).parent()).isEqualTo("0");
        Set<String> seen = new HashSet<>(Set.of("0", "1"));
        for (Cell c : list.subList(2, list.size())) {
            assertThat(c.vertex() ^ c.edge()).as("%s is a vertex or an edge", c.id()).isTrue();
            assertThat(seen).as("%s: its parent %s comes first", c.id(), c.parent()).contains(c.parent());
            assertThat(c.geometry()).as("%s has a geometry", c.id()).isNotNull();
            assertThat(c.geometry().getAttribute("as")).isEqualTo("geometry");
            if (c.vertex()) {
                for (String a : List.of("x", "y")) Double.parseDouble(c.geometry().getAttribute(a));
                for (String a : List.of("width", "height")) assertThat(Double.parseDouble(c.geometry().getAttribute(a))).isPositive();
            } else {
                assertThat(c.geometry().getAttribute("relative")).isEqualTo("1");
                assertThat(cells.get(c.source())).as("%s's source", c.id()).matches(s -> s != null && s.vertex());
                assertThat(cells.get(c.target())).as("%s's target", c.id()).matches(s -> s != null && s.vertex());
            }
            seen.add(c.id());
        }
        return cells;
    }

    private static List<Element> elements(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList l = parent.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) if (l.item(i) instanceof Element e && e.getTagName().equals(tag)) out.add(e);
        return out;
    }

    /** A vertex's position on the page: its own geometry plus its parents'. */
    static double[] absolute(Map<String, Cell> cells, Cell c) {
        double x = 0, y = 0;
        for (Cell at = c; at != null && at.vertex(); at = cells.get(at.parent())) {
            x += Double.parseDouble(at.geometry().getAttribute("x"));
            y += Double.parseDouble(at.geometry().getAttribute("y"));
        }
        return new double[] {x, y};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hopscope.io.export.KernelAgreementTest#samples")
    void drawioOfEverySampleKeepsPositionsAndNestsContainersInHosts(String sample) throws Exception {
        Document doc = load(sample);
        Document laid = AutoLayout.fillMissing(doc);
        Map<String, Cell> cells = cells(DrawioExport.of(doc));
        for (Node n : doc.nodes()) {
            if (!n.kind().drawn()) continue; // intents, policies, namespaces, ingresses: drawn by neither the canvas nor the export
            Cell c = cells.get("hs-" + n.id());
            assertThat(c).as("a cell for %s", n.id()).isNotNull();
            assertThat(c.value()).startsWith(n.name());
            assertThat(c.style()).contains("hopscopeKind=" + n.kind().label() + ";");
            assertThat(c.parent()).isEqualTo(n.parent() == null ? "1" : "hs-" + n.parent());
            Box b = laid.layout().get(n.id());
            assertThat(absolute(cells, c)).as("%s where the designer draws it", n.id()).containsExactly(new double[] {b.x(), b.y()}, org.assertj.core.data.Offset.offset(0.01));
            if (b.w() > 0) assertThat(Double.parseDouble(c.geometry().getAttribute("width"))).isCloseTo(b.w(), org.assertj.core.data.Offset.offset(0.01));
        }
        long links = TopologyGraph.of(doc).edgeSet().stream().filter(l -> l.kind() != Link.Kind.CONTAINMENT && l.kind() != Link.Kind.INTENT).count();
        assertThat(cells.values().stream().filter(Cell::edge).count()).isGreaterThanOrEqualTo(links);
    }

    @Test
    void drawioHostsAreContainersAndOverlayLinksCarryTheVni() throws Exception {
        Map<String, Cell> cells = cells(DrawioExport.of(load("docker-overlay.json")));
        assertThat(cells.get("hs-h1").style()).contains("swimlane", "container=1");
        assertThat(cells.get("hs-web").value()).isEqualTo("web\n10.0.1.2");
        assertThat(cells.get("hs-appnet").value()).contains("VNI 4097");
        assertThat(cells.values()).anySatisfy(c -> {
            assertThat(c.edge()).isTrue();
            assertThat(c.source()).isEqualTo("hs-web");
            assertThat(c.target()).isEqualTo("hs-appnet");
            assertThat(c.value()).isEqualTo("VNI 4097");
            assertThat(c.style()).contains("dashed=1");
        });
        assertThat(cells.values()).anySatisfy(c -> {
            assertThat(c.source()).isEqualTo("hs-web");
            assertThat(c.target()).isEqualTo("hs-api");
            assertThat(c.value()).isEqualTo("must not reach icmp/1472");
            assertThat(c.style()).contains("endArrow=block", "#cf222e");
        });
    }

    @Test
    void drawioKeepsEveryCharacterOfANameAsPlainText() throws Exception {
        String xml = DrawioExport.of(hostile());
        Map<String, Cell> cells = cells(xml);
        assertThat(cells.get("hs-web").value()).startsWith("we\"b <b>&amp; | #1 `x`\nnext\n");
        assertThat(cells.get("hs-web").style()).contains("html=0");
        assertThat(xml).contains("name=\"name with &quot;quotes&quot; &amp; &lt;tags&gt;\"");
    }
}
