package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EditsTest {

    private static Document doc() {
        return Document.empty("t")
                .with(Host.docker("h1", null, null), new Box(0, 0, 400, 300))
                .with(Host.docker("h2", null, null), new Box(500, 0, 400, 300))
                .with(Bridge.docker0("b1", "h1"), new Box(20, 250, 360, 30))
                .with(Bridge.docker0("b2", "h2"), new Box(520, 250, 360, 30))
                .with(new Container("web", "web", null, "h1", Container.Mode.BRIDGE, null, List.of(new Attachment("b1", "172.17.0.2", List.of()), Attachment.to("ov")),
                        List.of(), List.of(), List.of()), new Box(20, 60, 160, 70))
                .with(new Overlay("ov", "ov", 42, "10.0.9.0/24", null, 0, 0, null, false, List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2"))), new Box(0, -60, 900, 26))
                .with(new Intent("i1", "i1", "web", "10.0.9.9", Probe.icmp(), null));
    }

    @Test void movingAHostMovesItsContentsByTheSameDelta() {
        Document d = Edits.move(doc(), List.of("h1"), 30, 40);
        assertThat(d.box("h1").orElseThrow()).isEqualTo(new Box(30, 40, 400, 300));
        assertThat(d.box("web").orElseThrow()).isEqualTo(new Box(50, 100, 160, 70));
        assertThat(d.box("b1").orElseThrow()).isEqualTo(new Box(50, 290, 360, 30));
        assertThat(d.box("h2")).isEqualTo(doc().box("h2"));
    }

    @Test void aCardDroppedIntoAnotherHostMovesIntoItAndGetsAVethThere() {
        Outcome o = Edits.moveSelection(doc(), List.of("web"), 550, 0);
        assertThat(o.isRefused()).isFalse();
        Container web = o.document().get("web", Container.class).orElseThrow();
        assertThat(web.host()).isEqualTo("h2");
        assertThat(web.attachments()).extracting(Attachment::network).containsExactly("ov", "b2");
        assertThat(o.description()).isEqualTo("Move web into h2");
    }

    @Test void aCardDroppedOutsideEveryHostIsRefused() {
        Outcome o = Edits.moveSelection(doc(), List.of("web"), 0, 600);
        assertThat(o.refusal()).contains("lives inside a host");
    }

    @Test void deletingAHostTakesItsContentsAndEveryReferenceToThem() {
        Document d = Edits.delete(doc(), List.of("h1"));
        assertThat(d.node("h1")).isEmpty();
        assertThat(d.node("b1")).isEmpty();
        assertThat(d.node("web")).isEmpty();
        assertThat(d.node("i1")).isEmpty();
        assertThat(d.get("ov", Overlay.class).orElseThrow().members()).containsExactly(Overlay.Member.of("h2"));
        assertThat(d.layout()).doesNotContainKeys("h1", "b1", "web");
    }

    @Test void deletingABridgeUnplugsItsVeths() {
        Document d = Edits.delete(doc(), List.of("b1"));
        assertThat(d.get("web", Container.class).orElseThrow().attachments()).extracting(Attachment::network).containsExactly("ov");
    }

    @Test void resizingAHostStretchesItsBridgesAndKeepsAMinimum() {
        Document d = Edits.resize(doc(), "h1", new Box(0, 0, 600, 400));
        assertThat(d.box("b1").orElseThrow().w()).isEqualTo(600 - 2 * dev.hopscope.model.layout.Metrics.HOST_PAD);
        Document tiny = Edits.resize(doc(), "h1", new Box(0, 0, 10, 10));
        assertThat(tiny.box("h1").orElseThrow().w()).isEqualTo(dev.hopscope.model.layout.Metrics.HOST_MIN_W);
    }

    @Test void aPastedCopyHasFreshIdsNamesAndAddressesAndKeepsItsInnerLinks() {
        Fragment f = Fragment.of(doc(), List.of("h1"));
        assertThat(f.nodes()).extracting(n -> n.id()).containsExactly("h1", "b1", "web");
        Fragment.Pasted p = f.pasteInto(doc(), 30, 30);
        Document d = p.document();
        assertThat(p.ids()).hasSize(3).doesNotContain("h1", "b1", "web");
        Container copy = d.all(Container.class).stream().filter(c -> !c.id().equals("web")).findFirst().orElseThrow();
        String bridgeCopy = p.ids().get(1);
        assertThat(copy.host()).isEqualTo(p.ids().get(0));
        assertThat(copy.attachments().get(0).network()).isEqualTo(bridgeCopy);
        assertThat(copy.attachments().get(0).ip()).isEqualTo("172.17.0.2"); // a new docker0 of its own
        assertThat(copy.name()).isNotEqualTo("web");
        assertThat(d.box(copy.id()).orElseThrow()).isEqualTo(new Box(50, 90, 160, 70));
    }

    @Test void creationNestsCardsInTheHostUnderThePointAndAttachesOnABridge() {
        Outcome o = Creation.drop(doc(), Blueprint.CONTAINER, 300, 260);
        assertThat(o.isRefused()).isFalse();
        Container c = o.document().all(Container.class).stream().filter(x -> !x.id().equals("web")).findFirst().orElseThrow();
        assertThat(c.host()).isEqualTo("h1");
        assertThat(c.attachments()).containsExactly(new Attachment("b1", "172.17.0.3", List.of()));
        Box b = o.document().box(c.id()).orElseThrow();
        assertThat(b.y() + b.h()).isLessThanOrEqualTo(300 - dev.hopscope.model.layout.Metrics.HOST_PAD);
        assertThat(Creation.drop(doc(), Blueprint.POD, 2000, 2000).refusal()).contains("inside a host");
        assertThat(Creation.drop(doc(), Blueprint.DOCKER0, 100, 100).refusal()).contains("already has");
    }
}
