package dev.hopscope.net;

import dev.hopscope.io.ReportJson;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Service's own name answers with every pod it selects. The Kubernetes documentation
 * (Services, "Headless Services", "With selectors"): the endpoints controller creates
 * EndpointSlices, and DNS returns A records "that point directly to the Pods backing the Service";
 * CoreDNS's loadbalance plugin (in kubeadm's default Corefile) shuffles them per query. As for
 * Docker's shared names, the trace follows the first and lists them all. A hostNetwork pod's
 * endpoint address is its node's (the EndpointSlice holds the pod's IP, which is the node's).
 */
class HeadlessServiceTest {

    static Document cluster(boolean hostNetworkDb2) {
        return Document.empty("headless").with(new Underlay("lan", "lan", "192.168.50.0/24", 1500))
                .with(Host.docker("n1", "lan", "192.168.50.11/24").withRole(Host.Role.K8S_NODE))
                .with(Host.docker("n2", "lan", "192.168.50.12/24").withRole(Host.Role.K8S_NODE))
                .with(new Bridge("cni1", "cni0", "n1", Bridge.Kind.CNI, "10.244.1.0/24", null, true, false, true))
                .with(new Bridge("cni2", "cni0", "n2", Bridge.Kind.CNI, "10.244.2.0/24", null, true, false, true))
                .with(pod("client", "n1", "10.244.1.5", Map.of("app", "client"), false))
                .with(pod("db-0", "n1", "10.244.1.10", Map.of("app", "db"), false))
                .with(pod("db-1", "n2", "10.244.2.11", Map.of("app", "db"), false))
                .with(pod("db-2", "n2", "10.244.2.12", Map.of("app", "db"), hostNetworkDb2))
                .with(new Service("db", "db", "default", Service.Type.CLUSTER_IP, "None",
                        List.of(new Service.ServicePort("pg", 5432, 5432, 0, Proto.TCP)), Map.of("app", "db"), null));
    }

    private static Pod pod(String id, String node, String ip, Map<String, String> labels, boolean hostNetwork) {
        return new Pod(id, id, "default", node, labels, List.of(new Pod.PodContainer(id, "postgres", List.of(Socket.tcp(5432)))), hostNetwork,
                null, hostNetwork ? null : ip);
    }

    private static Ipv4 ip(String s) { return Ipv4.parse(s); }

    @Test
    void theServiceNameAnswersEverySelectedPodAndTheTraceFollowsTheFirst() {
        Trace t = Network.compile(cluster(false)).trace("client", "db:5432", Probe.tcp(5432));
        DnsLookup l = (DnsLookup) t.hops().get(0).detail();
        assertThat(l.answers()).containsExactly(ip("10.244.1.10"), ip("10.244.2.11"), ip("10.244.2.12"));
        assertThat(l.address()).contains(ip("10.244.1.10"));
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.request().outcome()).isInstanceOfSatisfying(StepDetail.SocketReached.class, s -> assertThat(s.socket().owner()).isEqualTo("db-0"));
        assertThat(t.hops().get(0).note()).contains("with 3 pod addresses (10.244.1.10, 10.244.2.11, 10.244.2.12)").contains("follows db-0 10.244.1.10");
    }

    @Test
    void theJsonListsEveryAnswer() {
        java.io.StringWriter out = new java.io.StringWriter();
        ReportJson.writeTrace(Network.compile(cluster(false)).trace("client", "db:5432", Probe.tcp(5432)), out);
        JsonNode dns = new ObjectMapper().readTree(out.toString()).get("hops").get(0).get("detail");
        assertThat(dns.get("answer").asString()).isEqualTo("10.244.1.10");
        assertThat(dns.get("answers")).extracting(JsonNode::asString).containsExactly("10.244.1.10", "10.244.2.11", "10.244.2.12");
    }

    @Test
    void aHostNetworkPodAnswersWithItsNodesAddress() {
        Trace t = Network.compile(cluster(true)).trace("client", "db:5432", Probe.tcp(5432));
        assertThat(((DnsLookup) t.hops().get(0).detail()).answers()).containsExactly(ip("10.244.1.10"), ip("10.244.2.11"), ip("192.168.50.12"));
    }

    @Test
    void oneSelectedPodIsOneAnswer() {
        Document one = cluster(false).without("db-1").without("db-2");
        DnsLookup l = (DnsLookup) Network.compile(one).trace("client", "db:5432", Probe.tcp(5432)).hops().get(0).detail();
        assertThat(l.answers()).containsExactly(ip("10.244.1.10"));
        assertThat(l.answer()).isEqualTo(new DnsLookup.Found(ip("10.244.1.10"), new DnsLookup.HeadlessServicePod("db", "db-0", List.of(ip("10.244.1.10")))));
    }
}
