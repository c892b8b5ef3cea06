package dev.hopscope.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Addresses, prefixes, Docker/CNI-style allocation and structural validation. */
class AddressingTest {

    @Test
    void parsesAndPrintsAddresses() {
        assertThat(Ipv4.parse("172.17.0.2").toString()).isEqualTo("172.17.0.2");
        // issue 14: Docker's parser refuses spaces around an address and leading zeros (inet_aton reads 010 as octal 8)
        assertThatThrownBy(() -> Ipv4.parse(" 10.0.0.1 ")).hasMessageContaining("spaces");
        assertThatThrownBy(() -> Ipv4.parse("010.0.0.1")).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/24\n")).hasMessageContaining("line breaks");
        assertThatThrownBy(() -> Cidr.parse(" 10.0.0.0/24")).hasMessageContaining("spaces");
        assertThat(Ipv4.parse("0.0.0.0").bits()).isZero();
        assertThat(Ipv4.parse("10.0.100.0").toString()).isEqualTo("10.0.100.0");
        assertThat(Ipv4.parse("255.255.255.255").bits()).isEqualTo(-1);
        Random r = new Random(42);
        for (int i = 0; i < 1000; i++) {
            Ipv4 ip = new Ipv4(r.nextInt());
            assertThat(Ipv4.parse(ip.toString())).isEqualTo(ip);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", ".1.2.3", "256.1.1.1", "1.2.3.1000", "a.b.c.d", "1.2.3.-4", "1,2,3,4"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> Ipv4.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text.isEmpty() ? "''" : text);
        assertThat(Ipv4.isValid(text)).isFalse();
    }

    @Test
    void prefixesContainAndOverlap() {
        Cidr docker0 = Cidr.parse("172.17.0.1/16");
        assertThat(docker0.network().toString()).isEqualTo("172.17.0.0");
        assertThat(docker0.broadcast().toString()).isEqualTo("172.17.255.255");
        assertThat(docker0.contains(Ipv4.parse("172.17.200.3"))).isTrue();
        assertThat(docker0.contains(Ipv4.parse("172.18.0.1"))).isFalse();
        assertThat(docker0.overlaps(Cidr.parse("172.16.0.0/12"))).isTrue();
        assertThat(docker0.overlaps(Cidr.parse("172.18.0.0/16"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Ipv4.parse("8.8.8.8"))).isTrue();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("/33");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0")).hasMessageContaining("prefix length");
    }

    static Document twoNetworks() {
        return Document.empty("ipam")
                .with(new Underlay("lan", "lan", "192.168.50.0/24", 1500))
                .with(Host.docker("h1", "lan", "192.168.50.11/24"))
                .with(Bridge.docker0("docker0", "h1"))
                .with(new Bridge("app", "br-app", "h1", Bridge.Kind.USER_DEFINED, "10.1.0.0/24", "10.1.0.254", true, false, true))
                .with(Container.on("a", "h1", "docker0"))
                .with(Container.on("b", "h1", "docker0").withAttachments(List.of(new Attachment("docker0", "172.17.0.2", List.of()))))
                .with(Container.on("c", "h1", "docker0"))
                .with(Container.on("d", "h1", "app"));
    }

    @Test
    void allocatesGatewayFirstThenNextFreeSkippingPinned() {
        Ipam.Addressing a = Ipam.allocate(twoNetworks());
        assertThat(a.gateway("docker0")).contains(Ipv4.parse("172.17.0.1"));
        assertThat(a.address("b", "docker0")).contains(Ipv4.parse("172.17.0.2"));
        assertThat(a.address("a", "docker0")).contains(Ipv4.parse("172.17.0.3"));
        assertThat(a.address("c", "docker0")).contains(Ipv4.parse("172.17.0.4"));
        assertThat(a.gateway("app")).contains(Ipv4.parse("10.1.0.254"));
        assertThat(a.address("d", "app")).contains(Ipv4.parse("10.1.0.1"));
        assertThat(Ipam.nextFree(twoNetworks(), "docker0")).contains(Ipv4.parse("172.17.0.5"));
        assertThat(Ipam.allocate(twoNetworks())).as("deterministic").isEqualTo(a);
    }

    @Test
    void aFullSubnetHandsOutNothingMore() {
        Document d = twoNetworks().update("app", n -> ((Bridge) n).withSubnet("10.1.0.0/30").withGateway(null))
                .with(Container.on("e", "h1", "app"));
        Ipam.Addressing a = Ipam.allocate(d);
        assertThat(a.address("d", "app")).contains(Ipv4.parse("10.1.0.2"));
        assertThat(a.address("e", "app")).as("a /30 holds a gateway and one container").isEmpty();
    }

    @Test
    void servicesGetClusterIpsAndNodePorts() {
        Document d = twoNetworks()
                .with(new Service("s1", "s1", null, Service.Type.NODE_PORT, null, List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of(), null))
                .with(new Service("s2", "s2", null, Service.Type.CLUSTER_IP, "10.96.0.10", List.of(), Map.of(), null));
        Ipam.Addressing a = Ipam.allocate(d);
        assertThat(a.clusterIps().get("s2").toString()).isEqualTo("10.96.0.10");
        assertThat(a.clusterIps().get("s1").toString()).isEqualTo("10.96.0.11");
        assertThat(a.nodePort("s1", 80)).isEqualTo(30000);
    }

    @Test
    void validationNamesNodeFieldAndProblem() {
        Document d = twoNetworks()
                .with(Container.on("x", "h1", "nowhere"))
                .with(new Bridge("bad", "br-bad", "h1", Bridge.Kind.USER_DEFINED, "10.2.0.0/99", null, true, false, true))
                .with(Container.on("y", "h1", "app").withAttachments(List.of(new Attachment("app", "10.9.9.9", List.of()))))
                .with(Host.docker("h1", "lan", "192.168.50.11/24").withMtu(10));
        List<Problem> p = Validator.validate(d);
        assertThat(p).extracting(Problem::toString)
                .anyMatch(s -> s.startsWith("x.attachments:") && s.contains("'nowhere' is not a bridge, an overlay or a network"))
                .anyMatch(s -> s.startsWith("bad.subnet:") && s.contains("/99"))
                .anyMatch(s -> s.startsWith("y.attachments:") && s.contains("outside"))
                .anyMatch(s -> s.startsWith("h1.mtu:"));
        assertThat(Validator.validate(twoNetworks())).isEmpty();
    }
}
