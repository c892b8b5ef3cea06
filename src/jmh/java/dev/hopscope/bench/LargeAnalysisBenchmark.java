package dev.hopscope.bench;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.ReportJson;
import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
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

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Issue 9: ten times the SPEC's design. What {@code hopscope analyze FILE --json} does with the
 * file of {@code generate --hosts 500 --containers-per-host 100} (50,000 endpoints, 5 billion
 * matrix rows): load, compile, 50,000 intents, every finding, the matrix (printed by classes, as
 * {@code --matrix auto} does above 100,000 rows), the JSON written and thrown away. Cold, like the
 * command: one shot in a fresh JVM with a 2 GB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class LargeAnalysisBenchmark {

    private Path file;

    @Setup(Level.Trial)
    public void writeDocument() throws Exception {
        file = Files.createTempFile("hopscope-500x100-", ".json");
        DocumentCodec.save(SyntheticTopology.generate(500, 100, false), file);
    }

    @TearDown(Level.Trial)
    public void deleteDocument() throws Exception {
        Files.deleteIfExists(file);
    }

    /** Returns the characters written, so nothing is optimised away. */
    @Benchmark
    public long analyze500x100() {
        Analysis a = Analyzer.analyze(DocumentCodec.load(file));
        long rows = a.matrix().size();
        ReportJson.MatrixForm form = rows <= 100_000 ? ReportJson.MatrixForm.PAIRS : ReportJson.MatrixForm.CLASSES;
        Discard out = new Discard();
        ReportJson.writeAnalysis(a, form, out);
        return out.chars;
    }

    /** Counts what is written and keeps nothing. */
    static final class Discard extends Writer {
        long chars;
        @Override public void write(char[] b, int off, int len) { chars += len; }
        @Override public void write(String s, int off, int len) { chars += len; }
        @Override public void flush() {}
        @Override public void close() {}
    }
}
