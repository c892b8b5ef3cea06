package dev.hopscope.cli;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hopscope.cli.CliTest.json;
import static dev.hopscope.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who translates a Service is named as it is: with Cilium's kube-proxy replacement kube-proxy does
 * not run at all (Cilium's docs: "kube-proxy replacement", Services balanced by its socket-level
 * load balancer at connect()), so no trace, finding or JSON may say kube-proxy did it; elsewhere
 * kube-proxy picks, and on a swarm IPVS does.
 */
class ServiceTranslatorWordsTest {

    @Test
    void underCiliumsKubeProxyReplacementTheBranchesNameTheSocketLoadBalancer() {
        CliTest.Run text = run("trace", "samples/cilium-kube-proxy-replacement.json", "--from", "client", "--to", "api:80");
        assertThat(text.out()).contains("branches (Cilium's socket load balancer picks one endpoint per connection").doesNotContain("kube-proxy picks");
        JsonNode j = json(run("trace", "samples/cilium-kube-proxy-replacement.json", "--from", "client", "--to", "api:80", "--json").out());
        assertThat(j.get("branches")).isNotEmpty().allSatisfy(b -> assertThat(b.get("by").asText()).isEqualTo("Cilium's socket load balancer"));
    }

    @Test
    void withKubeProxyTheBranchesNameKubeProxy() {
        CliTest.Run text = run("trace", "samples/nodeport-three-replicas.json", "--from", "ext", "--to", "192.168.50.11:30080");
        assertThat(text.out()).contains("branches (kube-proxy picks one endpoint per connection");
        JsonNode j = json(run("trace", "samples/nodeport-three-replicas.json", "--from", "ext", "--to", "192.168.50.11:30080", "--json").out());
        assertThat(j.get("branches")).isNotEmpty().allSatisfy(b -> assertThat(b.get("by").asText()).isEqualTo("kube-proxy"));
    }

    @Test
    void onASwarmIpvsPicksTheTask() {
        JsonNode j = json(run("trace", "samples/swarm-routing-mesh.json", "--from", "ext", "--to", "192.168.50.11:8080", "--json").out());
        assertThat(j.get("branches")).isNotEmpty().allSatisfy(b -> assertThat(b.get("by").asText()).startsWith("IPVS"));
    }

    @Test
    void aServiceWithoutEndpointsUnderCiliumIsNotBlamedOnKubeProxy(@TempDir Path dir) throws Exception {
        assertThat(noEndpointsMessage(Path.of("samples/cilium-kube-proxy-replacement.json")))
                .as("the legacy Service selects no pod").contains("Cilium's socket load balancer").doesNotContain("kube-proxy has");
        // the same mistake on a kube-proxy cluster still names kube-proxy
        Path s12 = dir.resolve("s12-no-endpoints.json");
        Files.writeString(s12, Files.readString(Path.of("samples/s12-clusterip-service.json")).replace("\"selector\": {\"app\": \"web\"}", "\"selector\": {\"app\": \"nothing\"}"));
        assertThat(noEndpointsMessage(s12)).contains("kube-proxy has no endpoint");
    }

    private static String noEndpointsMessage(Path file) {
        JsonNode j = json(run("analyze", file.toString(), "--json").out());
        for (JsonNode f : j.get("findings")) if (f.get("code").asText().equals("SERVICE_NO_ENDPOINTS")) return f.get("message").asText();
        throw new AssertionError("no SERVICE_NO_ENDPOINTS finding for " + file);
    }
}
