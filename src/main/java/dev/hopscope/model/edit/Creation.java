package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;

import dev.hopscope.model.layout.AutoLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node dropped from the palette at a canvas point: a fresh name, Docker's and CNI's defaults,
 * nesting in the host under the point, and a box in free space nearest the point (found by
 * {@link AutoLayout#place}, so a new node never lands on another and a full host grows). A card
 * dropped onto a bridge bar is attached to that bridge at once and placed just under the bar.
 */
public final class Creation {
    private Creation() {}

    public static Outcome drop(Document doc, Blueprint what, double x, double y) {
        Optional<Host> host = Edits.hostAt(doc, x, y, List.of());
        if (what.needsHost() && host.isEmpty())
            return Outcome.refused("a " + what.title().toLowerCase() + " lives inside a host: drop it onto a host's box");
        switch (what) {
            case HOST: case K8S_NODE: return host(doc, what == Blueprint.K8S_NODE, x, y);
            case DOCKER0: case USER_BRIDGE: case CNI_BRIDGE: return bridge(doc, what, host.get(), x, y);
            case CONTAINER: return container(doc, host.get(), x, y);
            case POD: return pod(doc, host.get(), x, y);
            case SERVICE: return service(doc, x, y);
            case OVERLAY: return overlay(doc, x, y);
            case UNDERLAY: return underlay(doc, x, y);
            case EXTERNAL: return external(doc, x, y);
            default: throw new IllegalStateException("no rule for " + what);
        }
    }

    private static Outcome host(Document doc, boolean k8s, double x, double y) {
        String id = Names.numbered(doc, k8s ? "node" : "host", true);
        Host h = new Host(id, id, k8s ? Host.Role.K8S_NODE : Host.Role.DOCKER, null, null, true, 1500, List.of());
        Document next = AutoLayout.place(doc.with(h), id, x, y);
        // a single underlay is where any new host belongs; with several, the user connects it
        List<Underlay> underlays = doc.all(Underlay.class);
        if (underlays.size() == 1) {
            Outcome joined = Connections.connect(next, id, underlays.get(0).id());
            if (!joined.isRefused()) next = joined.document();
        }
        return Outcome.done(next, "Add " + (k8s ? "node " : "host ") + id);
    }

    private static Outcome bridge(Document doc, Blueprint what, Host host, double x, double y) {
        String name;
        String subnet;
        Bridge.Kind kind;
        if (what == Blueprint.DOCKER0) {
            if (doc.all(Bridge.class).stream().anyMatch(b -> b.host().equals(host.id()) && b.bridgeKind() == Bridge.Kind.DEFAULT))
                return Outcome.refused(host.name() + " already has its default bridge docker0");
            name = "docker0";
            subnet = "172.17.0.0/16";
            kind = Bridge.Kind.DEFAULT;
        } else if (what == Blueprint.CNI_BRIDGE) {
            name = uniqueName(doc, host.id(), "cni0");
            subnet = freeSubnet(doc, 10, 244, 24, 1);
            kind = Bridge.Kind.CNI;
        } else {
            name = uniqueName(doc, host.id(), "br-net");
            subnet = freeSubnet(doc, 172, 18, 16, 0);
            kind = Bridge.Kind.USER_DEFINED;
        }
        String id = doc.freshId(host.id() + "-" + name);
        Bridge b = new Bridge(id, name, host.id(), kind, subnet, null, true, false, true);
        return Outcome.done(AutoLayout.place(doc.with(b), id, x, y), "Add bridge " + name + " to " + host.name());
    }

    private static Outcome container(Document doc, Host host, double x, double y) {
        String id = Names.role(doc);
        Container c = new Container(id, id, null, host.id(), Container.Mode.BRIDGE, null, List.of(), List.of(), List.of(), List.of());
        Document next = AutoLayout.place(doc.with(c), id, x, y);
        Optional<Bridge> under = bridgeAt(doc, host, x, y);
        if (under.isPresent()) {
            Outcome o = Connections.connect(next, id, under.get().id());
            if (!o.isRefused()) next = o.document();
        }
        return Outcome.done(next, "Add container " + id + " to " + host.name());
    }

    private static Outcome pod(Document doc, Host host, double x, double y) {
        String id = Names.role(doc);
        Pod p = new Pod(id, id, "default", host.id(), Map.of("app", id),
                List.of(new Pod.PodContainer("app", null, List.of(Socket.tcp(8080)))), false, null, null);
        Document next = AutoLayout.place(doc.with(p), id, x, y);
        Optional<Bridge> under = bridgeAt(doc, host, x, y);
        Pod placed = next.get(id, Pod.class).orElseThrow();
        Optional<String> net = under.isPresent() ? under.map(Bridge::id) : Ipam.podNetwork(next, placed).map(dev.hopscope.model.Node::id);
        if (net.isPresent()) {
            Outcome o = Connections.connect(next, id, net.get());
            if (!o.isRefused()) next = o.document();
        }
        return Outcome.done(next, "Add pod " + id + " to " + host.name());
    }

    private static Outcome service(Document doc, double x, double y) {
        String id = Names.numbered(doc, "svc", true);
        Service s = new Service(id, id, "default", Service.Type.CLUSTER_IP, null,
                List.of(new Service.ServicePort("http", 80, 8080, 0, null)), Map.of(), null);
        return Outcome.done(AutoLayout.place(doc.with(s), id, x, y),
                "Add Service " + id);
    }

    private static Outcome overlay(Document doc, double x, double y) {
        String id = Names.numbered(doc, "ov", false);
        int vni = 42;
        for (Overlay o : doc.all(Overlay.class)) vni = Math.max(vni, o.vni() + 1);
        Overlay o = new Overlay(id, id, vni, freeSubnet(doc, 10, 0, 24, 9), Overlay.Driver.DOCKER_OVERLAY, 0, 0, null, false, List.of());
        return Outcome.done(AutoLayout.place(doc.with(o), id, x, y),
                "Add overlay " + id + " (VNI " + vni + ")");
    }

    private static Outcome underlay(Document doc, double x, double y) {
        String id = Names.first(doc, "lan");
        Underlay u = new Underlay(id, id, freeSubnet(doc, 192, 168, 24, 50), 1500);
        return Outcome.done(AutoLayout.place(doc.with(u), id, x, y),
                "Add underlay " + id);
    }

    private static Outcome external(Document doc, double x, double y) {
        String id = Names.first(doc, "client");
        External e = new External(id, id, null, null, List.of(), List.of());
        Document next = AutoLayout.place(doc.with(e), id, x, y);
        List<Underlay> underlays = doc.all(Underlay.class);
        if (underlays.size() == 1) {
            Outcome joined = Connections.connect(next, id, underlays.get(0).id());
            if (!joined.isRefused()) next = joined.document();
        }
        return Outcome.done(next, "Add external endpoint " + id);
    }

    /** The bridge bar of this host under the point, if any. */
    public static Optional<Bridge> bridgeAt(Document doc, Host host, double x, double y) {
        for (Bridge b : doc.all(Bridge.class)) {
            if (!b.host().equals(host.id())) continue;
            Box bb = doc.box(b.id()).orElse(null);
            if (bb != null && x >= bb.x() && x <= bb.x() + bb.w() && y >= bb.y() && y <= bb.y() + bb.h()) return Optional.of(b);
        }
        return Optional.empty();
    }


    private static String uniqueName(Document doc, String hostId, String base) {
        List<String> names = new ArrayList<>();
        for (Node n : doc.children(hostId)) names.add(n.name());
        if (!names.contains(base)) return base;
        for (int i = 1; ; i++) if (!names.contains(base.replaceAll("\\d+$", "") + i)) return base.replaceAll("\\d+$", "") + i;
    }

    /**
     * The first a.b.N.0 (prefix 24) or a.N.0.0 (prefix 16) block from {@code from} that overlaps
     * no bridge, overlay or underlay subnet of the document: a new network should not collide.
     */
    static String freeSubnet(Document doc, int a, int b, int prefix, int from) {
        List<Cidr> used = new ArrayList<>();
        for (Node n : doc.nodes()) {
            String s = n instanceof Bridge br ? br.subnet() : n instanceof Overlay o ? o.subnet() : n instanceof Underlay u ? u.subnet() : null;
            if (s != null && Cidr.isValid(s)) used.add(Cidr.parse(s));
        }
        for (int i = from; i < 256; i++) {
            String text = prefix == 16 ? a + "." + (b + i) + ".0.0/16" : a + "." + b + "." + i + ".0/24";
            if (prefix == 16 && b + i > 255) break;
            Cidr c = Cidr.parse(text);
            if (used.stream().noneMatch(c::overlaps)) return text;
        }
        return prefix == 16 ? a + "." + b + ".0.0/16" : a + "." + b + "." + from + ".0/24";
    }
}
