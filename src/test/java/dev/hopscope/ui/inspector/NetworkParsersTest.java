package dev.hopscope.ui.inspector;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Network;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inspector's syntax where it meets networks of a registered kind: attachments to them, and the hosts a cluster network spans. */
class NetworkParsersTest {
    private static Host host(String id) {
        return new Host(id, id, Host.Role.DOCKER, null, null, true, 1500, List.of());
    }

    private final Document doc = Document.empty("t")
            .with(host("h1"), new Box(0, 0, 400, 200)).with(host("h2"), new Box(500, 0, 400, 200))
            .with(new Bridge("h1-docker0", "docker0", "h1", Bridge.Kind.DEFAULT, "172.17.0.0/16", null, true, false, true), new Box(20, 150, 360, 30))
            .with(new Network("mac1", "macnet", "macvlan", "h1", List.of(), "192.168.50.0/24", null, Map.of()), new Box(20, 100, 360, 30))
            .with(new Network("mac2", "macnet", "macvlan", "h2", List.of(), "192.168.60.0/24", null, Map.of()), new Box(520, 100, 360, 30));

    @Test void anAttachmentNamesAMacvlanNetworkByNameAndTheOneInTheContainersHostIsMeant() {
        assertThat(Parsers.attachments("macnet 192.168.50.30\ndocker0", doc, "h1")).containsExactly(
                new Attachment("mac1", "192.168.50.30", List.of()), new Attachment("h1-docker0", null, List.of()));
        assertThat(Parsers.attachments("macnet", doc, "h2")).containsExactly(new Attachment("mac2", null, List.of()));
        assertThat(Parsers.showAttachments(List.of(new Attachment("mac2", "192.168.60.9", List.of())), doc, "h2")).isEqualTo("macnet 192.168.60.9");
        assertThatThrownBy(() -> Parsers.attachments("calico", doc, "h1")).hasMessage("'calico' is not a bridge, an overlay or a network of this document");
    }

    @Test void memberHostsAreReadByNameAndShownByName() {
        assertThat(Parsers.hosts("h2, h1", doc)).containsExactly("h2", "h1");
        assertThat(Parsers.hosts("  ", doc)).isEmpty();
        assertThat(Parsers.showHosts(List.of("h1", "h2"), doc)).isEqualTo("h1, h2");
        assertThatThrownBy(() -> Parsers.hosts("h1, macnet", doc)).hasMessage("'macnet' is not a host of this document");
        assertThatThrownBy(() -> Parsers.hosts("h1, h1", doc)).hasMessage("'h1' is listed twice");
    }
}
