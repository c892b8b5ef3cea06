package dev.hopscope.model.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoLayoutTest {

    /** Two Docker hosts on a LAN with an overlay, and two Kubernetes nodes with pods and a Service. */
    static Document mixed() {
        Document d = Document.empty("mixed")
                .with(new Underlay("lan", "lan", "192.168.50.0/24", 1500))
                .with(Host.docker("h1", "lan", "192.168.50.11/24"))
                .with(Host.docker("h2", "lan", "192.168.50.12/24"))
                .with(Bridge.docker0("h1-docker0", "h1"))
                .with(new Bridge("front", "br-front", "h1", Bridge.Kind.USER_DEFINED, "172.18.0.0/16", null, null, null, null))
                .with(Bridge.docker0("h2-docker0", "h2"))
                .with(Container.on("web", "h1", "front"))
                .with(Container.on("api", "h1", "front"))
                .with(Container.on("legacy", "h1", "h1-docker0"))
                .with(new Container("hostnet", "hostnet", null, "h1", Container.Mode.HOST, null, List.of(), List.of(), List.of(Socket.tcp(80)), List.of()))
                .with(Container.on("b", "h2", "h2-docker0"))
                .with(new Overlay("ov", "ov", 42, "10.0.9.0/24", null, 0, 0, null, null, List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2"))))
                .with(new External("ext", "ext", "lan", "192.168.50.100/24", List.of(), List.of()))
                .with(new Intent("i1", null, "web", "api", Probe.tcp(80), null));
        for (int n = 1; n <= 2; n++) {
            String node = "node-" + n;
            d = d.with(new Host(node, node, Host.Role.K8S_NODE, "lan", "192.168.50.2" + n + "/24", null, 0, List.of()))
                    .with(new Bridge(node + "-cni0", "cni0", node, Bridge.Kind.CNI, "10.244." + n + ".0/24", null, null, null, null));
            for (int p = 0; p < 3; p++)
                d = d.with(new Pod("web-" + n + p, "web-" + n + p, null, node, Map.of("app", "web"),
                        List.of(new Pod.PodContainer("nginx", "nginx", List.of(Socket.tcp(80))), new Pod.PodContainer("sidecar", null, List.of())),
                        null, null, null));
        }
        return d.with(new Service("web-svc", "web-svc", null, null, null,
                List.of(new Service.ServicePort("http", 80, 80, 0, null)), Map.of("app", "web"), null))
                .with(new Service("lonely", "lonely", null, null, null, List.of(), Map.of("app", "nothing"), null));
    }

    @Test
    void everyDrawnNodeGetsABoxAndIntentsGetNone() {
        Document d = AutoLayout.apply(mixed());
        for (Node n : d.nodes()) {
            if (n instanceof Intent) assertThat(d.box(n.id())).isEmpty();
            else assertThat(d.box(n.id())).as(n.id()).isPresent();
        }
    }

    @Test
    void boxesDoNotOverlapAndKeepMarginsExceptNesting() {
        assertTidy(AutoLayout.apply(mixed()));
    }

    @Test
    void childrenSitInsideTheirHostBelowTheHeader() {
        Document d = AutoLayout.apply(mixed());
        for (Node n : d.nodes()) {
            if (n.parent() == null) continue;
            Box host = d.box(n.parent()).orElseThrow();
            Box child = d.box(n.id()).orElseThrow();
            assertThat(child.x()).as(n.id()).isGreaterThanOrEqualTo(host.x() + Metrics.HOST_PAD);
            assertThat(child.y()).as(n.id()).isGreaterThanOrEqualTo(host.y() + Metrics.HOST_HEADER);
            assertThat(child.x() + child.w()).as(n.id()).isLessThanOrEqualTo(host.x() + host.w() - Metrics.HOST_PAD);
            assertThat(child.y() + child.h()).as(n.id()).isLessThanOrEqualTo(host.y() + host.h());
        }
    }

    @Test
    void followsTheDrawingConventions() {
        Document d = AutoLayout.apply(mixed());
        Box h1 = d.box("h1").orElseThrow();
        Box front = d.box("front").orElseThrow();
        Box web = d.box("web").orElseThrow();
        Box lan = d.box("lan").orElseThrow();
        Box ov = d.box("ov").orElseThrow();
        Box ext = d.box("ext").orElseThrow();
        assertThat(front.h()).isEqualTo(30);
        assertThat(front.w()).isEqualTo(h1.w() - 2 * Metrics.HOST_PAD);
        assertThat(web.w()).isEqualTo(160);
        assertThat(web.h()).isEqualTo(70);
        assertThat(d.box("web-10").orElseThrow().h()).as("a pod of two containers").isEqualTo(88);
        // bridges at the top, cards under them
        assertThat(web.y()).isGreaterThan(front.y() + front.h());
        // the underlay spans its hosts below them, the overlay above the hosts it joins
        for (String h : List.of("h1", "h2", "node-1", "node-2")) {
            Box hb = d.box(h).orElseThrow();
            assertThat(lan.y()).isGreaterThan(hb.y() + hb.h());
            assertThat(lan.x()).isLessThanOrEqualTo(hb.x());
            assertThat(lan.x() + lan.w()).isGreaterThanOrEqualTo(hb.x() + hb.w());
        }
        assertThat(lan.h()).isEqualTo(26);
        assertThat(ov.y() + ov.h()).isLessThan(h1.y());
        assertThat(ov.x()).isEqualTo(h1.x());
        // the external globe sits beside its underlay band
        assertThat(ext.w()).isEqualTo(64);
        assertThat(ext.x()).isGreaterThanOrEqualTo(lan.x() + lan.w() + Metrics.GAP);
        assertThat(ext.y()).isLessThanOrEqualTo(lan.y()).isGreaterThan(lan.y() - 64);
    }

    @Test
    void cardsOfOneBridgeSitTogether() {
        Document d = AutoLayout.apply(mixed());
        Box web = d.box("web").orElseThrow(), api = d.box("api").orElseThrow(), legacy = d.box("legacy").orElseThrow();
        assertThat(api.y()).as("web and api share br-front and a row").isEqualTo(web.y());
        assertThat(legacy.y()).as("the docker0 container starts its own row").isNotEqualTo(web.y());
    }

    @Test
    void aServiceSitsAboveThePodsItSelects() {
        Document d = AutoLayout.apply(mixed());
        Box svc = d.box("web-svc").orElseThrow();
        assertThat(svc.w()).isEqualTo(150);
        assertThat(svc.h()).isEqualTo(60); // name, type and address, ports: three lines of text
        double left = Double.MAX_VALUE, right = 0, top = Double.MAX_VALUE;
        for (Pod p : d.all(Pod.class)) {
            Box b = d.box(p.id()).orElseThrow();
            left = Math.min(left, b.x());
            right = Math.max(right, b.x() + b.w());
            top = Math.min(top, b.y());
        }
        double center = svc.x() + svc.w() / 2;
        assertThat(center).isBetween(left, right);
        assertThat(svc.y() + svc.h()).isLessThan(top);
    }

    @Test
    void isDeterministic() {
        assertThat(AutoLayout.apply(mixed())).isEqualTo(AutoLayout.apply(mixed()));
        assertThat(AutoLayout.apply(mixed()).layout()).isEqualTo(AutoLayout.apply(AutoLayout.apply(mixed())).layout());
    }

    @Test
    void hostsFormAGridOfAboutSixteenByTen() {
        Document d = Document.empty("grid").with(new Underlay("lan", "lan", "192.168.50.0/24", 0));
        for (int i = 0; i < 12; i++) d = d.with(Host.docker("h" + i, "lan", null));
        d = AutoLayout.apply(d);
        double w = 0, h = 0;
        for (Box b : d.layout().values()) { w = Math.max(w, b.x() + b.w()); h = Math.max(h, b.y() + b.h()); }
        assertThat(w / h).isBetween(1.0, 2.6);
        assertThat(d.box("h0").orElseThrow().y()).isEqualTo(d.box("h1").orElseThrow().y());
        assertThat(d.box("h11").orElseThrow().y()).isGreaterThan(d.box("h0").orElseThrow().y());
        assertTidy(d);
    }

    @Test
    void aHostWithManyCardsIsAboutSixteenByTenToo() {
        Document d = Document.empty("one").with(Host.docker("h", null, null)).with(Bridge.docker0("d0", "h"));
        for (int i = 0; i < 12; i++) d = d.with(Container.on("c" + i, "h", "d0"));
        Box h = AutoLayout.apply(d).box("h").orElseThrow();
        assertThat(h.w() / h.h()).isBetween(1.2, 2.2);
    }

    @Test
    void fillMissingKeepsExistingBoxesAndPlacesTheRest() {
        Document laid = AutoLayout.apply(mixed());
        double top = laid.box("h1").orElseThrow().y();
        Box moved = new Box(3000, top, 300, 200);
        Document edited = laid.withBox("h2", moved).withBox("b", new Box(3020, top + 60, 160, 70))
                .with(Container.on("late", "h1", "front"))
                .with(new External("ext2", "ext2", "lan", null, List.of(), List.of()))
                .with(Host.docker("h3", "lan", null))
                .with(Container.on("c3", "h3", "h3-docker0"))
                .with(Bridge.docker0("h3-docker0", "h3"));
        Document filled = AutoLayout.fillMissing(edited);
        assertThat(filled.box("h2")).contains(moved);
        for (String id : List.of("web", "api", "ov", "front", "node-1", "web-svc"))
            assertThat(filled.box(id)).as(id).contains(laid.box(id).orElseThrow());
        for (Node n : filled.nodes())
            if (!(n instanceof Intent)) assertThat(filled.box(n.id())).as(n.id()).isPresent();
        Box h1 = filled.box("h1").orElseThrow(), late = filled.box("late").orElseThrow();
        assertThat(contains(h1, late)).isTrue();
        assertTidy(filled);
        assertThat(AutoLayout.fillMissing(filled)).isEqualTo(filled);
    }

    @Test
    void aHostThatGrowsPushesItsNeighboursBelowAway() {
        Document laid = AutoLayout.apply(mixed());
        Document edited = laid;
        for (int i = 0; i < 6; i++) edited = edited.with(Container.on("extra" + i, "h1", "front"));
        Document filled = AutoLayout.fillMissing(edited);
        Box h1 = filled.box("h1").orElseThrow();
        assertThat(h1.h()).isGreaterThan(laid.box("h1").orElseThrow().h());
        assertThat(filled.box("lan").orElseThrow().y()).isGreaterThan(laid.box("lan").orElseThrow().y());
        for (int i = 0; i < 6; i++) assertThat(contains(h1, filled.box("extra" + i).orElseThrow())).isTrue();
        assertTidy(filled);
    }

    @Test
    void laysOutFiftyHostsOfAHundredContainers() {
        Document d = Document.empty("big").with(new Underlay("lan", "lan", "10.0.0.0/16", 0));
        List<Node> nodes = new ArrayList<>(d.nodes());
        for (int h = 0; h < 50; h++) {
            String host = "h" + h;
            nodes.add(Host.docker(host, "lan", null));
            nodes.add(Bridge.docker0(host + "-docker0", host));
            nodes.add(new Bridge(host + "-app", "br-app", host, null, "172.18.0.0/16", null, null, null, null));
            for (int c = 0; c < 100; c++)
                nodes.add(new Container(host + "-c" + c, "c" + c, null, host, null, null,
                        List.of(Attachment.to(c % 3 == 0 ? host + "-docker0" : host + "-app")), List.of(), List.of(), List.of()));
        }
        Document laid = AutoLayout.apply(d.withNodes(nodes));
        assertThat(laid.layout()).hasSize(50 * 103 + 1);
        assertTidy(laid);
    }

    // ---- checks ----

    static boolean contains(Box outer, Box inner) {
        return inner.x() >= outer.x() && inner.y() >= outer.y()
                && inner.x() + inner.w() <= outer.x() + outer.w() && inner.y() + inner.h() <= outer.y() + outer.h();
    }

    /** No two boxes closer than the margin, unless one is the other's host (nesting). */
    static void assertTidy(Document d) {
        List<String> ids = new ArrayList<>(d.layout().keySet());
        ids.sort(java.util.Comparator.comparingDouble(id -> d.layout().get(id).x()));
        for (int i = 0; i < ids.size(); i++) {
            Box a = d.layout().get(ids.get(i));
            for (int j = i + 1; j < ids.size(); j++) {
                Box b = d.layout().get(ids.get(j));
                if (b.x() >= a.x() + a.w() + Metrics.GAP) break; // sorted by x: nothing further can be near
                String pa = d.node(ids.get(i)).map(Node::parent).orElse(null);
                String pb = d.node(ids.get(j)).map(Node::parent).orElse(null);
                if (ids.get(j).equals(pa) || ids.get(i).equals(pb)) continue;
                boolean apart = b.x() >= a.x() + a.w() + Metrics.GAP - 1e-9 || a.x() >= b.x() + b.w() + Metrics.GAP - 1e-9
                        || b.y() >= a.y() + a.h() + Metrics.GAP - 1e-9 || a.y() >= b.y() + b.h() + Metrics.GAP - 1e-9;
                assertThat(apart).as("%s %s and %s %s are closer than %s", ids.get(i), a, ids.get(j), b, Metrics.GAP).isTrue();
            }
        }
    }
}
