package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectImportTest {

    @Test
    void networksBecomeBridgesAndContainersSitAtTheirAddresses() {
        ImportResult r = Fixtures.load("inspect/networks.json");
        Document d = r.document();
        assertThat(Validator.validate(d)).isEmpty();
        assertThat(d.name()).isEqualTo("networks");
        Bridge docker0 = d.get("bridge", Bridge.class).orElseThrow();
        assertThat(docker0.name()).isEqualTo("docker0");
        assertThat(docker0.bridgeKind()).isEqualTo(Bridge.Kind.DEFAULT);
        assertThat(docker0.subnet()).isEqualTo("172.17.0.0/16");
        Bridge back = d.get("shop_back", Bridge.class).orElseThrow();
        assertThat(back.internal()).isTrue();
        assertThat(back.subnet()).isEqualTo("172.30.0.0/24");
        assertThat(back.gateway()).isEqualTo("172.30.0.1");
        assertThat(d.all(Bridge.class)).as("the host network is a mode, not a bridge").hasSize(3);

        Container backend = d.get("shop-backend-1", Container.class).orElseThrow();
        assertThat(backend.attachments()).containsExactly(
                new Attachment("shop_front", "172.18.0.3", List.of()),
                new Attachment("shop_back", "172.30.0.3", List.of()));
        assertThat(d.get("shop-db-1", Container.class).orElseThrow().attachments())
                .containsExactly(new Attachment("shop_back", "172.30.0.10", List.of()));
        assertThat(d.get("old-cron", Container.class).orElseThrow().attachments())
                .containsExactly(new Attachment("bridge", "172.17.0.2", List.of()));
        Container exporter = d.get("node-exporter", Container.class).orElseThrow();
        assertThat(exporter.mode()).isEqualTo(Container.Mode.HOST);
        assertThat(exporter.attachments()).isEmpty();
        assertThat(r.warnings()).anyMatch(w -> w.contains("does not show what containers listen on"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> Importer.importText("n.json", null, "[\n  {\"Name\": \"a\",\n   \"IPAM\": {,}\n  }\n]"))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("n.json:3:13: not valid JSON: ");
        assertThatThrownBy(() -> Importer.importText("n.json", null, "[{\"Name\": \"a\", \"IPAM\": {\"Config\": [{\"Subnet\": \"300.1.0.0/16\"}]}}]"))
                .hasMessage("n.json:1:47: '300.1.0.0/16' is not a subnet");
        assertThatThrownBy(() -> Importer.importText("n.json", null,
                "[{\"Name\": \"a\", \"IPAM\": {}, \"Containers\": {\"x\": {\"Name\": \"we\\tb\", \"IPv4Address\": \"172.18.0.2/16\"}}}]"))
                .hasMessage("n.json:1:57: 'we\\u0009b' is not a container name Docker gives: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertThatThrownBy(() -> Importer.importText("n.json", null, "[{\"Name\": \"a\\u0007\", \"IPAM\": {}}]"))
                .hasMessage("n.json:1:11: the network's Name 'a\\u0007' holds a control character");
        assertThatThrownBy(() -> Importer.importText("n.json", null, "[{\"Name\": \"a\"}]"))
                .hasMessage("n.json:1:2: this looks like docker network inspect output, but the network has no IPAM");
    }

    @Test
    void aMacvlanNetworkKeepsItsParentAndRangeAndPutsTheLanOnItsSubnet() {
        // what `docker network inspect lan` prints for `docker network create -d macvlan --subnet 192.168.1.0/24
        // --gateway 192.168.1.1 --ip-range 192.168.1.248/29 -o parent=eth0 lan` with two containers on it
        dev.hopscope.model.Document d = Fixtures.load("inspect/macvlan.json").document();
        dev.hopscope.model.Network lan = d.get("lan", dev.hopscope.model.Network.class).orElseThrow();
        assertThat(lan.driver()).isEqualTo("macvlan");
        assertThat(lan.subnet()).isEqualTo("192.168.1.0/24");
        assertThat(lan.gateway()).isEqualTo("192.168.1.1");
        assertThat(lan.options()).isEqualTo(java.util.Map.of("parent", "eth0", "ipRange", "192.168.1.248/29"));
        assertThat(d.all(dev.hopscope.model.Underlay.class)).extracting(dev.hopscope.model.Underlay::subnet).containsExactly("192.168.1.0/24");
        assertThat(d.get("pihole", dev.hopscope.model.Container.class).orElseThrow().attachments())
                .extracting(dev.hopscope.model.Attachment::network, dev.hopscope.model.Attachment::ip).containsExactly(org.assertj.core.groups.Tuple.tuple("lan", "192.168.1.250"));
        var net = dev.hopscope.net.Network.compile(d);
        assertThat(net.trace("external", "192.168.1.250", dev.hopscope.model.Probe.icmp()).disposition()).as("the LAN reaches the macvlan child")
                .isEqualTo(dev.hopscope.net.trace.Disposition.DELIVERED);
    }
}
