package dev.hopscope.net;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;

import java.util.List;

/** The public scenarios of scenarios.md built in code, for engine tests that do not depend on files. */
final class Scenarios {
    private Scenarios() {}

    static Document base(String name, int hosts, boolean ext) {
        Document d = Document.empty(name).with(new Underlay("lan", "lan", "192.168.50.0/24", 1500));
        for (int i = 1; i <= hosts; i++) d = d.with(Host.docker("h" + i, "lan", "192.168.50." + (10 + i) + "/24"));
        if (ext) d = d.with(new External("ext", "ext", "lan", "192.168.50.100/24", List.of(Socket.tcp(443)), List.of()));
        return d;
    }

    static Container web(String id, String host, String net, String ip, int... ports) {
        List<Socket> s = java.util.Arrays.stream(ports).mapToObj(Socket::tcp).toList();
        return new Container(id, id, null, host, Container.Mode.BRIDGE, null, List.of(new Attachment(net, ip, List.of())), List.of(), s, List.of());
    }

    static Document s1() {
        return base("S1", 1, false).with(Bridge.docker0("docker0", "h1"))
                .with(web("a", "h1", "docker0", null, 80)).with(web("b", "h1", "docker0", null, 80));
    }

    static Document s2() {
        return base("S2", 2, false).with(Bridge.docker0("d1", "h1")).with(Bridge.docker0("d2", "h2"))
                .with(web("a", "h1", "d1", "172.17.0.2")).with(web("b", "h2", "d2", "172.17.0.3"));
    }

    static Document s3() {
        Overlay ov = new Overlay("ov", "ov", 42, "10.0.9.0/24", Overlay.Driver.DOCKER_OVERLAY, 0, 0, Overlay.ControlPlane.SWARM, false,
                List.of(Overlay.Member.of("h1"), Overlay.Member.of("h2")));
        return base("S3", 2, false).with(ov).with(web("a", "h1", "ov", "10.0.9.2", 80)).with(web("b", "h2", "ov", "10.0.9.3", 80));
    }

    static Document s7(boolean masquerade) {
        Bridge d0 = Bridge.docker0("docker0", "h1").withMasquerade(masquerade);
        return base("S7", 1, true).with(d0).with(web("a", "h1", "docker0", "172.17.0.2"));
    }

    static Document s8() {
        Container web = web("web", "h1", "docker0", "172.17.0.2", 80).withPorts(List.of(PublishedPort.tcp(8080, 80)));
        return base("S8", 1, true).with(Bridge.docker0("docker0", "h1")).with(web);
    }
}
