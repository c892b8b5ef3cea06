package dev.hopscope.io;

import java.util.List;
import java.util.Map;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.Intent;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.LabelExpression;
import dev.hopscope.model.Lesson;
import dev.hopscope.model.NetworkPolicy;
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

/** Documents for the codec tests: one that sets every node kind and every attribute. */
final class TestDocuments {
    private TestDocuments() {}

    static Document everything() {
        List<Node> nodes = List.of(
                new Underlay("lan", "office lan", "192.168.50.0/24", 9000),
                new Host("h1", "h1", Host.Role.DOCKER, "lan", "192.168.50.11/24", true, 1500,
                        List.of(new StaticRoute("10.244.2.0/24", "192.168.50.12"))),
                new Host("n2", "node two", Host.Role.K8S_NODE, "lan", "192.168.50.12/24", false, 1450, List.of()),
                Bridge.docker0("h1-docker0", "h1"),
                new Bridge("br-front", "br-front", "h1", Bridge.Kind.USER_DEFINED, "172.18.0.0/16", "172.18.0.254", false, true, false),
                new Bridge("n2-cni0", "cni0", "n2", Bridge.Kind.CNI, "10.244.2.0/24", null, true, false, true),
                new Overlay("ov", "ov-net", 4096, "10.200.0.0/16", Overlay.Driver.DOCKER_OVERLAY, 4789, 1450,
                        Overlay.ControlPlane.KV_STORE, true, List.of(Overlay.Member.of("h1"), new Overlay.Member("n2", 4097))),
                new Overlay("flannel", "flannel.1", 1, "10.244.0.0/16", Overlay.Driver.FLANNEL_VXLAN, 0, 0,
                        Overlay.ControlPlane.NONE, false, List.of()),
                new dev.hopscope.model.Network("mac", "lan-direct", "macvlan", "h1", List.of(), "192.168.50.0/24", "192.168.50.1",
                        Map.of("parent", "eth0", "mode", "private", "ipRange", "192.168.50.64/27", "shim", "192.168.50.254")),
                new Container("web", "web \"front\" ☃", "nginx:1.27", "h1", Container.Mode.BRIDGE, null,
                        List.of(new Attachment("br-front", "172.18.0.10", List.of("www", "frontend")), Attachment.to("ov")),
                        List.of(new PublishedPort("192.168.50.11", 8080, 80, Proto.TCP), new PublishedPort(null, 5353, 53, Proto.UDP)),
                        List.of(Socket.tcp(80), new Socket(53, Proto.UDP, "127.0.0.1")), List.of("db")),
                new Container("sidecar", "sidecar", null, "h1", Container.Mode.CONTAINER, "web", List.of(), List.of(), List.of(), List.of()),
                new Container("hostnet", "hostnet", "traefik", "h1", Container.Mode.HOST, null, List.of(), List.of(), List.of(Socket.tcp(443)), List.of()),
                new Container("lonely", "lonely", null, "h1", Container.Mode.NONE, null, List.of(), List.of(), List.of(), List.of()),
                new Pod("p2", "api-0", "shop", "n2", Map.of("app", "api", "tier", "backend"),
                        List.of(new Pod.PodContainer("api", "shop/api:2", List.of(new Socket(8080, Proto.TCP, null, "http"))),
                                new Pod.PodContainer("metrics", null, List.of(new Socket(9090, Proto.TCP, "127.0.0.1")))),
                        false, "n2-cni0", "10.244.2.7", null, null, List.of(new PublishedPort("192.168.50.12", 8081, 8080, Proto.TCP))),
                new Pod("p3", "debug", null, "n2", null, null, true, null, null),
                new Service("svc", "api", "shop", Service.Type.NODE_PORT, "10.96.0.20",
                        List.of(new Service.ServicePort("http", 80, 8080, 30080, Proto.TCP), new Service.ServicePort(null, 53, 0, 0, Proto.UDP)),
                        Map.of("app", "api"), Service.TrafficPolicy.LOCAL),
                new Service("headless", "db", null, null, "None", List.of(), Map.of(), null),
                new Service("lb", "shop-lb", "shop", Service.Type.LOAD_BALANCER, null,
                        List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of("app", "api"), null,
                        "192.168.50.240", Service.LoadBalancerMode.CLOUD, null),
                new Service("ext-db", "legacy-db", "shop", Service.Type.EXTERNAL_NAME, null, List.of(), Map.of(), null,
                        null, null, "db.example.com"),
                new KubeNamespace("ns-shop", "shop", Map.of("team", "shop")),
                new Ingress("ing", "shop", "shop", "nginx", Map.of("app", "ingress-nginx"),
                        List.of(new Ingress.IngressRule("shop.example.com", List.of(
                                        new Ingress.IngressPath("/api", Ingress.PathType.PREFIX, new Ingress.Backend("api", 80, null)),
                                        new Ingress.IngressPath("/health", Ingress.PathType.EXACT, new Ingress.Backend("api", 0, "http")))),
                                new Ingress.IngressRule(null, List.of(new Ingress.IngressPath(null, Ingress.PathType.IMPLEMENTATION_SPECIFIC, new Ingress.Backend("api", 80, null))))),
                        new Ingress.Backend("api", 80, null)),
                new External("ext", "internet client", "lan", "192.168.50.100/24",
                        List.of(Socket.tcp(443)), List.of(new StaticRoute("0.0.0.0/0", "192.168.50.1"))),
                new Intent("i1", "web to api", "web", "api", Probe.tcp(80), Intent.Expect.REACHABLE),
                new Intent("i2", null, "ext", "172.18.0.10", new Probe(Proto.ICMP, 0, 1472), Intent.Expect.ISOLATED),
                new Intent("i3", "dns", "web", "db", Probe.udp(53), null),
                new NetworkPolicy("np", "deny-most", "shop", Map.of("app", "api"), true, true,
                        List.of(new NetworkPolicy.Rule(
                                List.of(new NetworkPolicy.Peer(Map.of("role", "frontend"), null, null),
                                        new NetworkPolicy.Peer(null, Map.of(), null),
                                        new NetworkPolicy.Peer(null, null, "192.168.50.0/24"),
                                        new NetworkPolicy.Peer(Map.of(), Map.of("team", "shop"), null,
                                                List.of(new LabelExpression("tier", LabelExpression.Operator.NOT_IN, List.of("db", "cache"))),
                                                List.of(new LabelExpression("env", LabelExpression.Operator.EXISTS, List.of())), List.of()),
                                        NetworkPolicy.Peer.block("10.0.0.0/8", List.of("10.1.0.0/16", "10.2.0.0/16"))),
                                List.of(new NetworkPolicy.PortSpec(Proto.TCP, 8080), new NetworkPolicy.PortSpec(Proto.UDP, 53),
                                        NetworkPolicy.PortSpec.named(Proto.TCP, "http"), new NetworkPolicy.PortSpec(Proto.TCP, 9000, null, 9100)))),
                        List.of(new NetworkPolicy.Rule(List.of(), List.of())),
                        List.of(new LabelExpression("canary", LabelExpression.Operator.DOES_NOT_EXIST, List.of()))));
        Map<String, Box> layout = Map.of(
                "h1", new Box(40, 40, 420, 260),
                "n2", new Box(520.5, 40, 420, 260.25),
                "web", new Box(60, 120, 160, 70),
                "lan", new Box(40, 330, 900, 26),
                "ext", new Box(-100.125, 1e7, 64, 64));
        return new Document("kitchen sink", "every kind,\nevery attribute\t\"quoted\"",
                new Lesson("Published ports", "DNAT on the host", "ext", "web", Probe.tcp(8080)), nodes, layout);
    }

    static Document small() {
        return new Document("small", null, null, List.of(
                new Underlay("lan", "lan", "192.168.50.0/24", 1500),
                Host.docker("h1", "lan", "192.168.50.11/24"),
                Bridge.docker0("d0", "h1"),
                Container.on("a", "h1", "d0"),
                new Intent("i", "i", "a", "b", Probe.tcp(80), Intent.Expect.REACHABLE)),
                Map.of("h1", new Box(40, 40, 420, 260), "a", new Box(60, 120, 160, 70)));
    }
}
