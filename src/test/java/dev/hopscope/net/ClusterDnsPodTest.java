package dev.hopscope.net;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.DropCause;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster DNS as a pod behind the kube-dns ClusterIP: a lookup is a UDP packet to 10.96.0.10:53
 * that kube-proxy sends on to a CoreDNS pod, subject to NetworkPolicy like any packet (the
 * NetworkPolicy documentation's advice: an egress policy must allow DNS for names to resolve).
 */
class ClusterDnsPodTest {

    static Document sample() { return DocumentCodec.load(Path.of("samples", "cluster-dns-pod.json")); }

    static Trace trace(Document d, String from, String to, String probe) {
        return Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    @Test
    void theLookupIsAPacketToTheDnsPodAndTheFlowFollowsIt() {
        Trace t = trace(sample(), "worker-0", "api:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        Trace q = t.dnsQuery().orElseThrow();
        assertThat(q.probe()).isEqualTo(Probe.udp(53));
        assertThat(q.via()).isEqualTo("10.96.0.10:53");
        assertThat(q.hops()).anySatisfy(h -> assertThat(h.detail()).isInstanceOfSatisfying(StepDetail.Dnat.class,
                d -> assertThat(d.after().destination()).isEqualTo("10.244.1.2:53")));
        assertThat(((StepDetail.SocketReached) q.request().outcome()).socket().owner()).isEqualTo("coredns-0");
        assertThat(q.reply().disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void anEgressPolicyWithoutDnsLeavesTheNameUnresolvedButNotTheAddress() {
        Trace t = trace(sample(), "web-0", "api:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(t.dnsQuery().orElseThrow().disposition()).isEqualTo(Disposition.DENIED);
        assertThat(t.request().outcome()).isInstanceOf(DropCause.DnsQueryFailed.class);
        assertThat(t.reason()).contains("10.96.0.10:53").contains("DENIED");
        assertThat(trace(sample(), "web-0", "10.244.2.2:8080", "tcp/8080").disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void withoutDnsPodsTheLookupStaysModelled() {
        Document noPod = sample().update("coredns-0", n -> ((Pod) n).withLabels(Map.of("k8s-app", "other")));
        Trace t = trace(noPod, "web-0", "api:80", "tcp/80");
        assertThat(t.dnsQuery()).isEmpty();
        assertThat(t.disposition()).as("the modelled resolver answers; the policy allows api").isEqualTo(Disposition.DELIVERED);
        assertThat(t.via()).isEqualTo(Ipv4.parse("10.96.0.11") + ":80");
    }
}
