package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Network;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.trace.Disposition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compose networks of driver macvlan and ipvlan (issue 10 item 1), read as Docker's drivers read
 * their {@code driver_opts} (parent, macvlan_mode, ipvlan_mode) and ipam (subnet, gateway,
 * ip_range); what Docker refuses is an error at its place. Expected behaviour from Docker's
 * macvlan/ipvlan documentation and scenarios.md S13: the containers sit on the host's LAN with
 * their own addresses, publish nothing, and cannot reach the host that carries them.
 */
class ComposeMacvlanTest {

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> Importer.importText("c.yml", null, yaml)).isInstanceOf(ImportException.class).hasMessage(message);
    }

    @Test
    void aMacvlanNetworkOnEth0PutsItsContainersOnTheLanItNames() {
        ImportResult r = Fixtures.load("homelab/compose.yaml");
        Document d = r.document();
        Network lan = d.get("lan", Network.class).orElseThrow();
        assertThat(lan.driver()).isEqualTo("macvlan");
        assertThat(lan.name()).isEqualTo("homelab_lan");
        assertThat(lan.host()).isEqualTo("host");
        assertThat(lan.subnet()).isEqualTo("192.168.1.0/24");
        assertThat(lan.gateway()).isEqualTo("192.168.1.1");
        assertThat(lan.options()).isEqualTo(Map.of("parent", "eth0", "ipRange", "192.168.1.248/29"));
        assertThat(lan.option("mode")).as("macvlan_mode left out: Docker's default").isEqualTo("bridge");
        assertThat(d.get("backend", Bridge.class)).isPresent();

        // the LAN is the macvlan's subnet; the host and the client avoid the gateway, the ip_range and the pinned addresses
        assertThat(d.all(Underlay.class)).extracting(Underlay::subnet).containsExactly("192.168.1.0/24");
        assertThat(d.get("host", Host.class).orElseThrow().address()).isEqualTo("192.168.1.11/24");
        assertThat(d.all(External.class)).extracting(External::address).containsExactly("192.168.1.100/24");

        Container pihole = d.get("pihole", Container.class).orElseThrow();
        assertThat(pihole.attachments()).extracting(Attachment::network, Attachment::ip).containsExactly(tuple("lan", "192.168.1.250"));
        assertThat(pihole.ports()).as("Docker publishes nothing on a macvlan network").isEmpty();
        Container ha = d.get("homeassistant", Container.class).orElseThrow();
        assertThat(ha.attachments()).extracting(Attachment::network).containsExactly("lan", "backend");
        assertThat(d.get("proxy", Container.class).orElseThrow().ports()).hasSize(2);

        String file = Fixtures.path("homelab/compose.yaml").toString();
        assertThat(r.warnings()).containsExactly(
                file + ":14:9: service 'pihole' is only on macvlan/ipvlan networks: Docker publishes no ports there (the container is reached"
                        + " at its own address on the LAN, port 53)",
                file + ":15:9: service 'pihole' is only on macvlan/ipvlan networks: Docker publishes no ports there (the container is reached"
                        + " at its own address on the LAN, port 80)");
    }

    @Test
    void theImportedHomelabBehavesAsS13Says() {
        Document d = Fixtures.load("homelab/compose.yaml").document();
        var net = dev.hopscope.net.Network.compile(d);
        assertThat(net.trace("external", "192.168.1.250", Probe.tcp(80)).disposition()).as("the LAN reaches pihole at its own address")
                .isEqualTo(Disposition.DELIVERED);
        assertThat(net.trace("homeassistant", "pihole", Probe.udp(53)).disposition()).as("macvlan siblings switch inside the kernel")
                .isEqualTo(Disposition.DELIVERED);
        assertThat(net.trace("proxy", "app", Probe.tcp(3000)).disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(Analyzer.analyze(d).intents()).as("every depends_on holds").isNotEmpty().allMatch(i -> i.ok());
    }

    @Test
    void anIpvlanNetworkOnAVlanSubInterfaceKeepsItsParentAndMode() {
        Document d = Fixtures.load("homelab/ipvlan.yaml").document();
        Network iot = d.get("iot", Network.class).orElseThrow();
        assertThat(iot.driver()).isEqualTo("ipvlan");
        assertThat(iot.options()).isEqualTo(Map.of("parent", "eth0.20", "mode", "l2"));
        assertThat(d.all(Underlay.class)).extracting(Underlay::subnet).containsExactly("10.20.0.0/24");
        assertThat(d.get("sensor", Container.class).orElseThrow().attachments()).extracting(Attachment::ip).containsExactly("10.20.0.10");
        // the host's LAN device is eth0: the analysis names the parent as the problem, with its fix
        assertThat(Analyzer.analyze(d).findings()).anyMatch(f -> f.code().equals("MACVLAN_NO_PARENT"));
    }

    @Test
    void whatDockersDriversRefuseIsAnErrorAtItsPlace() {
        refused("""
                services:
                  a: {image: nginx, networks: [one, two]}
                networks:
                  one:
                    driver: macvlan
                    driver_opts: {parent: eth0}
                    ipam: {config: [{subnet: 192.168.1.0/24}]}
                  two:
                    driver: macvlan
                    driver_opts: {parent: eth0}
                    ipam: {config: [{subnet: 192.168.2.0/24}]}
                """, "c.yml:10:27: Docker refuses network 'two': network one is already using parent interface eth0 (one macvlan"
                + " network per parent device; a VLAN sub-interface such as eth0.10 takes another)");
        refused("""
                services:
                  a: {image: nginx, networks: [one]}
                networks:
                  one:
                    driver: ipvlan
                    driver_opts: {parent: eth0, ipvlan_mode: l4}
                    ipam: {config: [{subnet: 192.168.1.0/24}]}
                """, "c.yml:6:46: Docker refuses network 'one': requested ipvlan mode 'l4' is not valid, 'l2' mode is the ipvlan driver default");
        refused("""
                services:
                  a: {image: nginx, networks: [one]}
                networks:
                  one:
                    driver: macvlan
                    driver_opts: {parent: eth0}
                    ipam: {config: [{subnet: 192.168.1.0/24, ip_range: 192.168.2.0/28}]}
                """, "c.yml:7:56: Docker refuses network 'one': ip_range 192.168.2.0/28 is not inside its subnet 192.168.1.0/24");
        refused("""
                services:
                  a:
                    image: nginx
                    networks:
                      one: {ipv4_address: 192.168.1.1}
                networks:
                  one:
                    driver: macvlan
                    driver_opts: {parent: eth0}
                    ipam: {config: [{subnet: 192.168.1.0/24}]}
                """, "c.yml:5:27: service 'a' on network 'one': 192.168.1.1 is the network's gateway: Address already in use");
    }

    @Test
    void withoutAParentOrASubnetDockerStacksOnADummyDeviceAndTakesAPoolSubnet() {
        ImportResult r = Importer.importText("c.yml", "proj", """
                services:
                  a: {image: nginx, networks: [mv]}
                networks:
                  mv:
                    driver: macvlan
                """);
        Network mv = r.document().get("mv", Network.class).orElseThrow();
        assertThat(mv.option("parent")).isEqualTo("dm-proj_mv");
        assertThat(mv.subnet()).as("Docker's first local pool").isEqualTo("172.18.0.0/16");
        assertThat(r.document().all(Underlay.class)).extracting(Underlay::subnet).containsExactly(Site.LAN_SUBNET);
        assertThat(r.warnings()).containsExactly(
                "c.yml:5:13: the macvlan network 'mv' has no ipam subnet: Docker gives it 172.18.0.0/16 from its pools, which is not the"
                        + " LAN's; give it the LAN's subnet (ipam config subnet, gateway, ip_range) for its containers to reach the LAN",
                "c.yml:5:13: the macvlan network 'mv' names no parent (driver_opts parent): Docker stacks it on a dummy device of its own,"
                        + " so its containers reach only each other, not the LAN");
    }
}
