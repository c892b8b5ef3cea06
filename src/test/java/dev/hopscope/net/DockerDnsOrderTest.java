package dev.hopscope.net;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker's order of a container's networks, as the engine on this machine (Docker 20.10) showed it,
 * refereed on every compose fixture by DockerAgreementTest: whatever order a container joined them
 * in, its embedded DNS asks them by network name, internal ones last, and the first non-internal
 * one gives the default route and receives the published ports; a name several containers share
 * answers with all their addresses.
 */
class DockerDnsOrderTest {

    // zz joined first by everyone, aa second, a0 (sorts first, but internal) third
    private static final String DOC = """
            {"format": "hopscope", "version": 1, "name": "dns order", "nodes": [
              {"kind": "host", "id": "h1", "name": "h1", "role": "docker"},
              {"kind": "bridge", "id": "zz", "name": "zz", "host": "h1", "bridgeKind": "user-defined", "subnet": "10.201.1.0/24"},
              {"kind": "bridge", "id": "aa", "name": "aa", "host": "h1", "bridgeKind": "user-defined", "subnet": "10.201.2.0/24"},
              {"kind": "bridge", "id": "a0", "name": "a0", "host": "h1", "bridgeKind": "user-defined", "subnet": "10.201.3.0/24", "internal": true},
              {"kind": "container", "id": "t", "name": "t", "host": "h1", "mode": "bridge", "ports": [{"hostPort": 18080, "containerPort": 80}], "attachments": [
                {"network": "zz", "ip": "10.201.1.10"}, {"network": "aa", "ip": "10.201.2.10"}, {"network": "a0", "ip": "10.201.3.10"}]},
              {"kind": "container", "id": "q", "name": "q", "host": "h1", "mode": "bridge", "attachments": [
                {"network": "zz", "ip": "10.201.1.20"}, {"network": "aa", "ip": "10.201.2.20"}, {"network": "a0", "ip": "10.201.3.20"}]},
              {"kind": "container", "id": "s1", "name": "s1", "host": "h1", "mode": "bridge", "attachments": [{"network": "zz", "ip": "10.201.1.31", "aliases": ["svc"]}]},
              {"kind": "container", "id": "s2", "name": "s2", "host": "h1", "mode": "bridge", "attachments": [{"network": "zz", "ip": "10.201.1.32", "aliases": ["svc"]}]}
            ]}""";

    private final Network net = Network.compile(DocumentCodec.read(DOC, "dns-order.json"));

    @Test
    void aNameOnSeveralSharedNetworksResolvesOnTheFirstByNameInternalLast() {
        assertThat(lookup(net.trace("q", "t", Probe.parse("icmp"))).answers()).containsExactly(Ipv4.parse("10.201.2.10"));
    }

    @Test
    void aSharedAliasAnswersWithEveryAddress() {
        Trace t = net.trace("q", "svc", Probe.parse("icmp"));
        DnsLookup l = lookup(t);
        assertThat(l.answers()).containsExactly(Ipv4.parse("10.201.1.31"), Ipv4.parse("10.201.1.32"));
        assertThat(l.answer()).isInstanceOf(DnsLookup.Found.class);
        assertThat(t.hops().stream().filter(h -> h.detail() == l).findFirst().orElseThrow().note())
                .contains("2 addresses", "10.201.1.31, 10.201.1.32", "shuffled");
    }

    @Test
    void theDefaultRouteAndThePublishedPortGoThroughTheFirstNetworkByNameNotTheFirstJoined() {
        // docker create --network lgz-zeta -p 18080:80; docker network connect lgz-alpha; start:
        // "default via <alpha's gateway>" and "DNAT --to-destination <alpha address>:80"
        Namespace t = net.dataplane().namespaceOf("t");
        assertThat(t.routes()).filteredOn(r -> r.dst().equals(Cidr.parse("0.0.0.0/0")))
                .extracting(Route::via).containsExactly(Ipv4.parse("10.201.2.1"));
        Namespace host = net.dataplane().namespaceOf("h1");
        assertThat(host.rules()).filteredOn(r -> r.toIp() != null && r.toPort() == 80)
                .extracting(Rule::toIp).isNotEmpty().containsOnly(Ipv4.parse("10.201.2.10"));
    }

    private static DnsLookup lookup(Trace t) {
        return t.hops().stream().map(h -> h.detail()).filter(DnsLookup.class::isInstance).map(DnsLookup.class::cast).findFirst().orElseThrow();
    }
}
