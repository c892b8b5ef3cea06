package dev.hopscope.net.findings;

import dev.hopscope.model.Document;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceChecksTest {

    private static Service service(String id, Map<String, String> selector, int port, int targetPort) {
        return new Service(id, id, "default", Service.Type.CLUSTER_IP, null,
                List.of(new Service.ServicePort("http", port, targetPort, 0, Proto.TCP)), selector, null);
    }

    private static Document cluster(dev.hopscope.model.Node... more) {
        List<dev.hopscope.model.Node> nodes = new java.util.ArrayList<>(List.of(lan(), node("n1", "192.168.50.11"),
                cni("cni1", "n1", "10.244.1.0/24")));
        nodes.addAll(List.of(more));
        return doc(nodes.toArray(new dev.hopscope.model.Node[0]));
    }

    @Test
    void selectorMatchingNoPodHasNoEndpoints() {
        Document d = cluster(pod("web-0", "n1", Map.of("app", "web"), Socket.tcp(8080)), service("api", Map.of("app", "api"), 80, 8080));
        assertThat(code(d, Codes.SERVICE_NO_ENDPOINTS)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("api");
            assertThat(x.message()).contains("api", "{app=api}", "default", "refused");
        });
    }

    @Test
    void matchingPodGivesEndpoints() {
        Document d = cluster(pod("web-0", "n1", Map.of("app", "web", "tier", "front"), Socket.tcp(8080)),
                service("web", Map.of("app", "web"), 80, 8080));
        assertThat(code(d, Codes.SERVICE_NO_ENDPOINTS)).isEmpty();
        assertThat(code(d, Codes.SERVICE_TARGET_PORT_CLOSED)).isEmpty();
    }

    @Test
    void podsInAnotherNamespaceDoNotCountButAreMentioned() {
        Document d = cluster(pod("web-0", "n1", Map.of("app", "web"), Socket.tcp(8080)).withNamespace("shop"),
                service("web", Map.of("app", "web"), 80, 8080));
        assertThat(code(d, Codes.SERVICE_NO_ENDPOINTS)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("namespace shop"));
    }

    @Test
    void serviceWithoutSelectorIsAWarning() {
        Document d = cluster(service("manual", Map.of(), 80, 80));
        assertThat(code(d, Codes.SERVICE_NO_ENDPOINTS)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.message()).contains("no selector");
        });
    }

    @Test
    void selectedPodNotListeningOnTargetPortIsClosed() {
        Document d = cluster(pod("web-0", "n1", Map.of("app", "web"), Socket.tcp(8080)),
                pod("web-1", "n1", Map.of("app", "web"), Socket.tcp(9090)),
                pod("web-2", "n1", Map.of("app", "web"), new Socket(8080, Proto.TCP, "127.0.0.1")),
                service("web", Map.of("app", "web"), 80, 8080));
        assertThat(code(d, Codes.SERVICE_TARGET_PORT_CLOSED)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.subjects()).containsExactly("web", "web-1", "web-2");
            assertThat(x.message()).contains("tcp/8080", "web-1", "web-2", "127.0.0.1");
        });
    }

    @Test
    void udpListenerDoesNotServeTcpTargetPort() {
        Document d = cluster(pod("dns-0", "n1", Map.of("app", "dns"), new Socket(53, Proto.UDP, null)),
                service("dns", Map.of("app", "dns"), 53, 53));
        assertThat(code(d, Codes.SERVICE_TARGET_PORT_CLOSED)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("tcp/53"));
    }

    @Test
    void twoServicesPinningOneClusterIpAreDuplicates() {
        Document d = cluster(pod("web-0", "n1", Map.of("app", "web"), Socket.tcp(8080)),
                service("a", Map.of("app", "web"), 80, 8080).withClusterIp("10.96.0.50"),
                service("b", Map.of("app", "web"), 81, 8080).withClusterIp("10.96.0.50"),
                service("c", Map.of("app", "web"), 82, 8080));
        assertThat(code(d, Codes.DUPLICATE_ADDRESS)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("a", "b");
            assertThat(x.message()).contains("10.96.0.50", "already allocated");
        });
    }

    @Test
    void twoServicesPinningOneNodePortClash() {
        Service a = new Service("a", "a", null, Service.Type.NODE_PORT, null,
                List.of(new Service.ServicePort("http", 80, 8080, 30080, Proto.TCP)), Map.of("app", "web"), null);
        Service b = new Service("b", "b", null, Service.Type.NODE_PORT, null,
                List.of(new Service.ServicePort("dns", 53, 53, 30080, Proto.UDP)), Map.of("app", "web"), null);
        Service auto = new Service("c", "c", null, Service.Type.NODE_PORT, null,
                List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of("app", "web"), null);
        Document d = cluster(pod("web-0", "n1", Map.of("app", "web"), Socket.tcp(8080), new Socket(53, Proto.UDP, null)), a, b, auto);
        assertThat(code(d, Codes.PORT_CLASH)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("a", "b");
            assertThat(x.message()).contains("NodePort 30080", "a (port 80/tcp)", "b (port 53/udp)");
        });
    }

    @Test
    void oneServiceMayReuseItsNodePortForTcpAndUdp() {
        Service dns = new Service("dns", "dns", null, Service.Type.NODE_PORT, null, List.of(
                new Service.ServicePort("dns-tcp", 53, 53, 30053, Proto.TCP),
                new Service.ServicePort("dns-udp", 5353, 53, 30053, Proto.UDP)), Map.of("app", "dns"), null);
        Document d = cluster(pod("dns-0", "n1", Map.of("app", "dns"), Socket.tcp(53), new Socket(53, Proto.UDP, null)), dns);
        assertThat(code(d, Codes.PORT_CLASH)).isEmpty();
    }
}
