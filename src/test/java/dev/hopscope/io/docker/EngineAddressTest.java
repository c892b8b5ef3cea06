package dev.hopscope.io.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the engine as the docker CLI does (its documented environment), and refusing what it should not send. */
class EngineAddressTest {

    @Test
    void withNothingSetItIsTheLocalSocket() {
        EngineAddress a = EngineAddress.resolve(null, Map.of());
        assertThat(a.uri().toString()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(a.local()).isTrue();
        assertThat(a.tls()).isFalse();
    }

    @Test
    void theHostFlagWinsOverDockerHost() {
        assertThat(EngineAddress.resolve("unix:///tmp/other.sock", Map.of("DOCKER_HOST", "tcp://10.1.2.3:2375")).uri().toString())
                .isEqualTo("unix:///tmp/other.sock");
        assertThat(EngineAddress.resolve(null, Map.of("DOCKER_HOST", "tcp://engine.example:2375")).uri().toString())
                .isEqualTo("tcp://engine.example:2375");
        assertThat(EngineAddress.resolve(" ", Map.of("DOCKER_HOST", "tcp://engine.example")).uri().toString())
                .as("no port: 2375 without TLS, as the CLI").isEqualTo("tcp://engine.example:2375");
    }

    @Test
    void plainTcpToTheTlsPortIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> EngineAddress.resolve("tcp://engine.example:2376", Map.of()))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("TLS port").hasMessageContaining("DOCKER_TLS_VERIFY").hasMessageNotContaining("\n");
    }

    @Test
    void tlsComesFromDockerTlsVerifyWithTheCertificatesOfDockerCertPath(@TempDir Path certs) throws Exception {
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) Files.writeString(certs.resolve(f), "x");
        EngineAddress a = EngineAddress.resolve(null,
                Map.of("DOCKER_HOST", "tcp://engine.example:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
        assertThat(a.tls()).isTrue();
        assertThat(a.certPath()).isEqualTo(certs);
        assertThat(a.local()).isFalse();
        assertThat(EngineAddress.resolve(null, Map.of("DOCKER_HOST", "tcp://engine.example", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString())).uri().getPort()).as("TLS without a port: 2376").isEqualTo(2376);
        assertThat(EngineAddress.resolve(null, Map.of("DOCKER_HOST", "tcp://engine.example:2376", "DOCKER_TLS_VERIFY", "1",
                "HOME", certs.getParent().toString(), "DOCKER_CERT_PATH", certs.toString())).tls()).isTrue();
    }

    @Test
    void tlsWithoutItsCertificatesSaysWhichFileIsMissing(@TempDir Path certs) {
        assertThatThrownBy(() -> EngineAddress.resolve(null,
                Map.of("DOCKER_HOST", "tcp://engine.example:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString())))
                .isInstanceOf(EngineException.class).hasMessageContaining(certs.resolve("ca.pem").toString());
        assertThatThrownBy(() -> EngineAddress.resolve(null, Map.of("DOCKER_HOST", "tcp://engine.example:2376", "DOCKER_TLS_VERIFY", "1",
                "HOME", certs.toString())))
                .as("the default folder is ~/.docker").hasMessageContaining(certs.resolve(".docker").resolve("ca.pem").toString());
    }

    @Test
    void unsupportedAndMalformedAddressesAreOneLineErrors() {
        assertThatThrownBy(() -> EngineAddress.resolve("ssh://me@box", Map.of())).hasMessageContaining("ssh -NL");
        assertThatThrownBy(() -> EngineAddress.resolve("npipe:////./pipe/docker_engine", Map.of())).hasMessageContaining("named pipes");
        assertThatThrownBy(() -> EngineAddress.resolve("docker.example:2375", Map.of())).hasMessageContaining("not an engine address");
        assertThatThrownBy(() -> EngineAddress.resolve("tcp://", Map.of())).isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> EngineAddress.resolve("unix://", Map.of())).isInstanceOf(EngineException.class);
        assertThatThrownBy(() -> EngineAddress.resolve("unix:relative", Map.of())).hasMessageContaining("names no socket");
    }
}
