package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** K8S_POD_NAT and K8S_NODE_POD_NAT. */
class KubernetesModelTest {

    /** Scenario S5: host-gw between n1 and n2 on one underlay, each with its own cni0. */
    private static Document s5() {
        return doc(lan(), node("n1", "192.168.50.11"), node("n2", "192.168.50.12"),
                cni("c1", "n1", "10.244.1.0/24"), cni("c2", "n2", "10.244.2.0/24"),
                pod("p1", "n1", Map.of()), pod("p2", "n2", Map.of()));
    }

    @Test
    void hostGwClusterFollowsTheModel() {
        List<Finding> f = run(s5());
        assertThat(f).filteredOn(x -> x.code().startsWith("K8S_")).isEmpty();
        assertThat(f).filteredOn(x -> x.severity() == Finding.Severity.ERROR).isEmpty();
    }

    @Test
    void podsOnAMasqueradingDockerBridgeAreNatted() {
        Document d = doc(lan(), node("n1", "192.168.50.11"), node("n2", "192.168.50.12"),
                Bridge.docker0("d1", "n1").withSubnet("10.244.1.0/24"), cni("c2", "n2", "10.244.2.0/24"),
                pod("p1", "n1", Map.of()), pod("p2", "n2", Map.of()));
        assertThat(code(d, Codes.K8S_POD_NAT)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("d1", "n1", "p1");
            assertThat(x.message()).contains("p1", "n1", "docker0", "masquerade", "192.168.50.11", "without NAT");
            assertThat(x.fix()).contains("CNI bridge", "--ip-masq=false");
        });
    }

    @Test
    void withoutMasqueradeOrOnASingleNodeThereIsNoPodNat() {
        Document noMasq = doc(lan(), node("n1", "192.168.50.11"), node("n2", "192.168.50.12"),
                Bridge.docker0("d1", "n1").withSubnet("10.244.1.0/24").withMasquerade(false), cni("c2", "n2", "10.244.2.0/24"),
                pod("p1", "n1", Map.of()), pod("p2", "n2", Map.of()));
        assertThat(code(noMasq, Codes.K8S_POD_NAT)).isEmpty();
        Document single = doc(lan(), node("n1", "192.168.50.11"), Bridge.docker0("d1", "n1"), pod("p1", "n1", Map.of()));
        assertThat(code(single, Codes.K8S_POD_NAT)).isEmpty();
    }

    @Test
    void nodesOnDifferentUnderlaysCannotRouteEachOthersPods() {
        Host n2 = new Host("n2", "n2", Host.Role.K8S_NODE, "wan", "10.9.0.2/24", true, 1500, List.of());
        Document d = doc(lan(), new Underlay("wan", "wan", "10.9.0.0/24", 1500), node("n1", "192.168.50.11"), n2,
                cni("c1", "n1", "10.244.1.0/24"), cni("c2", "n2", "10.244.2.0/24"),
                pod("p1", "n1", Map.of()), pod("p2", "n2", Map.of()));
        assertThat(code(d, Codes.K8S_NODE_POD_NAT)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("n1", "n2");
            assertThat(x.message()).contains("n1 has no route to n2's pods (10.244.2.0/24)", "n2 has no route to n1's pods (10.244.1.0/24)",
                    "different underlays", "without NAT");
            assertThat(x.fix()).contains("flannel");
        });

        Overlay flannel = new Overlay("fl", "flannel", 1, "10.244.0.0/16", Overlay.Driver.FLANNEL_VXLAN, 0, 0, null, false,
                List.of(Overlay.Member.of("n1"), Overlay.Member.of("n2")));
        assertThat(code(d.with(flannel), Codes.K8S_NODE_POD_NAT)).as("flannel joins them").isEmpty();

        Document oneRoute = d.with(node("n1", "192.168.50.11").withRoutes(List.of(new StaticRoute("10.244.0.0/16", "192.168.50.1"))));
        assertThat(code(oneRoute, Codes.K8S_NODE_POD_NAT)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("n2 has no route to n1's pods").doesNotContain("n1 has no route"));
    }
}
