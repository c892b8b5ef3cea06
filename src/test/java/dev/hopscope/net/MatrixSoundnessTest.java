package dev.hopscope.net;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.MatrixRow;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix takes three short cuts: classes of alike hosts (one representative flow per pair of
 * classes of hosts, on one host and across two), classes of alike endpoints (one per pair of
 * endpoint classes), and reuse of outcomes that did not depend on who owns the destination. All
 * must give exactly what a fresh, fully recorded trace of each row gives.
 */
class MatrixSoundnessTest {

    static Stream<Path> samples() throws IOException {
        return Files.list(Path.of("samples")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyRowEqualsAFreshTrace(Path file) {
        check(DocumentCodec.load(file));
    }

    @ParameterizedTest(name = "design of {0} hosts")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
    void everyRowEqualsAFreshTraceOnAWiderDesign(int hosts) {
        Document d = Scenarios.base("wide", hosts, true);
        for (int h = 1; h <= hosts; h++) {
            d = d.with(dev.hopscope.model.Bridge.docker0("d" + h, "h" + h))
                    .with(new dev.hopscope.model.Bridge("u" + h, "br-u", "h" + h, dev.hopscope.model.Bridge.Kind.USER_DEFINED, "10.10." + h + ".0/24", null, true, false, true));
            for (int c = 0; c < 4; c++)
                d = d.with(Scenarios.web("c" + h + "-" + c, "h" + h, c % 2 == 0 ? "d" + h : "u" + h, null, 80 + c % 2)
                        .withPorts(c == 1 ? List.of(dev.hopscope.model.PublishedPort.tcp(8000 + c, 81)) : List.of()));
        }
        check(d);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"DOCKER, 4, 8, false", "DOCKER, 3, 12, true", "FLANNEL, 3, 8, false", "CALICO, 3, 8, false", "CILIUM, 3, 8, false", "WEAVE, 3, 8, false"})
    void everyRowOfAGeneratedDesignEqualsAFreshTrace(dev.hopscope.io.SyntheticTopology.Cni cni, int hosts, int perHost, boolean overlay) {
        check(dev.hopscope.io.SyntheticTopology.generate(hosts, perHost, cni, overlay));
    }

    @org.junit.jupiter.api.Test
    void everyRowOfAGeneratedCiliumClusterWithoutKubeProxyEqualsAFreshTrace() {
        check(dev.hopscope.io.SyntheticTopology.generate(3, 8, dev.hopscope.io.SyntheticTopology.Cni.CILIUM, false, true));
    }

    @org.junit.jupiter.api.Test
    void everyRowEqualsAFreshTraceWhereSomeHostsDiffer() {
        // h3 routes h1's user-defined subnet via h1 (its containers now meet Docker's DROP on h1, not NO_ROUTE at home),
        // and h4 has one container more: four hosts, three of them unlike the rest
        Document d = dev.hopscope.io.SyntheticTopology.generate(4, 8, false);
        dev.hopscope.model.Host h3 = d.get("h3", dev.hopscope.model.Host.class).orElseThrow();
        d = d.with(new dev.hopscope.model.Host("h3", "h3", h3.role(), h3.underlay(), h3.address(), true, h3.mtu(),
                List.of(new dev.hopscope.model.StaticRoute("10.100.0.0/24", "10.0.0.11"))));
        dev.hopscope.model.Container web = d.get("h4-web-0", dev.hopscope.model.Container.class).orElseThrow();
        d = d.with(new dev.hopscope.model.Container("h4-extra", "h4-extra", web.image(), "h4", web.mode(), null, web.attachments(),
                List.of(dev.hopscope.model.PublishedPort.tcp(9000, 9000)), List.of(dev.hopscope.model.Socket.tcp(9000)), List.of()));
        check(d);
    }

    /** 50 hosts x 100 containers (50,010,000 rows): a seeded sample of pairs on one host, across hosts and with the client. */
    @org.junit.jupiter.api.Test
    void aSampleOfTheLargeDesignEqualsFreshTraces() {
        Document doc = dev.hopscope.io.SyntheticTopology.generate(50, 100, false);
        Network net = Network.compile(doc);
        var matrix = Analyzer.analyze(net).matrix();
        Network fresh = Network.compile(doc);
        List<Node> eps = doc.nodes().stream().filter(n -> n.kind().isEndpoint()).toList();
        java.util.Random random = new java.util.Random(9);
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < 1500; i++) {
            Node from = eps.get(random.nextInt(eps.size()));
            Node to = switch (i % 3) {
                case 0 -> eps.get(random.nextInt(eps.size()));                                  // mostly across hosts
                case 1 -> doc.node(from.id().replaceFirst("-.*", "") + "-" + doc.node(eps.get(random.nextInt(eps.size())).id())
                        .map(n -> n.id().substring(n.id().indexOf('-') + 1)).orElseThrow()).orElse(from); // the same host
                default -> doc.node("client").orElseThrow();
            };
            for (MatrixRow r : matrix.between(from.id(), to.id())) {
                rows++;
                compare(doc, fresh, r, wrong);
            }
        }
        assertThat(rows).isGreaterThan(2000);
        assertThat(wrong).isEmpty();
    }

    private static void compare(Document doc, Network fresh, MatrixRow r, List<String> wrong) {
        Node src = doc.node(r.from()).orElseThrow(), dst = doc.node(r.to()).orElseThrow();
        var candidates = fresh.tracer().targets().of(dst, r.probe());
        Trace t = fresh.tracer().best(src, fresh.dataplane().namespaceOf(src.id()), dst.id(), candidates, r.probe(), true);
        if (t.disposition() != r.disposition() || !t.via().equals(r.via()))
            wrong.add(r + " but a fresh trace says " + t.disposition() + " via " + t.via());
    }

    private static void check(Document doc) {
        Network net = Network.compile(doc);
        List<MatrixRow> rows = Analyzer.analyze(net).matrix().rows();
        Network fresh = Network.compile(doc);
        List<String> wrong = new ArrayList<>();
        for (MatrixRow r : rows) compare(doc, fresh, r, wrong);
        assertThat(wrong).as(doc.name()).isEmpty();
    }
}
