package dev.hopscope.io.export;

import dev.hopscope.Processes;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Link;
import dev.hopscope.model.TopologyGraph;
import org.jgrapht.Graph;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GraphExportTest {

    static Document load(String sample) { return DocumentCodec.load(Path.of("samples", sample)); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hopscope.io.export.KernelAgreementTest#samples")
    void dotParsesBackWithTheSameNodesAndEdges(String sample) {
        Document doc = load(sample);
        Graph<String, Link> expected = TopologyGraph.of(doc);
        Graph<String, Object> back = importDot(GraphExport.dot(doc), new HashMap<>());
        assertThat(back.vertexSet()).hasSize(expected.vertexSet().size());
        assertThat(back.edgeSet()).hasSize(expected.edgeSet().size());
    }

    @Test
    void dotCarriesKindNameAddressesAndLinkKinds() {
        Document doc = load("s08-published-port.json");
        String dot = GraphExport.dot(doc);
        Map<String, Map<String, Attribute>> attrs = new HashMap<>();
        importDot(dot, attrs);
        Map<String, Map<String, String>> byId = new HashMap<>();
        attrs.values().forEach(m -> {
            Map<String, String> plain = new HashMap<>();
            m.forEach((k, v) -> plain.put(k, v.getValue()));
            if (plain.containsKey("id")) byId.put(plain.get("id"), plain);
        });
        assertThat(byId.get("web")).containsEntry("kind", "container").containsEntry("name", "web").containsEntry("addresses", "172.17.0.2");
        assertThat(byId.get("h1")).containsEntry("kind", "host").containsEntry("addresses", "192.168.50.11/24");
        assertThat(byId.get("docker0")).containsEntry("kind", "bridge").containsEntry("addresses", "172.17.0.0/16");
        assertThat(dot).contains("kind=\"veth\"", "kind=\"underlay\"", "kind=\"containment\"");
        // h1's contents are grouped in a cluster labelled with its name
        assertThat(dot).containsPattern("subgraph cluster_0 \\{\\s+label=\"h1\";");
    }

    @Test
    void dotRendersWithGraphvizWhenInstalled() throws Exception {
        assumeTrue(Lab.onPath("dot"), "graphviz is not installed");
        java.nio.file.Path f = java.nio.file.Files.createTempFile("hopscope", ".dot");
        try {
            Exporter.write(load("docker-overlay.json"), Exporter.Format.DOT, f);
            Processes.Result r = Lab.run(60, "dot", "-Tsvg", f.toString());
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).contains("<svg", "cluster_0", "cluster_1");
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    @Test
    void hostileNamesStayInsideDotStrings() {
        Document doc = NetnsScriptTest.hostile();
        Graph<String, Object> back = importDot(GraphExport.dot(doc), new HashMap<>());
        assertThat(back.vertexSet()).hasSize(TopologyGraph.of(doc).vertexSet().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hopscope.io.export.KernelAgreementTest#samples")
    void graphmlIsXmlWithEveryNodeAndEdge(String sample) throws Exception {
        Document doc = load(sample);
        Graph<String, Link> g = TopologyGraph.of(doc);
        var xml = CanvasExportTest.xmlParser().parse(new ByteArrayInputStream(GraphExport.graphml(doc).getBytes(StandardCharsets.UTF_8)));
        NodeList nodes = xml.getElementsByTagName("node");
        NodeList edges = xml.getElementsByTagName("edge");
        assertThat(nodes.getLength()).isEqualTo(g.vertexSet().size());
        assertThat(edges.getLength()).isEqualTo(g.edgeSet().size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodes.getLength(); i++) ids.add(((Element) nodes.item(i)).getAttribute("id"));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(g.vertexSet());
        // each edge joins two exported nodes and names its link kind
        Map<String, String> keys = new HashMap<>();
        NodeList keyList = xml.getElementsByTagName("key");
        for (int i = 0; i < keyList.getLength(); i++) {
            Element k = (Element) keyList.item(i);
            keys.put(k.getAttribute("attr.name"), k.getAttribute("id"));
        }
        assertThat(keys).containsKeys("kind", "name", "addresses", "link");
        for (int i = 0; i < edges.getLength(); i++) {
            Element e = (Element) edges.item(i);
            assertThat(ids).contains(e.getAttribute("source"), e.getAttribute("target"));
            assertThat(data(e, keys.get("link"))).isIn("containment", "veth", "underlay", "overlay", "selects", "intent");
        }
        for (Host h : doc.all(Host.class)) {
            Element n = byId(nodes, h.id());
            assertThat(data(n, keys.get("kind"))).isEqualTo("host");
            assertThat(data(n, keys.get("name"))).isEqualTo(h.name());
        }
    }

    private static Element byId(NodeList nodes, String id) {
        for (int i = 0; i < nodes.getLength(); i++) if (((Element) nodes.item(i)).getAttribute("id").equals(id)) return (Element) nodes.item(i);
        throw new AssertionError("no node " + id);
    }

    private static String data(Element e, String key) {
        NodeList d = e.getElementsByTagName("data");
        for (int i = 0; i < d.getLength(); i++)
            if (((Element) d.item(i)).getAttribute("key").equals(key)) return d.item(i).getTextContent();
        return null;
    }

    private static Graph<String, Object> importDot(String dot, Map<String, Map<String, Attribute>> attrs) {
        Supplier<String> vs = new Supplier<>() {
            int n;
            @Override public String get() { return "v" + n++; }
        };
        Graph<String, Object> g = GraphTypeBuilder.<String, Object>directed().allowingMultipleEdges(true).allowingSelfLoops(true)
                .vertexSupplier(vs).edgeSupplier(Object::new).buildGraph();
        DOTImporter<String, Object> im = new DOTImporter<>();
        im.addVertexAttributeConsumer((p, a) -> attrs.computeIfAbsent(p.getFirst(), k -> new HashMap<>()).put(p.getSecond(), a));
        im.importGraph(g, new StringReader(dot));
        return g;
    }

    /** Issue 14 item 16: the reader refuses a NUL in a name, but a name typed in the designer never reaches DOT raw either. */
    @Test
    void controlCharactersInANameNeverReachDotRaw() {
        Document doc = load("s08-published-port.json");
        Host h1 = doc.get("h1", Host.class).orElseThrow();
        String dot = GraphExport.dot(doc.with(h1.withName("a\u0000b\u0007c")));
        assertThat(dot).doesNotContain("\u0000").doesNotContain("\u0007").contains("name=\"a?b?c\"");
    }
}
