package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.PublishedPort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A compose file read as {@code docker stack deploy} deploys it ({@code import --swarm}): every
 * network an overlay across the swarm, tasks named and placed as swarm's scheduler names and
 * places them (Docker's swarm documentation: "spread" over the nodes, placement constraints on
 * {@code node.role} and {@code node.hostname}, {@code max_replicas_per_node}, global services on
 * every node), published ports on the routing mesh, and what stack deploy ignores said where it
 * is written.
 */
class ComposeSwarmTest {

    private static ImportResult stack(String name, int nodes) {
        return Importer.importFiles(List.of(Fixtures.path(name)), ImportOptions.none().withSwarm(nodes));
    }

    @Test
    void aStackBecomesTasksSpreadOverTheSwarmOnOverlays() {
        ImportResult r = stack("stack/docker-stack.yml", 3);
        Document d = r.document();
        assertThat(d.all(Host.class)).extracting(Host::name, Host::address).containsExactly(
                tuple("manager-1", "192.168.50.11/24"), tuple("worker-1", "192.168.50.12/24"), tuple("worker-2", "192.168.50.13/24"));
        // the stack's networks are overlays of the swarm; ingress holds 10.0.0.0/24, so they take the /24s after it
        assertThat(d.all(Overlay.class)).extracting(Overlay::name, Overlay::subnet, Overlay::controlPlane, Overlay::encrypted).containsExactly(
                tuple("stack_default", "10.0.1.0/24", Overlay.ControlPlane.SWARM, false),
                tuple("stack_frontend", "10.0.2.0/24", Overlay.ControlPlane.SWARM, false),
                tuple("stack_backend", "10.0.3.0/24", Overlay.ControlPlane.SWARM, true));
        assertThat(d.get("frontend", Overlay.class).orElseThrow().members()).extracting(Overlay.Member::host)
                .containsExactly("manager-1", "worker-1", "worker-2");

        // spread: the node with the fewest tasks of the service, then the fewest tasks; constraints first
        assertThat(d.all(Container.class)).extracting(Container::id, Container::name, Container::host).containsExactly(
                tuple("redis", "stack_redis.1", "manager-1"),
                tuple("db", "stack_db.1", "manager-1"),
                tuple("vote", "stack_vote.1", "worker-1"),
                tuple("stack_vote.2", "stack_vote.2", "worker-2"),
                tuple("result", "stack_result.1", "worker-1"),
                tuple("worker", "stack_worker.1", "worker-2"),
                tuple("stack_worker.2", "stack_worker.2", "worker-1"),
                tuple("visualizer", "stack_visualizer.1", "manager-1"),
                tuple("node-exporter", "stack_node-exporter.1", "manager-1"),
                tuple("stack_node-exporter.2", "stack_node-exporter.2", "worker-1"),
                tuple("stack_node-exporter.3", "stack_node-exporter.3", "worker-2"));
        // every task publishes its service's port once for the whole swarm, and answers to the service's name
        assertThat(d.get("stack_vote.2", Container.class).orElseThrow().ports()).containsExactly(PublishedPort.tcp(5000, 80));
        assertThat(d.get("result", Container.class).orElseThrow().ports()).containsExactly(PublishedPort.tcp(5001, 80));
        assertThat(d.get("stack_vote.2", Container.class).orElseThrow().attachments()).extracting(Attachment::network, Attachment::aliases)
                .containsExactly(tuple("frontend", List.of("vote")));

        String f = Fixtures.path("stack/docker-stack.yml").toString();
        assertThat(r.warnings()).containsExactly(
                f + ":63:32: service 'worker' asks for 3 tasks, at most 1 a node on 2 nodes: 1 stay pending (max replicas per node limit exceed)",
                f + ":33:5: docker stack deploy ignores the start order of service 'vote' (depends_on): its intents are still made",
                f + ":49:5: docker stack deploy ignores the start order of service 'result' (depends_on): its intents are still made",
                f + ":56:5: docker stack deploy ignores the start order of service 'worker' (depends_on): its intents are still made");
    }

    @Test
    void thePublishedPortsAnswerOnEveryNodeThroughTheRoutingMesh() {
        // Docker's swarm documentation: "all nodes participate in an ingress routing mesh", whether or not they run a task
        Document d = stack("stack/docker-stack.yml", 3).document();
        var net = dev.hopscope.net.Network.compile(d);
        for (String node : List.of("192.168.50.11", "192.168.50.12", "192.168.50.13")) {
            assertThat(net.trace("external", node + ":5000", dev.hopscope.model.Probe.tcp(5000)).disposition()).as("vote on " + node)
                    .isEqualTo(dev.hopscope.net.trace.Disposition.DELIVERED);
            assertThat(net.trace("external", node + ":5001", dev.hopscope.model.Probe.tcp(5001)).disposition()).as("result on " + node)
                    .isEqualTo(dev.hopscope.net.trace.Disposition.DELIVERED);
        }
        assertThat(net.trace("vote", "redis", dev.hopscope.model.Probe.tcp(6379)).disposition()).as("across the frontend overlay")
                .isEqualTo(dev.hopscope.net.trace.Disposition.DELIVERED);
        assertThat(net.trace("result", "db", dev.hopscope.model.Probe.tcp(5432)).disposition()).as("across the encrypted backend overlay")
                .isEqualTo(dev.hopscope.net.trace.Disposition.DELIVERED);
        assertThat(net.trace("vote", "db", dev.hopscope.model.Probe.tcp(5432)).disposition()).as("db is on backend only")
                .isEqualTo(dev.hopscope.net.trace.Disposition.NAME_NOT_RESOLVED);
    }

    @Test
    void hostnameConstraintsNameNodesAndAServiceNoNodeCanTakeRunsNothing() {
        ImportResult r = Importer.importText("s.yml", "shop", """
                services:
                  edge:
                    image: traefik:v3.0
                    ports: ["80:80"]
                    deploy:
                      placement:
                        constraints: ["node.hostname == edge-1"]
                  api:
                    image: nginx
                    deploy:
                      replicas: 2
                      placement:
                        constraints: ["node.hostname!=edge-1", "node.labels.zone == eu"]
                  batch:
                    image: busybox
                    deploy:
                      placement:
                        constraints: [node.role == manager, node.role == worker]
                """, ImportOptions.none().withSwarm(2));
        Document d = r.document();
        assertThat(d.all(Host.class)).extracting(Host::name).containsExactly("manager-1", "worker-1", "edge-1");
        assertThat(d.all(Container.class)).extracting(Container::name, Container::host).containsExactly(
                tuple("shop_edge.1", "edge-1"), tuple("shop_api.1", "manager-1"), tuple("shop_api.2", "worker-1"));
        assertThat(r.warnings()).containsExactly(
                "s.yml:13:48: placement constraint 'node.labels.zone == eu' of service 'api' is not modelled (the imported nodes carry no"
                        + " node.labels.zone): every node is taken to match it",
                "s.yml:14:3: service 'batch': no node of the swarm (manager-1 (manager), worker-1, edge-1) satisfies its placement"
                        + " constraints, so its tasks stay pending (no suitable node): it runs no container");
    }

    @Test
    void whatStackDeployIgnoresOrRefusesIsSaidAtItsPlace() {
        ImportResult r = Importer.importText("s.yml", "p", """
                services:
                  web:
                    image: nginx
                    container_name: web
                    network_mode: host
                    links: [db]
                    ports: ["80"]
                  db:
                    image: postgres:16
                """, ImportOptions.none().withSwarm(1));
        Container web = r.document().get("web", Container.class).orElseThrow();
        assertThat(web.mode()).as("network_mode is ignored: the service joins the stack's default network").isEqualTo(Container.Mode.BRIDGE);
        assertThat(web.attachments()).extracting(Attachment::network).containsExactly("default");
        assertThat(web.ports()).containsExactly(PublishedPort.tcp(30000, 80));
        assertThat(r.warnings()).containsExactly(
                "s.yml:4:5: docker stack deploy ignores 'container_name' of service 'web' (Ignoring unsupported options: container_name)",
                "s.yml:6:5: docker stack deploy ignores 'links' of service 'web' (Ignoring unsupported options: links): its names resolve"
                        + " through the service names anyway",
                "s.yml:5:5: docker stack deploy ignores 'network_mode' of service 'web' (Ignoring unsupported options: network_mode): the"
                        + " service joins the stack's networks instead",
                "s.yml:7:13: container port 80 of service 'web' is published on a port the swarm picks; the import uses 30000");

        assertThatThrownBy(() -> Importer.importText("s.yml", "p", """
                services:
                  a: {image: nginx, ports: ["8080:80"]}
                  b: {image: httpd, ports: ["8080:80"]}
                """, ImportOptions.none().withSwarm(3)))
                .hasMessage("s.yml:3:29: Docker refuses service 'b': port '8080' is already in use by service 'a' as an ingress port");
        assertThatThrownBy(() -> Importer.importText("s.yml", "p", """
                services:
                  a:
                    image: nginx
                    ports: ["8080:80"]
                    deploy: {endpoint_mode: dnsrr}
                """, ImportOptions.none().withSwarm(3)))
                .hasMessage("s.yml:4:13: Docker refuses service 'a': port published with ingress mode can't be used with dnsrr mode"
                        + " (publish it with mode: host, or use endpoint_mode: vip)");
        assertThatThrownBy(() -> Importer.importText("s.yml", "p", """
                services:
                  a:
                    image: nginx
                    deploy:
                      placement: {constraints: ["node.role ~ manager"]}
                """, ImportOptions.none().withSwarm(3)))
                .hasMessage("s.yml:5:33: Docker refuses the constraint 'node.role ~ manager' of service 'a': constraint expected one operator from ==, !=");
    }

    @Test
    void withoutSwarmTheSameFileIsOneHostAndSwarmOnlyKeysSaySo() {
        ImportResult r = Importer.importText("s.yml", "p", """
                services:
                  db:
                    image: postgres:16
                    deploy:
                      placement:
                        constraints: [node.role == manager]
                """);
        assertThat(r.document().all(Host.class)).extracting(Host::name).containsExactly("host");
        assertThat(r.warnings()).containsExactly("s.yml:5:7: deploy.placement of service 'db' is read by docker stack deploy only, not by"
                + " docker compose (import with --swarm to read the file as a stack)");
    }
}
