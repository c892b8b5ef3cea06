package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class DefaultBridgeDnsTest {

    private static Document onDocker0(Intent intent, Container... more) {
        List<dev.hopscope.model.Node> nodes = new java.util.ArrayList<>(List.of(lan(), docker("h1", "192.168.50.11"),
                Bridge.docker0("d0", "h1"), container("web", "h1", "d0"), container("db", "h1", "d0")));
        nodes.addAll(List.of(more));
        nodes.add(intent);
        return doc(nodes.toArray(new dev.hopscope.model.Node[0]));
    }

    @Test
    void nameLookupFromTheDefaultBridgeFails() {
        Document d = onDocker0(intent("web-db", "web", "db", Probe.tcp(5432)));
        assertThat(code(d, Codes.DEFAULT_BRIDGE_NO_DNS)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("web", "web-db", "db");
            assertThat(x.message()).contains("web", "db", "docker0", "no embedded DNS");
            assertThat(x.fix()).contains("user-defined network", "--link");
        });
    }

    @Test
    void addressesLinksAndIsolationIntentsNeedNoDns() {
        assertThat(code(onDocker0(intent("i", "web", "172.17.0.3", Probe.tcp(5432))), Codes.DEFAULT_BRIDGE_NO_DNS)).isEmpty();
        assertThat(code(onDocker0(intent("i", "web", "db:5432", Probe.tcp(5432)),
                container("app", "h1", "d0").withLinks(List.of("db:database"))), Codes.DEFAULT_BRIDGE_NO_DNS))
                .as("web is not linked").hasSize(1);
        Document linked = onDocker0(intent("i", "app", "database", Probe.tcp(5432)),
                container("app", "h1", "d0").withLinks(List.of("db:database")));
        assertThat(code(linked, Codes.DEFAULT_BRIDGE_NO_DNS)).isEmpty();
        Document isolated = onDocker0(new Intent("i", "i", "web", "db", Probe.tcp(5432), Intent.Expect.ISOLATED));
        assertThat(code(isolated, Codes.DEFAULT_BRIDGE_NO_DNS)).isEmpty();
    }

    @Test
    void hostsAndExternalsAreLeftToTheHostsResolver() {
        dev.hopscope.model.External ext = new dev.hopscope.model.External("ext", "ext", "lan", "192.168.50.100/24", List.of(), List.of());
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"), Bridge.docker0("d0", "h1"),
                container("web", "h1", "d0"), ext, intent("i1", "web", "ext", Probe.tcp(443)), intent("i2", "web", "h2", Probe.icmp()));
        assertThat(code(d, Codes.DEFAULT_BRIDGE_NO_DNS)).isEmpty();
    }

    @Test
    void aUserDefinedNetworkHasDns() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), userBridge("app", "h1", "172.18.0.0/16"),
                container("web", "h1", "app"), container("db", "h1", "app"), intent("i", "web", "db", Probe.tcp(5432)));
        assertThat(code(d, Codes.DEFAULT_BRIDGE_NO_DNS)).isEmpty();
    }

    @Test
    void alsoBeingOnAUserDefinedNetworkHelps() {
        Container web = container("web", "h1", "d0").withAttachments(List.of(
                dev.hopscope.model.Attachment.to("d0"), dev.hopscope.model.Attachment.to("app")));
        Document d = doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"), userBridge("app", "h1", "172.18.0.0/16"),
                web, container("db", "h1", "app"), intent("i", "web", "db", Probe.tcp(5432)));
        assertThat(code(d, Codes.DEFAULT_BRIDGE_NO_DNS)).isEmpty();
    }

    @Test
    void containerModeUsesItsTargetsNetworks() {
        Container side = container("side", "h1", "d0").withAttachments(List.of()).withMode(Container.Mode.CONTAINER, "web");
        Document d = onDocker0(intent("i", "side", "db", Probe.tcp(5432)), side);
        assertThat(code(d, Codes.DEFAULT_BRIDGE_NO_DNS)).singleElement()
                .satisfies(x -> assertThat(x.subjects()).containsExactly("side", "i", "db"));
    }
}
