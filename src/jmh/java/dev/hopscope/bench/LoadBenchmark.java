package dev.hopscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC 5: loading a 10,000-node document must take at most twice what Jackson needs just to
 * parse the same file into a tree. Both read the file from disk on every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class LoadBenchmark {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private Path file;

    @Setup(Level.Trial)
    public void writeDocument() throws Exception {
        // 50 hosts x 100 containers with an overlay: 10,153 nodes (5,000 containers, 5,000 intents)
        Document doc = SyntheticTopology.generate(50, 100, true);
        if (doc.nodes().size() < 10_000) throw new IllegalStateException("expected 10,000 nodes, got " + doc.nodes().size());
        file = Files.createTempFile("hopscope-load-", ".json");
        DocumentCodec.save(doc, file);
    }

    @TearDown(Level.Trial)
    public void deleteDocument() throws Exception {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Document load() {
        return DocumentCodec.load(file);
    }

    @Benchmark
    public JsonNode bareJacksonReadTree() {
        return mapper.readTree(file);
    }
}
