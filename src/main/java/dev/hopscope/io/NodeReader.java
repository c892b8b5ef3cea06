package dev.hopscope.io;

import java.util.Set;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.Intent;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.LabelExpression;
import dev.hopscope.model.Network;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.kinds.NetworkKind;
import dev.hopscope.model.kinds.NetworkKinds;
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

    private static final Choices<NodeKind> KINDS = Choices.of(NodeKind.values(), NodeKind::label);
    private static final String[] KIND_LABELS = java.util.Arrays.stream(NodeKind.values()).map(NodeKind::label).toArray(String[]::new);
    private static final Choices<Host.Role> ROLE = Choices.of(Host.Role.values(), Host.Role::label);
    private static final Choices<Bridge.Kind> BRIDGE_KIND = Choices.of(Bridge.Kind.values(), Bridge.Kind::label);
    private static final Choices<Overlay.Driver> DRIVER = Choices.of(Overlay.Driver.values(), Overlay.Driver::label);
    private static final Choices<Overlay.ControlPlane> CONTROL_PLANE = Choices.of(Overlay.ControlPlane.values(), Overlay.ControlPlane::label);
    private static final Choices<Container.Mode> MODE = Choices.of(Container.Mode.values(), Container.Mode::label);
    private static final Choices<Service.Type> SERVICE_TYPE = Choices.of(Service.Type.values(), Service.Type::label);
    private static final Choices<Service.TrafficPolicy> TRAFFIC_POLICY = Choices.of(Service.TrafficPolicy.values(), Service.TrafficPolicy::label);
    private static final Choices<Intent.Expect> EXPECT = Choices.of(Intent.Expect.values(), Intent.Expect::label);
    private static final Choices<Service.LoadBalancerMode> LB_MODE = Choices.of(Service.LoadBalancerMode.values(), Service.LoadBalancerMode::label);
    private static final Choices<LabelExpression.Operator> OPERATOR = Choices.of(LabelExpression.Operator.values(), LabelExpression.Operator::label);
    private static final Choices<Ingress.PathType> PATH_TYPE = Choices.of(Ingress.PathType.values(), Ingress.PathType::label);
    private static final Choices<Proto> PROTO = Choices.of(Proto.values(), Proto::label);
    private static final Set<String> HOST_FIELDS = Set.of("kind", "id", "name", "role", "underlay", "address", "ipForward", "mtu", "routes");
    private static final Set<String> UNDERLAY_FIELDS = Set.of("kind", "id", "name", "subnet", "mtu", "gateway");
    private static final Set<String> BRIDGE_FIELDS = Set.of("kind", "id", "name", "host", "bridgeKind", "subnet", "gateway", "masquerade", "internal", "icc", "hairpinMode");
    private static final Set<String> NETWORK_FIELDS = Set.of("kind", "id", "name", "driver", "host", "members", "subnet", "gateway");
    private static final Set<String> OVERLAY_FIELDS = Set.of("kind", "id", "name", "vni", "subnet", "driver", "udpPort", "mtu", "controlPlane", "encrypted", "members");
    private static final Set<String> CONTAINER_FIELDS = Set.of("kind", "id", "name", "image", "host", "mode", "modeTarget", "attachments", "ports", "sockets", "links");
    private static final Set<String> POD_FIELDS = Set.of("kind", "id", "name", "namespace", "node", "labels", "containers", "hostNetwork", "network", "ip", "hostname", "subdomain", "hostPorts");
    private static final Set<String> SERVICE_FIELDS = Set.of("kind", "id", "name", "namespace", "type", "clusterIp", "ports", "selector", "trafficPolicy", "loadBalancerIp", "loadBalancerMode", "externalName");
    private static final Set<String> EXTERNAL_FIELDS = Set.of("kind", "id", "name", "underlay", "address", "sockets", "routes");
    private static final Set<String> INTENT_FIELDS = Set.of("kind", "id", "name", "from", "to", "probe", "expect");
    private static final Set<String> POLICY_FIELDS = Set.of("kind", "id", "name", "namespace", "podSelector", "ingressIsolated", "egressIsolated", "ingress", "egress", "podSelectorExpressions");
    private static final Set<String> NAMESPACE_FIELDS = Set.of("kind", "id", "name", "labels");
    private static final Set<String> INGRESS_FIELDS = Set.of("kind", "id", "name", "namespace", "ingressClassName", "controller", "rules", "defaultBackend");
    private static final Set<String> INGRESS_RULE_FIELDS = Set.of("host", "paths");
    private static final Set<String> INGRESS_PATH_FIELDS = Set.of("path", "pathType", "service", "port", "portName");
    private static final Set<String> BACKEND_FIELDS = Set.of("service", "port", "portName");
    private static final Set<String> EXPRESSION_FIELDS = Set.of("key", "operator", "values");
    private static final Set<String> MEMBER_FIELDS = Set.of("host", "vni");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("network", "ip", "aliases");
    private static final Set<String> PUBLISHED_FIELDS = Set.of("hostIp", "hostPort", "containerPort", "proto");
    private static final Set<String> POD_CONTAINER_FIELDS = Set.of("name", "image", "sockets");
    private static final Set<String> SERVICE_PORT_FIELDS = Set.of("name", "port", "targetPort", "nodePort", "proto");
    private static final Set<String> RULE_FIELDS = Set.of("peers", "ports");
    private static final Set<String> PEER_FIELDS = Set.of("podSelector", "namespaceSelector", "ipBlock", "podExpressions", "namespaceExpressions", "except");
    private static final Set<String> PORT_SPEC_FIELDS = Set.of("proto", "port", "portName", "endPort");
    private static final Set<String> SOCKET_FIELDS = Set.of("port", "proto", "bind", "name");
    private static final Set<String> ROUTE_FIELDS = Set.of("destination", "via");

    private NodeReader() {}

    static Node read(Located value, int index) {
        Fields raw = Fields.of(value, "a node", "each entry of \"nodes\"");
        String kindText = raw.string("kind");
        if (kindText == null) throw raw.error("node " + (index + 1) + " has no \"kind\" (one of " + KINDS.allowed() + ")");
        NodeKind kind = KINDS.find(kindText);
        if (kind == null)
            throw raw.error(raw.get("kind"), "unknown node kind \"" + kindText + "\" (known kinds: " + KINDS.allowed() + ")");
        String id = raw.string("id");
        if (id == null || id.isBlank()) throw raw.error("this " + kind.label() + " has no \"id\"");
        noControlCharacters(raw, "id", id);
        return raw.named(KIND_LABELS[kind.ordinal()], id).build(f -> map(kind, f));
    }

    private static String name(Fields f) {
        String n = f.string("name");
        if (n == null) return f.string("id");
        noControlCharacters(f, "name", n);
        return n;
    }

    /**
     * Ids and names become namespace and device names, graph labels and lines of a script: a
     * line break or another control character in one is a mistake that would break them.
     */
    private static void noControlCharacters(Fields f, String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085')
                throw f.error(f.get(field), "\"" + field + "\" holds a control character (\\u" + String.format("%04x", (int) c)
                        + "); ids and names are one line of printable text");
        }
    }

    private static Node map(NodeKind kind, Fields f) {
        switch (kind) {
            case HOST: return host(f.allow(HOST_FIELDS));
            case UNDERLAY: f.allow(UNDERLAY_FIELDS);
                return new Underlay(f.string("id"), name(f), f.string("subnet"), f.integer("mtu", 0), f.string("gateway"));
            case BRIDGE: return bridge(f.allow(BRIDGE_FIELDS));
            case OVERLAY: return overlay(f.allow(OVERLAY_FIELDS));
            case NETWORK: return network(f);
            case CONTAINER: return container(f.allow(CONTAINER_FIELDS));
            case POD: return pod(f.allow(POD_FIELDS));
            case SERVICE: return service(f.allow(SERVICE_FIELDS));
            case EXTERNAL: f.allow(EXTERNAL_FIELDS);
                return new External(f.string("id"), name(f), f.string("underlay"), f.string("address"),
                        f.objects("sockets", "a socket", NodeReader::socket), f.objects("routes", "a route", NodeReader::route));
            case INTENT: f.allow(INTENT_FIELDS);
                return new Intent(f.string("id"), name(f), f.string("from"), f.string("to"), f.probe("probe"),
                        f.choice("expect", EXPECT));
            case NETWORK_POLICY: return policy(f.allow(POLICY_FIELDS));
            case NAMESPACE: f.allow(NAMESPACE_FIELDS);
                return new KubeNamespace(f.string("id"), name(f), f.stringMap("labels"));
            case INGRESS: return ingress(f.allow(INGRESS_FIELDS));
            default: throw new IllegalStateException("unmapped kind " + kind);
        }
    }

    private static Host host(Fields f) {
        return new Host(f.string("id"), name(f), f.choice("role", ROLE),
                f.string("underlay"), f.string("address"), f.bool("ipForward"), f.integer("mtu", 0),
                f.objects("routes", "a route", NodeReader::route));
    }

    private static Bridge bridge(Fields f) {
        return new Bridge(f.string("id"), name(f), f.string("host"),
                f.choice("bridgeKind", BRIDGE_KIND), f.string("subnet"), f.string("gateway"),
                f.bool("masquerade"), f.bool("internal"), f.bool("icc"), f.bool("hairpinMode"));
    }

    /** A network of a registered kind: the common fields, then the kind's own options under their keys, typed as the kind says. */
    private static Network network(Fields f) {
        String driver = f.string("driver");
        if (driver == null) throw f.error("this network has no \"driver\" (one of " + NetworkKinds.drivers() + ")");
        NetworkKind kind = NetworkKinds.get(driver)
                .orElseThrow(() -> f.error(f.get("driver"), "unknown network driver \"" + driver + "\" (known drivers: " + NetworkKinds.drivers() + ")"));
        Set<String> allowed = new java.util.HashSet<>(NETWORK_FIELDS);
        for (NetworkKind.Option o : kind.options()) allowed.add(o.key());
        f.allow(allowed);
        java.util.Map<String, String> options = new java.util.TreeMap<>();
        for (NetworkKind.Option o : kind.options()) {
            String v;
            switch (o.type()) {
                case NUMBER: { Integer n = f.optionalInteger(o.key()); v = n == null ? null : n.toString(); break; }
                case BOOLEAN: { Boolean b = f.bool(o.key()); v = b == null ? null : b.toString(); break; }
                default: v = f.string(o.key());
            }
            if (v != null) options.put(o.key(), v);
        }
        return new Network(f.string("id"), name(f), driver, f.string("host"), f.strings("members"), f.string("subnet"),
                f.string("gateway"), options);
    }

    private static Overlay overlay(Fields f) {
        return new Overlay(f.string("id"), name(f), f.integer("vni", 0), f.string("subnet"),
                f.choice("driver", DRIVER), f.integer("udpPort", 0), f.integer("mtu", 0),
                f.choice("controlPlane", CONTROL_PLANE), f.bool("encrypted"),
                f.objects("members", "a member", m -> {
                    m.allow(MEMBER_FIELDS);
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
            mode = f.choice("mode", MODE);
        }
        return new Container(f.string("id"), name(f), f.string("image"), f.string("host"), mode, target,
                f.objects("attachments", "an attachment", a -> {
                    a.allow(ATTACHMENT_FIELDS);
                    return new Attachment(a.requiredString("network"), a.string("ip"), a.strings("aliases"));
                }),
                f.objects("ports", "a published port", p -> {
                    p.allow(PUBLISHED_FIELDS);
                    return new PublishedPort(p.string("hostIp"), p.integer("hostPort", 0), p.integer("containerPort", 0), proto(p));
                }),
                f.objects("sockets", "a socket", NodeReader::socket), f.strings("links"));
    }

    private static Pod pod(Fields f) {
        return new Pod(f.string("id"), name(f), f.string("namespace"), f.string("node"), f.stringMap("labels"),
                f.objects("containers", "a pod container", c -> {
                    c.allow(POD_CONTAINER_FIELDS);
                    return new Pod.PodContainer(c.string("name"), c.string("image"), c.objects("sockets", "a socket", NodeReader::socket));
                }),
                f.bool("hostNetwork"), f.string("network"), f.string("ip"), f.string("hostname"), f.string("subdomain"),
                f.objects("hostPorts", "a host port", NodeReader::published));
    }

    private static PublishedPort published(Fields p) {
        p.allow(PUBLISHED_FIELDS);
        return new PublishedPort(p.string("hostIp"), p.integer("hostPort", 0), p.integer("containerPort", 0), proto(p));
    }

    private static Ingress ingress(Fields f) {
        Fields def = f.object("defaultBackend", "the default backend");
        return new Ingress(f.string("id"), name(f), f.string("namespace"), f.string("ingressClassName"), f.stringMap("controller"),
                f.objects("rules", "an ingress rule", r -> {
                    r.allow(INGRESS_RULE_FIELDS);
                    return new Ingress.IngressRule(r.string("host"), r.objects("paths", "an ingress path", p -> {
                        p.allow(INGRESS_PATH_FIELDS);
                        return new Ingress.IngressPath(p.string("path"), p.choice("pathType", PATH_TYPE), backend(p));
                    }));
                }),
                def == null ? null : def.build(d -> backend(d.allow(BACKEND_FIELDS))));
    }

    private static Ingress.Backend backend(Fields b) {
        return new Ingress.Backend(b.requiredString("service"), b.integer("port", 0), b.string("portName"));
    }

    private static java.util.List<LabelExpression> expressions(Fields f, String name) {
        return f.objects(name, "a selector expression", e -> {
            e.allow(EXPRESSION_FIELDS);
            LabelExpression.Operator op = e.choice("operator", OPERATOR);
            if (op == null) throw e.error("a selector expression needs an \"operator\" (In, NotIn, Exists, DoesNotExist)");
            return new LabelExpression(e.requiredString("key"), op, e.strings("values"));
        });
    }

    private static Service service(Fields f) {
        return new Service(f.string("id"), name(f), f.string("namespace"),
                f.choice("type", SERVICE_TYPE), f.string("clusterIp"),
                f.objects("ports", "a service port", p -> {
                    p.allow(SERVICE_PORT_FIELDS);
                    return new Service.ServicePort(p.string("name"), p.integer("port", 0), p.integer("targetPort", 0),
                            p.integer("nodePort", 0), proto(p));
                }),
                f.stringMap("selector"), f.choice("trafficPolicy", TRAFFIC_POLICY),
                f.string("loadBalancerIp"), f.choice("loadBalancerMode", LB_MODE), f.string("externalName"));
    }

    private static NetworkPolicy policy(Fields f) {
        return new NetworkPolicy(f.string("id"), name(f), f.string("namespace"), f.stringMap("podSelector"),
                f.bool("ingressIsolated", false), f.bool("egressIsolated", false),
                f.objects("ingress", "an ingress rule", NodeReader::rule), f.objects("egress", "an egress rule", NodeReader::rule),
                expressions(f, "podSelectorExpressions"));
    }

    private static NetworkPolicy.Rule rule(Fields r) {
        r.allow(RULE_FIELDS);
        return new NetworkPolicy.Rule(
                r.objects("peers", "a peer", p -> {
                    p.allow(PEER_FIELDS);
                    return new NetworkPolicy.Peer(p.stringMap("podSelector"), p.stringMap("namespaceSelector"), p.string("ipBlock"),
                            expressions(p, "podExpressions"), expressions(p, "namespaceExpressions"), p.strings("except"));
                }),
                r.objects("ports", "a port", p -> {
                    p.allow(PORT_SPEC_FIELDS);
                    return new NetworkPolicy.PortSpec(proto(p), p.integer("port", 0), p.string("portName"), p.integer("endPort", 0));
                }));
    }

    static Socket socket(Fields s) {
        s.allow(SOCKET_FIELDS);
        return new Socket(s.integer("port", 0), proto(s), s.string("bind"), s.string("name"));
    }

    static StaticRoute route(Fields r) {
        r.allow(ROUTE_FIELDS);
        return new StaticRoute(r.string("destination"), r.string("via"));
    }

    private static Proto proto(Fields f) {
        return f.choice("proto", PROTO);
    }
}
