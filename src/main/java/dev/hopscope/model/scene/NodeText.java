package dev.hopscope.model.scene;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words on a node: a title and up to a few short lines a network engineer reads at a
 * glance (addresses, subnet, VNI, ports). Addresses come from IPAM, so an unpinned container
 * still shows the address Docker would give it.
 */
public record NodeText(String title, String subtitle, List<String> lines) {

    public static NodeText of(Document doc, Ipam.Addressing ipam, Node n) {
        if (n instanceof dev.hopscope.model.Network w) return network(w);
        if (n instanceof Host h) {
            String addr = h.address() == null ? "not on an underlay" : "eth0 " + h.address();
            return new NodeText(h.name(), h.role().label() + " · " + addr + (h.ipForward() ? "" : " · ip_forward off"), List.of());
        }
        if (n instanceof Bridge b) {
            List<String> flags = new ArrayList<>();
            if (!b.masquerade()) flags.add("no masquerade");
            if (b.internal()) flags.add("internal");
            if (!b.icc()) flags.add("icc off");
            String sub = (b.subnet() == null ? "no subnet" : b.subnet()) + (flags.isEmpty() ? "" : " · " + String.join(" · ", flags));
            return new NodeText(b.name(), sub, List.of());
        }
        if (n instanceof Container c) {
            List<String> lines = new ArrayList<>();
            if (c.mode() == Container.Mode.BRIDGE) {
                List<String> addrs = new ArrayList<>();
                for (Attachment a : c.attachments()) ipam.address(c.id(), a.network()).map(Ipv4::toString).ifPresent(addrs::add);
                lines.add(addrs.isEmpty() ? "not attached" : String.join(", ", addrs));
            } else {
                lines.add(c.mode() == Container.Mode.CONTAINER ? "shares " + c.modeTarget() : c.mode().label() + " network");
            }
            String ports = ports(c.sockets(), c.ports());
            if (!ports.isEmpty()) lines.add(ports);
            return new NodeText(c.name(), c.image() == null ? "" : c.image(), lines);
        }
        if (n instanceof Pod p) {
            String ip = p.hostNetwork() ? "host network"
                    : Ipam.podNetwork(doc, p).flatMap(b -> ipam.address(p.id(), b.id())).map(Ipv4::toString).orElse("no pod network");
            List<String> lines = new ArrayList<>();
            for (Pod.PodContainer pc : p.containers())
                lines.add("▸ " + pc.name() + (pc.sockets().isEmpty() ? "" : " " + ports(pc.sockets(), List.of())));
            return new NodeText(p.name(), ip, lines);
        }
        if (n instanceof Service s) return service(doc, ipam, s);
        if (n instanceof External e) {
            return new NodeText(e.name(), e.address() == null ? "" : e.address(), List.of());
        }
        if (n instanceof Underlay u) {
            return new NodeText("underlay " + u.name(), (u.subnet() == null ? "" : u.subnet()) + " · MTU " + u.mtu(), List.of());
        }
        if (n instanceof Overlay o) {
            String enc = o.encrypted() ? " · encrypted" : "";
            return new NodeText("overlay " + o.name() + " · VNI " + o.vni(), (o.subnet() == null ? "" : o.subnet()) + enc, List.of());
        }
        if (n instanceof dev.hopscope.model.Network w) {
            String pool = w.subnet() == null ? "no subnet" : w.subnet();
            return new NodeText(w.host() != null ? w.name() : "network " + w.name(), w.driver() + " · " + pool, List.of());
        }
        return new NodeText(n.name(), n.kind().label(), List.of());
    }

    /**
     * A Service's type and address: "ClusterIP 10.96.0.10"; a LoadBalancer's address first, its
     * ClusterIP beside it ("LB 192.168.50.240 · 10.96.0.11", "LB pending" when the pool is used
     * up), as the address a client uses is what a narrow card must not cut off; an ExternalName's
     * CNAME target ("→ db.example.com", and "ExternalName (CNAME)" under it), which has no address
     * nor ports of its own. The ports line adds the node port where there is one.
     */
    private static NodeText service(Document doc, Ipam.Addressing ipam, Service s) {
        if (s.type() == Service.Type.EXTERNAL_NAME)
            return new NodeText(s.name(), "→ " + (s.externalName() == null ? "no name yet" : s.externalName()), List.of("ExternalName (CNAME)"));
        String ip = s.headless() ? "headless" : ipam.clusterIps().containsKey(s.id()) ? ipam.clusterIps().get(s.id()).toString() : "";
        String sub = s.type().label() + " " + ip;
        if (s.type() == Service.Type.LOAD_BALANCER) {
            Ipv4 lb = Ipam.loadBalancerIps(doc).get(s.id());
            sub = "LB " + (lb == null ? "pending" : lb.toString()) + (ip.isEmpty() ? "" : " · " + ip);
        }
        String ports = s.ports().stream().map(p -> p.port() + "→" + p.targetPort()
                + (s.type().hasNodePort() ? " :" + ipam.nodePort(s.id(), p.port()) : "")).collect(Collectors.joining(", "));
        return new NodeText(s.name(), sub, ports.isEmpty() ? List.of() : List.of(ports));
    }

    private static String ports(List<Socket> sockets, List<PublishedPort> published) {
        List<String> parts = new ArrayList<>();
        for (Socket s : sockets) parts.add((s.loopbackOnly() ? "lo:" : ":") + s.port() + "/" + s.proto().label());
        for (PublishedPort p : published) parts.add(p.hostPort() + "→" + p.containerPort());
        return String.join(" · ", parts);
    }

    /**
     * A network of a registered kind on one line: name, driver and parent ("macnet · macvlan on
     * eth0"), then its pool and only the settings set away from their defaults (the inspector
     * lists every one). A network named after its driver ("calico") is not told twice.
     */
    static NodeText network(dev.hopscope.model.Network w) {
        String parent = w.networkKind().flatMap(k -> k.option("parent")).isPresent() ? w.option("parent") : null;
        String title = (w.name().equals(w.driver()) ? w.name() : w.name() + " · " + w.driver()) + (parent == null ? "" : " on " + parent);
        List<String> facts = new ArrayList<>();
        facts.add(w.subnet() == null ? "no subnet" : w.subnet());
        w.networkKind().ifPresent(k -> {
            for (dev.hopscope.model.kinds.NetworkKind.Option o : k.options()) {
                if (o.key().equals("parent")) continue;
                String v = w.options().get(o.key());
                if (v == null || v.equals(o.defaultValue())) continue;
                facts.add(word(o, v));
            }
        });
        return new NodeText(title, String.join(" · ", facts), List.of());
    }

    private static String word(dev.hopscope.model.kinds.NetworkKind.Option o, String v) {
        if (o.type() == dev.hopscope.model.kinds.NetworkKind.Type.BOOLEAN) return ("true".equals(v) ? "" : "no ") + o.label();
        String label = o.label().replaceFirst(" \\(.*\\)$", "").toLowerCase(java.util.Locale.ROOT);
        if (label.equals("address range")) label = "range";
        if (label.startsWith("host ")) label = label.substring(5);
        if (label.endsWith(" address")) label = label.substring(0, label.length() - 8);
        return label + " " + v;
    }
}
