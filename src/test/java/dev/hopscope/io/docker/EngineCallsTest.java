package dev.hopscope.io.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.hopscope.io.imports.ImportResult;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Docker socket is root-equivalent, so the calls a live import makes are pinned here: an
 * engine stand-in on a unix socket records every request, and the set must be exactly the five
 * reads. The guard itself must refuse what would change the engine before it reaches the socket.
 */
class EngineCallsTest {

    static final Path ANSWERS = FakeEngine.RECORDED;

    @Test
    void aLiveImportMakesExactlyTheFiveReadCalls(@TempDir Path dir) throws Exception {
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"), ANSWERS)) {
            EngineAddress address = EngineAddress.resolve(engine.uri(), java.util.Map.of());
            ImportResult r = new LiveImporter((pid, key) -> Optional.empty()).toDocument(new EngineReader(address).read(s -> {}));
            assertThat(r.document().nodes()).isNotEmpty();

            assertThat(new TreeSet<>(engine.requests())).containsExactly(
                    "GET /containers/51a51c905c1fedd61f711f8e1c1b36fff8cf9367cd0e7a5a70a7e0e89fa67571/json",
                    "GET /containers/552b084f1af0238c980f12512b725b385a5c5faa0fe7cae239bf5dd505a4391f/json",
                    "GET /containers/6959dae8c02e005b8ab913c09db17f6edf98d61234a4d59108c9074ee3e41e5d/json",
                    "GET /containers/71c38fc7aea77e2a6d3a8a5fff85852ace1646bd8d1acd26fab39066a0f785f1/json",
                    "GET /containers/a82a57233a68f84df1d00c9a7f16efa10ca51c7563fce76e05538402b0035d6a/json",
                    "GET /containers/b45a2d5a2c8292d803a6496705dd4f541dad99f7a0807744a7d2659c6f7b4fde/json",
                    "GET /containers/e550c290926d460da1fcc9f6dda3f7a2f1c82e3c9542d06fd9fc688ee8b9e3cb/json",
                    "GET /containers/json", "GET /info", "GET /networks", "GET /version");
            assertThat(engine.requests()).allSatisfy(req -> assertThat(ReadOnlyTransport.allowed(req.split(" ")[0], req.split(" ")[1])).isNotNull());
        }
    }

    @Test
    void theGuardRefusesEveryCallThatWouldChangeTheEngineBeforeItIsSent(@TempDir Path dir) throws Exception {
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"), ANSWERS)) {
            DefaultDockerClientConfig cfg = new DefaultDockerClientConfig.Builder().withDockerHost(engine.uri()).withDockerTlsVerify(false).build();
            DockerClient docker = DockerClientImpl.getInstance(cfg,
                    new ReadOnlyTransport(new ZerodepDockerHttpClient.Builder().dockerHost(cfg.getDockerHost()).build()));
            String id = "6959dae8c02e005b8ab913c09db17f6edf98d61234a4d59108c9074ee3e41e5d";
            assertThatThrownBy(() -> docker.startContainerCmd(id).exec()).hasMessageContaining("refused to send POST");
            assertThatThrownBy(() -> docker.stopContainerCmd(id).exec()).hasMessageContaining("refused to send POST");
            assertThatThrownBy(() -> docker.removeContainerCmd(id).exec()).hasMessageContaining("refused to send DELETE");
            assertThatThrownBy(() -> docker.execCreateCmd(id).withCmd("sh").exec()).hasMessageContaining("refused to send POST");
            assertThatThrownBy(() -> docker.createNetworkCmd().withName("x").exec()).hasMessageContaining("refused to send POST");
            assertThatThrownBy(() -> docker.disconnectFromNetworkCmd().withNetworkId("n").withContainerId(id).exec())
                    .hasMessageContaining("refused to send POST");
            // reads outside the five are refused too: logs and archives would hand out container data
            assertThatThrownBy(() -> docker.logContainerCmd(id).withStdOut(true).start().awaitCompletion())
                    .hasMessageContaining("refused to send GET");
            assertThat(engine.requests()).as("nothing reached the socket").isEmpty();
            docker.versionCmd().exec();
            assertThat(engine.requests()).containsExactly("GET /version");
        }
    }

    @Test
    void theAllowListNamesTheFiveCallsWithOrWithoutAnApiVersion() {
        assertThat(ReadOnlyTransport.allowed("GET", "/v1.41/containers/json?all=false")).isEqualTo("GET /containers/json");
        assertThat(ReadOnlyTransport.allowed("GET", "/containers/0123456789ab/json")).isEqualTo("GET /containers/{id}/json");
        assertThat(ReadOnlyTransport.allowed("GET", "/networks")).isEqualTo("GET /networks");
        assertThat(ReadOnlyTransport.allowed("HEAD", "/version")).isNull();
        assertThat(ReadOnlyTransport.allowed("GET", "/containers/0123456789ab/logs")).isNull();
        assertThat(ReadOnlyTransport.allowed("GET", "/containers/../images/json")).isNull();
        assertThat(ReadOnlyTransport.allowed("POST", "/containers/0123456789ab/json")).isNull();
    }
}
