package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportCommandTest {

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void exportWritesEveryFormat(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"png", "svg", "dot", "graphml", "netns"}) {
            Path out = dir.resolve("s08." + f);
            Run r = cli("export", "samples/s08-published-port.json", "--format", f, "-o", out.toString());
            assertEquals(Cli.OK, r.exit(), f + ": " + r.err());
            assertThat(Files.size(out)).as(f).isGreaterThan(100);
        }
        byte[] png = Files.readAllBytes(dir.resolve("s08.png"));
        assertThat(png[1]).isEqualTo((byte) 'P');
        assertThat(Files.readString(dir.resolve("s08.svg"))).contains("<svg");
        assertThat(Files.readString(dir.resolve("s08.dot"))).startsWith("digraph");
        assertThat(Files.readString(dir.resolve("s08.graphml"))).contains("<graphml");
        assertThat(Files.readString(dir.resolve("s08.netns"))).startsWith("#!/usr/bin/env bash");
        assertThat(Files.isExecutable(dir.resolve("s08.netns"))).isTrue();
    }

    @Test
    void exportUsageErrorsExitTwo(@TempDir Path dir) throws Exception {
        Run bad = cli("export", "samples/s08-published-port.json", "--format", "pdf", "-o", dir.resolve("x").toString());
        assertEquals(Cli.BAD_INPUT, bad.exit());
        assertThat(bad.err()).contains("unknown format 'pdf'");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"hopscope\", \"version\": 1,\n  \"nodes\": [ }");
        Run r = cli("export", broken.toString(), "--format", "svg", "-o", dir.resolve("y.svg").toString());
        assertEquals(Cli.BAD_INPUT, r.exit());
        assertThat(r.err()).contains("broken.json:2:");
        assertThat(dir.resolve("y.svg")).doesNotExist();
        Run noDir = cli("export", "samples/s08-published-port.json", "--format", "dot", "-o", dir.resolve("no/such/dir/x.dot").toString());
        assertEquals(Cli.BAD_INPUT, noDir.exit());
        assertThat(noDir.err()).contains("the folder " + dir.resolve("no/such/dir") + " does not exist");
    }

    @Test
    void generateWritesADesignThatValidatesAndAnalyses(@TempDir Path dir) {
        Path out = dir.resolve("gen.hopscope");
        Run r = cli("generate", "--hosts", "3", "--containers-per-host", "4", "--overlay", "-o", out.toString());
        assertEquals(Cli.OK, r.exit(), r.err());
        Document doc = DocumentCodec.load(out);
        assertThat(doc.all(dev.hopscope.model.Host.class)).hasSize(3);
        assertThat(doc.all(dev.hopscope.model.Container.class)).hasSizeGreaterThanOrEqualTo(12);
        assertThat(doc.all(dev.hopscope.model.Overlay.class)).hasSize(1);
        assertEquals(Cli.OK, cli("validate", out.toString()).exit());
        assertThat(cli("analyze", out.toString()).exit()).isIn(Cli.OK, Cli.FAILING);
        Run bad = cli("generate", "--hosts", "0", "--containers-per-host", "4", "-o", out.toString());
        assertEquals(Cli.BAD_INPUT, bad.exit());
        assertThat(bad.err()).contains("hosts must be");
    }
}
