package dev.hopscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.hopscope.cli.CliTest.json;
import static dev.hopscope.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code trace}: destinations parsed once, published ports taken by name, the typed JSON additions. */
class TraceCommandTest {

    @Test
    void aDestinationWithTwoPortsIsRefused() {
        CliTest.Run r = run("trace", "samples/s08-published-port.json", "--from", "ext", "--to", "web:80:80");
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("web:80:80").contains("more than one ':'").doesNotContain("Exception").doesNotContain("at dev.hopscope");
        CliTest.Run big = run("trace", "samples/s08-published-port.json", "--from", "ext", "--to", "web:99999");
        assertThat(big.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(big.err()).contains("outside 1..65535");
    }

    @Test
    void anIntentToAPortOutOfRangeFailsValidationWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad-intent.json");
        Files.writeString(f, """
                {"format": "hopscope", "version": 1, "nodes": [
                  {"kind": "external", "id": "ext"},
                  {"kind": "intent", "id": "i1", "from": "ext", "to": "10.0.0.1:99999", "probe": "tcp/80"}
                ]}
                """);
        CliTest.Run r = run("validate", f.toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        // the validator's problems point at the field at fault: the intent's "to" value, line 3, column 55 of the text above
        assertThat(r.err()).contains(f + ":3:55:").contains("10.0.0.1:99999").contains("outside 1..65535").doesNotContain("Exception");
    }

    @Test
    void aContainerNamedWithItsPublishedHostPortIsReachedThroughTheHost() {
        // issue 12: ext cannot reach web's own address; web publishes 8080:80, so web:8080 means h1's port 8080
        CliTest.Run r = run("trace", "samples/s08-published-port.json", "--from", "ext", "--to", "web:8080");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("(sent to 192.168.50.11:8080)").contains("DELIVERED");
        JsonNode t = json(run("trace", "samples/s08-published-port.json", "--from", "ext", "--to", "web:8080", "--json").out());
        assertThat(t.get("disposition").asString()).isEqualTo("DELIVERED");
        assertThat(t.get("via").asString()).isEqualTo("192.168.50.11:8080");
        assertThat(t.get("target").get("how").asString()).isEqualTo("published-port");
        assertThat(t.get("target").get("containerPort").asInt()).isEqualTo(80);
        List<String> tried = new ArrayList<>();
        for (JsonNode a : t.get("alternatives")) tried.add(a.get("via").asString() + " " + a.get("how").asString() + " " + a.get("disposition").asString());
        assertThat(tried).contains("192.168.50.11:8080 published-port DELIVERED", "172.17.0.2:80 own-address NO_ROUTE");
        // typed as the container's port, the same way is found
        JsonNode byContainerPort = json(run("trace", "samples/s08-published-port.json", "--from", "ext", "--to", "web:80", "--json").out());
        assertThat(byContainerPort.get("via").asString()).isEqualTo("192.168.50.11:8080");
    }

    @Test
    void traceJsonAddsTypedDetailsAndKeepsSpecFields() {
        JsonNode t = json(run("trace", "samples/s08-published-port.json", "--from", "ext", "--to", "192.168.50.11:8080", "--json").out());
        for (String k : new String[] {"from", "to", "probe", "via", "disposition", "reason", "hops", "reply", "branches", "target"})
            assertThat(t.has(k)).as(k).isTrue();
        JsonNode nat = null;
        for (JsonNode h : t.get("hops")) {
            for (String k : new String[] {"n", "host", "namespace", "device", "step", "packet", "changed", "note", "detail", "changes"})
                assertThat(h.has(k)).as(k).isTrue();
            if (h.get("step").asString().equals("NAT")) nat = h;
        }
        assertThat(nat).isNotNull();
        assertThat(nat.get("detail").get("kind").asString()).isEqualTo("dnat");
        assertThat(nat.get("detail").get("rule").get("table").asString()).isEqualTo("nat");
        assertThat(nat.get("detail").get("rule").get("chain").asString()).isEqualTo("PREROUTING");
        List<String> legacy = new ArrayList<>();
        nat.get("changed").forEach(c -> legacy.add(c.asString()));
        assertThat(legacy).containsExactlyInAnyOrder("0:ipv4.dst", "1:tcp.dport");
        List<String> fields = new ArrayList<>();
        for (JsonNode c : nat.get("changes"))
            if (c.get("kind").asString().equals("field")) fields.add(c.get("header").asString() + "." + c.get("field").asString() + " " + c.get("before").asString() + "→" + c.get("after").asString());
        assertThat(fields).containsExactlyInAnyOrder("ipv4.dst 192.168.50.11→172.17.0.2", "tcp.dport 8080→80");
        assertThat(t.get("branches").isArray()).isTrue();
    }

    @Test
    void branchesAreListedAndEndpointFollowsOne() {
        String sample = "samples/nodeport-three-replicas.json";
        JsonNode t = json(run("trace", sample, "--from", "ext", "--to", "192.168.50.12:30080", "--json").out());
        List<String> branches = new ArrayList<>();
        for (JsonNode b : t.get("branches")) branches.add(b.get("endpoint").asString() + " " + b.get("disposition").asString());
        assertThat(branches).containsExactly("web-0 DELIVERED", "web-1 DELIVERED", "web-2 DELIVERED");
        CliTest.Run text = run("trace", sample, "--from", "ext", "--to", "192.168.50.12:30080", "--endpoint", "web-2");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("delivered to web-2").containsPattern("web-2 +10\\.244\\.1\\.3:8080 +DELIVERED +← this trace");
        JsonNode viaWeb1 = json(run("trace", sample, "--from", "ext", "--to", "192.168.50.12:30080", "--endpoint", "web-1", "--json").out());
        JsonNode hops = viaWeb1.get("hops");
        assertThat(hops.get(hops.size() - 1).get("namespace").asString()).isEqualTo("web-1");
        CliTest.Run notOne = run("trace", sample, "--from", "ext", "--to", "192.168.50.12:30080", "--endpoint", "ext");
        assertThat(notOne.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(notOne.err()).contains("not an endpoint of this flow").contains("web-0, web-1, web-2").doesNotContain("Exception");
        assertThat(run("trace", sample, "--from", "ext", "--to", "192.168.50.12:30080", "--endpoint", "nobody").code()).isEqualTo(Cli.BAD_INPUT);
    }
}
