package dev.hopscope.ui.inspector;

import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inspector's syntax for Kubernetes names, hostPorts and a LoadBalancer's address. The name
 * rules are RFC 1123 as Kubernetes applies them (a namespace is a DNS label of at most 63
 * characters, an ExternalName a DNS subdomain of at most 253).
 */
class KubeParsersTest {

    @Test void namesAreWhatKubernetesAccepts() {
        assertThat(Parsers.dnsLabel(" shop ", "namespace")).isEqualTo("shop");
        assertThatThrownBy(() -> Parsers.dnsLabel("Shop_1", "namespace")).hasMessage(
                "'Shop_1' is not a namespace name: lower-case letters, digits and '-', starting and ending with a letter or digit");
        assertThatThrownBy(() -> Parsers.dnsLabel("a".repeat(64), "namespace")).hasMessage("a namespace name has at most 63 characters, not 64");
        assertThat(Parsers.dnsName("db.example.com", false)).isEqualTo("db.example.com");
        assertThatThrownBy(() -> Parsers.dnsName("db..example.com", false)).hasMessageContaining("empty label");
        assertThatThrownBy(() -> Parsers.dnsName("*.example.com", false)).hasMessageContaining("no wildcard here");
        assertThat(Parsers.dnsName("*.example.com", true)).isEqualTo("*.example.com");
        assertThatThrownBy(() -> Parsers.dnsName("Db.example.com", false)).hasMessageContaining("'Db' is not lower-case");
        assertThat(Parsers.servicePortRef("80")).isEqualTo(80);
        assertThat(Parsers.servicePortRef("http")).isEqualTo("http");
        assertThatThrownBy(() -> Parsers.servicePortRef("a-very-long-port-name")).hasMessageContaining("neither a port number nor a port name");
    }

    @Test void hostPortsAreWrittenAsPublishedPortsAndNotTwice() {
        assertThat(Parsers.hostPorts("8080:80/tcp, 192.168.50.11:53:53/udp")).containsExactly(
                new PublishedPort(null, 8080, 80, dev.hopscope.model.Proto.TCP), new PublishedPort("192.168.50.11", 53, 53, dev.hopscope.model.Proto.UDP));
        assertThat(Parsers.hostPorts("53:53/udp, 53:53/tcp")).hasSize(2);
        assertThatThrownBy(() -> Parsers.hostPorts("8080:80, 8080:81")).hasMessage("host port 8080/tcp is listed twice: a node port can be published once");
    }

    @Test void aLoadBalancerAddressIsFreeAndOnTheNodesLanForMetallb() {
        Host n1 = new Host("n1", "n1", Host.Role.K8S_NODE, null, "192.168.50.11/24", true, 1500, List.of());
        External ext = new External("ext", "ext", null, "192.168.50.100/24", List.of(), List.of());
        Service web = new Service("web", "web", "default", Service.Type.LOAD_BALANCER, null, List.of(), Map.of(), null);
        Service other = new Service("other", "other", "default", Service.Type.LOAD_BALANCER, null, List.of(), Map.of(), null)
                .withLoadBalancer("192.168.50.245", null);
        Document doc = Document.empty("t").with(n1).with(ext).with(web).with(other);
        assertThat(Parsers.loadBalancerIp("  ", doc, "web")).isNull();
        assertThat(Parsers.loadBalancerIp("192.168.50.240", doc, "web")).isEqualTo("192.168.50.240");
        assertThatThrownBy(() -> Parsers.loadBalancerIp("192.168.50.11", doc, "web")).hasMessage("192.168.50.11 is n1's address");
        assertThatThrownBy(() -> Parsers.loadBalancerIp("192.168.50.100", doc, "web")).hasMessage("192.168.50.100 is ext's address");
        assertThatThrownBy(() -> Parsers.loadBalancerIp("192.168.50.245", doc, "web"))
                .hasMessage("192.168.50.245 is the load balancer address of Service other already");
        assertThatThrownBy(() -> Parsers.loadBalancerIp("10.1.2.3", doc, "web"))
                .hasMessage("MetalLB's layer 2 mode answers ARP for the address on the nodes' LAN 192.168.50.0/24: 10.1.2.3 is not on it");
        assertThatThrownBy(() -> Parsers.loadBalancerIp("192.168.50.255", doc, "web")).hasMessage("192.168.50.255 is the broadcast address of 192.168.50.0/24");
        assertThatThrownBy(() -> Parsers.loadBalancerIp("192.168.50.", doc, "web")).hasMessage("'192.168.50.' is not an IPv4 address");
        // a cloud load balancer's address is the cloud's: any free address
        Document cloud = doc.with(web.withLoadBalancer(null, Service.LoadBalancerMode.CLOUD));
        assertThat(Parsers.loadBalancerIp("203.0.113.7", cloud, "web")).isEqualTo("203.0.113.7");
    }
}
