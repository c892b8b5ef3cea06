package dev.hopscope.io.capture;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Lesson;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Trace;

/**
 * Writing a capture: the encrypted overlay sample's lesson trace (both legs, ARP, DNS, VXLAN
 * inside ESP with AES-GCM, 26 packets) as pcapng bytes in memory, and the same trace traced and
 * written, what {@code trace --pcap} and Save as capture… do after loading.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CaptureBenchmark {
    private Network network;
    private Lesson lesson;
    private Trace trace;

    @Setup
    public void trace() {
        Document doc = DocumentCodec.load(Path.of("samples", "docker-overlay-encrypted.json"));
        lesson = doc.lesson();
        network = Network.compile(doc);
        trace = network.tracer().trace(lesson.from(), lesson.to(), lesson.probe());
    }

    @Benchmark
    public byte[] writeCapture() { return TraceCapture.bytes(trace, 1_790_000_000_000_000L); }

    @Benchmark
    public byte[] traceAndWriteCapture() {
        return TraceCapture.bytes(network.tracer().trace(lesson.from(), lesson.to(), lesson.probe()), 1_790_000_000_000_000L);
    }
}
