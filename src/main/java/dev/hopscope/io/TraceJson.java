package dev.hopscope.io;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.trace.Alternative;
import dev.hopscope.net.trace.Branch;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.DropCause;
import dev.hopscope.net.trace.Flow;
import dev.hopscope.net.trace.HeaderChange;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.Leg;
import dev.hopscope.net.trace.Narrator;
import dev.hopscope.net.trace.NeighbourLookup;
import dev.hopscope.net.trace.Proxied;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Target;
import dev.hopscope.net.trace.Trace;
import tools.jackson.core.JsonGenerator;

import java.util.Map;

/**
 * {@code trace --json}: SPEC section 3's object ({@code from, to, probe, via, disposition, reason,
 * hops, reply}, each hop {@code n, host, namespace, device, node, step, packet, changed, note}),
 * and additive fields: per hop its typed {@code detail}, its {@code changes} as values and its
 * {@code arp} exchange; per trace its {@code target}, the {@code alternatives} it considered and
 * the {@code branches} of a Service.
 */
final class TraceJson {
    private TraceJson() {}

    static void write(JsonGenerator g, Trace t, Narrator narrator) {
        g.writeStartObject();
        g.writeStringProperty("from", t.from());
        g.writeStringProperty("to", t.to());
        g.writeStringProperty("probe", t.probe().toString());
        g.writeStringProperty("via", t.via());
        g.writeStringProperty("disposition", t.disposition().name());
        g.writeStringProperty("reason", t.reason());
        g.writeName("hops");
        hops(g, t.request());
        g.writeName("reply");
        if (t.reply() == null) g.writeNull();
        else {
            g.writeStartObject();
            g.writeStringProperty("disposition", t.reply().disposition().name());
            g.writeStringProperty("reason", t.reply().reason());
            g.writeName("hops");
            hops(g, t.reply());
            g.writeEndObject();
        }
        g.writeName("target");
        if (t.target().isEmpty()) g.writeNull();
        else target(g, t.target().get(), narrator == null ? null : narrator.targetChoice(t).orElse(null));
        g.writeName("alternatives");
        g.writeStartArray();
        for (Alternative a : t.alternatives()) {
            g.writeStartObject();
            g.writeStringProperty("label", a.label());
            g.writeStringProperty("via", a.target().via(t.probe().proto()));
            g.writeStringProperty("how", how(a.target().how()));
            g.writeStringProperty("disposition", a.outcome().map(Enum::name).orElse(null));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("branches");
        g.writeStartArray();
        for (Branch b : t.branches()) {
            g.writeStartObject();
            g.writeStringProperty("endpoint", b.endpoint());
            g.writeStringProperty("disposition", b.disposition().name());
            if (!b.choices().isEmpty()) {
                StepDetail.Choice last = b.choices().get(b.choices().size() - 1);
                g.writeStringProperty("address", last.address() + (last.port() != 0 ? ":" + last.port() : ""));
                if (last.by() != null) g.writeStringProperty("by", last.by()); // who picks: kube-proxy, Cilium's socket load balancer, ...
            }
            g.writeBooleanProperty("followed", b.followed());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (t.proxied().isPresent()) proxied(g, t.proxied().get(), narrator);
        if (t.dnsQuery().isPresent()) {
            g.writeName("dnsQuery");
            write(g, t.dnsQuery().get(), narrator);
        }
        g.writeEndObject();
    }

    /** An Ingress controller's part: which rule matched, and its own connection as a trace object of the same shape. */
    private static void proxied(JsonGenerator g, Proxied p, Narrator narrator) {
        g.writeName("proxied");
        g.writeStartObject();
        g.writeStringProperty("controller", p.controller());
        g.writeStringProperty("host", p.host());
        g.writeStringProperty("path", p.path());
        if (p.routed().isPresent()) {
            var r = p.routed().get();
            g.writeStringProperty("ingress", r.ingress().id());
            if (!r.match().viaDefault()) {
                g.writeStringProperty("ruleHost", r.match().rule().host());
                g.writeStringProperty("rulePath", r.match().path().path());
                g.writeStringProperty("pathType", r.match().path().pathType().label());
            } else g.writeBooleanProperty("defaultBackend", true);
            g.writeStringProperty("backend", r.match().backend().toString());
        }
        g.writeStringProperty("service", p.service());
        if (narrator != null) g.writeStringProperty("note", narrator.proxied(p));
        g.writeName("connection");
        if (p.connection().isPresent()) write(g, p.connection().get(), narrator);
        else g.writeNull();
        g.writeEndObject();
    }

    private static void hops(JsonGenerator g, Leg leg) {
        g.writeStartArray();
        for (Hop h : leg.hops()) {
            g.writeStartObject();
            g.writeNumberProperty("n", h.n());
            g.writeStringProperty("host", h.host());
            g.writeStringProperty("namespace", h.namespace());
            g.writeStringProperty("device", h.device());
            g.writeStringProperty("node", h.node());
            g.writeStringProperty("step", h.step().name());
            g.writeName("packet");
            g.writeStartArray();
            for (Layer l : h.layers()) {
                g.writeStartObject();
                g.writeStringProperty("layer", l.layer());
                for (Map.Entry<String, String> f : l.fields().entrySet()) g.writeStringProperty(f.getKey(), f.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("changed");
            g.writeStartArray();
            for (String c : h.changed()) g.writeString(c);
            g.writeEndArray();
            g.writeStringProperty("note", h.note());
            g.writeName("changes");
            g.writeStartArray();
            for (HeaderChange c : h.changes()) change(g, c);
            g.writeEndArray();
            g.writeName("detail");
            detail(g, h.detail());
            if (h.arp().isPresent()) {
                g.writeName("arp");
                arp(g, h.arp().get());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void change(JsonGenerator g, HeaderChange c) {
        g.writeStartObject();
        g.writeStringProperty("kind", c instanceof HeaderChange.Field ? "field" : c instanceof HeaderChange.Pushed ? "pushed" : "popped");
        g.writeNumberProperty("layer", c.layer());
        g.writeStringProperty("header", c.header());
        if (c instanceof HeaderChange.Field f) {
            g.writeStringProperty("field", f.field());
            g.writeStringProperty("before", f.before());
            g.writeStringProperty("after", f.after());
        }
        g.writeEndObject();
    }

    private static void arp(JsonGenerator g, NeighbourLookup l) {
        g.writeStartObject();
        g.writeStringProperty("namespace", l.namespace());
        g.writeStringProperty("device", l.device());
        str(g, "senderAddress", l.senderAddress());
        str(g, "senderMac", l.senderMac());
        str(g, "target", l.target());
        NeighbourLookup.Answer a = l.answer();
        if (a instanceof NeighbourLookup.ArpReply r) {
            g.writeStringProperty("answer", "arp-reply");
            g.writeStringProperty("answeredBy", r.namespace() + ":" + r.device());
            g.writeStringProperty("mac", r.mac().toString());
            g.writeBooleanProperty("proxy", r.proxy());
        } else if (a instanceof NeighbourLookup.PermanentEntry p) {
            g.writeStringProperty("answer", "permanent-entry");
            g.writeStringProperty("mac", p.mac().toString());
        } else {
            g.writeStringProperty("answer", "none");
        }
        g.writeStringProperty("note", l.note());
        g.writeEndObject();
    }

    private static void target(JsonGenerator g, Target t, String note) {
        g.writeStartObject();
        if (note != null) g.writeStringProperty("note", note);
        g.writeStringProperty("address", t.address().toString());
        g.writeNumberProperty("port", t.port());
        g.writeStringProperty("how", how(t.how()));
        Target.How h = t.how();
        if (h instanceof Target.OwnAddress o) g.writeStringProperty("network", o.network());
        if (h instanceof Target.PublishedPort p) {
            g.writeStringProperty("host", p.host());
            g.writeNumberProperty("containerPort", p.containerPort());
            g.writeNumberProperty("hostPort", p.hostPort());
        }
        if (h instanceof Target.NodePort n) {
            g.writeStringProperty("service", n.service());
            g.writeStringProperty("node", n.node());
            g.writeNumberProperty("servicePort", n.servicePort());
            g.writeNumberProperty("nodePort", n.nodePort());
        }
        if (h instanceof Target.ClusterIp c) {
            g.writeStringProperty("service", c.service());
            g.writeNumberProperty("servicePort", c.servicePort());
        }
        if (h instanceof Target.LoadBalancer l) {
            g.writeStringProperty("service", l.service());
            g.writeNumberProperty("servicePort", l.servicePort());
        }
        if (t.endpoint().isPresent()) g.writeStringProperty("endpoint", t.endpoint().get());
        if (t.lookup().isPresent()) {
            g.writeName("dns");
            g.writeStartObject();
            dns(g, t.lookup().get());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static String how(Target.How h) {
        if (h instanceof Target.OwnAddress) return "own-address";
        if (h instanceof Target.PublishedPort) return "published-port";
        if (h instanceof Target.NodePort) return "node-port";
        if (h instanceof Target.ClusterIp) return "cluster-ip";
        if (h instanceof Target.LoadBalancer) return "load-balancer";
        return "address";
    }

    private static void detail(JsonGenerator g, StepDetail d) {
        g.writeStartObject();
        if (d instanceof StepDetail.Routed r) {
            g.writeStringProperty("kind", r.forwarded() ? "forward" : "route");
            str(g, "destination", r.destination());
            route(g, r.route());
            if (r.forwarded()) {
                g.writeNumberProperty("ttlBefore", r.ttlBefore());
                g.writeNumberProperty("ttlAfter", r.ttlAfter());
            }
            if (r.outer()) g.writeBooleanProperty("outer", true);
        } else if (d instanceof StepDetail.Local l) {
            g.writeStringProperty("kind", "local");
            str(g, "destination", l.destination());
        } else if (d instanceof StepDetail.Fragmented f) {
            g.writeStringProperty("kind", "fragment");
            g.writeStringProperty("device", f.device());
            g.writeNumberProperty("mtu", f.mtu());
            g.writeNumberProperty("length", f.length());
        } else if (d instanceof StepDetail.VethCrossed v) {
            g.writeStringProperty("kind", "veth");
            g.writeStringProperty("from", v.fromNamespace() + ":" + v.fromDevice());
            g.writeStringProperty("to", v.toNamespace() + ":" + v.toDevice());
        } else if (d instanceof StepDetail.Bridged b) {
            g.writeStringProperty("kind", "bridge");
            g.writeStringProperty("bridge", b.bridge());
            str(g, "mac", b.destination());
            g.writeStringProperty("port", b.port());
            if (b.afterDnat()) g.writeBooleanProperty("bridgedBack", true); // br_netfilter: back to the bridge after DNAT, not routed
            if (b.hairpin()) g.writeBooleanProperty("hairpin", true);       // out of the port it came in by
        } else if (d instanceof StepDetail.ToBridgeItself b) {
            g.writeStringProperty("kind", "bridge-local");
            g.writeStringProperty("bridge", b.bridge());
        } else if (d instanceof StepDetail.UnderlayCrossed u) {
            g.writeStringProperty("kind", "underlay");
            g.writeStringProperty("underlay", u.underlay());
            g.writeStringProperty("from", u.fromNamespace());
            g.writeStringProperty("to", u.toNamespace());
            str(g, "mac", u.destination());
        } else if (d instanceof StepDetail.Filtered f) {
            g.writeStringProperty("kind", "filter");
            rule(g, f.rule());
            g.writeName("path");
            g.writeStartArray();
            for (Rule.Chain c : f.path()) g.writeString(c.name());
            g.writeEndArray();
        } else if (d instanceof StepDetail.Dnat n) {
            g.writeStringProperty("kind", "dnat");
            flows(g, n.before(), n.after());
            rule(g, n.rule());
            n.choice().ifPresent(c -> choice(g, c));
        } else if (d instanceof StepDetail.SocketTranslated n) {
            g.writeStringProperty("kind", "socket-lb");
            g.writeStringProperty("by", n.by());
            g.writeStringProperty("namespace", n.namespace());
            flows(g, n.before(), n.after());
            rule(g, n.rule());
            n.choice().ifPresent(c -> choice(g, c));
        } else if (d instanceof StepDetail.Masquerade m) {
            g.writeStringProperty("kind", "masquerade");
            flows(g, m.before(), m.after());
            rule(g, m.rule());
        } else if (d instanceof StepDetail.Unnat u) {
            g.writeStringProperty("kind", "conntrack");
            flows(g, u.before(), u.after());
        } else if (d instanceof StepDetail.Encapsulated e) {
            g.writeStringProperty("kind", "encap");
            g.writeStringProperty("tunnel", e.tunnel().name().toLowerCase());
            g.writeStringProperty("device", e.device());
            str(g, "local", e.localEndpoint());
            str(g, "remote", e.remoteEndpoint());
            g.writeNumberProperty("udpPort", e.udpPort());
            g.writeNumberProperty("vni", e.vni());
            g.writeBooleanProperty("esp", e.esp());
            g.writeNumberProperty("addedBytes", e.addedBytes());
        } else if (d instanceof StepDetail.Decapsulated e) {
            g.writeStringProperty("kind", "decap");
            g.writeStringProperty("tunnel", e.tunnel().name().toLowerCase());
            g.writeStringProperty("device", e.device());
            g.writeNumberProperty("udpPort", e.udpPort());
            g.writeNumberProperty("vni", e.vni());
            g.writeBooleanProperty("esp", e.esp());
        } else if (d instanceof DnsLookup l) {
            g.writeStringProperty("kind", "dns");
            dns(g, l);
        } else if (d instanceof StepDetail.StackedSwitched x) {
            g.writeStringProperty("kind", x.ipvlan() ? "ipvlan-switch" : "macvlan-switch");
            g.writeStringProperty("from", x.fromNamespace() + ":" + x.fromDevice());
            g.writeStringProperty("to", x.toNamespace() + ":" + x.toDevice());
            g.writeStringProperty("lower", x.lowerNamespace() + ":" + x.lowerDevice());
        } else if (d instanceof StepDetail.StackedOut x) {
            g.writeStringProperty("kind", x.ipvlan() ? "ipvlan-out" : "macvlan-out");
            g.writeStringProperty("from", x.namespace() + ":" + x.device());
            g.writeStringProperty("lower", x.lowerNamespace() + ":" + x.lowerDevice());
        } else if (d instanceof StepDetail.StackedDelivered x) {
            g.writeStringProperty("kind", x.ipvlan() ? "ipvlan-in" : "macvlan-in");
            g.writeStringProperty("lower", x.lowerNamespace() + ":" + x.lowerDevice());
            g.writeStringProperty("to", x.toNamespace() + ":" + x.toDevice());
        } else if (d instanceof StepDetail.SocketReached s) {
            g.writeStringProperty("kind", "socket");
            g.writeStringProperty("owner", s.socket().owner());
            g.writeStringProperty("socket", s.socket().bind() + ":" + s.socket().port() + "/" + s.socket().proto().label());
            str(g, "seenSource", s.seenSource());
        } else if (d instanceof StepDetail.PingAnswered p) {
            g.writeStringProperty("kind", "ping");
            str(g, "address", p.address());
        } else if (d instanceof StepDetail.ReplyReturned r) {
            g.writeStringProperty("kind", "reply");
            g.writeStringProperty("client", r.client());
        } else if (d instanceof StepDetail.Dropped x) {
            g.writeStringProperty("kind", "drop");
            g.writeStringProperty("disposition", x.cause().disposition().name());
            g.writeStringProperty("cause", cause(x.cause()));
            if (x.cause() instanceof DropCause.Denied den) rule(g, den.rule());
            if (x.cause() instanceof DropCause.NoRoute nr && nr.wouldMeet().isPresent()) {
                g.writeName("wouldMeet");
                g.writeStartObject();
                g.writeStringProperty("chain", nr.wouldMeet().get().chain().name());
                g.writeStringProperty("target", nr.wouldMeet().get().target().name());
                g.writeStringProperty("why", nr.wouldMeet().get().why());
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    /** The cause's record name in kebab case: no-route, arp-unanswered, denied, ... */
    private static String cause(DropCause c) {
        return c.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

    private static void dns(JsonGenerator g, DnsLookup l) {
        g.writeStringProperty("question", l.question());
        g.writeStringProperty("asker", l.asker());
        DnsLookup.Server s = l.server();
        g.writeStringProperty("server", s instanceof DnsLookup.HostsFile ? "/etc/hosts" : s instanceof DnsLookup.DockerDns ? "127.0.0.11"
                : s instanceof DnsLookup.ClusterDns c ? c.address().map(Ipv4::toString).orElse("cluster-dns")
                : s instanceof DnsLookup.HostResolver ? "host-resolver" : "none");
        l.address().ifPresent(a -> g.writeStringProperty("answer", a.toString()));
        if (l.answers().size() > 1) {
            g.writeName("answers");
            g.writeStartArray();
            for (Ipv4 a : l.answers()) g.writeString(a.toString());
            g.writeEndArray();
        }
        if (l.answer() instanceof DnsLookup.Found f) g.writeStringProperty("record", record(f.record()));
        if (l.query().isPresent()) {
            DnsLookup.Query q = l.query().get();
            g.writeName("query");
            g.writeStartObject();
            g.writeStringProperty("source", q.source().toString());
            g.writeStringProperty("device", q.device());
            g.writeStringProperty("server", q.server().toString());
            g.writeEndObject();
        }
    }

    /** What the answered name stands for, in kebab case: container-name, shared-name, link-name, hosts-entry, service-name, headless-service-pod, pod-hostname, node-name. */
    private static String record(DnsLookup.Record r) {
        return r.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

    private static void route(JsonGenerator g, Route r) {
        g.writeName("route");
        g.writeStartObject();
        g.writeStringProperty("destination", r.dst().base().toString());
        if (r.via() != null) g.writeStringProperty("gateway", r.via().toString());
        g.writeStringProperty("device", r.dev().name());
        if (r.onlink()) g.writeBooleanProperty("onlink", true);
        if (r.src() != null) g.writeStringProperty("source", r.src().toString());
        g.writeEndObject();
    }

    /** Which of a translation's targets this trace took, of how many, and the endpoint it names. */
    private static void choice(JsonGenerator g, StepDetail.Choice c) {
        g.writeNumberProperty("choice", c.index());
        g.writeNumberProperty("of", c.of());
        if (c.endpoint() != null) g.writeStringProperty("endpoint", c.endpoint());
    }

    private static void rule(JsonGenerator g, Rule r) {
        g.writeName("rule");
        g.writeStartObject();
        g.writeStringProperty("table", r.table().name().toLowerCase());
        g.writeStringProperty("chain", r.chain().name());
        g.writeStringProperty("target", r.target().name());
        g.writeStringProperty("why", r.why());
        if (r.by() != null) g.writeStringProperty("by", r.by()); // who applies it: kube-proxy, Cilium's socket load balancer, ...
        g.writeEndObject();
    }

    private static void flows(JsonGenerator g, Flow before, Flow after) {
        g.writeStringProperty("before", before.toString());
        g.writeStringProperty("after", after.toString());
    }

    private static void str(JsonGenerator g, String name, Object v) {
        if (v != null) g.writeStringProperty(name, v.toString());
    }
}
