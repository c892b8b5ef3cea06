package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** NAME_COLLISION, INTERNAL_NETWORK_PUBLISHED, UNATTACHED_CONTAINER and UNATTACHED_HOST. */
class SmallChecksTest {

    @Test
    void twoContainersNamedAlikeOnOneHostCollide() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"),
                container("web", "h1", "d1"), container("web-2", "h1", "d1").withName("web"), container("web-3", "h2", "d2").withName("web"));
        assertThat(code(d, Codes.NAME_COLLISION)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.subjects()).containsExactly("web", "web-2");
            assertThat(x.message()).contains("host h1", "named web", "already in use");
        });
    }

    @Test
    void servicesCollideOnlyWithinANamespace() {
        Service a = new Service("s1", "api", "default", null, null, List.of(), Map.of("app", "x"), null);
        Service b = new Service("s2", "api", "default", null, null, List.of(), Map.of("app", "x"), null);
        Service c = new Service("s3", "api", "other", null, null, List.of(), Map.of("app", "x"), null);
        Document d = doc(a, b, c);
        assertThat(code(d, Codes.NAME_COLLISION)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("s1", "s2");
            assertThat(x.message()).contains("namespace default", "api");
        });
    }

    @Test
    void publishingFromOnlyAnInternalNetworkWarns() {
        Bridge internal = userBridge("backend", "h1", "172.20.0.0/16").withInternal(true);
        Document d = doc(lan(), docker("h1", "192.168.50.11"), internal,
                container("db", "h1", "backend").withPorts(List.of(PublishedPort.tcp(5432, 5432))));
        assertThat(code(d, Codes.INTERNAL_NETWORK_PUBLISHED)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.subjects()).containsExactly("db", "backend");
            assertThat(x.message()).contains("db", "5432:5432/tcp", "backend");
        });
    }

    @Test
    void anotherNonInternalAttachmentMakesPublishingWork() {
        Bridge internal = userBridge("backend", "h1", "172.20.0.0/16").withInternal(true);
        Bridge front = userBridge("front", "h1", "172.21.0.0/16");
        Container db = container("db", "h1", "backend").withPorts(List.of(new PublishedPort(null, 5432, 5432, Proto.TCP)))
                .withAttachments(List.of(dev.hopscope.model.Attachment.to("backend"), dev.hopscope.model.Attachment.to("front")));
        Document d = doc(lan(), docker("h1", "192.168.50.11"), internal, front, db);
        assertThat(code(d, Codes.INTERNAL_NETWORK_PUBLISHED)).isEmpty();
    }

    @Test
    void bridgeModeContainerWithoutNetworkAndHostWithoutUnderlayAreInfo() {
        Host alone = new Host("h9", "lonely", Host.Role.DOCKER, null, null, true, 1500, List.of());
        Document d = doc(lan(), docker("h1", "192.168.50.11"), alone,
                container("c", "h1", "x").withAttachments(List.of()),
                container("n", "h1", "x").withAttachments(List.of()).withMode(Container.Mode.NONE, null));
        List<Finding> all = run(d);
        assertThat(all).filteredOn(f -> f.code().equals(Codes.UNATTACHED_CONTAINER)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(x.subjects()).containsExactly("c");
            assertThat(x.message()).contains("loopback");
        });
        assertThat(all).filteredOn(f -> f.code().equals(Codes.UNATTACHED_HOST)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(x.subjects()).containsExactly("h9");
            assertThat(x.message()).contains("lonely");
        });
    }

    @Test
    void publishedPortWithoutListenerIsClosed() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"),
                container("web", "h1", "d0").withSockets(List.of(dev.hopscope.model.Socket.tcp(3000)))
                        .withPorts(List.of(PublishedPort.tcp(8080, 80))),
                container("ok", "h1", "d0").withSockets(List.of(dev.hopscope.model.Socket.tcp(80)))
                        .withPorts(List.of(PublishedPort.tcp(8081, 80))),
                container("local", "h1", "d0").withSockets(List.of(new dev.hopscope.model.Socket(80, Proto.TCP, "127.0.0.1")))
                        .withPorts(List.of(PublishedPort.tcp(8082, 80))));
        List<Finding> f = code(d, Codes.PUBLISHED_PORT_CLOSED);
        assertThat(f).extracting(Finding::subjects).containsExactly(List.of("local"), List.of("web"));
        assertThat(f.get(1).severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(f.get(1).message()).contains("8080:80/tcp", "0.0.0.0:3000/tcp", "refused");
        assertThat(f.get(1).fix()).contains("-p 8080:3000");
        assertThat(f.get(0).message()).contains("127.0.0.1:80/tcp");
    }
}
