package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compose project as {@code docker compose} reads it before it creates anything: several
 * files merged, variables from .env, --env-file and the shell, profiles, include and extends.
 * Expected values follow the Compose specification's merge, interpolation, include and extends
 * sections, worked by hand for each fixture.
 */
class ComposeProjectTest {

    private static Container container(Document d, String id) { return d.get(id, Container.class).orElseThrow(); }

    private static ImportResult load(ImportOptions options, String... files) {
        return Importer.importFiles(java.util.Arrays.stream(files).map(Fixtures::path).toList(), options);
    }

    @Test
    void theVotingAppReadsItsDotEnvAndLeavesTheProfiledSeedOut() {
        ImportResult r = load(ImportOptions.none(), "voting/compose.yaml");
        Document d = r.document();
        assertThat(d.name()).isEqualTo("voting");
        assertThat(d.all(Container.class)).extracting(Container::id).containsExactly("vote", "result", "worker", "redis", "db");
        assertThat(container(d, "db").image()).as("POSTGRES_VERSION from .env").isEqualTo("postgres:15-alpine");
        assertThat(container(d, "vote").ports()).as("'export VOTE_PORT=5000' in .env").containsExactly(PublishedPort.tcp(5000, 80));
        assertThat(d.all(Bridge.class)).extracting(Bridge::id, Bridge::name).containsExactly(
                tuple("front-tier", "voting_front-tier"), tuple("back-tier", "voting_back-tier"));
        assertThat(d.all(Intent.class)).extracting(Intent::from, Intent::to).containsExactly(
                tuple("vote", "redis"), tuple("result", "db"), tuple("worker", "redis"), tuple("worker", "db"));
    }

    @Test
    void aProfileEnablesItsServicesFromTheOptionsOrFromComposeProfiles() {
        Document withProfile = load(ImportOptions.none().withProfiles(List.of("seed")), "voting/compose.yaml").document();
        assertThat(withProfile.get("seed", Container.class)).isPresent();
        assertThat(withProfile.all(Intent.class)).extracting(Intent::from, Intent::to).contains(tuple("seed", "vote"));
        Document fromEnv = load(ImportOptions.none().withEnvironment(Map.of("COMPOSE_PROFILES", "debug,seed")), "voting/compose.yaml").document();
        assertThat(fromEnv.get("seed", Container.class)).isPresent();
        Document all = load(ImportOptions.none().withProfiles(List.of("*")), "voting/compose.yaml").document();
        assertThat(all.get("seed", Container.class)).isPresent();
    }

    @Test
    void aServiceThatNeedsADisabledOneIsRefusedAsComposeRefusesIt() {
        String yaml = """
                services:
                  app:
                    image: nginx
                    depends_on: [migrations]
                  migrations:
                    image: flyway/flyway
                    profiles: [ci]
                  tools:
                    image: busybox
                    profiles: [debug]
                    depends_on:
                      app: {condition: service_started}
                      missing: {required: false}
                """;
        assertThatThrownBy(() -> Importer.importText("p.yml", null, yaml))
                .hasMessage("p.yml:4:18: service migrations is required by app but is disabled. Can be enabled by profiles [ci]");
        assertThat(Importer.importText("p.yml", null, yaml, ImportOptions.none().withProfiles(List.of("ci", "debug"))).document()
                .all(Container.class)).extracting(Container::id).containsExactly("app", "migrations", "tools");
        assertThatThrownBy(() -> Importer.importText("p.yml", null, """
                services:
                  only:
                    image: nginx
                    profiles: [dev]
                """)).hasMessageStartingWith("p.yml:2:3: no service runs: every service has a profile and none is enabled");
    }

    @Test
    void filesMergeAsComposeMergesThem() {
        ImportResult r = load(ImportOptions.none(), "voting/compose.yaml", "voting/compose.scale.yaml");
        Document d = r.document();
        // ports: !override replaces the base's list; deploy.replicas merges into the service
        assertThat(d.all(Container.class)).filteredOn(c -> c.attachments().stream().anyMatch(a -> a.aliases().contains("vote")))
                .extracting(Container::id, Container::name, Container::ports).containsExactly(
                        tuple("vote", "voting-vote-1", List.of(PublishedPort.tcp(8000, 80))),
                        tuple("voting-vote-2", "voting-vote-2", List.of(PublishedPort.tcp(8001, 80))),
                        tuple("voting-vote-3", "voting-vote-3", List.of(PublishedPort.tcp(8002, 80))));
        assertThat(container(d, "result").ports()).as("the debugger port is no longer published").containsExactly(PublishedPort.tcp(5001, 80));
        assertThat(container(d, "result").sockets()).as("but the image still exposes it").contains(Socket.tcp(9229));
    }

    @Test
    void mergeRulesForMappingsSequencesAndTags(@TempDir Path dir) throws IOException {
        Path base = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  web:
                    image: nginx:1.25
                    command: ["nginx", "-g", "daemon off;"]
                    ports: ["80:80", "443:443"]
                    expose: ["9113"]
                    networks: [front]
                    environment: {A: "1", B: "2"}
                  cache:
                    image: redis:7
                    networks: [back]
                networks:
                  front:
                  back:
                """);
        Path over = Files.writeString(dir.resolve("compose.override.yaml"), """
                services:
                  web:
                    image: nginx:1.27
                    command: ["nginx-debug"]
                    ports: ["80:80", "8443:443"]
                    expose: ["9113", "9114"]
                    networks:
                      back:
                        aliases: [www]
                    environment: [B=3, C=4]
                  cache:
                    networks: !reset []
                    network_mode: host
                """);
        Document d = Importer.importFiles(List.of(base, over), ImportOptions.none()).document();
        Container web = container(d, "web");
        assertThat(web.image()).as("a scalar: the later file wins").isEqualTo("nginx:1.27");
        assertThat(web.ports()).as("ports are unique by address, published port, target and protocol")
                .containsExactly(PublishedPort.tcp(80, 80), PublishedPort.tcp(443, 443), PublishedPort.tcp(8443, 443));
        assertThat(web.sockets()).containsExactly(Socket.tcp(80), Socket.tcp(443), Socket.tcp(9113), Socket.tcp(9114));
        assertThat(web.attachments()).as("networks merge as a mapping").containsExactly(
                new Attachment("front", null, List.of()), new Attachment("back", null, List.of("www")));
        Container cache = container(d, "cache");
        assertThat(cache.mode()).as("!reset removed the networks the base gave it").isEqualTo(Container.Mode.HOST);
        assertThat(cache.sockets()).as("redis exposes 6379").containsExactly(Socket.tcp(6379));
    }

    @Test
    void variablesComeFromTheShellFirstThenTheEnvFilesWithComposesSyntax(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".env"), """
                # defaults of the project
                TAG=from-dotenv
                PORT=8080
                EMPTY=
                QUOTED="a \\"quoted\\" value"   # a comment
                LITERAL='${NOT_EXPANDED}'
                DERIVED=1${PORT}
                """);
        Path prod = Files.writeString(dir.resolve("prod.env"), "TAG=from-env-file\nPORT=9090\n");
        Path compose = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  app:
                    image: "example/app:${TAG}"
                    ports:
                      - "${PORT}:80"
                      - "${DERIVED}:81"
                      - "${UNSET:-7000}:82"
                      - "${EMPTY:-7001}:83"
                      - "${EMPTY-7002}:84"
                      - "$${NOT_A_VARIABLE:-ignored}"
                    labels:
                      quoted: "${QUOTED}"
                      literal: "${LITERAL}"
                      nested: "${UNSET:-${TAG:+set}}"
                """.replace("      - \"$${NOT_A_VARIABLE:-ignored}\"\n", ""));
        ImportResult dotenv = Importer.importFiles(List.of(compose), ImportOptions.none());
        Container app = container(dotenv.document(), "app");
        assertThat(app.image()).isEqualTo("example/app:from-dotenv");
        // ${EMPTY-7002}: EMPTY is set (to nothing), so no default: ":84" publishes on an ephemeral port
        assertThat(app.ports()).extracting(PublishedPort::hostPort).containsExactly(8080, 18080, 7000, 7001, 32768);
        assertThat(dotenv.warnings()).noneMatch(w -> w.contains("variable is not set"));

        ImportResult envFile = Importer.importFiles(List.of(compose), ImportOptions.none().withEnvFiles(List.of(prod)));
        assertThat(container(envFile.document(), "app").image()).as("--env-file replaces .env").isEqualTo("example/app:from-env-file");
        assertThat(envFile.warnings()).as("DERIVED is only in .env, which --env-file replaced")
                .anyMatch(w -> w.startsWith(compose + ":6:9: The \"DERIVED\" variable is not set. Defaulting to a blank string."));

        ImportResult shell = Importer.importFiles(List.of(compose), ImportOptions.none().withEnvironment(Map.of("TAG", "from-shell")));
        assertThat(container(shell.document(), "app").image()).as("the shell wins over .env").isEqualTo("example/app:from-shell");
    }

    @Test
    void envFileValuesAreReadAsComposeReadsThem() {
        Diagnostics diag = new Diagnostics("t.env");
        Map<String, String> v = EnvFile.parse("t.env", """
                export A=1
                B = two words  # trailing comment
                C="line1\\nline2"
                D='$A stays'
                E=${A}${A}
                F="${A}-quoted"
                G=a#not-a-comment
                H
                multi="x
                y"
                """, Map.of("H", "from-shell"), diag);
        assertThat(v).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", "line1\nline2"),
                Map.entry("D", "$A stays"), Map.entry("E", "11"), Map.entry("F", "1-quoted"), Map.entry("G", "a#not-a-comment"),
                Map.entry("H", "from-shell"), Map.entry("multi", "x\ny"));
        assertThatThrownBy(() -> EnvFile.parse("t.env", "A=1\n=2\n", Map.of(), diag)).hasMessage("t.env:2:1: '=2' is not a KEY=VALUE line");
        assertThatThrownBy(() -> EnvFile.parse("t.env", "A=1\nB=\"open\n", Map.of(), diag)).hasMessage("t.env:2:3: the quoted value of B has no closing \"");
    }

    @Test
    void aRequiredVariableWithoutAValueIsAnErrorAtItsPlace(@TempDir Path dir) throws IOException {
        Path compose = Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD, e.g. in .env}
                """);
        assertThatThrownBy(() -> Importer.importFiles(List.of(compose), ImportOptions.none()))
                .isInstanceOf(ImportException.class)
                .hasMessage(compose + ":5:26: required variable DB_PASSWORD is missing a value: set DB_PASSWORD, e.g. in .env");
        assertThatThrownBy(() -> Importer.importFiles(List.of(compose), ImportOptions.none().withEnvironment(Map.of("DB_PASSWORD", ""))))
                .as(":? refuses an empty value too").hasMessageContaining("required variable DB_PASSWORD is missing a value");
        assertThat(Importer.importFiles(List.of(compose), ImportOptions.none().withEnvironment(Map.of("DB_PASSWORD", "s3cret")))
                .document().get("db", Container.class)).isPresent();
        assertThatThrownBy(() -> Importer.importText("c.yml", null, "services:\n  a:\n    image: \"${}\"\n"))
                .hasMessage("c.yml:3:12: invalid interpolation format in '${}': write a literal $ as $$");
    }

    @Test
    void includedProjectsKeepTheirOwnFolderAndEnvFile() {
        ImportResult r = load(ImportOptions.none(), "platform/compose.yaml");
        Document d = r.document();
        assertThat(d.name()).isEqualTo("platform");
        assertThat(d.all(Container.class)).extracting(Container::id).containsExactly("api", "prometheus", "grafana", "rabbitmq");
        // monitoring/.env gives GRAFANA_PORT to the included file; its build context is its own folder
        Container grafana = container(d, "grafana");
        assertThat(grafana.ports()).containsExactly(PublishedPort.tcp(3000, 3000));
        assertThat(grafana.sockets()).as("EXPOSE ${GF_SERVER_HTTP_PORT} 8081 with the build arg").containsExactly(Socket.tcp(3000), Socket.tcp(8081));
        assertThat(container(d, "rabbitmq").image()).as("queue.env, the include's env_file").isEqualTo("rabbitmq:3.13-management");
        assertThat(container(d, "rabbitmq").sockets()).as("the management image exposes its UI").contains(Socket.tcp(15672), Socket.tcp(5672));
        assertThat(d.get("metrics", Bridge.class).orElseThrow().name()).as("one project: networks take its name").isEqualTo("platform_metrics");
        assertThat(d.get("metrics", Bridge.class).orElseThrow().subnet()).isEqualTo("172.31.250.0/24");
        assertThat(d.all(Intent.class)).extracting(Intent::from, Intent::to).contains(tuple("api", "prometheus"), tuple("grafana", "prometheus"));
    }

    @Test
    void anIncludedDefinitionThatConflictsIsRefusedAndAnIncludeCycleIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.yaml"), "services:\n  web:\n    image: httpd\n");
        Path main = Files.writeString(dir.resolve("compose.yaml"), "include: [other.yaml]\nservices:\n  web:\n    image: nginx\n");
        assertThatThrownBy(() -> Importer.importFiles(List.of(main), ImportOptions.none()))
                .hasMessage(main + ":3:3: service 'web' is defined here and again in the included file " + dir.resolve("other.yaml")
                        + ":2:3: Compose refuses conflicting definitions (rename one of them)");
        Files.writeString(dir.resolve("a.yaml"), "include: [b.yaml]\nservices:\n  a:\n    image: nginx\n");
        Files.writeString(dir.resolve("b.yaml"), "include: [a.yaml]\nservices:\n  b:\n    image: nginx\n");
        Path top = Files.writeString(dir.resolve("top.yaml"), "include: [a.yaml]\nservices:\n  top:\n    image: nginx\n");
        assertThatThrownBy(() -> Importer.importFiles(List.of(top), ImportOptions.none()))
                .hasMessageEndingWith("include cycle: a.yaml -> b.yaml -> a.yaml");
        // found by MutatedInputTest: a truncated networks section beside an include
        Path truncated = Files.writeString(dir.resolve("truncated.yaml"), "include: [other.yaml]\nservices:\n  api:\n    image: nginx\nnetworks:\n  backe");
        assertThatThrownBy(() -> Importer.importFiles(List.of(truncated), ImportOptions.none()))
                .hasMessage(truncated + ":6:3: networks must be a mapping, not 'backe'");
        assertThatThrownBy(() -> Importer.importText("t.yml", null, "include: [x.yaml]\nservices:\n  a:\n    image: nginx\n"))
                .hasMessage("t.yml:1:11: 'x.yaml' is relative, but the compose file was not read from disk: import it from its file");
    }

    @Test
    void extendsMergesTheBaseServiceFromThisFileOrAnother() {
        ImportResult r = load(ImportOptions.none(), "extends/compose.yml");
        Document d = r.document();
        Container web = container(d, "web");
        assertThat(web.attachments()).as("networks from base, two extends away").containsExactly(Attachment.to("app"));
        assertThat(web.ports()).containsExactly(PublishedPort.tcp(8000, 8000));
        assertThat(web.sockets()).as("expose from webapp, EXPOSE from common/webapp/Dockerfile").containsExactly(Socket.tcp(8000), Socket.tcp(9090));
        Container admin = container(d, "admin");
        assertThat(admin.ports()).as("!override in the extending service").containsExactly(PublishedPort.tcp(8001, 8000));
        assertThat(container(d, "db").sockets()).containsExactly(Socket.tcp(5432));
        assertThatThrownBy(() -> Importer.importText("e.yml", null, """
                services:
                  a:
                    extends: b
                  b:
                    extends: {service: a}
                """)).hasMessage("e.yml:3:14: extends runs in a circle: a -> b -> a");
        assertThatThrownBy(() -> Importer.importText("e.yml", null, "services:\n  a:\n    extends: ghost\n"))
                .hasMessage("e.yml:3:14: service 'a' extends 'ghost', which is not a service of this file");
    }

    @Test
    void exposedPortsComeFromTheImageCatalogAndTheDockerfile() {
        Document d = Importer.importText("c.yml", "demo", """
                services:
                  a: {image: redis}
                  b: {image: "postgres:16"}
                  c: {image: "docker.io/library/mysql:8.4"}
                  d: {image: "wordpress:6-fpm-alpine"}
                  e: {image: "rabbitmq:3-management"}
                  f: {image: "ghcr.io/example/redis:7"}
                  g: {image: "registry.local:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
                """).document();
        assertThat(container(d, "a").sockets()).containsExactly(Socket.tcp(6379));
        assertThat(container(d, "b").sockets()).containsExactly(Socket.tcp(5432));
        assertThat(container(d, "c").sockets()).containsExactly(Socket.tcp(3306), Socket.tcp(33060));
        assertThat(container(d, "d").sockets()).as("the fpm variant").containsExactly(Socket.tcp(9000));
        assertThat(container(d, "e").sockets()).as("management tags add the UI ports")
                .containsExactly(Socket.tcp(4369), Socket.tcp(5671), Socket.tcp(5672), Socket.tcp(15671), Socket.tcp(15672),
                        Socket.tcp(15691), Socket.tcp(15692), Socket.tcp(25672));
        assertThat(container(d, "f").sockets()).as("another registry's redis is not the official image").isEmpty();
        assertThat(container(d, "g").sockets()).isEmpty();
        assertThat(new Socket(8125, Proto.UDP, "0.0.0.0")).isNotNull();
    }

    @Test
    void anOverrideFileBesideALoneBaseFileIsNamedNotSilentlyLeftOut(@TempDir Path dir) throws IOException {
        Path base = Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  web:\n    image: nginx\n");
        Path over = Files.writeString(dir.resolve("docker-compose.override.yml"), "services:\n  web:\n    ports: [\"80:80\"]\n");
        ImportResult alone = Importer.importFiles(List.of(base), ImportOptions.none());
        assertThat(alone.warnings()).containsExactly(base + ":1:1: docker compose up (without -f) would also read docker-compose.override.yml"
                + " beside this file; it is not imported: name both files to import them together");
        ImportResult both = Importer.importFiles(List.of(base, over), ImportOptions.none());
        assertThat(both.warnings()).isEmpty();
        assertThat(container(both.document(), "web").ports()).containsExactly(PublishedPort.tcp(80, 80));
    }

    @Test
    void everyWarningOfEveryFixtureNamesItsFileLineAndColumn() {
        List<ImportResult> all = List.of(
                load(ImportOptions.none(), "voting/compose.yaml", "voting/compose.scale.yaml"),
                load(ImportOptions.none(), "platform/compose.yaml"),
                load(ImportOptions.none(), "extends/compose.yml"),
                load(ImportOptions.none(), "legacy/docker-compose.yml"),
                load(ImportOptions.none(), "shop/docker-compose.yml"),
                load(ImportOptions.none(), "k8s/get-all.yaml"),
                load(ImportOptions.none(), "k8s/statefulset.yaml"),
                load(ImportOptions.none(), "k8s/daemonset-jobs.yaml"),
                load(ImportOptions.none(), "k8s/database.yaml"),
                load(ImportOptions.none(), "inspect/networks.json"));
        for (ImportResult r : all)
            assertThat(r.warnings()).allMatch(w -> w.matches("(?s)[^:]+:\\d+:\\d+: .+"), "file:line:col: ...");
    }
}
