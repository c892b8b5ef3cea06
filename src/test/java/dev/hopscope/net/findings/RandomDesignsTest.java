package dev.hopscope.net.findings;

import dev.hopscope.net.Findings;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random designs, half-edited ones included (dangling references, missing subnets): the
 * checks run on every edit in the designer, so they must never throw, must be deterministic, and
 * must not depend on the order in which nodes of different kinds were drawn.
 */
class RandomDesignsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void checksNeverThrowAndAreDeterministic(long seed) {
        Document d = design(new Random(seed));
        Ipam.Addressing a = Ipam.allocate(d);
        List<Finding> first = Findings.of(d, a);
        assertThat(Findings.of(d, Ipam.allocate(d))).isEqualTo(first);
        assertThat(first).isSortedAccordingTo(DesignChecks.ORDER);
        for (Finding f : first) {
            assertThat(f.subjects()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(f.message()).doesNotContain("null");
            assertThat(f.fix()).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 7, 11})
    void intentsAddedInAnotherOrderGiveTheSameFindings(long seed) {
        Document d = design(new Random(seed));
        List<Node> nodes = new ArrayList<>(d.nodes());
        List<Node> intents = new ArrayList<>(nodes.stream().filter(n -> n instanceof Intent).toList());
        nodes.removeAll(intents);
        Collections.shuffle(intents, new Random(seed));
        nodes.addAll(intents);
        Document shuffled = d.withNodes(nodes);
        assertThat(Findings.of(shuffled)).containsExactlyInAnyOrderElementsOf(Findings.of(d));
    }

    private static Document design(Random r) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Underlay("lan", "lan", "192.168.50.0/24", r.nextBoolean() ? 1500 : 1400));
        int hosts = 2 + r.nextInt(3);
        for (int h = 0; h < hosts; h++) {
            String id = "h" + h;
            String underlay = r.nextInt(6) == 0 ? null : r.nextInt(8) == 0 ? "gone" : "lan";
            String address = r.nextInt(6) == 0 ? null : "192.168.50." + (11 + r.nextInt(4)) + "/24";
            Host.Role role = r.nextBoolean() ? Host.Role.DOCKER : Host.Role.K8S_NODE;
            List<StaticRoute> routes = r.nextInt(4) == 0 ? List.of(new StaticRoute("10.244.0.0/16", "192.168.50.1")) : List.of();
            nodes.add(new Host(id, id, role, underlay, address, true, r.nextBoolean() ? 1500 : 9000, routes));
            nodes.add(Bridge.docker0("d" + h, id));
            if (r.nextBoolean()) nodes.add(new Bridge("cni" + h, "cni0", id, Bridge.Kind.CNI,
                    "10.244." + r.nextInt(3) + ".0/24", null, r.nextBoolean(), false, true));
            if (r.nextBoolean()) nodes.add(new Bridge("u" + h, "br-u", id, Bridge.Kind.USER_DEFINED,
                    r.nextInt(5) == 0 ? null : "172.18." + r.nextInt(2) + ".0/24", null, true, r.nextBoolean(), true));
        }
        nodes.add(new Overlay("ov", "ov", 42, r.nextBoolean() ? "10.0.9.0/24" : null, r.nextBoolean() ? Overlay.Driver.DOCKER_OVERLAY
                : Overlay.Driver.FLANNEL_VXLAN, 0, r.nextBoolean() ? 0 : 1450 + r.nextInt(100),
                Overlay.ControlPlane.values()[r.nextInt(3)], r.nextBoolean(),
                List.of(Overlay.Member.of("h0"), new Overlay.Member("h1", r.nextBoolean() ? null : 43), Overlay.Member.of("nowhere"))));
        int containers = 4 + r.nextInt(8);
        for (int c = 0; c < containers; c++) {
            String host = "h" + r.nextInt(hosts + 1); // sometimes a host that does not exist
            List<Attachment> atts = new ArrayList<>();
            for (String net : List.of("d", "u", "ov", "x")) if (r.nextInt(3) == 0) {
                String network = net.equals("ov") || net.equals("x") ? net : net + host.substring(1);
                atts.add(new Attachment(network, r.nextInt(4) == 0 ? "172.17.0." + (2 + r.nextInt(3)) : null, List.of()));
            }
            Container.Mode mode = Container.Mode.values()[r.nextInt(4)];
            nodes.add(new Container("c" + c, "c" + r.nextInt(containers), null, host, mode,
                    mode == Container.Mode.CONTAINER ? "c" + r.nextInt(containers + 2) : null, atts,
                    r.nextBoolean() ? List.of(new PublishedPort(r.nextBoolean() ? null : "127.0.0.1", 8080 + r.nextInt(2), 80, null)) : List.of(),
                    r.nextBoolean() ? List.of(new Socket(80, r.nextBoolean() ? Proto.TCP : Proto.UDP, r.nextBoolean() ? null : "127.0.0.1")) : List.of(),
                    r.nextInt(4) == 0 ? List.of("c0:db") : List.of()));
        }
        int pods = r.nextInt(6);
        for (int p = 0; p < pods; p++)
            nodes.add(new Pod("p" + p, "p" + r.nextInt(3), r.nextBoolean() ? "default" : "shop", r.nextInt(5) == 0 ? null : "h" + r.nextInt(hosts),
                    Map.of("app", r.nextBoolean() ? "web" : "db"),
                    List.of(new Pod.PodContainer("a", null, List.of(Socket.tcp(80 + r.nextInt(2)))),
                            new Pod.PodContainer("b", null, List.of(Socket.tcp(80)))),
                    r.nextInt(4) == 0, r.nextInt(6) == 0 ? "d0" : null, r.nextInt(4) == 0 ? "10.244.0.5" : null));
        nodes.add(new Service("s1", "web", null, Service.Type.NODE_PORT, r.nextBoolean() ? "10.96.0.50" : null,
                List.of(new Service.ServicePort("http", 80, 8080, r.nextBoolean() ? 30080 : 0, null)), Map.of("app", "web"), null));
        nodes.add(new Service("s2", r.nextBoolean() ? "web" : "db", null, null, r.nextBoolean() ? "10.96.0.50" : "None",
                List.of(new Service.ServicePort("pg", 5432, 0, r.nextBoolean() ? 30080 : 0, null)), r.nextBoolean() ? Map.of() : Map.of("app", "db"), null));
        nodes.add(new External("ext", "ext", r.nextBoolean() ? "lan" : null, r.nextBoolean() ? "192.168.50.100/24" : null, List.of(), List.of()));
        String[] targets = {"c0", "c1", "db", "web", "ext", "h0", "172.17.0.2", "10.0.9.3:80", "", "example.com", "p0", "s1"};
        for (int i = 0; i < 6; i++)
            nodes.add(new Intent("i" + i, null, r.nextInt(6) == 0 ? null : "c" + r.nextInt(containers), targets[r.nextInt(targets.length)],
                    r.nextBoolean() ? Probe.tcp(80) : Probe.icmp(), r.nextBoolean() ? Intent.Expect.REACHABLE : Intent.Expect.ISOLATED));
        return new Document("random", null, null, nodes, Map.of());
    }
}
