package dev.hopscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.hopscope.io.imports.ImportException;
import dev.hopscope.io.imports.ImportOptions;
import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.io.imports.Importer;

/**
 * Issue 14 item 9: importing a compose file must take time linear in its services (it took
 * 1.25 s for 10k, 3.2 s for 20k, 11.7 s for 40k, and did not finish 100k in a minute), and a
 * 9 MB image string must be refused fast (43 s). Each call reads the file from disk, parses,
 * maps, lays out and validates: the whole import. Linear means the time per service stays
 * flat from 10k to 100k.
 *
 * <pre>mvn -B -ntp -Pbench -DskipTests test -Dbench='ImportBenchmark -f 1 -wi 2 -i 5'</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ImportBenchmark {

    @Param({"10000", "20000", "40000", "100000"})
    public int services;

    private Path dir;
    private Path compose;
    private Path longImage;

    @Setup(Level.Trial)
    public void writeFiles() throws Exception {
        dir = Files.createTempDirectory("hopscope-import-");
        // the shape of the reproducer: one line of image per service (100k services, 2.3 MB)
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < services; i++) yaml.append("  s").append(i).append(":\n    image: nginx\n");
        compose = Files.writeString(dir.resolve("compose.yaml"), yaml);
        longImage = Files.writeString(dir.resolve("long-image.yaml"), "services:\n  a:\n    image: " + "a".repeat(9 * 1024 * 1024) + "\n");
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws Exception {
        Files.deleteIfExists(compose);
        Files.deleteIfExists(longImage);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public ImportResult importCompose() {
        return Importer.importFiles(List.of(compose), ImportOptions.none());
    }

    /** Not a function of {@code services}: a 9 MB image reference, refused (Docker allows 255 characters). */
    @Benchmark
    public String refuseNineMegabyteImage() {
        try {
            Importer.importFiles(List.of(longImage), ImportOptions.none());
            throw new IllegalStateException("a 9 MB image reference was accepted");
        } catch (ImportException e) {
            return e.getMessage();
        }
    }
}
