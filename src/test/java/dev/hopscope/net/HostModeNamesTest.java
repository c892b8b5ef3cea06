package dev.hopscope.net;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.trace.Disposition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host-mode container asks the host's resolver, which has never heard of container names:
 * Docker's embedded DNS serves only containers on user-defined networks. Observed on Docker
 * 20.10 by DockerAgreementTest (the shop compose fixture's node-exporter, network_mode: host):
 * {@code ping proxy} in it says "bad address" while proxy answers on its network.
 */
class HostModeNamesTest {

    static Document design() {
        return new Document("host mode names", null, null, List.of(
                new Underlay("lan", "lan", "192.168.50.0/24", 1500),
                Host.docker("h1", "lan", "192.168.50.11/24"),
                new Bridge("front", "br-front", "h1", Bridge.Kind.USER_DEFINED, "172.18.0.0/16", null, true, false, true),
                new Container("proxy", "proxy", null, "h1", Container.Mode.BRIDGE, null,
                        List.of(new Attachment("front", null, List.of("edge"))), List.of(), List.of(Socket.tcp(80)), List.of()),
                new Container("exporter", "exporter", null, "h1", Container.Mode.HOST, null, List.of(), List.of(), List.of(), List.of()),
                new Container("app", "app", null, "h1", Container.Mode.BRIDGE, null, List.of(Attachment.to("front")), List.of(), List.of(), List.of())),
                Map.of());
    }

    @Test
    void aHostModeContainerCannotResolveContainerNames() {
        Network net = Network.compile(design());
        assertThat(net.trace("exporter", "proxy", Probe.parse("icmp")).disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(net.trace("exporter", "edge", Probe.parse("tcp/80")).disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
    }

    @Test
    void itStillReachesTheContainerByAddressAndAContainerOnTheNetworkStillResolvesIt() {
        Network net = Network.compile(design());
        assertThat(net.trace("exporter", "172.18.0.2:80", Probe.parse("tcp/80")).disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(net.trace("app", "proxy", Probe.parse("tcp/80")).disposition()).isEqualTo(Disposition.DELIVERED);
    }
}
