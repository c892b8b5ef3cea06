package dev.hopscope.net;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way a flow can end, and each step kind, on small designs built in code. */
class EngineBehaviourTest {

    static Trace trace(Document d, String from, String to, String probe) {
        return Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    static List<StepKind> steps(Trace t) { return t.hops().stream().map(Hop::step).toList(); }

    @Test
    void withoutIpForwardThePacketDiesAtTheHost() {
        Document d = Scenarios.s7(true).update("h1", n -> ((Host) n).withIpForward(false));
        Trace t = trace(d, "a", "192.168.50.100", "icmp");
        assertThat(t.disposition()).isEqualTo(Disposition.NO_ROUTE);
        assertThat(t.reason()).contains("ip_forward is off");
        assertThat(steps(t)).endsWith(StepKind.DROP);
    }

    @Test
    void aRoutingLoopEndsInLoop() {
        Document d = Scenarios.base("loop", 2, true)
                .update("h1", n -> ((Host) n).withRoutes(List.of(new StaticRoute("10.9.9.0/24", "192.168.50.12"))))
                .update("h2", n -> ((Host) n).withRoutes(List.of(new StaticRoute("10.9.9.0/24", "192.168.50.11"))))
                .update("ext", n -> ((External) n).withRoutes(List.of(new StaticRoute("10.9.9.0/24", "192.168.50.11"))));
        Trace t = trace(d, "ext", "10.9.9.1", "icmp");
        assertThat(t.disposition()).isEqualTo(Disposition.LOOP);
        assertThat(t.hops().size()).isLessThan(200);
    }

    @Test
    void iccOffDropsTrafficBetweenContainersOfOneBridge() {
        Document d = Scenarios.s1().update("docker0", n -> ((Bridge) n).withIcc(false));
        Trace t = trace(d, "a", "172.17.0.3", "icmp");
        assertThat(t.disposition()).isEqualTo(Disposition.DENIED);
        assertThat(steps(t)).contains(StepKind.FILTER);
        assertThat(t.reason()).contains("icc");
    }

    @Test
    void anInternalNetworkCannotLeaveTheHost() {
        Document d = Scenarios.base("internal", 1, true)
                .with(new Bridge("back", "br-back", "h1", Bridge.Kind.USER_DEFINED, "172.21.0.0/16", null, true, true, true))
                .with(Scenarios.web("db", "h1", "back", null, 5432));
        Trace t = trace(d, "db", "192.168.50.100", "tcp/443");
        assertThat(t.disposition()).as("no default route on an internal network").isEqualTo(Disposition.NO_ROUTE);
        assertThat(t.reason()).contains("internal");
        Document bridged = d.with(Scenarios.web("web", "h1", "back", null)).with(Bridge.docker0("docker0", "h1"))
                .update("web", n -> ((Container) n).withAttachments(List.of(Attachment.to("docker0"), Attachment.to("back"))));
        Trace out = trace(bridged, "web", "172.21.0.2", "tcp/5432");
        assertThat(out.disposition()).as("a dual-homed container still reaches the internal network directly").isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void aVniMismatchBreaksTheOverlay() {
        Document d = Scenarios.s3().update("ov", n -> ((Overlay) n).withMembers(List.of(Overlay.Member.of("h1"), new Overlay.Member("h2", 43))));
        assertThat(trace(d, "a", "10.0.9.3", "icmp").disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
    }

    @Test
    void anOverlayWithoutControlPlaneFindsNoPeer() {
        Document d = Scenarios.s3().update("ov", n -> ((Overlay) n).withControlPlane(Overlay.ControlPlane.NONE));
        assertThat(trace(d, "a", "10.0.9.3", "icmp").disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
    }

    @Test
    void anEncryptedOverlayAddsEspAndCostsMtu() {
        Document d = Scenarios.s3().update("ov", n -> ((Overlay) n).withEncrypted(true));
        Trace t = trace(d, "a", "10.0.9.3", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        Hop encap = t.hops().stream().filter(h -> h.step() == StepKind.ENCAP).findFirst().orElseThrow();
        assertThat(encap.layers()).extracting(Layer::layer).startsWith("ipv4", "esp", "udp", "vxlan");
        assertThat(encap.changed()).anyMatch(c -> c.contains("esp"));
        assertThat(trace(d, "a", "10.0.9.3", "icmp/1422").disposition()).isEqualTo(Disposition.MTU_EXCEEDED);
        assertThat(trace(d, "a", "10.0.9.3", "icmp/1382").disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void anOverlayMtuAboveTheUnderlayFragmentsTheOuterPacket() {
        Document d = Scenarios.s3().update("ov", n -> ((Overlay) n).withMtu(1500));
        Trace t = trace(d, "a", "10.0.9.3", "icmp/1472");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).anyMatch(h -> h.note().contains("fragments"));
    }

    static Document cluster(Service.TrafficPolicy policy, Map<String, String> selector) {
        // a real node has a default route: through it, a Service without endpoints meets kube-proxy's REJECT in FORWARD
        Document d = Scenarios.base("k8s", 2, true)
                .update("lan", n -> ((Underlay) n).withGateway("192.168.50.1"))
                .update("h1", n -> ((Host) n).withRole(Host.Role.K8S_NODE)).update("h2", n -> ((Host) n).withRole(Host.Role.K8S_NODE))
                .with(new Bridge("cni1", "cni0", "h1", Bridge.Kind.CNI, "10.244.1.0/24", null, true, false, true))
                .with(new Bridge("cni2", "cni0", "h2", Bridge.Kind.CNI, "10.244.2.0/24", null, true, false, true))
                .with(new Pod("client", "client", "default", "h1", Map.of("app", "client"), List.of(), false, null, null))
                .with(new Pod("web", "web", "default", "h2", Map.of("app", "web"),
                        List.of(new Pod.PodContainer("web", "nginx", List.of(Socket.tcp(8080)))), false, null, null));
        return d.with(new Service("svc", "web", "default", Service.Type.NODE_PORT, null,
                List.of(new Service.ServicePort("http", 80, 8080, 30080, Proto.TCP)), selector, policy));
    }

    @Test
    void aServiceWithoutEndpointsIsRejected() {
        Trace t = trace(cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "nothing")), "client", "web:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DENIED);
        assertThat(t.reason()).contains("no endpoints");
    }

    @Test
    void aLanWithARouterGivesEveryMachineADefaultRouteAndTheRouterKnowsOnlyTheLan() {
        Document d = cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web"));
        var h1 = Network.compile(d).dataplane().namespaceOf("h1");
        assertThat(h1.lookup(dev.hopscope.model.Ipv4.parse("8.8.8.8")).describe()).isEqualTo("0.0.0.0/0 via 192.168.50.1 dev eth0");
        // a ClusterIP is virtual: a ping is not DNATed, leaves by the default route, and dies at the router
        Trace ping = trace(d, "client", "web", "icmp");
        assertThat(ping.disposition()).isEqualTo(Disposition.NO_ROUTE);
        Hop last = ping.hops().get(ping.hops().size() - 1);
        assertThat(last.namespace()).isEqualTo("lan-gw");
        assertThat(last.note()).contains("ClusterIP");
        // without a router there is no default route: the node itself has no route
        Document bare = d.update("lan", n -> ((Underlay) n).withGateway(null));
        assertThat(Network.compile(bare).dataplane().namespaceOf("h1").lookup(dev.hopscope.model.Ipv4.parse("8.8.8.8"))).isNull();
    }

    @Test
    void aLinkOnUserDefinedNetworksResolvesOnTheNetworkTheTwoShare() {
        // backend is on "data" first and "api" second; frontend shares only "api" and links to backend
        Document d = Scenarios.base("links", 1, false)
                .with(new Bridge("data", "br-data", "h1", Bridge.Kind.USER_DEFINED, "172.18.0.0/16", null, true, false, true))
                .with(new Bridge("api", "br-api", "h1", Bridge.Kind.USER_DEFINED, "172.19.0.0/16", null, true, false, true))
                .with(new Container("backend", "backend", null, "h1", Container.Mode.BRIDGE, null,
                        List.of(Attachment.to("data"), Attachment.to("api")), List.of(), List.of(Socket.tcp(80)), List.of()))
                .with(new Container("frontend", "frontend", null, "h1", Container.Mode.BRIDGE, null,
                        List.of(Attachment.to("api")), List.of(), List.of(), List.of("backend:be")));
        for (String name : List.of("backend", "be")) {
            Trace t = trace(d, "frontend", name + ":80", "tcp/80");
            assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
            assertThat(t.via()).isEqualTo("172.19.0.2:80");
            assertThat(t.hops().get(0).note()).contains("embedded DNS").contains("br-api");
        }
    }

    @Test
    void aLegacyLinkOnTheDefaultBridgeIsAnEtcHostsEntry() {
        Document d = Scenarios.s1().update("a", n -> ((Container) n).withLinks(List.of("b:web")));
        Trace t = trace(d, "a", "web:80", "tcp/80");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops().get(0).note()).contains("/etc/hosts");
        // without the link, the default bridge resolves nothing
        assertThat(trace(Scenarios.s1(), "a", "b:80", "tcp/80").disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
    }

    @Test
    void serviceNamesResolveFromPodsInEveryForm() {
        Document d = cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web"));
        for (String name : List.of("web", "web.default", "web.default.svc", "web.default.svc.cluster.local")) {
            Trace t = trace(d, "client", name + ":80", "tcp/80");
            assertThat(t.disposition()).as(name).isEqualTo(Disposition.DELIVERED);
            assertThat(t.hops().get(0).step()).isEqualTo(StepKind.DNS);
        }
        assertThat(trace(d, "client", "web.other:80", "tcp/80").disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
    }

    @Test
    void aNodePortWithClusterPolicyMasqueradesAndWorksFromAnyNode() {
        Document d = cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web"));
        Trace t = trace(d, "ext", "192.168.50.11:30080", "tcp/30080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        Layer ip = t.hops().get(t.hops().size() - 1).layers().stream().filter(l -> l.layer().equals("ipv4")).findFirst().orElseThrow();
        assertThat(ip.fields().get("src")).as("the backend sees the node's address").isEqualTo("192.168.50.11");
    }

    @Test
    void aNodePortWithLocalPolicyServesOnlyWhereAPodRunsAndKeepsTheClient() {
        Document d = cluster(Service.TrafficPolicy.LOCAL, Map.of("app", "web"));
        assertThat(trace(d, "ext", "192.168.50.11:30080", "tcp/30080").disposition()).isEqualTo(Disposition.DENIED);
        Trace ok = trace(d, "ext", "192.168.50.12:30080", "tcp/30080");
        assertThat(ok.disposition()).isEqualTo(Disposition.DELIVERED);
        Layer ip = ok.hops().get(ok.hops().size() - 1).layers().stream().filter(l -> l.layer().equals("ipv4")).findFirst().orElseThrow();
        assertThat(ip.fields().get("src")).isEqualTo("192.168.50.100");
    }

    @Test
    void aNetworkPolicyAdmitsOnlyWhatItAllows() {
        Document d = cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web"))
                .with(new Pod("admin", "admin", "default", "h1", Map.of("app", "admin"), List.of(), false, null, null))
                .with(new NetworkPolicy("np", "web-from-client", "default", Map.of("app", "web"), true, false,
                        List.of(new NetworkPolicy.Rule(List.of(new NetworkPolicy.Peer(Map.of("app", "client"), null, null)),
                                List.of(new NetworkPolicy.PortSpec(Proto.TCP, 8080)))), List.of()));
        assertThat(trace(d, "client", "10.244.2.2:8080", "tcp/8080").disposition()).isEqualTo(Disposition.DELIVERED);
        Trace denied = trace(d, "admin", "10.244.2.2:8080", "tcp/8080");
        assertThat(denied.disposition()).isEqualTo(Disposition.DENIED);
        assertThat(denied.reason()).contains("web-from-client");
        assertThat(trace(d, "client", "10.244.2.2", "icmp").disposition()).as("only tcp/8080 is allowed").isEqualTo(Disposition.DENIED);
    }

    @Test
    void theNodeItselfReachesAPolicyIsolatedPodOnItsBridge() {
        // the kernel: a packet the node sends leaves through OUTPUT; br_netfilter runs FORWARD only for bridged frames
        Document d = cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web"))
                .with(new Pod("exporter", "exporter", "default", "h2", Map.of("app", "exporter"), List.of(), true, null, null))
                .with(new NetworkPolicy("deny", "default-deny", "default", Map.of("app", "web"), true, false, List.of(), List.of()));
        assertThat(trace(d, "exporter", "10.244.2.2:8080", "tcp/8080").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(d, "client", "10.244.2.2:8080", "tcp/8080").disposition()).isEqualTo(Disposition.DENIED);
    }

    @Test
    void dockerDnsAnswersOnlyOnUserDefinedNetworks() {
        Document d = Scenarios.base("dns", 1, false)
                .with(Bridge.docker0("docker0", "h1"))
                .with(new Bridge("app", "br-app", "h1", Bridge.Kind.USER_DEFINED, "172.18.0.0/16", null, true, false, true))
                .with(Scenarios.web("a1", "h1", "docker0", null)).with(Scenarios.web("b1", "h1", "docker0", null, 80))
                .with(Scenarios.web("a2", "h1", "app", null))
                .with(new Container("b2", "b2", null, "h1", Container.Mode.BRIDGE, null,
                        List.of(new Attachment("app", null, List.of("api"))), List.of(), List.of(Socket.tcp(80)), List.of()));
        Trace fails = trace(d, "a1", "b1:80", "tcp/80");
        assertThat(fails.disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(fails.reason()).contains("default bridge");
        Trace works = trace(d, "a2", "api:80", "tcp/80");
        assertThat(works.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(works.hops().get(0).note()).contains("127.0.0.11");
        assertThat(trace(d, "a2", "b1:80", "tcp/80").disposition()).as("names of other networks").isEqualTo(Disposition.NAME_NOT_RESOLVED);
    }

    @Test
    void containerModeSharesTheNamespace() {
        Document d = Scenarios.s1().with(new Container("side", "side", null, "h1", Container.Mode.CONTAINER, "b", List.of(), List.of(),
                List.of(new Socket(9000, Proto.TCP, "127.0.0.1")), List.of()));
        assertThat(trace(d, "b", "localhost:9000", "tcp/9000").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(d, "a", "172.17.0.3:9000", "tcp/9000").disposition()).as("bound to loopback only").isEqualTo(Disposition.NO_LISTENER);
    }

    @Test
    void flannelWrapsPodTrafficInUdp8472() {
        Document d = cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web"))
                .with(new Overlay("fl", "flannel", 1, "10.244.0.0/16", Overlay.Driver.FLANNEL_VXLAN, 0, 0, null, false,
                        List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2"))));
        Trace t = trace(d, "client", "10.244.2.2:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        Hop encap = t.hops().stream().filter(h -> h.step() == StepKind.ENCAP).findFirst().orElseThrow();
        assertThat(encap.device()).isEqualTo("flannel.1");
        assertThat(encap.layers().get(1).fields()).containsEntry("dport", "8472");
        assertThat(steps(t)).contains(StepKind.DECAP).doesNotContain(StepKind.NAT);
    }

    @Test
    void anAddressShadowedByAnOverlappingSubnetDoesNotReachTheRemoteContainer() {
        Document d = Scenarios.s2().with(Scenarios.web("twin", "h1", "d1", "172.17.0.3"));
        assertThat(trace(d, "a", "172.17.0.3", "icmp").disposition()).as("by address the kernel reaches the local twin").isEqualTo(Disposition.DELIVERED);
        var rows = dev.hopscope.net.analysis.Analyzer.analyze(d).matrix().between("a", "b");
        assertThat(rows).isNotEmpty().allMatch(r -> r.disposition() == Disposition.NO_ROUTE);
        assertThat(rows.get(0).reason()).contains("overlapping subnets").contains("twin");
    }

    @Test
    void everyStepKindAppearsInTheSamplesTraces() {
        java.util.EnumSet<StepKind> seen = java.util.EnumSet.noneOf(StepKind.class);
        seen.addAll(steps(trace(Scenarios.s3(), "a", "10.0.9.3", "tcp/80")));
        seen.addAll(steps(trace(Scenarios.s8(), "ext", "192.168.50.11:8080", "tcp/8080")));
        seen.addAll(steps(trace(Scenarios.s1().update("docker0", n -> ((Bridge) n).withIcc(false)), "a", "172.17.0.3", "icmp")));
        seen.addAll(steps(trace(cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web")), "client", "web:80", "tcp/80")));
        assertThat(seen).containsExactlyInAnyOrder(StepKind.values());
    }
}
