package dev.hopscope.net.findings;

import dev.hopscope.net.Findings;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.Probe;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Finding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The design-wide findings alone, on the SPEC's large design (50 hosts x 100 containers, 5,000
 * intents) and on a 500-endpoint design (the re-analysis after one edit must fit a 16 ms frame).
 * Half the containers sit on docker0 and address their intent by name, so the DNS check reports
 * thousands of findings: the worst case for message building, not an empty run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DesignChecksBenchmark {

    @Param({"50", "5"})
    int hosts;

    private Document doc;
    private Ipam.Addressing addressing;

    @Setup
    public void setUp() {
        doc = design(hosts, 100);
        addressing = Ipam.allocate(doc);
    }

    @Benchmark
    public List<Finding> findings() {
        return Findings.of(doc, addressing);
    }

    /** hosts x perHost containers, alternating docker0 and a user-defined bridge, one intent per container. */
    static Document design(int hosts, int perHost) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Underlay("lan", "lan", "10.0.0.0/16", 1500));
        for (int h = 0; h < hosts; h++) {
            String host = "h" + h;
            nodes.add(Host.docker(host, "lan", "10.0." + (h / 200) + "." + (h % 200 + 10) + "/16"));
            nodes.add(Bridge.docker0("d" + h, host));
            nodes.add(new Bridge("u" + h, "app", host, Bridge.Kind.USER_DEFINED, "172.18.0.0/16", null, true, false, true));
            for (int c = 0; c < perHost; c++)
                nodes.add(Container.on("c" + h + "-" + c, host, c % 2 == 0 ? "d" + h : "u" + h)
                        .withSockets(List.of(Socket.tcp(80)))
                        .withPorts(c % 10 == 0 ? List.of(PublishedPort.tcp(8000 + c, 80)) : List.of()));
        }
        for (int i = 0; i < hosts * perHost; i++) {
            int h = i % hosts, c = (i / hosts) % perHost;
            nodes.add(new Intent("i" + i, null, "c" + h + "-" + c, "c" + ((h + 1) % hosts) + "-" + ((c + 1) % perHost), Probe.tcp(80), null));
        }
        return new Document("benchmark", null, null, nodes, Map.of());
    }
}
