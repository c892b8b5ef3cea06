package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.PublishedPort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy.replicas and scale: N containers named as Compose v2 names them (PROJECT-SERVICE-N;
 * docker-compose 1.29 wrote PROJECT_SERVICE_N), the service name an alias of each on every
 * network, and the first replica keeping the service's name as its id, so --from and --to work
 * with the name written in the file.
 */
class ComposeScaleTest {

    @Test
    void replicasAreNamedAsComposeV2NamesThemAndAnsweredByTheServiceName() {
        ImportResult r = Importer.importText("compose.yaml", "shop", """
                services:
                  web:
                    image: nginx
                    deploy:
                      replicas: 3
                    networks:
                      front:
                        aliases: [www]
                  worker:
                    image: example/worker
                    scale: 2
                    depends_on: [web]
                networks:
                  front:
                """);
        Document d = r.document();
        assertThat(d.all(Container.class)).extracting(Container::id, Container::name).containsExactly(
                tuple("web", "shop-web-1"), tuple("shop-web-2", "shop-web-2"), tuple("shop-web-3", "shop-web-3"),
                tuple("worker", "shop-worker-1"), tuple("shop-worker-2", "shop-worker-2"));
        assertThat(d.get("shop-web-2", Container.class).orElseThrow().attachments())
                .containsExactly(new Attachment("front", null, List.of("web", "www")));
        assertThat(d.all(Intent.class)).extracting(Intent::from, Intent::to).containsExactly(tuple("worker", "web"));
    }

    @Test
    void publishedPortsOfReplicasFollowDocker() {
        Document d = Importer.importText("c.yml", "p", """
                services:
                  api:
                    image: example/api
                    deploy: {replicas: 3}
                    ports:
                      - "8080-8085:80"
                      - "9000"
                """).document();
        // a host range gives each container its first free port; an unpublished host port is ephemeral
        assertThat(d.all(Container.class)).extracting(Container::ports).containsExactly(
                List.of(PublishedPort.tcp(8080, 80), PublishedPort.tcp(32768, 9000)),
                List.of(PublishedPort.tcp(8081, 80), PublishedPort.tcp(32769, 9000)),
                List.of(PublishedPort.tcp(8082, 80), PublishedPort.tcp(32770, 9000)));
        assertThatThrownBy(() -> Importer.importText("c.yml", "p", """
                services:
                  api:
                    image: example/api
                    scale: 2
                    ports: ["8080:80"]
                """)).hasMessage("c.yml:5:13: service 'api' runs 2 containers that all publish host port 8080/tcp: Docker starts the first"
                + " and refuses the others (Bind for 0.0.0.0:8080 failed: port is already allocated); publish a host range (\"8080-8081:...\")"
                + " or let Docker pick (only the container port)");
        assertThatThrownBy(() -> Importer.importText("c.yml", "p", """
                services:
                  api:
                    image: example/api
                    scale: 3
                    ports: ["8080-8081:80"]
                """)).hasMessageStartingWith("c.yml:5:13: Bind for 0.0.0.0:8080-8081 failed: port is already allocated");
    }

    @Test
    void scaleMistakesAreComposesErrors() {
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  db:
                    image: postgres
                    container_name: database
                    deploy: {replicas: 2}
                """)).hasMessage("c.yml:4:21: service 'db' can't set container_name and run 2 replicas: a container name must be unique");
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  db:
                    image: postgres
                    scale: 2
                    deploy: {replicas: 3}
                """)).hasMessage("c.yml:4:12: service 'db' can't set distinct values on 'scale' (2) and 'deploy.replicas' (3)");
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  db:
                    image: postgres
                    scale: 2
                    networks:
                      back:
                        ipv4_address: 172.30.0.10
                networks:
                  back:
                    ipam: {config: [{subnet: 172.30.0.0/24}]}
                """)).hasMessage("c.yml:7:23: service 'db' runs 2 containers but pins ipv4_address 172.30.0.10 on network 'back':"
                + " Docker gives it to the first and refuses the others (Address already in use)");
    }

    @Test
    void aServiceScaledToZeroRunsNothingAndIsNoTarget() {
        ImportResult r = Importer.importText("c.yml", null, """
                services:
                  web:
                    image: nginx
                    depends_on: [cache]
                  cache:
                    image: redis
                    deploy: {replicas: 0}
                """);
        assertThat(r.document().all(Container.class)).extracting(Container::id).containsExactly("web");
        assertThat(r.document().all(Intent.class)).isEmpty();
        assertThat(r.warnings()).contains("c.yml:4:18: service 'cache' runs no container (scale 0): no intent from web is made");
    }
}
