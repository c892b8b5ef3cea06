package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopscope.model.Container;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What Docker or Compose refuses is an error at its place in the file, in their words where
 * they have words for it; an import never writes a document that does not validate. The
 * reproducers of issue 14 (items 2, 6, 8 and the long image of item 9) are here.
 */
class DockerRefusalsTest {

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> Importer.importText("c.yml", null, yaml)).isInstanceOf(ImportException.class).hasMessage(message);
    }

    @Test
    void networkModeServicesThatJoinEachOtherInACircleAreRefusedWithTheLine() {
        // issue 14 item 2: import wrote this cycle with exit 0; Docker cannot create either container
        refused("""
                services:
                  a:
                    image: nginx
                    network_mode: service:b
                  b:
                    image: nginx
                    network_mode: service:a
                """, "c.yml:7:19: the services a -> b -> a join each other's network namespace in a circle"
                + " (network_mode service:...): Docker cannot create any of them");
        refused("""
                services:
                  a:
                    image: nginx
                    network_mode: service:a
                """, "c.yml:4:19: service 'a' cannot join its own network namespace (network_mode service:a)");
    }

    @Test
    void servicesThatWaitOnEachOtherInACircleAreRefusedAsComposeRefusesThem() {
        refused("""
                services:
                  a:
                    image: nginx
                    depends_on: [b]
                  b:
                    image: nginx
                    depends_on: [c]
                  c:
                    image: nginx
                    links: [a]
                """, "c.yml:10:13: dependency cycle detected: a -> b -> c -> a");
    }

    @Test
    void aLinkToAServiceThatDoesNotExistIsAnErrorWithItsPlace() {
        // issue 14 item 8
        refused("""
                services:
                  web:
                    image: nginx
                    links: ["nope"]
                """, "c.yml:4:13: the link 'nope' names no service of this file");
    }

    @Test
    void aPortMappingDockerRefusesIsAnErrorNotAnInvalidDocument() {
        // issue 14 item 6: the import wrote host port 65536 with a warning; Docker's own parser refuses the mapping
        refused("""
                services:
                  web:
                    image: nginx
                    ports: ["65535:80-81"]
                """, "c.yml:4:13: '65535:80-81': invalid ranges specified for container and host Ports: 80-81 and 65535"
                + " (a range of container ports needs a host range of the same length)");
        refused("""
                services:
                  web:
                    image: nginx
                    ports: ["65536:80"]
                """, "c.yml:4:13: port 65536 is outside 1..65535");
    }

    @Test
    void pinnedAddressesAreCheckedAsDockersIpamChecksThem() {
        String net = """
                networks:
                  back:
                    ipam: {config: [{subnet: 172.30.0.0/24}]}
                """;
        refused("""
                services:
                  db:
                    image: postgres
                    networks: {back: {ipv4_address: 10.9.9.9}}
                """ + net, "c.yml:4:37: service 'db' on network 'back': Invalid address 10.9.9.9: It does not belong to any of this network's subnets (172.30.0.0/24)");
        refused("""
                services:
                  db:
                    image: postgres
                    networks: {back: {ipv4_address: 172.30.0.1}}
                """ + net, "c.yml:4:37: service 'db' on network 'back': 172.30.0.1 is the network's gateway: Address already in use");
        refused("""
                services:
                  db:
                    image: postgres
                    networks: {back: {ipv4_address: 172.30.0.9}}
                  db2:
                    image: postgres
                    networks: {back: {ipv4_address: 172.30.0.9}}
                """ + net, "c.yml:7:37: service 'db2' on network 'back': 172.30.0.9 is pinned by service 'db' too: Address already in use");
    }

    @Test
    void twoServicesOnOneHostPortIsDockersPortAlreadyAllocated() {
        refused("""
                services:
                  a:
                    image: nginx
                    ports: ["8080:80"]
                  b:
                    image: httpd
                    ports: ["127.0.0.1:8080:80"]
                """, "c.yml:7:13: service 'b' publishes host port 8080/tcp, which service 'a' already publishes (c.yml:4:13):"
                + " Docker refuses to start the second (Bind for 127.0.0.1:8080 failed: port is already allocated)");
        // different addresses, or tcp and udp, do not clash
        assertThat(Importer.importText("c.yml", null, """
                services:
                  a:
                    image: nginx
                    ports: ["127.0.0.1:8080:80", "53:53/udp"]
                  b:
                    image: httpd
                    ports: ["192.168.50.11:8080:80", "53:53"]
                """).document().all(Container.class)).hasSize(2);
    }

    @Test
    void containerNamesAreCheckedAsDockerChecksThem() {
        refused("""
                services:
                  a: {image: nginx, container_name: web}
                  b: {image: nginx, container_name: web}
                """, "c.yml:3:37: Conflict. The container name \"/web\" is already in use by service 'a' (c.yml:2:37)");
        refused("""
                services:
                  a: {image: nginx, container_name: "-web"}
                """, "c.yml:2:37: Invalid container name (-web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }

    @Test
    void aServiceNameTheComposeSchemaRefusesIsAnErrorAtItsKey() {
        // fuzz finding 1 (ImportFuzzTest#compose): a TAB in a service key became an id the document reader refuses
        refused("services:\n  \"we\\tb\":\n    image: nginx\n", "c.yml:2:3: 'we\\u0009b' is not a service name: Compose allows only"
                + " letters, digits, '.', '_' and '-' in one (services additional property 'we\\u0009b' is not allowed)");
        refused("services:\n  web app:\n    image: nginx\n", "c.yml:2:3: 'web app' is not a service name: Compose allows only"
                + " letters, digits, '.', '_' and '-' in one (services additional property 'web app' is not allowed)");
        assertThat(Importer.importText("c.yml", null, "services:\n  my_web.v2-1:\n    image: nginx\n").document().node("my_web.v2-1")).isPresent();
    }

    @Test
    void anImageReferenceDockerCannotParseIsRefusedQuicklyHoweverLong() {
        refused("""
                services:
                  a: {image: "Nginx:latest"}
                """, "c.yml:2:14: service 'a': image 'Nginx:latest': invalid reference format: repository name must be lowercase");
        // issue 14 item 9: a 9 MB image string took 43 s; Docker refuses a name over 255 characters
        String huge = "a".repeat(9 * 1024 * 1024);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Importer.importText("c.yml", null, "services:\n  a:\n    image: " + huge + "\n"))
                .hasMessage("c.yml:3:12: service 'a': image '" + "a".repeat(60) + "... (9437184 characters)': repository name must not be more"
                        + " than 255 characters (this one has 9437184)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not a timing test: a guard against the old quadratic reader")
                .isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void whatTheDocumentCannotHoldIsAnErrorAtTheServiceNotAnInvalidFile() {
        // the last guard: anything the validator would refuse is reported where it came from
        assertThatThrownBy(() -> Importer.importText("c.yml", null, """
                services:
                  a:
                    image: nginx
                    networks: [tiny]
                networks:
                  tiny:
                    ipam:
                      config: [{subnet: 10.1.0.0/24, gateway: 10.2.0.1}]
                """)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith("c.yml:6:3: the imported design would not be valid: tiny.gateway: the gateway 10.2.0.1 is outside the subnet 10.1.0.0/24");
    }

    @Test
    void aNetworkThatRunsOutOfAddressesIsAWarningAtTheFirstContainerLeftOut() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= 6; i++) yaml.append("  s").append(i).append(": {image: nginx, networks: [tiny]}\n");
        yaml.append("networks:\n  tiny:\n    ipam:\n      config: [{subnet: 10.5.0.0/29}]\n");
        ImportResult r = Importer.importText("c.yml", "p", yaml.toString());
        // a /29 has 8 addresses: less the network, the broadcast and the gateway, 5 for containers
        assertThat(r.warnings()).containsExactly("c.yml:7:3: network p_tiny (10.5.0.0/29) has addresses for 5 containers, but 6 join it:"
                + " from s6 on, Docker refuses to start them (no available IPv4 addresses on this network's address pools)");
    }
}
