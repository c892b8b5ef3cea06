package dev.hopscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract of SPEC section 3: shapes, exit codes and messages. */
class CliTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode json(String s) { return JsonMapper.builder().build().readTree(s); }

    @Test
    void validateAcceptsASample() {
        Run r = run("validate", "samples/s01-same-bridge.json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("valid");
    }

    @Test
    void analyzeJsonHasTheSpecShape() {
        Run r = run("analyze", "samples/s08-published-port.json", "--json");
        assertThat(r.code()).isZero();
        JsonNode a = json(r.out());
        assertThat(a.get("topology").asString()).isNotBlank();
        assertThat(a.get("endpoints").get(0).has("addresses")).isTrue();
        JsonNode intent = a.get("intents").get(0);
        assertThat(intent.has("from") && intent.has("to") && intent.has("probe") && intent.has("expect") && intent.has("disposition") && intent.has("ok")).isTrue();
        boolean found = false;
        for (JsonNode row : a.get("matrix"))
            if (row.get("from").asString().equals("ext") && row.get("to").asString().equals("web") && row.get("probe").asString().equals("tcp/80")) {
                assertThat(row.get("disposition").asString()).isEqualTo("DELIVERED");
                assertThat(row.get("via").asString()).isEqualTo("192.168.50.11:8080");
                found = true;
            }
        assertThat(found).as("the S8 row ext → web tcp/80").isTrue();
        assertThat(a.get("findings").isArray()).isTrue();
    }

    @Test
    void analyzeExitsOneOnAnErrorFinding() {
        Run r = run("analyze", "samples/s09-pod-port-clash.json");
        assertThat(r.code()).isEqualTo(Cli.FAILING);
        assertThat(r.out()).contains("PORT_CLASH");
    }

    @Test
    void analyzeExitsOneOnAViolatedIntent(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("samples/s11-isolated-networks.json")).replace("\"expect\" : \"isolated\"", "\"expect\" : \"reachable\"")
                .replace("\"expect\": \"isolated\"", "\"expect\": \"reachable\"");
        Path f = dir.resolve("flipped.json");
        Files.writeString(f, text);
        Run r = run("analyze", f.toString(), "--json");
        assertThat(r.code()).isEqualTo(Cli.FAILING);
        assertThat(json(r.out()).get("intents").get(0).get("ok").asBoolean()).isFalse();
    }

    @Test
    void traceJsonHasHopsAndReply() {
        Run r = run("trace", "samples/s03-vxlan-overlay.json", "--from", "a", "--to", "b:80", "--json");
        assertThat(r.code()).isZero();
        JsonNode t = json(r.out());
        assertThat(t.get("disposition").asString()).isEqualTo("DELIVERED");
        assertThat(t.get("probe").asString()).isEqualTo("tcp/80");
        JsonNode hop = t.get("hops").get(0);
        for (String k : new String[] {"n", "host", "namespace", "device", "step", "packet", "note"}) assertThat(hop.has(k)).as(k).isTrue();
        assertThat(t.get("reply").get("hops").size()).isPositive();
        boolean encap = false;
        for (JsonNode h : t.get("hops")) if (h.get("step").asString().equals("ENCAP")) {
            encap = true;
            assertThat(h.get("packet").toString()).contains("\"vni\":\"42\"");
        }
        assertThat(encap).isTrue();
    }

    @Test
    void traceSizeChecksTheMtu() {
        Run r = run("trace", "samples/s03-vxlan-overlay.json", "--from", "a", "--to", "10.0.9.3", "--size", "1472");
        assertThat(r.out()).contains("MTU_EXCEEDED");
    }

    @Test
    void textTraceIsANumberedHopList() {
        Run r = run("trace", "samples/s08-published-port.json", "--from", "ext", "--to", "192.168.50.11:8080");
        assertThat(r.out()).contains("  1  ROUTE").contains("DNAT 192.168.50.11:8080 → 172.17.0.2:80").contains("DELIVERED");
    }

    @Test
    void badInputNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\n  \"format\": \"hopscope\",\n  \"version\": 1,\n  \"nodes\": [ {\"kind\": \"host\", \"id\": \"h1\", \"mtu\": \"big\"} ]\n}\n");
        Run r = run("validate", f.toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).containsPattern("broken\\.json:4:\\d+: ");
    }

    @Test
    void structuralProblemsNameTheNodeAndItsLine(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of("samples/s01-same-bridge.json")).replaceFirst("\"underlay\" : \"lan\"", "\"underlay\" : \"nowhere\"")
                .replaceFirst("\"underlay\": \"lan\"", "\"underlay\": \"nowhere\"");
        Path f = dir.resolve("dangling.json");
        Files.writeString(f, text);
        Run r = run("analyze", f.toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).containsPattern("dangling\\.json:\\d+:\\d+: h1\\.underlay: 'nowhere' is not a underlay");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("trace", "samples/s01-same-bridge.json", "--from", "a").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run("trace", "samples/s01-same-bridge.json", "--from", "nobody", "--to", "b").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run("trace", "samples/s01-same-bridge.json", "--from", "a", "--to", "b", "--proto", "sctp").code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run("analyze", "no/such/file.json").err()).contains("no such file");
        assertThat(run("frobnicate").code()).isEqualTo(Cli.BAD_INPUT);
    }
}
