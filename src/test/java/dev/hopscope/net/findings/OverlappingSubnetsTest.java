package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class OverlappingSubnetsTest {

    /** Scenario S2: two hosts, each with its own docker0 172.17.0.0/16. */
    private static Document s2(dev.hopscope.model.Node... more) {
        List<dev.hopscope.model.Node> nodes = new java.util.ArrayList<>(List.of(lan(), docker("h1", "192.168.50.11"),
                docker("h2", "192.168.50.12"), Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"),
                container("a", "h1", "d1"), container("b", "h2", "d2")));
        nodes.addAll(List.of(more));
        return doc(nodes.toArray(new dev.hopscope.model.Node[0]));
    }

    @Test
    void twoDocker0WithAnIntentAcrossHostsIsAnError() {
        List<Finding> f = code(s2(intent("a-b", "a", "b", Probe.icmp())), Codes.OVERLAPPING_SUBNETS);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("d1", "d2", "a-b");
            assertThat(x.message()).contains("docker0", "h1", "h2", "172.17.0.0/16", "a-b", "on-link", "ARP");
            assertThat(x.fix()).contains("overlay", "172.18.0.0/16");
        });
    }

    @Test
    void anIntentToTheRemoteAddressCountsToo() {
        // as in S2: a is 172.17.0.2 on h1, b is 172.17.0.3 on h2
        Document d = s2().with(pinned("a", "h1", "d1", "172.17.0.2")).with(pinned("b", "h2", "d2", "172.17.0.3"))
                .with(intent("a-b", "a", "172.17.0.3", Probe.icmp()));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR));
    }

    @Test
    void anAddressAlsoHeldOnTheSendersBridgeStaysLocal() {
        // IPAM gives a and b both 172.17.0.2: a packet from a to that address never leaves a
        List<Finding> f = code(s2(intent("a-self", "a", "172.17.0.2", Probe.icmp())), Codes.OVERLAPPING_SUBNETS);
        assertThat(f).extracting(Finding::severity).containsExactly(Finding.Severity.INFO);
    }

    @Test
    void twoDocker0WithoutIntentIsOnlyInformation() {
        List<Finding> f = code(s2(), Codes.OVERLAPPING_SUBNETS);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(x.subjects()).containsExactly("d1", "d2");
            assertThat(x.message()).contains("Docker's normal state", "h1", "h2", "published ports");
        });
    }

    @Test
    void manyDockerHostsGiveOneNote() {
        Document d = s2(docker("h3", "192.168.50.13"), Bridge.docker0("d3", "h3"));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).singleElement()
                .satisfies(x -> assertThat(x.subjects()).containsExactly("d1", "d2", "d3"));
    }

    @Test
    void hostsOnDifferentUnderlaysWithoutIntentAreNotMentioned() {
        Host far = new Host("h2", "h2", Host.Role.DOCKER, "wan", "10.9.0.2/24", true, 1500, List.of());
        Document d = doc(lan(), new dev.hopscope.model.Underlay("wan", "wan", "10.9.0.0/24", 1500), docker("h1", "192.168.50.11"), far,
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).isEmpty();
    }

    @Test
    void distinctSubnetsDoNotOverlap() {
        Document d = s2().with(Bridge.docker0("d2", "h2").withSubnet("172.18.0.0/16"));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).isEmpty();
    }

    @Test
    void sameSubnetOnTwoNodesWithPodsIsAnError() {
        Document d = doc(lan(), node("n1", "192.168.50.11"), node("n2", "192.168.50.12"),
                cni("c1", "n1", "10.244.1.0/24"), cni("c2", "n2", "10.244.1.0/24"),
                pod("p1", "n1", Map.of()), pod("p2", "n2", Map.of()));
        List<Finding> f = code(d, Codes.OVERLAPPING_SUBNETS);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("c1", "c2", "n1", "n2");
            assertThat(x.message()).contains("pods", "10.244.1.0/24", "pod CIDR per node");
            assertThat(x.fix()).contains("10.244.2.0/24");
        });
    }

    @Test
    void bridgeOverlappingTheUnderlayIsAnError() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), userBridge("wide", "h1", "192.168.0.0/16"));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("wide", "h1", "lan");
            assertThat(x.message()).contains("wide", "192.168.0.0/16", "192.168.50.0/24", "eth0");
        });
    }

    @Test
    void twoOverlappingBridgesOnOneHostAreAnError() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), userBridge("br-a", "h1", "172.18.0.0/16"),
                userBridge("br-b", "h1", "172.18.5.0/24"));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("br-a", "br-b", "h1");
            assertThat(x.message()).contains("br-a", "br-b", "172.18.0.0/16", "172.18.5.0/24", "Pool overlaps");
        });
    }

    private static dev.hopscope.model.Overlay overlay(String id, String subnet) {
        return new dev.hopscope.model.Overlay(id, id, 42, subnet, null, 0, 0, null, false,
                List.of(dev.hopscope.model.Overlay.Member.of("h1"), dev.hopscope.model.Overlay.Member.of("h2")));
    }

    private static dev.hopscope.model.Container onBoth(String id, String host, String bridge, String overlay) {
        return container(id, host, bridge).withAttachments(List.of(dev.hopscope.model.Attachment.to(bridge), dev.hopscope.model.Attachment.to(overlay)));
    }

    @Test
    void anOverlayBothEndsShareCarriesTheFlow() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"), overlay("ov", "10.0.9.0/24"),
                onBoth("a", "h1", "d1", "ov"), onBoth("b", "h2", "d2", "ov"), intent("a-b", "a", "b", Probe.icmp()));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).extracting(Finding::severity).containsExactly(Finding.Severity.INFO);
    }

    @Test
    void anIntentToTheOverlayAddressDoesNotNeedTheBridges() {
        // b's overlay address is 10.0.9.3 (the overlay's gateway takes .1, a takes .2)
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"), overlay("ov", "10.0.9.0/24"),
                onBoth("a", "h1", "d1", "ov"), onBoth("b", "h2", "d2", "ov"), intent("a-b", "a", "10.0.9.3", Probe.icmp()));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).extracting(Finding::severity).containsExactly(Finding.Severity.INFO);
    }

    @Test
    void aContainerOnAnOverlayAndAnOverlappingBridgeIsAnError() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                userBridge("br", "h1", "10.0.9.0/25"), overlay("ov", "10.0.9.0/24"), onBoth("a", "h1", "br", "ov"));
        assertThat(code(d, Codes.OVERLAPPING_SUBNETS)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("a", "br", "ov");
            assertThat(x.message()).contains("bridge br (10.0.9.0/25)", "overlay ov (10.0.9.0/24)", "two routes");
        });
    }

    @Test
    void aPodBridgeInsideTheServiceCidrWarnsWhenServicesExist() {
        dev.hopscope.model.Service svc = new dev.hopscope.model.Service("s", "s", null, null, null, List.of(), Map.of("app", "x"), null);
        Document noServices = doc(lan(), node("n1", "192.168.50.11"), cni("c1", "n1", "10.100.1.0/24"), pod("p1", "n1", Map.of("app", "x")));
        assertThat(code(noServices, Codes.OVERLAPPING_SUBNETS)).isEmpty();
        assertThat(code(noServices.with(svc), Codes.OVERLAPPING_SUBNETS)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(x.subjects()).containsExactly("c1", "n1");
            assertThat(x.message()).contains("10.100.1.0/24", "10.96.0.0/12", "kube-proxy");
        });
    }

    @Test
    void freeSubnetSkipsEverythingInUse() {
        Document d = s2(userBridge("x", "h1", "172.18.0.0/16"));
        Context ctx = new Context(d, dev.hopscope.model.Ipam.allocate(d));
        assertThat(FreeSubnet.after(ctx, dev.hopscope.model.Cidr.parse("172.17.0.0/16")))
                .hasValue(dev.hopscope.model.Cidr.parse("172.19.0.0/16"));
    }
}
