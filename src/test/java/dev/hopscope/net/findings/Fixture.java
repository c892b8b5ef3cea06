package dev.hopscope.net.findings;

import dev.hopscope.net.Findings;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.Validator;
import dev.hopscope.net.Finding;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small documents for the findings tests, built the way the scenarios describe them. */
final class Fixture {
    private Fixture() {}

    static Underlay lan() { return new Underlay("lan", "lan", "192.168.50.0/24", 1500); }

    static Host docker(String id, String address) { return Host.docker(id, "lan", address + "/24"); }

    static Host node(String id, String address) { return docker(id, address).withRole(Host.Role.K8S_NODE); }

    static Bridge cni(String id, String host, String subnet) {
        return new Bridge(id, "cni0", host, Bridge.Kind.CNI, subnet, null, true, false, true);
    }

    static Bridge userBridge(String id, String host, String subnet) {
        return new Bridge(id, id, host, Bridge.Kind.USER_DEFINED, subnet, null, true, false, true);
    }

    static Container container(String id, String host, String network) { return Container.on(id, host, network); }

    static Container pinned(String id, String host, String network, String ip) {
        return Container.on(id, host, network).withAttachments(List.of(Attachment.to(network).withIp(ip)));
    }

    static Pod pod(String id, String node, Map<String, String> labels, Socket... sockets) {
        return new Pod(id, id, "default", node, labels, List.of(new Pod.PodContainer("main", "app", List.of(sockets))), false, null, null);
    }

    static Intent intent(String id, String from, String to, Probe probe) {
        return new Intent(id, id, from, to, probe, Intent.Expect.REACHABLE);
    }

    /** A document that must be structurally valid: findings are about networks, not broken files. */
    static Document doc(Node... nodes) {
        Document d = new Document("test", null, null, Arrays.asList(nodes), Map.of());
        assertThat(Validator.validate(d)).as("structural problems").isEmpty();
        return d;
    }

    static List<Finding> run(Document d) { return Findings.of(d, Ipam.allocate(d)); }

    static List<Finding> code(Document d, String code) {
        return run(d).stream().filter(f -> f.code().equals(code)).toList();
    }
}
