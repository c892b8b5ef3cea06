package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.imports.Importer;
import dev.hopscope.model.Document;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Proto;
import dev.hopscope.net.Finding;
import dev.hopscope.net.Network;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.findings.Codes;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hostNetwork pods (samples/k8s-host-network.json). Expected values from outside the code: the
 * Kubernetes docs (a hostNetwork pod's IP is its node's, and so is its Service endpoint;
 * "NetworkPolicies and hostNetwork pods": the most common implementation cannot tell their traffic
 * from the node's, so it neither isolates them nor matches them by pod or namespace selector; a
 * pod cannot block access from its own node), the scheduler's NodePorts filter (a hostNetwork
 * pod's container ports count as host ports), and the kernel's source address selection (the
 * route's src, else the outgoing device's address).
 */
class HostNetworkPodTest {

    private static Document sample() { return DocumentCodec.load(Path.of("samples", "k8s-host-network.json")); }

    private static Trace trace(Document doc, String from, String to, String probe) {
        return Network.compile(doc).trace(from, to, Probe.parse(probe));
    }

    private static String src(Hop h) {
        Layer ip = h.layers().stream().filter(l -> l.layer().equals("ipv4")).reduce((a, b) -> b).orElseThrow();
        return ip.fields().get("src");
    }

    @Test
    void aHostNetworkPodListensOnItsNodesAddressInTheNodesNamespace() {
        Trace t = trace(sample(), "client", "192.168.50.12:9100", "tcp/9100");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        Hop last = t.hops().get(t.hops().size() - 1);
        assertThat(last.namespace()).isEqualTo("n2");
        assertThat(t.request().outcome()).isInstanceOfSatisfying(StepDetail.SocketReached.class,
                s -> assertThat(s.socket().owner()).isEqualTo("exporter-n2"));
    }

    @Test
    void itsTrafficLeavesWithTheNodesAddress() {
        // from n2 to a pod on n1: host-gw's route via 192.168.50.11 dev eth0, so the source is eth0's address
        Trace remote = trace(sample(), "exporter-n2", "10.244.1.2", "icmp");
        assertThat(remote.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(src(remote.hops().get(remote.hops().size() - 1))).isEqualTo("192.168.50.12");
        assertThat(remote.hops().get(0).namespace()).isEqualTo("n2");
        // from n1 to a pod on n1: the connected route of cni0 carries src 10.244.1.1
        Trace local = trace(sample(), "exporter-n1", "10.244.1.2", "icmp");
        assertThat(src(local.hops().get(local.hops().size() - 1))).isEqualTo("10.244.1.1");
    }

    @Test
    void aServicesEndpointsAreTheNodesAddressesAndPort() {
        Trace t = trace(sample(), "client", "metrics:9100", "tcp/9100");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.branches()).extracting(b -> b.endpoint() + " " + b.choices().get(b.choices().size() - 1).address() + ":"
                + b.choices().get(b.choices().size() - 1).port() + " " + b.disposition())
                .containsExactly("exporter-n1 192.168.50.11:9100 DELIVERED", "exporter-n2 192.168.50.12:9100 DELIVERED");
    }

    @Test
    void aPolicyThatSelectsThemIsolatesNothingAndOneThatAdmitsThemByLabelLetsNothingInFromAnotherNode() {
        Document doc = sample();
        assertThat(trace(doc, "client", "192.168.50.12:9100", "tcp/9100").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(doc, "exporter-n2", "10.244.1.3:5432", "tcp/5432").disposition()).isEqualTo(Disposition.DENIED);
        assertThat(trace(doc, "exporter-n1", "10.244.1.3:5432", "tcp/5432").disposition()).as("a pod's own node may always reach it")
                .isEqualTo(Disposition.DELIVERED);
        List<Finding> f = Analyzer.analyze(doc).findings().stream().filter(x -> x.code().equals(Codes.NETWORK_POLICY_HOST_NETWORK)).toList();
        assertThat(f).hasSize(2);
        assertThat(f).anySatisfy(x -> {
            assertThat(x.subjects()).containsExactly("exporters-deny-all", "exporter-n1", "exporter-n2");
            assertThat(x.message()).contains("does not isolate");
        });
        assertThat(f).anySatisfy(x -> {
            assertThat(x.subjects()).containsExactly("db-from-exporters", "exporter-n1", "exporter-n2");
            assertThat(x.fix()).contains("ipBlock").contains("192.168.50.12/32");
        });
    }

    @Test
    void theFixTheFindingSuggestsWorks() throws Exception {
        String json = Files.readString(Path.of("samples", "k8s-host-network.json")).replace(
                "\"peers\": [{\"podSelector\": {\"app\": \"exporter\"}}]", "\"peers\": [{\"ipBlock\": \"192.168.50.12/32\"}]");
        Document fixed = DocumentCodec.read(json, "fixed.json");
        assertThat(trace(fixed, "exporter-n2", "10.244.1.3:5432", "tcp/5432").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(Analyzer.analyze(fixed).findings()).extracting(Finding::subjects)
                .noneSatisfy(s -> assertThat(s).contains("db-from-exporters"));
    }

    @Test
    void itsPortsClashWithTheNodesOtherListenersAndHostPorts() {
        Document doc = sample();
        Pod exporter = doc.get("db-0", Pod.class).orElseThrow();
        Document withHostPort = doc.with(exporter.withHostPorts(List.of(new PublishedPort(null, 9100, 5432, Proto.TCP))));
        List<Finding> clash = Analyzer.analyze(withHostPort).findings().stream().filter(x -> x.code().equals(Codes.PORT_CLASH)).toList();
        assertThat(clash).singleElement().satisfies(x -> {
            assertThat(x.subjects()).contains("exporter-n1", "db-0", "n1");
            assertThat(x.message()).contains("hostNetwork pod exporter-n1").contains("hostPort");
        });
        assertThat(Analyzer.analyze(doc).findings()).extracting(Finding::code).doesNotContain(Codes.PORT_CLASH);
    }

    @Test
    void aManifestWithHostNetworkTrueImportsAsAHostNetworkPod(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("exporter.yaml");
        Files.writeString(yaml, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: node-exporter
                  labels: {app: exporter}
                spec:
                  hostNetwork: true
                  containers:
                  - name: node-exporter
                    image: prom/node-exporter
                    ports:
                    - containerPort: 9100
                """);
        Document d = Importer.importFile(yaml).document();
        Pod p = d.all(Pod.class).get(0);
        assertThat(p.hostNetwork()).isTrue();
        assertThat(p.ip()).isNull();
        Trace t = Network.compile(d).trace("external", "node-exporter:9100", Probe.parse("tcp/9100"));
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops().get(t.hops().size() - 1).step()).isEqualTo(StepKind.DELIVER);
    }
}
