package dev.hopscope.io;

import java.util.Set;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.NodeKind;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.Underlay;

/**
 * Maps one JSON node object to its record, by hand: each kind's fields are listed once here
 * (and in the same order in {@link NodeWriter}), so a misspelt field is an error, not a loss.
 */
final class NodeReader {

    private NodeReader() {}

    static Node read(String source, Located value, int index) {
        Fields raw = Fields.of(source, value, "node " + (index + 1), "each entry of \"nodes\"");
        String kindText = raw.string("kind");
        if (kindText == null) throw raw.error("node " + (index + 1) + " has no \"kind\" (one of " + kinds() + ")");
        NodeKind kind = null;
        for (NodeKind k : NodeKind.values()) if (k.label().equalsIgnoreCase(kindText)) kind = k;
        if (kind == null)
            throw raw.error(raw.get("kind"), "unknown node kind \"" + kindText + "\" (known kinds: " + kinds() + ")");
        String id = raw.string("id");
        if (id == null || id.isBlank()) throw raw.error("this " + kind.label() + " has no \"id\"");
        Fields f = Fields.of(source, value, kind.label() + " \"" + id + "\"", "a node");
        NodeKind k = kind;
        return f.build(x -> map(k, x));
    }

    private static String kinds() {
        StringBuilder sb = new StringBuilder();
        for (NodeKind k : NodeKind.values()) sb.append(sb.length() == 0 ? "" : ", ").append(k.label());
        return sb.toString();
    }

    private static String name(Fields f) {
        String n = f.string("name");
        return n == null ? f.string("id") : n;
    }

    private static Node map(NodeKind kind, Fields f) {
        switch (kind) {
            case HOST: return host(f.allow(Set.of("kind", "id", "name", "role", "underlay", "address", "ipForward", "mtu", "routes")));
            case UNDERLAY: f.allow(Set.of("kind", "id", "name", "subnet", "mtu"));
                return new Underlay(f.string("id"), name(f), f.string("subnet"), f.integer("mtu", 0));
            case BRIDGE: return bridge(f.allow(Set.of("kind", "id", "name", "host", "bridgeKind", "subnet", "gateway", "masquerade", "internal", "icc")));
            case OVERLAY: return overlay(f.allow(Set.of("kind", "id", "name", "vni", "subnet", "driver", "udpPort", "mtu", "controlPlane", "encrypted", "members")));
            case CONTAINER: return container(f.allow(Set.of("kind", "id", "name", "image", "host", "mode", "modeTarget", "attachments", "ports", "sockets", "links")));
            case POD: return pod(f.allow(Set.of("kind", "id", "name", "namespace", "node", "labels", "containers", "hostNetwork", "network", "ip")));
            case SERVICE: return service(f.allow(Set.of("kind", "id", "name", "namespace", "type", "clusterIp", "ports", "selector", "trafficPolicy")));
            case EXTERNAL: f.allow(Set.of("kind", "id", "name", "underlay", "address", "sockets", "routes"));
                return new External(f.string("id"), name(f), f.string("underlay"), f.string("address"),
                        f.objects("sockets", "a socket", NodeReader::socket), f.objects("routes", "a route", NodeReader::route));
            case INTENT: f.allow(Set.of("kind", "id", "name", "from", "to", "probe", "expect"));
                return new Intent(f.string("id"), name(f), f.string("from"), f.string("to"), f.probe("probe"),
                        f.choice("expect", Intent.Expect.values(), Intent.Expect::label));
            case NETWORK_POLICY: return policy(f.allow(Set.of("kind", "id", "name", "namespace", "podSelector", "ingressIsolated", "egressIsolated", "ingress", "egress")));
            default: throw new IllegalStateException("unmapped kind " + kind);
        }
    }

    private static Host host(Fields f) {
        return new Host(f.string("id"), name(f), f.choice("role", Host.Role.values(), Host.Role::label),
                f.string("underlay"), f.string("address"), f.bool("ipForward"), f.integer("mtu", 0),
                f.objects("routes", "a route", NodeReader::route));
    }

    private static Bridge bridge(Fields f) {
        return new Bridge(f.string("id"), name(f), f.string("host"),
                f.choice("bridgeKind", Bridge.Kind.values(), Bridge.Kind::label), f.string("subnet"), f.string("gateway"),
                f.bool("masquerade"), f.bool("internal"), f.bool("icc"));
    }

    private static Overlay overlay(Fields f) {
        return new Overlay(f.string("id"), name(f), f.integer("vni", 0), f.string("subnet"),
                f.choice("driver", Overlay.Driver.values(), Overlay.Driver::label), f.integer("udpPort", 0), f.integer("mtu", 0),
                f.choice("controlPlane", Overlay.ControlPlane.values(), Overlay.ControlPlane::label), f.bool("encrypted"),
                f.objects("members", "a member", m -> {
                    m.allow(Set.of("host", "vni"));
                    return new Overlay.Member(m.requiredString("host"), m.optionalInteger("vni"));
                }));
    }

    private static Container container(Fields f) {
        Container.Mode mode;
        String target = f.string("modeTarget");
        String modeText = f.string("mode");
        // "container:web" is how docker writes it; accept it as well as mode + modeTarget
        if (modeText != null && modeText.regionMatches(true, 0, "container:", 0, 10) && target == null) {
            mode = Container.Mode.CONTAINER;
            target = modeText.substring(10);
        } else {
            mode = f.choice("mode", Container.Mode.values(), Container.Mode::label);
        }
        return new Container(f.string("id"), name(f), f.string("image"), f.string("host"), mode, target,
                f.objects("attachments", "an attachment", a -> {
                    a.allow(Set.of("network", "ip", "aliases"));
                    return new Attachment(a.requiredString("network"), a.string("ip"), a.strings("aliases"));
                }),
                f.objects("ports", "a published port", p -> {
                    p.allow(Set.of("hostIp", "hostPort", "containerPort", "proto"));
                    return new PublishedPort(p.string("hostIp"), p.integer("hostPort", 0), p.integer("containerPort", 0), proto(p));
                }),
                f.objects("sockets", "a socket", NodeReader::socket), f.strings("links"));
    }

    private static Pod pod(Fields f) {
        return new Pod(f.string("id"), name(f), f.string("namespace"), f.string("node"), f.stringMap("labels"),
                f.objects("containers", "a pod container", c -> {
                    c.allow(Set.of("name", "image", "sockets"));
                    return new Pod.PodContainer(c.string("name"), c.string("image"), c.objects("sockets", "a socket", NodeReader::socket));
                }),
                f.bool("hostNetwork"), f.string("network"), f.string("ip"));
    }

    private static Service service(Fields f) {
        return new Service(f.string("id"), name(f), f.string("namespace"),
                f.choice("type", Service.Type.values(), Service.Type::label), f.string("clusterIp"),
                f.objects("ports", "a service port", p -> {
                    p.allow(Set.of("name", "port", "targetPort", "nodePort", "proto"));
                    return new Service.ServicePort(p.string("name"), p.integer("port", 0), p.integer("targetPort", 0),
                            p.integer("nodePort", 0), proto(p));
                }),
                f.stringMap("selector"), f.choice("trafficPolicy", Service.TrafficPolicy.values(), Service.TrafficPolicy::label));
    }

    private static NetworkPolicy policy(Fields f) {
        return new NetworkPolicy(f.string("id"), name(f), f.string("namespace"), f.stringMap("podSelector"),
                f.bool("ingressIsolated", false), f.bool("egressIsolated", false),
                f.objects("ingress", "an ingress rule", NodeReader::rule), f.objects("egress", "an egress rule", NodeReader::rule));
    }

    private static NetworkPolicy.Rule rule(Fields r) {
        r.allow(Set.of("peers", "ports"));
        return new NetworkPolicy.Rule(
                r.objects("peers", "a peer", p -> {
                    p.allow(Set.of("podSelector", "namespaceSelector", "ipBlock"));
                    return new NetworkPolicy.Peer(p.stringMap("podSelector"), p.stringMap("namespaceSelector"), p.string("ipBlock"));
                }),
                r.objects("ports", "a port", p -> {
                    p.allow(Set.of("proto", "port"));
                    return new NetworkPolicy.PortSpec(proto(p), p.integer("port", 0));
                }));
    }

    static Socket socket(Fields s) {
        s.allow(Set.of("port", "proto", "bind"));
        return new Socket(s.integer("port", 0), proto(s), s.string("bind"));
    }

    static StaticRoute route(Fields r) {
        r.allow(Set.of("destination", "via"));
        return new StaticRoute(r.string("destination"), r.string("via"));
    }

    private static Proto proto(Fields f) {
        return f.choice("proto", Proto.values(), Proto::label);
    }
}
