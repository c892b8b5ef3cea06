package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class DuplicateAddressTest {

    @Test
    void twoPinnedAddressesOnOneBridgeAreDuplicates() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), userBridge("front", "h1", "172.18.0.0/16"),
                pinned("a", "h1", "front", "172.18.0.5"), pinned("b", "h1", "front", "172.18.0.5"), container("c", "h1", "front"));
        List<Finding> f = code(d, Codes.DUPLICATE_ADDRESS);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("a", "b", "front");
            assertThat(x.message()).contains("container a", "container b", "172.18.0.5", "bridge front", "h1", "ARP");
            assertThat(x.fix()).contains("b", "172.18.0.3");
        });
    }

    @Test
    void sameAddressOnBridgesOfDifferentHostsIsNotADuplicate() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), docker("h2", "192.168.50.12"),
                Bridge.docker0("d1", "h1"), Bridge.docker0("d2", "h2"), container("a", "h1", "d1"), container("b", "h2", "d2"));
        assertThat(code(d, Codes.DUPLICATE_ADDRESS)).isEmpty();
    }

    @Test
    void pinningTheGatewayAddressClashesWithTheBridge() {
        Document d = doc(lan(), docker("h1", "192.168.50.11"), Bridge.docker0("d0", "h1"), pinned("a", "h1", "d0", "172.17.0.1"));
        assertThat(code(d, Codes.DUPLICATE_ADDRESS)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("d0", "a");
            assertThat(x.message()).contains("docker0's gateway", "172.17.0.1");
        });
    }

    @Test
    void hostAndExternalWithOneUnderlayAddressAreDuplicates() {
        External ext = new External("ext", "ext", "lan", "192.168.50.11/24", List.of(), List.of());
        Document d = doc(lan(), docker("h1", "192.168.50.11"), ext);
        assertThat(code(d, Codes.DUPLICATE_ADDRESS)).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("h1", "ext", "lan");
            assertThat(x.message()).contains("host h1", "external ext", "192.168.50.11", "underlay lan");
            assertThat(x.fix()).contains("ext", "192.168.50.1");
        });
    }

    @Test
    void hostsOnDifferentUnderlaysMayShareAnAddress() {
        Document d = doc(lan(), new dev.hopscope.model.Underlay("lan2", "lan2", "192.168.50.0/24", 1500),
                docker("h1", "192.168.50.11"), new Host("h2", "h2", Host.Role.DOCKER, "lan2", "192.168.50.11/24", true, 1500, List.of()));
        assertThat(code(d, Codes.DUPLICATE_ADDRESS)).isEmpty();
    }

    @Test
    void pinnedPodAddressesOnOneCniBridgeAreDuplicates() {
        Document d = doc(lan(), node("n1", "192.168.50.11"), cni("cni", "n1", "10.244.1.0/24"),
                pod("p1", "n1", java.util.Map.of()).withIp("10.244.1.7"), pod("p2", "n1", java.util.Map.of()).withIp("10.244.1.7"));
        assertThat(code(d, Codes.DUPLICATE_ADDRESS)).singleElement()
                .satisfies(x -> assertThat(x.subjects()).containsExactly("p1", "p2", "cni"));
    }
}
