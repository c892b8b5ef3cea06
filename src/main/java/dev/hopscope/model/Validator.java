package dev.hopscope.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Structural checks: unique ids, references that resolve to the right kind, addresses, CIDRs and
 * ports that parse and fit. A document with problems cannot be compiled; network-level mistakes
 * (overlaps, clashes, MTU) are the analysis's findings, not problems.
 */
public final class Validator {
    private Validator() {}

    public static List<Problem> validate(Document doc) {
        List<Problem> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node n : doc.nodes()) {
            if (n.id() == null || n.id().isBlank()) { out.add(new Problem(null, "id", "a " + n.kind().label() + " has no id")); continue; }
            if (!ids.add(n.id())) out.add(new Problem(n.id(), "id", "the id '" + n.id() + "' is used twice"));
        }
        for (Node n : doc.nodes()) check(doc, n, out::add);
        doc.layout().forEach((id, box) -> {
            String wrong = box.problem();
            if (wrong != null) out.add(new Problem(id, "layout", "the box of '" + id + "': " + wrong));
        });
        return out;
    }

    private static void check(Document doc, Node n, Consumer<Problem> out) {
        String id = n.id();
        if (n instanceof Host h) {
            ref(doc, id, "underlay", h.underlay(), Underlay.class, true, out);
            cidr(id, "address", h.address(), true, out);
            mtu(id, h.mtu(), out);
            routes(id, h.routes(), out);
        } else if (n instanceof Underlay u) {
            cidr(id, "subnet", u.subnet(), false, out);
            mtu(id, u.mtu(), out);
            if (u.gateway() != null) {
                ip(id, "gateway", u.gateway(), out);
                if (Cidr.isValid(u.subnet()) && Ipv4.isValid(u.gateway()) && !Cidr.parse(u.subnet()).contains(Ipv4.parse(u.gateway())))
                    out.accept(new Problem(id, "gateway", "the gateway " + u.gateway() + " is outside the subnet " + u.subnet()));
            }
        } else if (n instanceof Bridge b) {
            ref(doc, id, "host", b.host(), Host.class, false, out);
            cidr(id, "subnet", b.subnet(), false, out);
            if (b.gateway() != null) {
                ip(id, "gateway", b.gateway(), out);
                if (Cidr.isValid(b.subnet()) && Ipv4.isValid(b.gateway()) && !Cidr.parse(b.subnet()).contains(Ipv4.parse(b.gateway())))
                    out.accept(new Problem(id, "gateway", "the gateway " + b.gateway() + " is outside the subnet " + b.subnet()));
            }
        } else if (n instanceof Overlay o) {
            cidr(id, "subnet", o.subnet(), false, out);
            if (o.vni() < 1 || o.vni() > 16_777_215) out.accept(new Problem(id, "vni", "the VNI " + o.vni() + " is outside 1..16777215"));
            if (o.udpPort() < 0 || o.udpPort() > 65535) out.accept(new Problem(id, "udpPort", "the UDP port " + o.udpPort() + " is outside 1..65535"));
            if (o.mtu() != 0) mtu(id, o.mtu(), out);
            for (Overlay.Member m : o.members()) ref(doc, id, "members", m.host(), Host.class, false, out);
        } else if (n instanceof Network w) {
            network(doc, w, out);
        } else if (n instanceof Container c) {
            container(doc, c, out);
        } else if (n instanceof Pod p) {
            ref(doc, id, "node", p.node(), Host.class, false, out);
            if (p.network() != null) {
                Node net = doc.node(p.network()).orElse(null);
                if (net instanceof Network w) {
                    if (w.networkKind().isPresent() && !w.networkKind().get().joiners().contains(NodeKind.POD))
                        out.accept(new Problem(id, "network", "pods cannot join " + w.name() + ": a " + w.networkKind().get().title() + " takes containers"));
                    else if (p.node() != null && !w.reaches(p.node()))
                        out.accept(new Problem(id, "network", w.name() + " does not reach the node " + p.node()));
                } else ref(doc, id, "network", p.network(), Bridge.class, false, out);
            }
            if (p.ip() != null) {
                ip(id, "ip", p.ip(), out);
                if (!p.hostNetwork() && Ipv4.isValid(p.ip()) && p.node() != null)
                    Ipam.podNetwork(doc, p).ifPresent(b -> Ipam.subnet(doc, b.id()).ifPresent(
                            subnet -> notNetworkOrBroadcast(id, "ip", Ipv4.parse(p.ip()), b.name(), subnet.toString(), out)));
            }
            for (Pod.PodContainer c : p.containers()) sockets(id, c.sockets(), out);
            if (!p.hostNetwork() && p.node() != null && doc.node(p.node()).isPresent() && Ipam.podNetwork(doc, p).isEmpty())
                out.accept(new Problem(id, "network", "the node " + p.node() + " has no bridge for pods (add a cni0 bridge)"));
        } else if (n instanceof Service s) {
            if (s.clusterIp() != null && !s.headless()) ip(id, "clusterIp", s.clusterIp(), out);
            if (s.loadBalancerIp() != null && !Ipv4.isValid(s.loadBalancerIp()))
                out.accept(new Problem(id, "loadBalancerIp", "the load balancer address '" + s.loadBalancerIp() + "' is not an IPv4 address"
                        + " (the API server refuses it: spec.loadBalancerIP must be a valid IP address); write one such as 10.0.0.240,"
                        + " or clear it so that one is taken from the pool"));
            if (s.type() == Service.Type.EXTERNAL_NAME) externalName(s, out);
            for (Service.ServicePort sp : s.ports()) {
                port(id, "ports", sp.port(), out);
                port(id, "ports", sp.targetPort(), out);
                if (sp.nodePort() != 0) port(id, "ports", sp.nodePort(), out);
            }
        } else if (n instanceof External e) {
            ref(doc, id, "underlay", e.underlay(), Underlay.class, true, out);
            cidr(id, "address", e.address(), true, out);
            sockets(id, e.sockets(), out);
            routes(id, e.routes(), out);
        } else if (n instanceof Intent i) {
            if (i.from() == null || doc.find(i.from()).filter(x -> x.kind().isEndpoint()).isEmpty())
                out.accept(new Problem(id, "from", "'" + i.from() + "' is not a container, pod or external endpoint"));
            if (i.to() == null || i.to().isBlank()) out.accept(new Problem(id, "to", "an intent needs a destination"));
            else Destination.problem(i.to()).ifPresent(why -> out.accept(new Problem(id, "to", why)));
        }
    }

    /**
     * An ExternalName Service is a CNAME in cluster DNS, so the API server wants a DNS name there:
     * a lowercase RFC 1123 subdomain, a trailing dot allowed (spec.externalName).
     */
    private static void externalName(Service s, Consumer<Problem> out) {
        String name = s.externalName();
        if (name == null) {
            out.accept(new Problem(s.id(), "externalName", "the ExternalName Service " + s.name() + " names no external name: cluster DNS answers it"
                    + " with a CNAME to that name, and the API server refuses it without one (spec.externalName: Required value);"
                    + " write the DNS name it stands for, such as db.example.com"));
            return;
        }
        String why = dnsNameProblem(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
        if (why != null)
            out.accept(new Problem(s.id(), "externalName", "the external name '" + name + "' of " + s.name() + " is not a DNS name: " + why
                    + " (the API server refuses it, and cluster DNS could not answer with it); write a name such as db.example.com"));
    }

    /** Why a name is not a lowercase RFC 1123 subdomain (Kubernetes' IsDNS1123Subdomain), or null. */
    static String dnsNameProblem(String name) {
        if (name.isEmpty()) return "it is empty";
        if (name.length() > 253) return "it has " + name.length() + " characters, more than 253";
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()) return "it has an empty label (two dots, or a dot at the start)";
            if (label.length() > 63) return "the label '" + label.substring(0, 20) + "...' has " + label.length() + " characters, more than 63";
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
                if (c >= 'A' && c <= 'Z') return "'" + c + "' is upper case (Kubernetes wants DNS names in lower case)";
                if (!alnum && c != '-') return (Character.isWhitespace(c) ? "a space" : "'" + c + "'") + " cannot stand in a DNS name (letters, digits, '-' and '.' only)";
                if (!alnum && (i == 0 || i == label.length() - 1)) return "the label '" + label + "' starts or ends with '-'";
            }
        }
        return null;
    }

    /** A network of a registered kind: its scope's reference, its pool and gateway, and each option against its type. */
    private static void network(Document doc, Network w, Consumer<Problem> out) {
        String id = w.id();
        var kind = w.networkKind().orElse(null);
        if (kind == null) {
            out.accept(new Problem(id, "driver", "unknown network driver '" + w.driver() + "' (known: " + dev.hopscope.model.kinds.NetworkKinds.drivers() + ")"));
            return;
        }
        if (kind.scope() == dev.hopscope.model.kinds.NetworkKind.Scope.HOST) ref(doc, id, "host", w.host(), Host.class, false, out);
        else if (w.host() != null) out.accept(new Problem(id, "host", "a " + kind.title() + " spans hosts: list them in members, not host"));
        for (String m : w.members()) ref(doc, id, "members", m, Host.class, false, out);
        cidr(id, "subnet", w.subnet(), false, out);
        if (w.gateway() != null) {
            ip(id, "gateway", w.gateway(), out);
            if (Cidr.isValid(w.subnet()) && Ipv4.isValid(w.gateway()) && !Cidr.parse(w.subnet()).contains(Ipv4.parse(w.gateway())))
                out.accept(new Problem(id, "gateway", "the gateway " + w.gateway() + " is outside the subnet " + w.subnet()));
        }
        if (kind.addressing(w) instanceof dev.hopscope.model.kinds.NetworkKind.Addressing.NodeBlocks nb && Cidr.isValid(w.subnet())
                && Cidr.parse(w.subnet()).prefix() > nb.prefix())
            out.accept(new Problem(id, "subnet", "the pool " + w.subnet() + " is smaller than one node's block (/" + nb.prefix() + ")"));
        for (var e : w.options().entrySet()) {
            var option = kind.option(e.getKey());
            if (option.isEmpty()) { out.accept(new Problem(id, e.getKey(), "a " + kind.title() + " has no option '" + e.getKey() + "'")); continue; }
            String why = option.get().problem(e.getValue());
            if (why != null) out.accept(new Problem(id, e.getKey(), why));
            if (option.get().type() == dev.hopscope.model.kinds.NetworkKind.Type.HOST && doc.get(e.getValue(), Host.class).isEmpty())
                out.accept(new Problem(id, e.getKey(), "'" + e.getValue() + "' is not a host in this document"));
        }
    }

    private static void container(Document doc, Container c, Consumer<Problem> out) {
        String id = c.id();
        ref(doc, id, "host", c.host(), Host.class, false, out);
        if (c.mode() == Container.Mode.CONTAINER) modeTarget(doc, c, out);
        for (Attachment a : c.attachments()) {
            Node net = a.network() == null ? null : doc.node(a.network()).orElse(null);
            if (!(net instanceof Bridge) && !(net instanceof Overlay) && !(net instanceof Network)) {
                out.accept(new Problem(id, "attachments", "'" + a.network() + "' is not a bridge, an overlay or a network"));
                continue;
            }
            // a bridge without a host is reported on the bridge itself
            if (net instanceof Bridge b && b.host() != null && !b.host().equals(c.host()))
                out.accept(new Problem(id, "attachments", "the bridge " + b.name() + " is in another host than the container"));
            if (net instanceof Network w) {
                if (w.networkKind().isPresent() && !w.networkKind().get().joiners().contains(NodeKind.CONTAINER))
                    out.accept(new Problem(id, "attachments", "containers cannot join " + w.name() + ": a " + w.networkKind().get().title() + " takes pods"));
                else if (c.host() != null && !w.reaches(c.host()))
                    out.accept(new Problem(id, "attachments", w.name() + " does not reach the container's host " + c.host()));
            }
            if (a.ip() != null) {
                ip(id, "attachments", a.ip(), out);
                Ipam.subnet(doc, a.network()).ifPresent(s -> {
                    if (!Ipv4.isValid(a.ip())) return;
                    Ipv4 ip = Ipv4.parse(a.ip());
                    if (!s.contains(ip)) out.accept(new Problem(id, "attachments", a.ip() + " is outside " + net.name() + "'s subnet " + s));
                    else notNetworkOrBroadcast(id, "attachments", ip, net.name(), s.toString(), out);
                });
            }
        }
        for (PublishedPort p : c.ports()) {
            port(id, "ports", p.hostPort(), out);
            port(id, "ports", p.containerPort(), out);
            if (p.hostIp() != null) ip(id, "ports", p.hostIp(), out);
        }
        sockets(id, c.sockets(), out);
        links(doc, c, out);
    }

    /**
     * {@code container:NAME} must name another container on the same Docker host, and following
     * the chain must end at a container with a namespace of its own: Docker refuses a container
     * that would join itself ("cannot join own network"), and a cycle would never start.
     */
    private static void modeTarget(Document doc, Container c, Consumer<Problem> out) {
        String id = c.id();
        Container target = c.modeTarget() == null ? null
                : doc.find(c.modeTarget()).filter(t -> t instanceof Container).map(t -> (Container) t).orElse(null);
        if (target == null) {
            out.accept(new Problem(id, "mode", "network mode container:" + c.modeTarget() + " names no container"));
            return;
        }
        if (c.host() != null && target.host() != null && !c.host().equals(target.host())) {
            out.accept(new Problem(id, "mode", "network mode container:" + c.modeTarget() + " names a container on another host ("
                    + target.host() + "); a container can only share the namespace of a container on its own Docker host"));
            return;
        }
        Set<String> chain = new LinkedHashSet<>();
        chain.add(c.id());
        Container at = target;
        List<String> path = new ArrayList<>(List.of("container:" + c.modeTarget()));
        while (at != null && at.mode() == Container.Mode.CONTAINER) {
            if (!chain.add(at.id())) {
                if (at.id().equals(c.id()))
                    out.accept(new Problem(id, "mode", "network mode " + String.join(" → ", path)
                            + " comes back to " + c.name() + ": a cycle, so no container in it has a namespace to share"
                            + " (Docker refuses to start such a container); make one of them use bridge mode"));
                // a cycle further along is reported on the containers in it
                return;
            }
            path.add("container:" + at.modeTarget());
            at = at.modeTarget() == null ? null
                    : doc.find(at.modeTarget()).filter(t -> t instanceof Container).map(t -> (Container) t).orElse(null);
        }
    }

    /** {@code --link NAME[:ALIAS]}: Docker refuses a link to a container it does not have ("could not get container"). */
    private static void links(Document doc, Container c, Consumer<Problem> out) {
        for (String link : c.links()) {
            String name = link == null ? "" : link.split(":", 2)[0].trim();
            if (name.isEmpty()) {
                out.accept(new Problem(c.id(), "links", "the link '" + link + "' names no container (write NAME or NAME:ALIAS)"));
                continue;
            }
            Node target = doc.find(name).orElse(null);
            if (!(target instanceof Container t))
                out.accept(new Problem(c.id(), "links", "--link " + link + ": there is no container '" + name
                        + "' (Docker refuses to link to a container it does not have)"));
            else if (t.id().equals(c.id()))
                out.accept(new Problem(c.id(), "links", "--link " + link + ": a container cannot link to itself"));
            else if (!Objects.equals(t.host(), c.host()))
                out.accept(new Problem(c.id(), "links", "--link " + link + ": '" + name + "' runs on another host ("
                        + t.host() + "); links only reach containers of the same Docker host"));
        }
    }

    /** Docker's and CNI's IPAM never hand out a subnet's network or broadcast address (except in a /31 or /32). */
    private static void notNetworkOrBroadcast(String id, String field, Ipv4 ip, String network, String subnet, Consumer<Problem> out) {
        if (!Cidr.isValid(subnet)) return;
        Cidr s = Cidr.parse(subnet);
        if (s.prefix() > 30) return;
        if (ip.equals(s.network()))
            out.accept(new Problem(id, field, ip + " is the network address of " + network + "'s subnet " + s.base()
                    + "; a container needs an address between " + s.network().plus(1) + " and " + s.broadcast().plus(-1)));
        else if (ip.equals(s.broadcast()))
            out.accept(new Problem(id, field, ip + " is the broadcast address of " + network + "'s subnet " + s.base()
                    + "; a container needs an address between " + s.network().plus(1) + " and " + s.broadcast().plus(-1)));
    }

    private static void ref(Document doc, String id, String field, String ref, Class<? extends Node> type, boolean optional, Consumer<Problem> out) {
        if (ref == null) {
            if (!optional) out.accept(new Problem(id, field, "missing " + field));
            return;
        }
        if (doc.get(ref, type).isEmpty())
            out.accept(new Problem(id, field, "'" + ref + "' is not a " + type.getSimpleName().toLowerCase() + " in this document"));
    }

    private static void cidr(String id, String field, String value, boolean optional, Consumer<Problem> out) {
        if (value == null) { if (!optional) out.accept(new Problem(id, field, "missing " + field)); return; }
        try { Cidr.parse(value); } catch (IllegalArgumentException e) { out.accept(new Problem(id, field, e.getMessage())); }
    }

    private static void ip(String id, String field, String value, Consumer<Problem> out) {
        try { Ipv4.parse(value); } catch (IllegalArgumentException e) { out.accept(new Problem(id, field, e.getMessage())); }
    }

    private static void port(String id, String field, int port, Consumer<Problem> out) {
        if (port < 1 || port > 65535) out.accept(new Problem(id, field, "port " + port + " is outside 1..65535"));
    }

    private static void mtu(String id, int mtu, Consumer<Problem> out) {
        if (mtu < 68 || mtu > 65535) out.accept(new Problem(id, "mtu", "MTU " + mtu + " is outside 68..65535"));
    }

    private static void sockets(String id, List<Socket> sockets, Consumer<Problem> out) {
        for (Socket s : sockets) {
            port(id, "sockets", s.port(), out);
            ip(id, "sockets", s.bind(), out);
        }
    }

    private static void routes(String id, List<StaticRoute> routes, Consumer<Problem> out) {
        for (StaticRoute r : routes) {
            cidr(id, "routes", r.destination(), false, out);
            ip(id, "routes", r.via(), out);
        }
    }
}
