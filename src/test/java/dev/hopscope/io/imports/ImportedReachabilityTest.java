package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Network;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.trace.Disposition;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The imported files, traced through the compiled dataplane: what the file means for packets
 * must come across, not just its shape.
 */
class ImportedReachabilityTest {

    private static Disposition trace(Network n, String from, String to, Probe probe) {
        return n.trace(from, to, probe).disposition();
    }

    /** Pod names do not resolve in cluster DNS (only Services do), so pods are traced to by address. */
    private static String podIp(Document d, String pod) {
        Pod p = d.get(pod, Pod.class).orElseThrow();
        return Ipam.allocate(d).address(p.id(), Ipam.podNetwork(d, p).orElseThrow().id()).orElseThrow().toString();
    }

    @Test
    void shopProxyReachesBackendButNotTheDatabaseOnTheInternalNetwork() {
        Network shop = Network.compile(Fixtures.load("shop/docker-compose.yml").document());
        assertThat(trace(shop, "proxy", "backend", Probe.tcp(8000))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(shop, "proxy", "api", Probe.tcp(8000))).as("the network alias resolves").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(shop, "backend", "db", Probe.tcp(5432))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(shop, "proxy", "db", Probe.tcp(5432))).as("db is not on proxy's network").isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(trace(shop, "proxy", "172.30.0.10", Probe.tcp(5432))).as("by address: the internal network drops it").isEqualTo(Disposition.DENIED);
        assertThat(trace(shop, "db", "external", Probe.icmp())).as("internal: no way out").isNotEqualTo(Disposition.DELIVERED);
        assertThat(trace(shop, "backend", "external", Probe.icmp())).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void shopPublishedPortsAndTheHostModeServiceAreReachableFromOutside() {
        Network shop = Network.compile(Fixtures.load("shop/docker-compose.yml").document());
        assertThat(trace(shop, "external", "192.168.50.11:80", Probe.tcp(80))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(shop, "external", "proxy", Probe.tcp(443))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(shop, "external", "192.168.50.11:9100", Probe.tcp(9100))).as("node-exporter in host mode").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(shop, "external", "192.168.50.11:8081", Probe.tcp(8081))).as("adminer is published on 127.0.0.1 only")
                .isEqualTo(Disposition.NO_LISTENER);
    }

    @Test
    void everyDependsOnIntentOfTheShopHolds() {
        var analysis = Analyzer.analyze(Fixtures.load("shop/docker-compose.yml").document());
        assertThat(analysis.intents()).hasSize(3).allMatch(IntentResult::ok);
    }

    @Test
    void legacyLinksResolveAndTheDocker0ContainerCannotFindItsDatabase() {
        Document d = Fixtures.load("legacy/docker-compose.yml").document();
        Network legacy = Network.compile(d);
        assertThat(trace(legacy, "web", "cache", Probe.tcp(6379))).as("--link redis:cache").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(legacy, "worker", "redis", Probe.tcp(6379))).as("worker shares web's namespace").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(legacy, "external", "192.168.50.11:8080", Probe.tcp(8080))).isEqualTo(Disposition.DELIVERED);
        var intents = Analyzer.analyze(d).intents();
        assertThat(intents).filteredOn(i -> i.intent().from().equals("legacy-cron")).singleElement()
                .satisfies(i -> {
                    assertThat(i.ok()).isFalse();
                    assertThat(i.disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
                });
        assertThat(intents).filteredOn(i -> !i.intent().from().equals("legacy-cron")).allMatch(IntentResult::ok);
    }

    @Test
    void guestbookServicesNodePortsAndTheRedisPolicy() throws IOException {
        String debugPod = """
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: debug
                  labels: {run: debug}
                spec:
                  containers:
                  - name: debug
                    image: busybox
                """;
        String text = Files.readString(Fixtures.path("k8s/guestbook.yaml")) + debugPod;
        Document d = Importer.importText("guestbook.yaml", null, text).document();
        Network gb = Network.compile(d);
        assertThat(trace(gb, "frontend-0", "redis-leader", Probe.tcp(6379))).as("by Service name").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(gb, "frontend-0", podIp(d, "redis-leader-0"), Probe.tcp(6379))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(gb, "redis-follower-0", podIp(d, "redis-leader-0"), Probe.tcp(6379))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(gb, "debug", podIp(d, "redis-leader-0"), Probe.tcp(6379))).as("the policy isolates redis").isEqualTo(Disposition.DENIED);
        assertThat(trace(gb, "debug", "redis-leader", Probe.tcp(6379))).as("through the Service too").isEqualTo(Disposition.DENIED);
        assertThat(trace(gb, "debug", podIp(d, "frontend-0"), Probe.tcp(80))).as("the frontend is not isolated").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(gb, "external", "192.168.50.11:30080", Probe.tcp(30080))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(gb, "external", "192.168.50.12:30080", Probe.tcp(30080))).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void databasePoliciesDenyByDefaultAndAdmitTheApiFromTheDefaultNamespace() {
        Document d = Fixtures.load("k8s/database.yaml").document();
        Network db = Network.compile(d);
        assertThat(trace(db, "api", podIp(d, "postgres-0") + ":5432", Probe.tcp(5432))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(db, "api", "postgres.data", Probe.tcp(5432))).as("the headless Service resolves to a pod").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(db, "postgres-0", podIp(d, "postgres-1") + ":5432", Probe.tcp(5432)))
                .as("egress is allowed, but postgres-1 admits only the api").isEqualTo(Disposition.DENIED);
        assertThat(trace(db, "postgres-0", podIp(d, "api") + ":8080", Probe.tcp(8080))).as("default-deny egress").isEqualTo(Disposition.DENIED);
    }

    @Test
    void inspectOutputKeepsDockersIsolation() {
        Network n = Network.compile(Fixtures.load("inspect/networks.json").document());
        assertThat(trace(n, "shop-backend-1", "shop-db-1", Probe.icmp())).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(n, "shop-proxy-1", "172.30.0.10", Probe.icmp())).isEqualTo(Disposition.DENIED);
        assertThat(trace(n, "old-cron", "external", Probe.icmp())).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void theScaledVotingAppAnswersOnEveryReplicaAndByTheServiceName() {
        Document d = Importer.importFiles(java.util.List.of(Fixtures.path("voting/compose.yaml"), Fixtures.path("voting/compose.scale.yaml")),
                ImportOptions.none()).document();
        Network voting = Network.compile(d);
        for (int port : new int[] {8000, 8001, 8002})
            assertThat(trace(voting, "external", "192.168.50.11:" + port, Probe.tcp(port))).as("vote replica on " + port).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(voting, "result", "vote", Probe.tcp(80))).as("the service name is every replica's alias").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(voting, "voting-vote-3", "redis", Probe.tcp(6379))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(voting, "worker", "db", Probe.tcp(5432))).isEqualTo(Disposition.DELIVERED);
        assertThat(Analyzer.analyze(d).intents()).hasSize(4).allMatch(IntentResult::ok);
    }

    @Test
    void anIncludedStackSharesTheProjectsNetworksAndNothingElse() {
        Document d = Fixtures.load("platform/compose.yaml").document();
        Network platform = Network.compile(d);
        assertThat(trace(platform, "api", "prometheus", Probe.tcp(9090))).as("both on metrics").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(platform, "api", "rabbitmq", Probe.tcp(5672))).as("both on backend").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(platform, "rabbitmq", "prometheus", Probe.tcp(9090))).as("no network in common").isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(trace(platform, "external", "192.168.50.11:3000", Probe.tcp(3000))).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void aClusterListedByKubectlIsTracedAtItsRealAddresses() {
        Document d = Fixtures.load("k8s/get-all.yaml").document();
        Network cluster = Network.compile(d);
        assertThat(trace(cluster, "web-6d4cf56db6-8hq2x", "10.244.2.5:5432", Probe.tcp(5432))).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(cluster, "web-6d4cf56db6-8hq2x", "db", Probe.tcp(5432))).as("the headless Service").isEqualTo(Disposition.DELIVERED);
        assertThat(trace(cluster, "external", "192.168.50.12:30080", Probe.tcp(30080))).isEqualTo(Disposition.DELIVERED);
    }
}
