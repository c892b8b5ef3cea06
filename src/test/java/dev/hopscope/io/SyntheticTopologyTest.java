package dev.hopscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.Validator;

class SyntheticTopologyTest {

    @Test
    void aSmallTopologyIsValidAndHasTheDescribedShape() {
        Document doc = SyntheticTopology.generate(3, 10, false);
        assertThat(Validator.validate(doc)).isEmpty();
        assertThat(doc.all(Host.class)).extracting(Host::id).containsExactly("h1", "h2", "h3");
        assertThat(doc.all(Host.class)).extracting(Host::address).containsExactly("10.0.0.11/16", "10.0.0.12/16", "10.0.0.13/16");
        assertThat(doc.all(Container.class)).hasSize(30);
        assertThat(doc.all(Intent.class)).hasSize(30);
        assertThat(doc.all(Overlay.class)).isEmpty();
        assertThat(doc.all(Bridge.class)).hasSize(6);
        assertThat(doc.get("h1-web-0", Container.class).orElseThrow().ports()).extracting(p -> p.hostPort()).containsExactly(8000);
        assertThat(doc.get("h1-web-1", Container.class).orElseThrow().ports()).extracting(p -> p.hostPort()).containsExactly(8004);
        assertThat(doc.get("h1-web-1", Container.class).orElseThrow().attachments().get(0).network()).isEqualTo("h1-docker0");
        assertThat(doc.get("h1-db-0-intent", Intent.class).orElseThrow())
                .extracting(Intent::to, Intent::expect).containsExactly("172.17.0.5:6379", Intent.Expect.ISOLATED);
        assertThat(doc.get("h1-web-1-intent", Intent.class).orElseThrow().to()).as("docker0 has no DNS: by address").isEqualTo("172.17.0.3:8080");
        assertThat(doc.get("h1-web-0-intent", Intent.class).orElseThrow().to()).isEqualTo("h1-app-0");
        // every intent names an endpoint that exists, or an address
        for (Intent i : doc.all(Intent.class))
            assertThat(doc.find(i.to()).isPresent() || Ipv4.isValid(i.to().split(":")[0])).as(i.id()).isTrue();
    }

    @Test
    void everyIntentHoldsAsDockerPromises() {
        // within a group the flows work (by name where embedded DNS answers, else by address), across bridges Docker's
        // isolation holds, and egress works by MASQUERADE; the overlay carries each first web to the next host's app
        for (boolean overlay : new boolean[] {false, true}) {
            var a = dev.hopscope.net.analysis.Analyzer.analyze(SyntheticTopology.generate(3, 16, overlay));
            for (var r : a.intents()) assertThat(r.ok()).as(r.intent().id() + ": " + r.reason()).isTrue();
            assertThat(a.failing()).isFalse();
        }
    }

    @Test
    void subnetsAreDistinctAndClearOfTheUnderlayAndOverlay() {
        Document doc = SyntheticTopology.generate(300, 4, true);
        Cidr lan = Cidr.parse(doc.all(Underlay.class).get(0).subnet());
        Cidr ov = Cidr.parse(doc.all(Overlay.class).get(0).subnet());
        Set<String> seen = new HashSet<>();
        for (Bridge b : doc.all(Bridge.class)) {
            if (b.bridgeKind() == Bridge.Kind.DEFAULT) continue;
            Cidr c = Cidr.parse(b.subnet());
            assertThat(seen.add(b.subnet())).as(b.subnet()).isTrue();
            assertThat(c.overlaps(lan)).isFalse();
            assertThat(c.overlaps(ov)).isFalse();
        }
        assertThat(seen).hasSize(300);
        for (Host h : doc.all(Host.class)) assertThat(lan.contains(Ipv4.parse(h.address().split("/")[0]))).isTrue();
    }

    @Test
    void withAnOverlayEveryHostIsAMemberAndTheFirstGroupsAreAttached() {
        Document doc = SyntheticTopology.generate(4, 8, true);
        assertThat(Validator.validate(doc)).isEmpty();
        Overlay ov = doc.all(Overlay.class).get(0);
        assertThat(ov.vni()).isEqualTo(4096);
        assertThat(ov.subnet()).isEqualTo("10.200.0.0/16");
        assertThat(ov.members()).extracting(Overlay.Member::host).containsExactly("h1", "h2", "h3", "h4");
        long onOverlay = doc.all(Container.class).stream().filter(c -> c.attachments().stream().anyMatch(a -> a.network().equals("ov"))).count();
        assertThat(onOverlay).isEqualTo(16);
        assertThat(doc.get("h4-web-0-intent", Intent.class).orElseThrow().to()).isEqualTo("h1-app-0");
        var addressing = Ipam.allocate(doc);
        assertThat(addressing.address("h2-app-0", "ov")).isPresent();
    }

    @Test
    void everyDrawnNodeHasABoxAndChildrenSitInsideTheirHost() {
        Document doc = SyntheticTopology.generate(5, 12, true);
        for (Node n : doc.nodes()) {
            if (n instanceof Intent) continue;
            assertThat(doc.box(n.id())).as(n.id()).isPresent();
            if (n.parent() != null) {
                var host = doc.box(n.parent()).orElseThrow();
                var box = doc.box(n.id()).orElseThrow();
                assertThat(box.x()).isGreaterThanOrEqualTo(host.x());
                assertThat(box.y()).isGreaterThanOrEqualTo(host.y());
                assertThat(box.x() + box.w()).isLessThanOrEqualTo(host.x() + host.w());
                assertThat(box.y() + box.h()).isLessThanOrEqualTo(host.y() + host.h());
            }
        }
    }

    @Test
    void fiveThousandContainersGenerateQuicklyAndDeterministically() {
        long start = System.nanoTime();
        Document doc = SyntheticTopology.generate(50, 100, true);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(doc.all(Container.class)).hasSize(5000);
        assertThat(Validator.validate(doc)).isEmpty();
        assertThat(SyntheticTopology.generate(50, 100, true)).isEqualTo(doc);
        // generous for a shared 2-core machine; the benchmark measures it properly
        assertThat(millis).isLessThan(5000);
        // the generated document survives the file format unchanged
        assertThat(DocumentCodec.read(DocumentCodec.write(doc), "gen.json")).isEqualTo(doc);
    }

    @Test
    void badArgumentsAreRefusedWithTheLimits() {
        assertThatThrownBy(() -> SyntheticTopology.generate(0, 1, false)).hasMessageContaining("from 1 to 4096");
        assertThatThrownBy(() -> SyntheticTopology.generate(1, 251, false)).hasMessageContaining("from 0 to 250");
        assertThat(SyntheticTopology.generate(1, 0, false).all(Container.class)).isEmpty();
        assertThat(Validator.validate(SyntheticTopology.generate(1, 3, true))).isEmpty();
        assertThat(List.of(SyntheticTopology.generate(2, 1, true).nodes().size())).containsExactly(1 + 2 + 1 + 1 + 4 + 2 + 2);
    }
}
