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

    @Test
    void severalComposeFilesProfilesAndEnvFilesAsDockerComposeTakesThem(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("voting.hopscope");
        String base = "src/test/resources/imports/voting/";
        Path env = Files.writeString(dir.resolve("ci.env"), "POSTGRES_VERSION=16\nVOTE_PORT=5055\n");
        Run r = run("import", base + "compose.yaml", base + "compose.scale.yaml", "--profile", "seed", "--env-file", env.toString(),
                "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(base + "compose.yaml (+1) -> " + out);
        Document d = DocumentCodec.load(out);
        assertThat(d.get("seed", Container.class)).as("--profile seed").isPresent();
        assertThat(d.get("db", Container.class).orElseThrow().image()).as("--env-file replaces .env").isEqualTo("postgres:16");
        assertThat(d.get("voting-vote-3", Container.class)).as("the second file scales vote").isPresent();
        assertThat(run("trace", out.toString(), "--from", "seed", "--to", "vote:80").out()).contains("DELIVERED");

        Path missingVar = Files.writeString(dir.resolve("empty.env"), "# nothing\n");
        Run refused = run("import", base + "compose.yaml", "--env-file", missingVar.toString(), "-o", dir.resolve("x.hopscope").toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(base + "compose.yaml:51:12: required variable POSTGRES_VERSION is missing a value: "
                + "set POSTGRES_VERSION in .env or the shell");
        assertThat(Files.exists(dir.resolve("x.hopscope"))).isFalse();
    }
}
