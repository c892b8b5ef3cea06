package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComposeImportTest {

    private static Container container(Document d, String id) { return d.get(id, Container.class).orElseThrow(); }

    private static List<String> networks(Container c) { return c.attachments().stream().map(Attachment::network).toList(); }

    @Test
    void shopSplitsProxyBackendAndDatabaseOverAFrontAndAnInternalBackNetwork() {
        ImportResult r = Fixtures.load("shop/docker-compose.yml");
        Document d = r.document();
        assertThat(d.name()).isEqualTo("shop");
        assertThat(Validator.validate(d)).isEmpty();

        Host host = d.get("host", Host.class).orElseThrow();
        assertThat(host.role()).isEqualTo(Host.Role.DOCKER);
        assertThat(host.address()).isEqualTo("192.168.50.11/24");
        assertThat(host.underlay()).isEqualTo("lan");

        Bridge front = d.get("front", Bridge.class).orElseThrow();
        assertThat(front.name()).isEqualTo("shop_front");
        assertThat(front.subnet()).as("the first user network Docker allocates").isEqualTo("172.18.0.0/16");
        assertThat(front.internal()).isFalse();
        Bridge back = d.get("back", Bridge.class).orElseThrow();
        assertThat(back.name()).isEqualTo("shop_back");
        assertThat(back.subnet()).isEqualTo("172.30.0.0/24");
        assertThat(back.gateway()).isEqualTo("172.30.0.1");
        assertThat(back.internal()).isTrue();
        assertThat(d.all(Bridge.class)).as("no default network and no docker0: nobody uses them").hasSize(2);

        assertThat(networks(container(d, "proxy"))).containsExactly("front");
        assertThat(container(d, "proxy").ports()).containsExactly(PublishedPort.tcp(80, 80), PublishedPort.tcp(443, 443));
        assertThat(container(d, "proxy").sockets()).containsExactly(Socket.tcp(80), Socket.tcp(443));
        assertThat(container(d, "proxy").image()).isEqualTo("nginx:1.27-alpine");

        Container backend = container(d, "backend");
        assertThat(networks(backend)).containsExactly("front", "back");
        assertThat(backend.attachments().get(0).aliases()).containsExactly("api");
        assertThat(backend.sockets()).containsExactly(Socket.tcp(8000));

        Container db = container(d, "db");
        assertThat(db.attachments()).containsExactly(new Attachment("back", "172.30.0.10", List.of()));
        assertThat(db.sockets()).containsExactly(Socket.tcp(5432));

        Container adminer = container(d, "adminer");
        assertThat(adminer.ports()).containsExactly(new PublishedPort("127.0.0.1", 8081, 8080, Proto.TCP));
        assertThat(networks(adminer)).containsExactly("front", "back");

        Container exporter = container(d, "node-exporter");
        assertThat(exporter.mode()).isEqualTo(Container.Mode.HOST);
        assertThat(exporter.attachments()).isEmpty();
        assertThat(exporter.sockets()).containsExactly(Socket.tcp(9100));

        External ext = d.get("external", External.class).orElseThrow();
        assertThat(ext.underlay()).isEqualTo("lan");
        assertThat(ext.address()).isEqualTo("192.168.50.100/24");
    }

    @Test
    void dependsOnBecomesAnIntentProbingTheFirstPortTheDependencyListensOn() {
        Document d = Fixtures.load("shop/docker-compose.yml").document();
        List<Intent> intents = d.all(Intent.class);
        assertThat(intents).extracting(Intent::from, Intent::to, i -> i.probe().toString(), Intent::expect)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("proxy", "backend", "tcp/8000", Intent.Expect.REACHABLE),
                        org.assertj.core.groups.Tuple.tuple("backend", "db", "tcp/5432", Intent.Expect.REACHABLE),
                        org.assertj.core.groups.Tuple.tuple("adminer", "db", "tcp/5432", Intent.Expect.REACHABLE));
    }

    @Test
    void extensionKeysAnchorsAndMergeKeysAreAcceptedSilently() {
        ImportResult r = Fixtures.load("shop/docker-compose.yml");
        assertThat(r.warnings()).noneMatch(w -> w.contains("x-") || w.contains("restart") || w.contains("<<"));
    }

    @Test
    void legacyProjectUsesTheDefaultNetworkLinksDocker0AndASharedNamespace() {
        ImportResult r = Fixtures.load("legacy/docker-compose.yml");
        Document d = r.document();
        assertThat(d.name()).as("no name: the folder names the project").isEqualTo("legacy");
        Bridge def = d.get("default", Bridge.class).orElseThrow();
        assertThat(def.name()).isEqualTo("legacy_default");
        assertThat(def.subnet()).isEqualTo("172.18.0.0/16");
        Bridge docker0 = d.get("docker0", Bridge.class).orElseThrow();
        assertThat(docker0.bridgeKind()).isEqualTo(Bridge.Kind.DEFAULT);
        assertThat(docker0.subnet()).isEqualTo("172.17.0.0/16");

        Container web = container(d, "web");
        assertThat(networks(web)).containsExactly("default");
        assertThat(web.links()).containsExactly("redis:cache", "db");
        assertThat(web.ports()).containsExactly(
                PublishedPort.tcp(8080, 80),
                new PublishedPort("127.0.0.1", 5000, 5000, Proto.UDP),
                PublishedPort.tcp(32768, 9000),
                PublishedPort.tcp(8000, 8000),
                PublishedPort.tcp(8001, 8001));
        assertThat(web.sockets()).contains(new Socket(5000, Proto.UDP, "0.0.0.0"), Socket.tcp(80), Socket.tcp(9000));

        Container worker = container(d, "worker");
        assertThat(worker.mode()).isEqualTo(Container.Mode.CONTAINER);
        assertThat(worker.modeTarget()).isEqualTo("web");
        assertThat(networks(container(d, "legacy-cron"))).containsExactly("docker0");
        assertThat(container(d, "db").sockets()).containsExactly(Socket.tcp(3306), Socket.tcp(33060));

        assertThat(d.all(Intent.class)).extracting(Intent::from, Intent::to, Intent::probe).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web", "redis", Probe.tcp(6379)),
                org.assertj.core.groups.Tuple.tuple("web", "db", Probe.tcp(3306)),
                org.assertj.core.groups.Tuple.tuple("worker", "redis", Probe.tcp(6379)),
                org.assertj.core.groups.Tuple.tuple("legacy-cron", "db", Probe.tcp(3306)));
        assertThat(Validator.validate(d)).isEmpty();
    }

    @Test
    void unknownKeysAndEphemeralPortsAreWarningsWithTheirPlace() {
        ImportResult r = Fixtures.load("legacy/docker-compose.yml");
        String file = Fixtures.path("legacy/docker-compose.yml").toString();
        assertThat(r.warnings()).contains(file + ":18:5: unknown key 'prots' in service 'web' (ignored)");
        assertThat(r.warnings()).anyMatch(w -> w.startsWith(file + ":11:9:") && w.contains("ephemeral") && w.contains("32768"));
    }

    @Test
    void aServiceNamedLikeANetworkKeepsItsNameAndTheNetworkMoves() {
        String yaml = """
                services:
                  db:
                    image: postgres
                    networks: [db]
                  web:
                    image: nginx
                    networks: [db]
                    depends_on: [db]
                networks:
                  db:
                """;
        Document d = Importer.importText("clash/compose.yaml", "clash", yaml).document();
        assertThat(d.get("db", Container.class)).isPresent();
        Bridge net = d.get("db-net", Bridge.class).orElseThrow();
        assertThat(net.name()).isEqualTo("clash_db");
        assertThat(networks(container(d, "web"))).containsExactly("db-net");
        assertThat(d.all(Intent.class)).singleElement().extracting(Intent::to).isEqualTo("db");
    }

    @Test
    void overlayNetworksAndNoneModeAndIpamPoolsSkipPinnedSubnets() {
        String yaml = """
                name: Swarm-App!
                services:
                  api:
                    image: api
                    networks: [mesh, side]
                  batch:
                    image: batch
                    network_mode: none
                networks:
                  mesh:
                    driver: overlay
                    attachable: true
                  side:
                    driver: bridge
                  pinned:
                    ipam:
                      config:
                        - subnet: 172.18.0.0/16
                """;
        Document d = Importer.importText("compose.yaml", null, yaml).document();
        assertThat(d.name()).isEqualTo("swarm-app");
        var mesh = d.get("mesh", dev.hopscope.model.Overlay.class).orElseThrow();
        assertThat(mesh.subnet()).isEqualTo("10.0.0.0/24");
        assertThat(mesh.members()).extracting(dev.hopscope.model.Overlay.Member::host).containsExactly("host");
        assertThat(d.get("side", Bridge.class).orElseThrow().subnet()).as("172.18 is pinned by another network").isEqualTo("172.19.0.0/16");
        assertThat(container(d, "batch").mode()).isEqualTo(Container.Mode.NONE);
    }

    @Test
    void portsOfTheHostsNamespaceAreDiscardedAsDockerDiscardsThemButStillListen() {
        ImportResult r = Importer.importText("c.yml", null, """
                services:
                  web:
                    image: nginx
                  agent:
                    network_mode: host
                    image: datadog/agent
                    ports: ["8125:8125/udp"]
                """);
        Container agent = r.document().get("agent", Container.class).orElseThrow();
        assertThat(agent.ports()).isEmpty();
        assertThat(agent.sockets()).containsExactly(new Socket(8125, Proto.UDP, "0.0.0.0"));
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("c.yml:7:13: service 'agent' uses the host's network"));
    }

    @Test
    void whatTheEngineRefusesOnASharedNamespaceIsAnErrorInDockersWords() {
        // the Docker engine's own messages (moby runconfig): a container that joins another's
        // network namespace cannot publish, expose, link, or set its hostname, DNS or hosts
        String[][] cases = {
                {"ports: [\"9000:9000\"]", "6:5", "'ports': conflicting options: port exposing and the container type network mode"},
                {"expose: [\"9000\"]", "6:5", "'expose': conflicting options: port exposing and the container type network mode"},
                {"links: [web]", "6:5", "'links': conflicting options: container type network can't be used with links. This would result in undefined behavior"},
                {"hostname: side", "6:5", "'hostname': conflicting options: hostname and the network mode"},
                {"dns: [1.1.1.1]", "6:5", "'dns': conflicting options: dns and the network mode"},
                {"extra_hosts: [\"db=10.0.0.5\"]", "6:5", "'extra_hosts': conflicting options: custom host-to-IP mapping and the network mode"},
        };
        for (String[] c : cases)
            assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                    services:
                      web:
                        image: nginx
                      sidecar:
                        network_mode: service:web
                        %s
                        image: envoyproxy/envoy:v1.31
                    """.formatted(c[0]))).as(c[0])
                    .isInstanceOf(ImportException.class)
                    .hasMessageStartingWith("c.yml:" + c[1] + ": service 'sidecar' shares another container's network namespace (network_mode service:web)")
                    .hasMessageEndingWith(c[2]);
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  web:
                    image: nginx
                  agent:
                    network_mode: host
                    links: [web]
                """)).hasMessage("c.yml:6:5: service 'agent' uses the host's network, so Docker refuses its links: "
                + "conflicting options: host type networking can't be used with links. This would result in undefined behavior");
    }

    @Test
    void mistakesAreErrorsWithFileLineAndColumn() {
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  web:
                    image: nginx
                    networks: [nowhere]
                """)).isInstanceOf(ImportException.class)
                .hasMessage("c.yml:4:16: service 'web' uses network 'nowhere', which the file does not define under networks");
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  web:
                    ports:
                      - "80:http"
                """)).hasMessage("c.yml:4:9: 'http' is not a port number");
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  web:
                    network_mode: host
                    networks: [a]
                """)).hasMessageStartingWith("c.yml:3:19: service 'web': network_mode and networks cannot be used together");
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  web:
                    depends_on: [ghost]
                """)).hasMessage("c.yml:3:18: service 'web' depends on 'ghost', which is not a service of this file");
        assertThatThrownBy(() -> Importer.importText("c.yml", null, "services: [web]\n"))
                .hasMessage("c.yml:1:11: services must be a mapping, not a list");
    }

    @Test
    void importedComposeIsLaidOut() {
        Document d = Fixtures.load("shop/docker-compose.yml").document();
        for (var n : d.nodes())
            if (!(n instanceof Intent)) assertThat(d.box(n.id())).as(n.id()).isPresent();
    }
}
