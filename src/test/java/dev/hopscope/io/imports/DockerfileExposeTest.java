package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EXPOSE read from a Dockerfile as BuildKit reads the file (the Dockerfile reference's rules). */
class DockerfileExposeTest {

    private static List<Socket> exposed(String dockerfile, String target, Map<String, String> args) {
        return DockerfileExpose.exposed("Dockerfile", dockerfile, target, null, args, new Diagnostics("compose.yaml"));
    }

    private static List<Socket> exposed(String dockerfile) { return exposed(dockerfile, null, Map.of()); }

    @Test
    void portsProtocolsRangesVariablesAndContinuations() {
        assertThat(exposed("""
                FROM alpine:3.20
                ARG ADMIN=9000
                ENV PORT=8080
                EXPOSE $PORT ${ADMIN}/tcp 53/udp \\
                  # a comment inside the continuation
                  7000-7002
                EXPOSE ${METRICS:-9100} ${TLS:+8443}
                """)).containsExactly(Socket.tcp(8080), Socket.tcp(9000), new Socket(53, Proto.UDP, "0.0.0.0"),
                Socket.tcp(7000), Socket.tcp(7001), Socket.tcp(7002), Socket.tcp(9100));
        assertThat(exposed("FROM alpine\nARG PORT=80\nEXPOSE ${PORT}\n", null, Map.of("PORT", "8081"))).as("a build arg wins")
                .containsExactly(Socket.tcp(8081));
        assertThat(exposed("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nEXPOSE 80 `\n  443\n"))
                .containsExactly(Socket.tcp(80), Socket.tcp(443));
    }

    @Test
    void theBuiltStageExposesWhatItsBaseStageOrBaseImageExposes() {
        String multi = """
                FROM golang:1.22 AS build
                EXPOSE 6060
                RUN <<EOF
                echo "EXPOSE 1 inside a heredoc is not an instruction"
                EOF

                FROM build AS debug
                EXPOSE 2345

                FROM nginx:1.27 AS final
                EXPOSE 8443
                """;
        assertThat(exposed(multi)).as("the last stage, on the nginx image (80)").containsExactly(Socket.tcp(80), Socket.tcp(8443));
        assertThat(exposed(multi, "debug", Map.of())).as("a target inherits its base stage's").containsExactly(Socket.tcp(6060), Socket.tcp(2345));
        assertThat(exposed("FROM scratch\nCOPY app /app\n")).isEmpty();
        assertThat(exposed("ARG BASE=redis:7\nFROM ${BASE}\n")).as("FROM takes global ARGs").containsExactly(Socket.tcp(6379));
    }

    @Test
    void whatBuildKitRefusesIsAnErrorInTheDockerfile() {
        assertThatThrownBy(() -> exposed("FROM alpine\nEXPOSE http\n")).hasMessage("Dockerfile:2:1: EXPOSE http: invalid containerPort: http");
        assertThatThrownBy(() -> exposed("FROM alpine\nEXPOSE 80/icmp\n")).hasMessage("Dockerfile:2:1: EXPOSE 80/icmp: invalid proto: icmp");
        assertThatThrownBy(() -> exposed("EXPOSE 80\n")).hasMessage("Dockerfile:1:1: EXPOSE before the first FROM");
        assertThatThrownBy(() -> exposed("FROM alpine AS a\n", "b", Map.of())).hasMessage("Dockerfile:1:1: target stage \"b\" could not be found in Dockerfile");
        assertThatThrownBy(() -> exposed("# just a comment\n")).hasMessage("Dockerfile:1:1: the Dockerfile has no FROM instruction");
        // found by MutatedInputTest: a comment glued to an ENV value
        assertThatThrownBy(() -> exposed("FROM alpine\nENV PORT=80# the port\n")).hasMessage(
                "Dockerfile:2:1: Syntax error - can't find = in \"the\". Must be of the form: name=value");
    }
}
