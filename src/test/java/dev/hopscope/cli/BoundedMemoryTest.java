package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.SyntheticTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze --json} in a JVM of its own with a heap too small for what it must not hold:
 * the analysis of a 100 x 100 design within 2 GB (issue 14, item 10), and every row of a matrix
 * streamed through a heap smaller than those rows would take (issue 9, point 7).
 */
class BoundedMemoryTest {

    @TempDir Path dir;

    record Run(int code, String err) {}

    /** Runs the command line with a heap limit; {@code stdout} is handed over as it streams. */
    static Run analyze(String heap, List<String> args, StreamSink stdout) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), "dev.hopscope.Main", "analyze"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        StringBuilder err = new StringBuilder();
        Thread errs = new Thread(() -> {
            try { err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)); } catch (IOException ignored) { }
        });
        errs.start();
        try (InputStream in = p.getInputStream()) {
            stdout.take(in);
        }
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        errs.join();
        return new Run(p.exitValue(), err.toString());
    }

    interface StreamSink { void take(InputStream in) throws IOException; }

    @Test
    void aHundredHostsOfAHundredContainersAnalyseWithinTwoGigabytes() throws Exception {
        Path file = dir.resolve("100x100.json");
        DocumentCodec.save(SyntheticTopology.generate(100, 100, false), file);
        Set<String> members = new HashSet<>();
        long[] classRows = {0};
        Run r = analyze("2g", List.of(file.toString(), "--json"), in -> {
            try (JsonParser p = JsonMapper.builder().build().createParser(in)) {
                // matrixClasses.classes[].members[] and matrixClasses.rows[]
                String field = null;
                while (p.nextToken() != null) {
                    if (p.currentToken() == JsonToken.PROPERTY_NAME) field = p.currentName();
                    else if (p.currentToken() == JsonToken.VALUE_STRING && "members".equals(field)) members.add(p.getString());
                    else if (p.currentToken() == JsonToken.START_OBJECT && "rows".equals(field) && p.streamReadContext().getParent().inArray()) classRows[0]++;
                    if (p.currentToken() == JsonToken.END_ARRAY && "members".equals(field)) field = null;
                }
            }
        });
        // exit 0: every intent of the generated design holds and no finding is an error
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("at dev.hopscope")
                .contains("the matrix has 200,020,000 rows").contains("--matrix pairs");
        // 10,000 containers and the client: each in exactly one class
        assertThat(members).hasSize(10_001);
        assertThat(classRows[0]).isPositive();
    }

    @Test
    void pairsStreamThroughAHeapSmallerThanTheirRows() throws Exception {
        Path file = dir.resolve("8x80.json");
        DocumentCodec.save(SyntheticTopology.generate(8, 80, false), file);
        long[] rows = {0};
        long[] bytes = {0};
        Run r = analyze("64m", List.of(file.toString(), "--json", "--matrix", "pairs"), in -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            char[] buf = new char[1 << 16];
            String tail = "";
            for (int n; (n = lines.read(buf)) > 0; ) {
                bytes[0] += n;
                String chunk = tail + new String(buf, 0, n);
                for (int i = chunk.indexOf("\"via\":"); i >= 0; i = chunk.indexOf("\"via\":", i + 1)) rows[0]++;
                tail = chunk.substring(Math.max(0, chunk.length() - 5));
            }
        });
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        // 641 endpoints (8 x 80 containers and the client), each listening on one port: 641 x 640 x 2 probes
        assertThat(rows[0]).isEqualTo(820_480);
        // the rows alone are far more than the 64 MB heap could hold as objects
        assertThat(bytes[0]).isGreaterThan(64L << 20);
    }

    @SuppressWarnings("unused")
    private static long size(Path f) throws IOException { return Files.size(f); }
}
