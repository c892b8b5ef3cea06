package dev.hopscope.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Document;

/** The generator behind {@code hopscope generate}: 5,000 containers should take well under a second. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GenerateBenchmark {

    @Benchmark
    public Document generate50x100() {
        return SyntheticTopology.generate(50, 100, true);
    }

    @Benchmark
    public String write50x100() {
        return DocumentCodec.write(Holder.DOC);
    }

    private static final class Holder {
        static final Document DOC = SyntheticTopology.generate(50, 100, true);
    }
}
