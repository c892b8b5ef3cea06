package dev.hopscope.io;

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
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.Underlay;

/** Writes a node's fields in a fixed order: kind, id, name, then the record components as declared. */
final class NodeWriter {

    private NodeWriter() {}

    static void write(Out o, Node n) {
        o.str("kind", n.kind().label()).str("id", n.id()).str("name", n.name());
        if (n instanceof Host) {
            Host h = (Host) n;
            o.str("role", h.role().label()).str("underlay", h.underlay()).str("address", h.address())
                    .bool("ipForward", h.ipForward()).num("mtu", h.mtu()).list("routes", h.routes(), NodeWriter::route);
        } else if (n instanceof Underlay) {
            Underlay u = (Underlay) n;
            o.str("subnet", u.subnet()).num("mtu", u.mtu()).str("gateway", u.gateway());
        } else if (n instanceof Bridge) {
            Bridge b = (Bridge) n;
            o.str("host", b.host()).str("bridgeKind", b.bridgeKind().label()).str("subnet", b.subnet())
                    .str("gateway", b.gateway()).bool("masquerade", b.masquerade()).bool("internal", b.internal()).bool("icc", b.icc())
                    .bool("hairpinMode", b.hairpinMode());
        } else if (n instanceof Network) {
            Network w = (Network) n;
            o.str("driver", w.driver()).str("host", w.host()).strings("members", w.members()).str("subnet", w.subnet()).str("gateway", w.gateway());
            // the kind's options in its own order, typed as it says (only those set: the rest take their defaults)
            w.networkKind().ifPresent(k -> {
                for (NetworkKind.Option opt : k.options()) {
                    String v = w.options().get(opt.key());
                    if (v == null) continue;
                    if (opt.type() == NetworkKind.Type.NUMBER && v.matches("-?\\d{1,9}")) o.num(opt.key(), Integer.parseInt(v));
                    else if (opt.type() == NetworkKind.Type.BOOLEAN && (v.equals("true") || v.equals("false"))) o.bool(opt.key(), Boolean.parseBoolean(v));
                    else o.str(opt.key(), v); // a value the validator refuses stays as written
                }
            });
        } else if (n instanceof Overlay) {
            Overlay v = (Overlay) n;
            o.num("vni", v.vni()).str("subnet", v.subnet()).str("driver", v.driver().label()).num("udpPort", v.udpPort())
                    .num("mtu", v.mtu()).str("controlPlane", v.controlPlane().label()).bool("encrypted", v.encrypted())
                    .list("members", v.members(), (x, m) -> x.str("host", m.host()).num("vni", m.vni()));
        } else if (n instanceof Container) {
            Container c = (Container) n;
            o.str("image", c.image()).str("host", c.host()).str("mode", c.mode().label()).str("modeTarget", c.modeTarget())
                    .list("attachments", c.attachments(), NodeWriter::attachment)
                    .list("ports", c.ports(), NodeWriter::published)
                    .list("sockets", c.sockets(), NodeWriter::socket)
                    .strings("links", c.links());
        } else if (n instanceof Pod) {
            Pod p = (Pod) n;
            o.str("namespace", p.namespace()).str("node", p.node()).map("labels", p.labels(), false)
                    .list("containers", p.containers(), (x, c) -> x.str("name", c.name()).str("image", c.image())
                            .list("sockets", c.sockets(), NodeWriter::socket))
                    .bool("hostNetwork", p.hostNetwork()).str("network", p.network()).str("ip", p.ip())
                    .str("hostname", p.hostname()).str("subdomain", p.subdomain())
                    .list("hostPorts", p.hostPorts(), NodeWriter::published);
        } else if (n instanceof Service) {
            Service s = (Service) n;
            o.str("namespace", s.namespace()).str("type", s.type().label()).str("clusterIp", s.clusterIp())
                    .list("ports", s.ports(), (x, p) -> x.str("name", p.name()).num("port", p.port())
                            .num("targetPort", p.targetPort()).num("nodePort", p.nodePort()).str("proto", p.proto().label()))
                    .map("selector", s.selector(), false).str("trafficPolicy", s.trafficPolicy().label())
                    .str("loadBalancerIp", s.loadBalancerIp())
                    .str("loadBalancerMode", s.loadBalancerMode() == null ? null : s.loadBalancerMode().label())
                    .str("externalName", s.externalName());
        } else if (n instanceof External) {
            External e = (External) n;
            o.str("underlay", e.underlay()).str("address", e.address())
                    .list("sockets", e.sockets(), NodeWriter::socket).list("routes", e.routes(), NodeWriter::route);
        } else if (n instanceof Intent) {
            Intent i = (Intent) n;
            o.str("from", i.from()).str("to", i.to()).str("probe", i.probe().toString()).str("expect", i.expect().label());
        } else if (n instanceof NetworkPolicy) {
            NetworkPolicy p = (NetworkPolicy) n;
            o.str("namespace", p.namespace()).map("podSelector", p.podSelector(), false)
                    .bool("ingressIsolated", p.ingressIsolated()).bool("egressIsolated", p.egressIsolated())
                    .list("ingress", p.ingress(), NodeWriter::rule).list("egress", p.egress(), NodeWriter::rule)
                    .list("podSelectorExpressions", p.podSelectorExpressions(), NodeWriter::expression);
        } else if (n instanceof KubeNamespace ns) {
            o.map("labels", ns.labels(), false);
        } else if (n instanceof Ingress in) {
            o.str("namespace", in.namespace()).str("ingressClassName", in.ingressClassName())
                    .map("controller", in.controller().equals(Ingress.DEFAULT_CONTROLLER) ? null : in.controller(), false)
                    .list("rules", in.rules(), (x, r) -> x.str("host", r.host()).list("paths", r.paths(),
                            (y, p) -> { y.str("path", p.path()).str("pathType", p.pathType().label()); backend(y, p.backend()); }));
            if (in.defaultBackend() != null) o.obj("defaultBackend", x -> backend(x, in.defaultBackend()));
        } else {
            throw new IllegalStateException("no writer for " + n.kind());
        }
    }

    private static void rule(Out o, NetworkPolicy.Rule r) {
        o.list("peers", r.peers(), (x, p) -> x.map("podSelector", p.podSelector(), true)
                        .map("namespaceSelector", p.namespaceSelector(), true).str("ipBlock", p.ipBlock())
                        .list("podExpressions", p.podExpressions(), NodeWriter::expression)
                        .list("namespaceExpressions", p.namespaceExpressions(), NodeWriter::expression)
                        .strings("except", p.except()))
                .list("ports", r.ports(), (x, p) -> {
                    x.str("proto", p.proto().label()).num("port", p.port()).str("portName", p.portName());
                    if (p.endPort() != 0) x.num("endPort", p.endPort());
                });
    }

    private static void expression(Out o, LabelExpression e) {
        o.str("key", e.key()).str("operator", e.operator().label()).strings("values", e.values());
    }

    private static void backend(Out o, Ingress.Backend b) {
        o.str("service", b.service());
        if (b.port() != 0) o.num("port", b.port());
        o.str("portName", b.portName());
    }

    private static void attachment(Out o, Attachment a) {
        o.str("network", a.network()).str("ip", a.ip()).strings("aliases", a.aliases());
    }

    private static void published(Out o, PublishedPort p) {
        o.str("hostIp", p.hostIp()).num("hostPort", p.hostPort()).num("containerPort", p.containerPort()).str("proto", p.proto().label());
    }

    static void socket(Out o, Socket s) {
        o.num("port", s.port()).str("proto", s.proto().label()).str("bind", s.bind()).str("name", s.name());
    }

    static void route(Out o, StaticRoute r) {
        o.str("destination", r.destination()).str("via", r.via());
    }
}
