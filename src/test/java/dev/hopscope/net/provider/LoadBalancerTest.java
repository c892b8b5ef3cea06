package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.NeighbourLookup;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LoadBalancer Services: MetalLB in layer 2 mode and a cloud load balancer in front of the
 * NodePorts. Which node MetalLB elects is computed outside the code, as its speakers compute it:
 * {@code printf 'n2#192.168.50.240' | sha256sum} sorts lowest of n1, n2, n3 (14c3… < 1a09… < 2fb6…);
 * for 192.168.50.241 among n1 and n3 (the nodes with an endpoint) n3 (a022… < aa03…).
 */
class LoadBalancerTest {

    static Document metallb() { return DocumentCodec.load(Path.of("samples", "loadbalancer-metallb.json")); }
    static Document cloud() { return DocumentCodec.load(Path.of("samples", "loadbalancer-cloud.json")); }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    static Dataplane dp(Document d) { return dev.hopscope.net.Network.compile(d).dataplane(); }

    @Test
    void addressesComeFromThePoolInDocumentOrderUnlessGiven() {
        assertThat(Ipam.loadBalancerIps(metallb())).containsEntry("web-svc", Ipv4.parse("192.168.50.240"))
                .containsEntry("web-local-svc", Ipv4.parse("192.168.50.241"));
        Document pinned = metallb().update("web-svc", n -> ((Service) n).withLoadBalancer("192.168.50.241", Service.LoadBalancerMode.METALLB_L2));
        assertThat(Ipam.loadBalancerIps(pinned)).containsEntry("web-svc", Ipv4.parse("192.168.50.241"))
                .as("the pinned address is never handed out again").containsEntry("web-local-svc", Ipv4.parse("192.168.50.240"));
    }

    @Test
    void oneNodeAnswersArpForTheAddressAsMetalLbElectsIt() {
        Dataplane dp = dp(metallb());
        assertThat(dp.namespaceOf("n2").iface("eth0").hasAddress(Ipv4.parse("192.168.50.240"))).isTrue();
        assertThat(dp.namespaceOf("n1").iface("eth0").hasAddress(Ipv4.parse("192.168.50.240"))).isFalse();
        assertThat(dp.namespaceOf("n3").iface("eth0").hasAddress(Ipv4.parse("192.168.50.240"))).isFalse();
        assertThat(dp.namespaceOf("n3").iface("eth0").hasAddress(Ipv4.parse("192.168.50.241"))).isTrue();
        NeighbourLookup arp = trace(metallb(), "ext", "192.168.50.240:80", "tcp/80").hops().stream()
                .flatMap(h -> h.arp().stream()).filter(a -> a.target().equals(Ipv4.parse("192.168.50.240"))).findFirst().orElseThrow();
        assertThat(arp.answer()).isInstanceOfSatisfying(NeighbourLookup.ArpReply.class, r -> assertThat(r.namespace()).isEqualTo("n2"));
    }

    @Test
    void clusterPolicyHidesTheClientLocalPolicyKeepsIt() {
        Trace cluster = trace(metallb(), "ext", "192.168.50.240:80", "tcp/80");
        assertThat(cluster.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(cluster.branches()).hasSize(2).allMatch(b -> b.disposition() == Disposition.DELIVERED);
        assertThat(seenSource(cluster)).as("masqueraded to n2's address").isEqualTo(Ipv4.parse("192.168.50.12"));
        Trace local = trace(metallb(), "ext", "192.168.50.241:80", "tcp/80");
        assertThat(local.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(seenSource(local)).isEqualTo(Ipv4.parse("192.168.50.100"));
        assertThat(local.request().outcome()).isInstanceOfSatisfying(StepDetail.SocketReached.class,
                s -> assertThat(s.socket().owner()).isEqualTo("web-1"));
    }

    @Test
    void aServiceWithoutEndpointsIsAnnouncedByNoNode() {
        Document d = metallb().update("web-svc", n -> ((Service) n).withSelector(java.util.Map.of("app", "nothing")));
        Dataplane dp = dp(d);
        for (String n : List.of("n1", "n2", "n3"))
            assertThat(dp.namespaceOf(n).iface("eth0").hasAddress(Ipv4.parse("192.168.50.240"))).isFalse();
        assertThat(trace(d, "ext", "192.168.50.240:80", "tcp/80").disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
    }

    @Test
    void aCloudLoadBalancerIsAnOutsideHopInFrontOfTheNodePort() {
        Trace t = trace(cloud(), "ext", "192.168.50.240:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        List<StepDetail.Dnat> dnats = t.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Dnat).map(d -> (StepDetail.Dnat) d).toList();
        assertThat(dnats).hasSize(2);
        assertThat(dnats.get(0).after().destination()).as("the load balancer sends to n1's NodePort").isEqualTo("192.168.50.11:30080");
        assertThat(dnats.get(1).after().destination()).isEqualTo("10.244.1.2:8080");
        assertThat(t.hops().get(2).namespace()).isEqualTo("lb-web-svc");
        assertThat(seenSource(t)).as("the load balancer's own address").isEqualTo(Ipv4.parse("192.168.50.240"));
        assertThat(trace(cloud(), "ext", "192.168.50.12:30080", "tcp/30080").disposition())
                .as("Local: n2 runs no pod and drops its NodePort, so it fails the health check").isEqualTo(Disposition.DENIED);
    }

    private static Ipv4 seenSource(Trace t) {
        return ((StepDetail.SocketReached) t.request().outcome()).seenSource();
    }
}
