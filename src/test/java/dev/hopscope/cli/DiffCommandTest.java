package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hopscope.cli.CliTest.json;
import static dev.hopscope.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code hopscope diff BEFORE AFTER [--json]}: SPEC section 3's shape and exit codes. */
class DiffCommandTest {
    @TempDir Path dir;

    @Test
    void aBrokenMasqueradeExitsOneAndListsEveryChangeInTheSpecShape() {
        Path before = Path.of("samples", "s07-egress-masquerade.json");
        Path after = dir.resolve("no-masquerade.json");
        Document d = DocumentCodec.load(before);
        DocumentCodec.save(d.update("docker0", n -> ((Bridge) n).withMasquerade(false)), after);

        CliTest.Run r = run("diff", before.toString(), after.toString(), "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(Cli.FAILING);
        assertThat(r.out()).endsWith("}\n");
        JsonNode j = json(r.out());
        assertThat(j.get("changed").size()).isEqualTo(2);
        for (JsonNode c : j.get("changed")) {
            assertThat(c.get("from").asString()).isEqualTo("a");
            assertThat(c.get("to").asString()).isEqualTo("ext");
            assertThat(c.get("probe").asString()).matches("icmp|tcp/443");
            assertThat(c.get("before").asString()).isEqualTo("DELIVERED");
            assertThat(c.get("after").asString()).isEqualTo("NO_RETURN_PATH");
            assertThat(c.get("reason").asString()).contains("172.17.0.2");
        }
        assertThat(j.get("intents").size()).isEqualTo(2);
        assertThat(j.get("intents").get(0).get("okBefore").asBoolean()).isTrue();
        assertThat(j.get("intents").get(0).get("okAfter").asBoolean()).isFalse();
        assertThat(j.get("findings").get("added").isArray()).isTrue();
        assertThat(j.get("findings").get("removed").isArray()).isTrue();
        assertThat(j.get("breaks").asBoolean()).isTrue();

        // the other way round nothing breaks: exit 0, and the text names what started working
        CliTest.Run back = run("diff", after.toString(), before.toString());
        assertThat(back.code()).isZero();
        assertThat(back.out()).contains("flows that started working (2)").contains("NO_RETURN_PATH → DELIVERED")
                .contains("0 flows broke, 2 started working");
    }

    @Test
    void aFileThatDoesNotLoadExitsTwoWithItsPosition() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"hopscope\", \"version\": 1,\n  \"nodes\": [7]}");
        CliTest.Run r = run("diff", "samples/s01-same-bridge.json", bad.toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("bad.json:2:").doesNotContain("Exception");
        assertThat(run("diff", "samples/s01-same-bridge.json").code()).isEqualTo(Cli.BAD_INPUT);
        CliTest.Run same = run("diff", "samples/s01-same-bridge.json", "samples/s01-same-bridge.json");
        assertThat(same.code()).isZero();
        assertThat(same.out()).contains("no change");
    }
}
