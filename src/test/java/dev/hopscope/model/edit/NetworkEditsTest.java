package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Network;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Validator;
import dev.hopscope.model.kinds.CalicoKind;
import dev.hopscope.model.kinds.MacvlanKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding networks of a registered kind and attaching to them. Addresses are worked out by hand
 * from how Docker and Calico hand them out: on a macvlan network the gateway (.1, the LAN's
 * router) is reserved and containers take .2, .3, ...; Calico gives each node a /26 of the pool
 * in node order, the block's first address goes to the node's tunnel device, pods take the rest.
 */
class NetworkEditsTest {

    private static Host host(String id, Host.Role role) {
        return new Host(id, id, role, null, null, true, 1500, List.of());
    }

    private static Container container(String id, String host) {
        return new Container(id, id, null, host, Container.Mode.BRIDGE, null, List.of(), List.of(), List.of(), List.of());
    }

    private static Pod pod(String id, String node) {
        return new Pod(id, id, "default", node, Map.of("app", id), List.of(new Pod.PodContainer("app", null, List.of(Socket.tcp(8080)))),
                false, null, null);
    }

    @Test void aMacvlanNetworkGoesIntoTheHostUnderThePointAndHandsOutTheNextFreeAddresses() {
        Document doc = Document.empty("t").with(host("h1", Host.Role.DOCKER), new Box(0, 0, 420, 260))
                .with(host("h2", Host.Role.DOCKER), new Box(500, 0, 420, 260))
                .with(container("web", "h1"), new Box(20, 50, 160, 70))
                .with(container("api", "h1"), new Box(200, 50, 160, 70))
                .with(container("far", "h2"), new Box(520, 50, 160, 70));

        assertThat(NetworkEdits.drop(doc, MacvlanKind.MACVLAN_KIND, 460, 100).refusal()).contains("inside a host");
        Outcome added = NetworkEdits.drop(doc, MacvlanKind.MACVLAN_KIND, 200, 220);
        assertThat(added.isRefused()).isFalse();
        doc = added.document();
        Network w = doc.all(Network.class).get(0);
        assertThat(w.driver()).isEqualTo("macvlan");
        assertThat(w.host()).isEqualTo("h1");
        assertThat(w.subnet()).isEqualTo("192.168.50.0/24");
        assertThat(w.options()).isEmpty();
        Box bar = doc.box(w.id()).orElseThrow();
        assertThat(bar.x()).isEqualTo(20);      // across the host, inside its padding, like a bridge
        assertThat(bar.w()).isEqualTo(380);
        assertThat(bar.y() + bar.h()).isLessThanOrEqualTo(260);

        Outcome first = Connections.connect(doc, "web", w.id());
        assertThat(first.description()).contains("192.168.50.2");
        doc = first.document();
        doc = Connections.connect(doc, w.id(), "api").document(); // either direction of the drag
        assertThat(doc.get("web", Container.class).orElseThrow().attachments()).extracting(Attachment::ip).containsExactly("192.168.50.2");
        assertThat(doc.get("api", Container.class).orElseThrow().attachments()).extracting(Attachment::ip).containsExactly("192.168.50.3");
        assertThat(Validator.validate(doc)).isEmpty();

        assertThat(Connections.connect(doc, "web", w.id()).refusal()).isEqualTo("web is already on " + w.name());
        assertThat(Connections.connect(doc, "far", w.id()).refusal()).startsWith(w.name() + " does not reach h2");
        Document hostMode = doc.with(doc.get("far", Container.class).orElseThrow().withHost("h1").withMode(Container.Mode.HOST, null));
        assertThat(Connections.connect(hostMode, "far", w.id()).refusal()).contains("host network mode");

        // moved to h2: the bar goes across h2, web and api (on h1) lose their macvlan interface
        Document moved = NetworkEdits.moveToHost(doc, w.id(), "h2");
        assertThat(moved.get(w.id(), Network.class).orElseThrow().host()).isEqualTo("h2");
        assertThat(moved.box(w.id()).orElseThrow()).isEqualTo(new Box(520, 210, 380, 30));
        assertThat(moved.get("web", Container.class).orElseThrow().attachments()).isEmpty();
        assertThat(moved.get("api", Container.class).orElseThrow().attachments()).isEmpty();
        assertThat(Validator.validate(moved)).isEmpty();
    }

    @Test void aMacvlanNetworkDroppedInAHostOnALanTakesThatLanAndItsRouter() {
        // the host's eth0 is 10.20.0.11/24 on an underlay whose router is 10.20.0.254: macvlan
        // children sit on that LAN, so the network is 10.20.0.0/24 with that gateway (docker network
        // create -d macvlan --subnet 10.20.0.0/24 --gateway 10.20.0.254 -o parent=eth0)
        Document doc = Document.empty("t").with(new dev.hopscope.model.Underlay("lan", "lan", "10.20.0.0/24", 1500, "10.20.0.254"))
                .with(new Host("h1", "h1", Host.Role.DOCKER, "lan", "10.20.0.11/24", true, 1500, List.of()), new Box(0, 0, 420, 260))
                .with(new Host("h2", "h2", Host.Role.DOCKER, "lan", null, true, 1500, List.of()), new Box(500, 0, 420, 260));
        Network w = NetworkEdits.drop(doc, MacvlanKind.MACVLAN_KIND, 200, 220).document().all(Network.class).get(0);
        assertThat(w.subnet()).isEqualTo("10.20.0.0/24");
        assertThat(w.gateway()).isEqualTo("10.20.0.254");
        // a host without an address of its own: its underlay's subnet
        Network w2 = NetworkEdits.drop(doc, MacvlanKind.MACVLAN_KIND, 700, 220).document().all(Network.class).get(0);
        assertThat(w2.subnet()).isEqualTo("10.20.0.0/24");
        // Calico has no parent device: its own pool whatever the LAN
        assertThat(NetworkEdits.drop(doc, CalicoKind.INSTANCE, 400, 300).document().all(Network.class).get(0).subnet()).isEqualTo("10.48.0.0/16");
    }

    @Test void aCalicoNetworkSpansTheNodesTakesPodsFromEachNodesBlockAndRefusesContainers() {
        Document doc = Document.empty("t").with(host("n1", Host.Role.K8S_NODE), new Box(0, 100, 420, 260))
                .with(host("n2", Host.Role.K8S_NODE), new Box(500, 100, 420, 260))
                .with(pod("p2", "n2"), new Box(520, 150, 160, 88))
                .with(container("c1", "n1"), new Box(20, 150, 160, 70));
        doc = NetworkEdits.drop(doc, CalicoKind.INSTANCE, 400, 40).document();
        Network calico = doc.all(Network.class).get(0);
        assertThat(calico.host()).isNull();
        assertThat(calico.subnet()).isEqualTo("10.48.0.0/16");
        assertThat(doc.box(calico.id())).isPresent();

        Outcome o = Connections.connect(doc, "p2", calico.id());
        assertThat(o.isRefused()).as(o.refusal()).isFalse();
        Pod p2 = o.document().get("p2", Pod.class).orElseThrow();
        assertThat(p2.network()).isEqualTo(calico.id());
        assertThat(p2.ip()).isEqualTo("10.48.0.66"); // n2 owns 10.48.0.64/26; .65 is its tunnel's
        assertThat(Validator.validate(o.document())).isEmpty();

        assertThat(Connections.connect(o.document(), "c1", calico.id()).refusal()).isEqualTo("containers cannot join calico: a Calico takes pods");
        Document hostNet = o.document().with(p2.withHostNetwork(true).withNetwork(null).withIp(null));
        assertThat(Connections.connect(hostNet, "p2", calico.id()).refusal()).contains("uses the host's network");
        // a pod cannot leave its pod network: the refusal says so in Calico's words (no bridge)
        assertThat(Connections.disconnect(o.document(), new dev.hopscope.model.Link(dev.hopscope.model.Link.Kind.VETH, "p2", calico.id(), calico.id())).refusal())
                .isEqualTo("a pod always has an interface on its pod network; on calico (Calico, no bridge) it is a veth the node routes to: "
                        + "move the pod to another node, or turn on hostNetwork to put it in the node's own namespace");
        Document outside = o.document().with(calico.withMembers(List.of("n1")));
        assertThat(Connections.connect(outside.with(p2.withNetwork(null).withIp(null)), "p2", calico.id()).refusal())
                .isEqualTo("calico does not reach the node n2, where the pod p2 runs");
    }
}
