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
 * The matrix takes two short cuts: endpoint classes (one representative flow per pair of classes)
 * and reuse of outcomes that did not depend on who owns the destination. Both must give exactly
 * what a fresh, fully recorded trace of each row gives.
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

    private static void check(Document doc) {
        Network net = Network.compile(doc);
        List<MatrixRow> rows = Analyzer.analyze(net).matrix().rows();
        Network fresh = Network.compile(doc);
        List<String> wrong = new ArrayList<>();
        for (MatrixRow r : rows) {
            Node src = doc.node(r.from()).orElseThrow(), dst = doc.node(r.to()).orElseThrow();
            var candidates = fresh.tracer().targets().of(dst, r.probe(), null);
            Trace t = fresh.tracer().best(src, fresh.dataplane().namespaceOf(src.id()), dst.id(), candidates, r.probe(), true);
            if (t.disposition() != r.disposition() || !t.via().equals(r.via()))
                wrong.add(r + " but a fresh trace says " + t.disposition() + " via " + t.via());
        }
        assertThat(wrong).as(doc.name()).isEmpty();
    }
}
