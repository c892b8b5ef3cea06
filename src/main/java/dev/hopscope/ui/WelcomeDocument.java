package dev.hopscope.ui;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document shown at start-up when the jar carries no welcome sample: two Docker hosts on a
 * LAN, a web container published on the first, and an overlay (VNI 42) joining web to an api
 * on the second, so a first-time user sees bridges, NAT and VXLAN at once.
 */
public final class WelcomeDocument {
    private WelcomeDocument() {}

    public static Document create() {
        List<Node> nodes = List.of(
                new Underlay("lan", "lan", "192.168.50.0/24", 1500),
                new Host("h1", "host-1", Host.Role.DOCKER, "lan", "192.168.50.11/24", true, 1500, List.of()),
                new Host("h2", "host-2", Host.Role.DOCKER, "lan", "192.168.50.12/24", true, 1500, List.of()),
                Bridge.docker0("h1-docker0", "h1"),
                Bridge.docker0("h2-docker0", "h2"),
                new Overlay("ov1", "ov1", 42, "10.0.9.0/24", Overlay.Driver.DOCKER_OVERLAY, 0, 0, null, false,
                        List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2"))),
                new Container("web", "web", "nginx:1.27", "h1", Container.Mode.BRIDGE, null,
                        List.of(Attachment.to("h1-docker0"), Attachment.to("ov1")),
                        List.of(PublishedPort.tcp(8080, 80)), List.of(Socket.tcp(80)), List.of()),
                new Container("cache", "cache", "redis:7", "h1", Container.Mode.BRIDGE, null,
                        List.of(Attachment.to("h1-docker0")), List.of(), List.of(Socket.tcp(6379)), List.of()),
                new Container("api", "api", "api:2.1", "h2", Container.Mode.BRIDGE, null,
                        List.of(Attachment.to("ov1"), Attachment.to("h2-docker0")), List.of(), List.of(Socket.tcp(8080)), List.of()),
                new External("laptop", "laptop", "lan", "192.168.50.100/24", List.of(), List.of()));
        Map<String, Box> boxes = new LinkedHashMap<>();
        boxes.put("ov1", new Box(40, 20, 900, 26));
        boxes.put("h1", new Box(40, 80, 420, 260));
        boxes.put("cache", new Box(60, 150, 160, 70));
        boxes.put("web", new Box(280, 150, 160, 70));
        boxes.put("h1-docker0", new Box(60, 290, 380, 30));
        boxes.put("h2", new Box(520, 80, 420, 260));
        boxes.put("api", new Box(760, 150, 160, 70));
        boxes.put("h2-docker0", new Box(540, 290, 380, 30));
        boxes.put("laptop", new Box(1000, 260, 64, 64));
        boxes.put("lan", new Box(40, 390, 1040, 26));
        return new Document("welcome", "Two Docker hosts, a published port and a VXLAN overlay", null, nodes, boxes);
    }
}
