package dev.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code trace --pcap} and {@code export --format mermaid|drawio} on the command line: files, streams and exit codes. */
class CaptureAndDiagramCommandsTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void tracePcapWritesACaptureAndKeepsStdoutPureJson() throws Exception {
        Path f = dir.resolve("f.pcapng");
        Run r = run("trace", "samples/docker-overlay.json", "--from", "web", "--to", "api:8080", "--json", "--pcap", f.toString());
        assertThat(r.code()).isZero();
        assertThat(JsonMapper.builder().build().readTree(r.out()).get("disposition").asString()).isEqualTo("DELIVERED");
        assertThat(r.err()).contains(f.toString()).containsPattern("\\d+ packets \\(pcapng\\)");
        byte[] b = Files.readAllBytes(f);
        // a pcapng file opens with a Section Header Block (0x0A0D0D0A) and the little-endian byte-order magic
        assertThat(b).startsWith(0x0A, 0x0D, 0x0D, 0x0A);
        assertThat(new byte[] {b[8], b[9], b[10], b[11]}).containsExactly(0x4D, 0x3C, 0x2B, 0x1A);
    }

    @Test
    void tracePcapToAFolderThatDoesNotExistExitsTwoWithThePath() {
        Path f = dir.resolve("nowhere").resolve("f.pcapng");
        Run r = run("trace", "samples/s01-same-bridge.json", "--from", "a", "--to", "172.17.0.3", "--pcap", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nowhere").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void exportWritesMermaidAndDrawio() throws Exception {
        Path m = dir.resolve("o.mmd"), d = dir.resolve("o.drawio");
        assertThat(run("export", "samples/docker-overlay.json", "--format", "mermaid", "-o", m.toString()).code()).isZero();
        assertThat(run("export", "samples/docker-overlay.json", "--format", "drawio", "-o", d.toString()).code()).isZero();
        assertThat(Files.readString(m)).contains("flowchart TB", "subgraph");
        assertThat(Files.readString(d)).contains("<mxfile", "<mxGraphModel");
    }

    @Test
    void anUnknownFormatListsEveryFormat() {
        Run r = run("export", "samples/docker-overlay.json", "--format", "visio", "-o", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("png", "svg", "dot", "graphml", "netns", "mermaid", "drawio");
    }
}
