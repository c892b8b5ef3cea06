package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Link;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.TopologyGraph;
import dev.hopscope.model.Underlay;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionsTest {

    private static Document twoHosts() {
        return Document.empty("t")
                .with(new Underlay("lan", "lan", "192.168.50.0/24", 1500), new Box(0, 400, 900, 26))
                .with(new Host("h1", "h1", Host.Role.DOCKER, null, null, true, 1500, List.of()), new Box(0, 0, 400, 300))
                .with(new Host("h2", "h2", Host.Role.DOCKER, null, null, true, 1500, List.of()), new Box(500, 0, 400, 300))
                .with(Bridge.docker0("b1", "h1"), new Box(20, 250, 360, 30))
                .with(new Bridge("b2", "br-x", "h2", Bridge.Kind.USER_DEFINED, "172.18.0.0/16", null, true, false, true), new Box(520, 250, 360, 30))
                .with(new Container("a", "a", null, "h1", Container.Mode.BRIDGE, null, List.of(), List.of(), List.of(), List.of()), new Box(20, 60, 160, 70))
                .with(new Container("b", "b", null, "h1", Container.Mode.BRIDGE, null, List.of(), List.of(), List.of(), List.of()), new Box(200, 60, 160, 70))
                .with(new Overlay("ov", "ov", 42, "10.0.9.0/24", null, 0, 0, null, false, List.of()), new Box(0, -60, 900, 26));
    }

    @Test void containerToBridgeIsAVethWithTheNextFreeAddressPinned() {
        Outcome o = Connections.connect(twoHosts(), "a", "b1");
        assertThat(o.isRefused()).isFalse();
        Container a = o.document().get("a", Container.class).orElseThrow();
        assertThat(a.attachments()).containsExactly(new Attachment("b1", "172.17.0.2", List.of()));
        assertThat(TopologyGraph.of(o.document()).edgeSet()).contains(new Link(Link.Kind.VETH, "a", "b1", "b1"));
        Outcome second = Connections.connect(o.document(), "b1", "b");
        assertThat(second.document().get("b", Container.class).orElseThrow().attachments().get(0).ip()).isEqualTo("172.17.0.3");
    }

    @Test void aVethAcrossHostsIsRefusedWithTheReason() {
        Outcome o = Connections.connect(twoHosts(), "a", "b2");
        assertThat(o.isRefused()).isTrue();
        assertThat(o.refusal()).contains("br-x").contains("h2").contains("never leaves its host");
    }

    @Test void aContainerCannotBeConnectedToAHostOrAnotherContainer() {
        assertThat(Connections.connect(twoHosts(), "a", "h2").refusal()).contains("inside a host");
        assertThat(Connections.connect(twoHosts(), "b1", "b2").refusal()).contains("two bridges");
        assertThat(Connections.connect(twoHosts(), "lan", "b1").refusal()).contains("only hosts and external endpoints");
        assertThat(Connections.connect(twoHosts(), "a", "a").refusal()).contains("itself");
    }

    @Test void hostToUnderlayTakesAnAddressFromDotEleven() {
        Outcome o = Connections.connect(twoHosts(), "h1", "lan");
        Outcome p = Connections.connect(o.document(), "lan", "h2");
        assertThat(p.document().get("h1", Host.class).orElseThrow().address()).isEqualTo("192.168.50.11/24");
        assertThat(p.document().get("h2", Host.class).orElseThrow().address()).isEqualTo("192.168.50.12/24");
        assertThat(p.document().get("h2", Host.class).orElseThrow().underlay()).isEqualTo("lan");
    }

    @Test void bridgeOrContainerToOverlayIsVxlanMembership() {
        Outcome o = Connections.connect(twoHosts(), "b2", "ov");
        assertThat(o.document().get("ov", Overlay.class).orElseThrow().members()).containsExactly(Overlay.Member.of("h2"));
        Outcome c = Connections.connect(o.document(), "a", "ov");
        Document d = c.document();
        assertThat(d.get("a", Container.class).orElseThrow().attachments()).containsExactly(new Attachment("ov", "10.0.9.2", List.of()));
        assertThat(d.get("ov", Overlay.class).orElseThrow().hasMember("h1")).isTrue();
        assertThat(Connections.connect(d, "h1", "ov").refusal()).contains("already has a VTEP");
    }

    @Test void twoEndpointsMakeAnExpectedFlow() {
        Outcome o = Connections.connect(twoHosts(), "a", "b");
        dev.hopscope.model.Intent i = o.document().all(dev.hopscope.model.Intent.class).get(0);
        assertThat(i.from()).isEqualTo("a");
        assertThat(i.to()).isEqualTo("b");
        assertThat(i.expect()).isEqualTo(dev.hopscope.model.Intent.Expect.REACHABLE);
        assertThat(TopologyGraph.of(o.document()).edgeSet()).contains(new Link(Link.Kind.INTENT, "a", "b", i.id()));
    }

    @Test void disconnectRemovesTheAttributeThatIsTheLink() {
        Document d = Connections.connect(twoHosts(), "a", "b1").document();
        Outcome o = Connections.disconnect(d, new Link(Link.Kind.VETH, "a", "b1", "b1"));
        assertThat(o.document().get("a", Container.class).orElseThrow().attachments()).isEmpty();
    }
}
