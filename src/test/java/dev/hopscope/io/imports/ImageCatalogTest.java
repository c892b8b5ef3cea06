package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled catalog of the ports official images EXPOSE: every entry well formed, and a malformed one refused. */
class ImageCatalogTest {

    @Test
    void theBundledCatalogLoadsAndCoversAboutSixtyImagesEachWithASource() {
        List<ImageCatalog.Entry> entries = ImageCatalog.entries();
        long withPorts = entries.stream().filter(e -> !e.sockets().isEmpty()).map(ImageCatalog.Entry::repository).distinct().count();
        assertThat(withPorts).isGreaterThanOrEqualTo(60);
        assertThat(entries).allSatisfy(e -> assertThat(e.source()).isNotBlank());
        assertThat(entries.stream().map(e -> e.repository() + ":" + e.tagGlob()).collect(Collectors.toSet())).hasSameSizeAs(entries);
    }

    @Test
    void wellKnownImagesExposeWhatTheirDockerfilesSay() throws Exception {
        // the EXPOSE lines of the docker-library Dockerfiles (redis 6379, postgres 5432, nginx 80, mongo 27017)
        assertThat(sockets("redis")).containsExactly(Socket.tcp(6379));
        assertThat(sockets("postgres:16")).containsExactly(Socket.tcp(5432));
        assertThat(sockets("nginx:1.27-alpine")).containsExactly(Socket.tcp(80));
        assertThat(sockets("docker.io/library/mongo:7")).containsExactly(Socket.tcp(27017));
        assertThat(sockets("index.docker.io/library/memcached")).containsExactly(Socket.tcp(11211));
        assertThat(sockets("telegraf:1.31")).contains(new Socket(8125, Proto.UDP, "0.0.0.0"));
        assertThat(sockets("php:8.3-fpm")).containsExactly(Socket.tcp(9000));
        assertThat(sockets("php:8.3-apache")).containsExactly(Socket.tcp(80));
        assertThat(sockets("php:8.3-cli")).as("php's plain entry: the cli exposes nothing").isEmpty();
        assertThat(ImageCatalog.lookup(ImageReference.parse("quay.io/redis"))).as("not Docker Hub's redis").isEmpty();
        assertThat(ImageCatalog.lookup(ImageReference.parse("myorg/web:2.3"))).isEmpty();
    }

    private static List<Socket> sockets(String image) throws ImageReference.Invalid {
        return ImageCatalog.lookup(ImageReference.parse(image)).orElseThrow().sockets();
    }

    @Test
    void aMalformedEntryIsRefusedWithItsLine() {
        String header = "# comment\n";
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis\t6379\n"))
                .hasMessage("official-images.tsv:2: the entry needs 3 tab-separated columns (image, ports, source), has 2");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis\t6379/sctp\tsomewhere\n"))
                .hasMessage("official-images.tsv:2: the entry '6379/sctp' is not PORT or PORT/udp");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis\t70000\tsomewhere\n"))
                .hasMessage("official-images.tsv:2: the entry port 70000 is outside 1..65535");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis\t6379\t \n"))
                .hasMessage("official-images.tsv:2: the entry has no source");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "docker.io/library/redis\t6379\tsomewhere\n"))
                .hasMessage("official-images.tsv:2: the entry 'docker.io/library/redis' must be written as Docker Hub shows it (no registry, no library/, no tag)");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "Redis\t6379\tsomewhere\n"))
                .hasMessageStartingWith("official-images.tsv:2: the entry 'Redis' is not an image name");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis\t6379\ta\nredis\t6380\tb\n"))
                .hasMessage("official-images.tsv:3: the entry 'redis' is listed twice");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis\t6379 6379\ta\n"))
                .hasMessage("official-images.tsv:2: the entry lists 6379 twice");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis\t\ta\n"))
                .hasMessage("official-images.tsv:2: the entry lists no ports (write '-' for an image that exposes none)");
        assertThatThrownBy(() -> ImageCatalog.parse(header + "redis:7 alpine\t6379\ta\n"))
                .hasMessageStartingWith("official-images.tsv:2: the entry the tag glob '7 alpine'");
    }

    @Test
    void imageReferencesFollowDockersGrammar() throws Exception {
        assertThat(ImageReference.parse("redis").repository()).isEqualTo("redis");
        assertThat(ImageReference.parse("library/redis:7").repository()).isEqualTo("redis");
        assertThat(ImageReference.parse("localhost:5000/team/app:1.0")).isEqualTo(new ImageReference("localhost:5000", "team/app", "1.0", null));
        assertThat(ImageReference.parse("grafana/grafana:11.1.0").repository()).isEqualTo("grafana/grafana");
        assertThat(ImageReference.parse("redis").effectiveTag()).isEqualTo("latest");
        for (String bad : new String[] {"", "Redis", "redis:", "redis:-tag", "re//dis", "redis@sha256:abc", "a".repeat(256)})
            assertThatThrownBy(() -> ImageReference.parse(bad)).as(bad).isInstanceOf(ImageReference.Invalid.class);
    }
}
