package dev.hopscope.net.trace;

import dev.hopscope.io.ReportJson;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Network;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.trace.TypedTraceTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster DNS as Kubernetes documents it (concepts/services-networking/dns-pod-service): a pod
 * with {@code hostname} and {@code subdomain} gets {@code hostname.subdomain.ns.svc.cluster.local}
 * when a headless Service named {@code subdomain} in its namespace selects it (a StatefulSet's pods
 * web-0, web-1 behind Service nginx); a pod's resolver expands short names with its search list
 * {@code ns.svc.cluster.local svc.cluster.local cluster.local}. Addresses are pinned in the document.
 */
class PodDnsTest {

    static Network statefulSet() {
        Document d = Document.empty("sts").with(new Underlay("lan", "lan", "192.168.50.0/24", 1500))
                .with(Host.docker("n1", "lan", "192.168.50.11/24").withRole(Host.Role.K8S_NODE))
                .with(Host.docker("n2", "lan", "192.168.50.12/24").withRole(Host.Role.K8S_NODE))
                .with(new Bridge("cni1", "cni0", "n1", Bridge.Kind.CNI, "10.244.1.0/24", null, true, false, true))
                .with(new Bridge("cni2", "cni0", "n2", Bridge.Kind.CNI, "10.244.2.0/24", null, true, false, true))
                .with(pod("client", "default", "n1", "10.244.1.5", Map.of("app", "client"), null, null))
                .with(pod("shopper", "shop", "n1", "10.244.1.6", Map.of("app", "shopper"), null, null))
                .with(pod("web-0", "default", "n1", "10.244.1.10", Map.of("app", "web"), "web-0", "nginx"))
                .with(pod("web-1", "default", "n2", "10.244.2.11", Map.of("app", "web"), "web-1", "nginx"))
                // a hostname whose subdomain names no Service, and one whose Service does not select it
                .with(pod("lonely", "default", "n2", "10.244.2.12", Map.of("app", "lonely"), "lonely", "nowhere"))
                .with(pod("stray", "default", "n2", "10.244.2.13", Map.of("app", "stray"), "stray", "nginx"))
                .with(new Service("nginx", "nginx", "default", Service.Type.CLUSTER_IP, "None",
                        List.of(new Service.ServicePort("http", 80, 80, 0, Proto.TCP)), Map.of("app", "web"), null))
                .with(new Service("kube-dns", "kube-dns", "kube-system", Service.Type.CLUSTER_IP, "10.96.0.10",
                        List.of(new Service.ServicePort("dns", 53, 53, 0, Proto.UDP)), Map.of("k8s-app", "kube-dns"), null));
        return Network.compile(d);
    }

    private static Pod pod(String id, String ns, String node, String ip, Map<String, String> labels, String hostname, String subdomain) {
        return new Pod(id, id, ns, node, labels, List.of(new Pod.PodContainer(id, "nginx", List.of(Socket.tcp(80)))), false, null, ip,
                hostname, subdomain);
    }

    private static DnsLookup lookup(Network net, String from, String name) {
        Trace t = net.trace(from, name + ":80", Probe.tcp(80));
        return (DnsLookup) t.hops().get(0).detail();
    }

    @Test
    void aStatefulSetPodIsFoundByItsHostnameAndTheHeadlessService() {
        Network net = statefulSet();
        for (String name : List.of("web-1.nginx", "web-1.nginx.default", "web-1.nginx.default.svc", "web-1.nginx.default.svc.cluster.local",
                "WEB-1.nginx.default.svc.cluster.local.")) {
            DnsLookup l = lookup(net, "client", name);
            assertThat(l.answer()).as(name).isEqualTo(new DnsLookup.Found(ip("10.244.2.11"), new DnsLookup.PodHostname("nginx", "web-1")));
            assertThat(l.server()).isInstanceOf(DnsLookup.ClusterDns.class);
        }
        Trace t = net.trace("client", "web-0.nginx:80", Probe.tcp(80));
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.request().outcome()).isInstanceOfSatisfying(StepDetail.SocketReached.class,
                s -> assertThat(s.socket().owner()).isEqualTo("web-0"));
        assertThat(t.hops().get(0).note())
                .isEqualTo("cluster DNS (10.96.0.10) answers web-0.nginx → 10.244.1.10: pod web-0's own name (its hostname and subdomain), published by the headless Service nginx");
    }

    @Test
    void theQueryLeavesThePodByItsRouteToTheClusterDnsAddress() {
        DnsLookup l = lookup(statefulSet(), "client", "web-1.nginx");
        assertThat(l.server()).isEqualTo(new DnsLookup.ClusterDns(java.util.Optional.of(ip("10.96.0.10"))));
        // the pod's default route: out of eth0, from its own address (pinned in the document)
        assertThat(l.query()).contains(new DnsLookup.Query(ip("10.244.1.5"), "eth0", ip("10.96.0.10")));
        // a failed lookup still says where its query went
        assertThat(lookup(statefulSet(), "client", "nobody.nowhere").query()).contains(new DnsLookup.Query(ip("10.244.1.5"), "eth0", ip("10.96.0.10")));
    }

    @Test
    void theJsonSaysWhatTheNameStandsForAndWhereTheQueryWent() {
        java.io.StringWriter out = new java.io.StringWriter();
        ReportJson.writeTrace(statefulSet().trace("client", "web-1.nginx:80", Probe.tcp(80)), out);
        JsonNode dns = new ObjectMapper().readTree(out.toString()).get("hops").get(0).get("detail");
        assertThat(dns.get("kind").asString()).isEqualTo("dns");
        assertThat(dns.get("answer").asString()).isEqualTo("10.244.2.11");
        assertThat(dns.get("record").asString()).isEqualTo("pod-hostname");
        assertThat(dns.get("query").get("source").asString()).isEqualTo("10.244.1.5");
        assertThat(dns.get("query").get("device").asString()).isEqualTo("eth0");
        assertThat(dns.get("query").get("server").asString()).isEqualTo("10.96.0.10");
    }

    @Test
    void theShortFormsFollowTheAskersNamespace() {
        Network net = statefulSet();
        assertThat(lookup(net, "shopper", "web-1.nginx").answer()).isInstanceOf(DnsLookup.NoServiceRecord.class);
        assertThat(lookup(net, "shopper", "web-1.nginx.default").address()).contains(ip("10.244.2.11"));
        // the Service's own name still answers with a selected pod (a headless Service has no ClusterIP)
        assertThat(lookup(net, "client", "nginx").answer()).isInstanceOfSatisfying(DnsLookup.Found.class,
                f -> assertThat(f.record()).isInstanceOf(DnsLookup.HeadlessServicePod.class));
    }

    @Test
    void noRecordWithoutAHeadlessServiceThatSelectsThePod() {
        Network net = statefulSet();
        assertThat(lookup(net, "client", "lonely.nowhere").answer()).isInstanceOf(DnsLookup.NoServiceRecord.class);
        assertThat(lookup(net, "client", "stray.nginx").answer()).isInstanceOf(DnsLookup.NoServiceRecord.class);
        assertThat(lookup(net, "client", "web-0").answer()).as("a pod's name alone is no record").isInstanceOf(DnsLookup.NoServiceRecord.class);
    }
}
