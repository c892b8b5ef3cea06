package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class PortClashTest {

    private static Container hostMode(String id, String host, Socket... sockets) {
        return Container.on(id, host, "unused").withAttachments(List.of()).withMode(Container.Mode.HOST, null).withSockets(List.of(sockets));
    }

    @Test
    void twoHostModeListenersOnOnePortClash() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"),
                hostMode("web", "h1", Socket.tcp(80)), hostMode("proxy", "h1", Socket.tcp(80)));
        List<Finding> f = code(d, Codes.PORT_CLASH);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(f.get(0).subjects()).containsExactly("web", "proxy", "h1");
        assertThat(f.get(0).message()).contains("h1", "tcp/80", "web", "proxy", "Address already in use");
        assertThat(f.get(0).fix()).contains("port");
    }

    @Test
    void differentPortsOrProtocolsOrHostsDoNotClash() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                hostMode("a", "h1", Socket.tcp(80)), hostMode("b", "h1", Socket.tcp(81)),
                hostMode("c", "h1", new Socket(80, Proto.UDP, null)), hostMode("d", "h2", Socket.tcp(80)));
        assertThat(code(d, Codes.PORT_CLASH)).isEmpty();
    }

    @Test
    void samePublishedHostPortTwiceClashes() {
        Bridge docker0 = Bridge.docker0("d0", "h1");
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker0,
                container("web", "h1", "d0").withPorts(List.of(PublishedPort.tcp(8080, 80))),
                container("api", "h1", "d0").withPorts(List.of(PublishedPort.tcp(8080, 3000))));
        List<Finding> f = code(d, Codes.PORT_CLASH);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("web", "api", "h1");
            assertThat(x.message()).contains("8080", "publishing", "twice");
            assertThat(x.fix()).contains("Move api", "publish host port 8081 instead of 8080");
        });
    }

    @Test
    void publishedPortsOnDistinctHostAddressesDoNotClashButWildcardDoes() {
        Bridge docker0 = Bridge.docker0("d0", "h1");
        PublishedPort onA = new PublishedPort("192.168.50.11", 8080, 80, Proto.TCP);
        PublishedPort onB = new PublishedPort("127.0.0.1", 8080, 80, Proto.TCP);
        Document separate = doc(lan(), docker("h1", "192.168.50.11"), docker0,
                container("a", "h1", "d0").withPorts(List.of(onA)), container("b", "h1", "d0").withPorts(List.of(onB)));
        assertThat(code(separate, Codes.PORT_CLASH)).isEmpty();

        Document wildcard = separate.with(container("c", "h1", "d0").withPorts(List.of(PublishedPort.tcp(8080, 80))));
        assertThat(code(wildcard, Codes.PORT_CLASH)).singleElement()
                .satisfies(x -> assertThat(x.subjects()).containsExactly("a", "b", "c", "h1"));
    }

    @Test
    void publishedPortEqualToHostModeListenerClashes() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"),
                hostMode("nginx", "h1", Socket.tcp(80)),
                container("web", "h1", "d0").withPorts(List.of(PublishedPort.tcp(80, 8000))));
        assertThat(code(d, Codes.PORT_CLASH)).singleElement()
                .satisfies(x -> assertThat(x.subjects()).containsExactly("nginx", "web", "h1"));
    }

    @Test
    void hostNetworkPodClashesWithHostModeContainer() {
        Pod p = pod("agent", "h1", Map.of(), Socket.tcp(9100)).withHostNetwork(true);
        Document d = doc(lan(), node("h1", "192.168.50.11"), hostMode("exporter", "h1", Socket.tcp(9100)), p);
        assertThat(code(d, Codes.PORT_CLASH)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("exporter", "agent", "h1");
            assertThat(x.message()).contains("hostNetwork pod agent");
        });
    }

    @Test
    void secondListenerInOnePodClashesAsInScenarioS9() {
        Pod p = new Pod("blog", "blog", "default", "h1", Map.of(), List.of(
                new Pod.PodContainer("nginx", "nginx", List.of(Socket.tcp(80))),
                new Pod.PodContainer("ghost", "ghost", List.of(new Socket(2368, Proto.TCP, "127.0.0.1"), Socket.tcp(80)))),
                false, null, null);
        Document d = doc(lan(), node("h1", "192.168.50.11"), cni("cni", "h1", "10.244.1.0/24"), p);
        assertThat(code(d, Codes.PORT_CLASH)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("blog");
            assertThat(x.message()).contains("pod blog", "nginx", "ghost", "tcp/80", "Address already in use");
        });
    }

    @Test
    void loopbackAndWildcardOnOnePortClashButTwoDistinctPortsDoNot() {
        Pod clash = new Pod("p", "p", "default", "h1", Map.of(), List.of(
                new Pod.PodContainer("a", "a", List.of(new Socket(5432, Proto.TCP, "127.0.0.1"))),
                new Pod.PodContainer("b", "b", List.of(Socket.tcp(5432)))), false, null, null);
        Pod fine = new Pod("q", "q", "default", "h1", Map.of(), List.of(
                new Pod.PodContainer("a", "a", List.of(new Socket(5432, Proto.TCP, "127.0.0.1"))),
                new Pod.PodContainer("b", "b", List.of(Socket.tcp(5433)))), false, null, null);
        Document d = doc(lan(), node("h1", "192.168.50.11"), cni("cni", "h1", "10.244.1.0/24"), clash, fine);
        assertThat(code(d, Codes.PORT_CLASH)).extracting(Finding::subjects).containsExactly(List.of("p"));
    }

    @Test
    void containerModeSharesTheTargetsNamespace() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"),
                container("app", "h1", "d0").withSockets(List.of(Socket.tcp(8080))),
                container("sidecar", "h1", "d0").withAttachments(List.of()).withMode(Container.Mode.CONTAINER, "app")
                        .withSockets(List.of(Socket.tcp(8080))),
                container("other", "h1", "d0").withSockets(List.of(Socket.tcp(8080))));
        assertThat(code(d, Codes.PORT_CLASH)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("app", "sidecar");
            assertThat(x.message()).contains("container app", "tcp/8080");
        });
    }

    @Test
    void containerJoiningAHostModeContainerListensInTheHostNamespace() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"),
                hostMode("base", "h1"),
                hostMode("joined", "h1", Socket.tcp(53)).withMode(Container.Mode.CONTAINER, "base"),
                hostMode("dns", "h1", Socket.tcp(53)));
        assertThat(code(d, Codes.PORT_CLASH)).singleElement()
                .satisfies(x -> assertThat(x.subjects()).containsExactly("joined", "dns", "h1"));
    }
}
