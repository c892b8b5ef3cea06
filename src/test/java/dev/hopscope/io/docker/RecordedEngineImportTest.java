package dev.hopscope.io.docker;

import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Box;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping from what an engine says to a document, on answers recorded from Docker 20.10
 * (src/test/resources/docker/engine): a compose-labelled project shop with a front network
 * (bridge name br-shopfront, web pinned at 172.30.0.10, 8080:80, 127.0.0.1:8443:443, 5353:53/udp)
 * and an internal back network without icc (db at 172.31.0.2, web at .3), a sidecar sharing
 * web's namespace, two containers on the default bridge joined by --link legacy-a:olddb, one in
 * host mode and one with no network. Expected values are read off the recorded JSON by hand.
 */
class RecordedEngineImportTest {

    static ImportResult imported(Path dir, java.util.function.BiFunction<Long, String, Optional<List<Socket>>> sockets) throws Exception {
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"), EngineCallsTest.ANSWERS)) {
            return new LiveImporter(sockets).toDocument(new EngineReader(EngineAddress.resolve(engine.uri(), Map.of())).read(s -> {}));
        }
    }

    @Test
    void networksKeepTheirNamesAsIdsAndTheirDevicesAsNames(@TempDir Path dir) throws Exception {
        Document doc = imported(dir, (pid, key) -> Optional.empty()).document();
        assertThat(doc.name()).isEqualTo("vm");
        Bridge docker0 = doc.get("bridge", Bridge.class).orElseThrow();
        assertThat(docker0.name()).isEqualTo("docker0");
        assertThat(docker0.bridgeKind()).isEqualTo(Bridge.Kind.DEFAULT);
        assertThat(docker0.subnet()).isEqualTo("172.17.0.0/16");
        Bridge front = doc.get("shop_front", Bridge.class).orElseThrow();
        assertThat(front.name()).isEqualTo("br-shopfront");
        assertThat(front.subnet()).isEqualTo("172.30.0.0/24");
        assertThat(front.gateway()).isEqualTo("172.30.0.1");
        assertThat(front.internal()).isFalse();
        assertThat(front.icc()).isTrue();
        Bridge back = doc.get("shop_back", Bridge.class).orElseThrow();
        assertThat(back.name()).isEqualTo("br-ceea13a4fb81");
        assertThat(back.internal()).isTrue();
        assertThat(back.icc()).isFalse();
        assertThat(back.masquerade()).isTrue();
        assertThat(doc.node("host").orElseThrow().name()).isEqualTo("vm");
        assertThat(doc.find("external")).isPresent();
    }

    @Test
    void containersKeepTheirDockerPsNamesModesAddressesAliasesPortsAndLinks(@TempDir Path dir) throws Exception {
        Document doc = imported(dir, (pid, key) -> Optional.empty()).document();
        assertThat(doc.all(Container.class)).extracting(Container::name)
                .containsExactly("hostnet", "isolated", "legacy-a", "legacy-b", "shop_db_1", "shop_web_1", "sidecar");
        Container web = doc.get("shop_web_1", Container.class).orElseThrow();
        assertThat(web.mode()).isEqualTo(Container.Mode.BRIDGE);
        assertThat(web.image()).isEqualTo("hs-probe:test");
        assertThat(web.attachments()).containsExactly(
                new Attachment("shop_back", "172.31.0.3", List.of("web-back")),
                new Attachment("shop_front", "172.30.0.10", List.of("web")));
        assertThat(web.ports()).containsExactly(
                new PublishedPort(null, 5353, 53, Proto.UDP),
                new PublishedPort(null, 8080, 80, Proto.TCP),
                new PublishedPort("127.0.0.1", 8443, 443, Proto.TCP));
        Container db = doc.get("shop_db_1", Container.class).orElseThrow();
        assertThat(db.attachments()).containsExactly(new Attachment("shop_back", "172.31.0.2", List.of("db")));
        Container sidecar = doc.get("sidecar", Container.class).orElseThrow();
        assertThat(sidecar.mode()).isEqualTo(Container.Mode.CONTAINER);
        assertThat(sidecar.modeTarget()).isEqualTo("shop_web_1");
        assertThat(doc.get("hostnet", Container.class).orElseThrow().mode()).isEqualTo(Container.Mode.HOST);
        assertThat(doc.get("isolated", Container.class).orElseThrow().mode()).isEqualTo(Container.Mode.NONE);
        Container b = doc.get("legacy-b", Container.class).orElseThrow();
        assertThat(b.attachments()).containsExactly(new Attachment("bridge", "172.17.0.3", List.of()));
        assertThat(b.links()).containsExactly("legacy-a:olddb");
        assertThat(b.ports()).containsExactly(new PublishedPort(null, 9000, 9000, Proto.TCP));
    }

    @Test
    void withoutProcTheSocketsAreTheExposedAndPublishedPortsAndAWarningSaysSo(@TempDir Path dir) throws Exception {
        ImportResult r = imported(dir, (pid, key) -> Optional.empty());
        Container web = r.document().get("shop_web_1", Container.class).orElseThrow();
        assertThat(web.sockets()).containsExactlyInAnyOrder(Socket.tcp(443), Socket.tcp(80), new Socket(53, Proto.UDP, "0.0.0.0"));
        assertThat(r.document().get("shop_db_1", Container.class).orElseThrow().sockets()).containsExactly(Socket.tcp(5432));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("could not be read").contains("shop_web_1").contains("shop_db_1"));
    }

    @Test
    void readSocketsReplaceTheGuessAndNoWarningIsGiven(@TempDir Path dir) throws Exception {
        // the pid recorded for shop_db_1 is 18462 in its inspect answer; the reader is asked with it
        ImportResult r = imported(dir, (pid, key) -> Optional.of(pid == 18462
                ? List.of(Socket.tcp(5432), new Socket(9187, Proto.TCP, "127.0.0.1")) : List.<Socket>of()));
        assertThat(r.document().get("shop_db_1", Container.class).orElseThrow().sockets())
                .containsExactly(Socket.tcp(5432), new Socket(9187, Proto.TCP, "127.0.0.1"));
        assertThat(r.document().get("shop_web_1", Container.class).orElseThrow().sockets()).isEmpty();
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).contains("could not be read"));
    }

    @Test
    void composeProjectsAndServicesAreNamedInTheDescription(@TempDir Path dir) throws Exception {
        Document doc = imported(dir, (pid, key) -> Optional.empty()).document();
        assertThat(doc.description()).contains("Docker 20.10.24").contains("Compose project shop: db = shop_db_1, web = shop_web_1")
                .contains("Started without compose: hostnet, isolated, legacy-a, legacy-b, sidecar");
    }

    @Test
    void aReimportKeepsTheUsersBoxesAndIntentsForWhatStillExists(@TempDir Path dir) throws Exception {
        Document first = imported(dir, (pid, key) -> Optional.empty()).document();
        Box moved = new Box(900, 700, 160, 70);
        Document edited = first.withBox("legacy-a", moved)
                .with(new Intent("i1", "web to db", "shop_web_1", "shop_db_1", Probe.parse("tcp/5432"), Intent.Expect.REACHABLE))
                .with(new Intent("i2", "to gone", "shop_web_1", "gone", Probe.parse("icmp"), Intent.Expect.REACHABLE));
        // the engine now runs one container fewer: isolated has gone
        Document fresh = first.without("isolated");
        Document merged = LiveImporter.reimport(edited, fresh);
        assertThat(merged.box("legacy-a")).contains(moved);
        assertThat(merged.box("shop_web_1")).isEqualTo(first.box("shop_web_1"));
        assertThat(merged.node("isolated")).isEmpty();
        assertThat(merged.node("i1")).isPresent();
        assertThat(merged.node("i2")).as("an intent to a container that is gone").isEmpty();
        assertThat(merged.nodes()).allSatisfy(n -> {
            if (dev.hopscope.model.layout.AutoLayout.hasBox(n)) assertThat(merged.box(n.id())).as(n.id()).isPresent();
        });
    }
}
