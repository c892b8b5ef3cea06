package dev.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hopscope import FILE -o OUT}: the written document loads, validates and analyses by the names in the file. */
class ImportCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importsAComposeFileThatTheOtherCommandsThenUse(@TempDir Path dir) {
        Path out = dir.resolve("shop.hopscope");
        Run r = run("import", "src/test/resources/imports/shop/docker-compose.yml", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("-> " + out);
        Document d = DocumentCodec.load(out);
        assertThat(d.get("proxy", Container.class)).isPresent();
        assertThat(run("validate", out.toString()).code()).isZero();
        Run trace = run("trace", out.toString(), "--from", "proxy", "--to", "backend:8000");
        assertThat(trace.out()).contains("DELIVERED");
        assertThat(run("analyze", out.toString()).code()).as("every depends_on intent holds, no error finding").isZero();
    }

    @Test
    void warningsGoToStderrAndBadInputExitsTwoWithItsPlace(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("legacy.hopscope");
        Run ok = run("import", "src/test/resources/imports/legacy/docker-compose.yml", "-o", out.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.err()).contains("warning: ").contains("unknown key 'prots'");
        assertThat(run("analyze", out.toString()).code()).as("legacy-cron cannot resolve db from docker0").isEqualTo(1);

        Path bad = Files.writeString(dir.resolve("bad.yml"), "services:\n  web:\n    ports: [\"80:http\"]\n");
        Run r = run("import", bad.toString(), "-o", dir.resolve("x.hopscope").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ":3:13: 'http' is not a port number");
        assertThat(Files.exists(dir.resolve("x.hopscope"))).as("no partial document").isFalse();
        assertThat(run("import", dir.resolve("missing.yml").toString(), "-o", "x").code()).isEqualTo(2);
    }
}
