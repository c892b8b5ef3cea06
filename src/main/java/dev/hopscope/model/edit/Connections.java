package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Connecting two nodes by dragging from one to the other. The kind of link follows from what is
 * connected, and a link is an attribute of a node (a container's attachment is its veth, a
 * host's underlay field its underlay link, an overlay's members its VTEPs), so a connection is
 * an edit of that attribute. Anything else is refused with a sentence that says why.
 */
public final class Connections {
    private Connections() {}

    /** First address handed to a host on an underlay, and to an external endpoint (.11, .100 as in the scenarios). */
    private static final int FIRST_HOST = 11;
    private static final int FIRST_EXTERNAL = 100;

    public static Outcome connect(Document doc, String fromId, String toId) {
        Node a = doc.node(fromId).orElse(null);
        Node b = doc.node(toId).orElse(null);
        if (a == null || b == null) return Outcome.refused("there is nothing to connect there");
        if (a.id().equals(b.id())) return Outcome.refused("a node cannot be connected to itself");
        Outcome o = directed(doc, a, b);
        if (o != null) return o;
        o = directed(doc, b, a);
        if (o != null) return o;
        return Outcome.refused(why(a, b));
    }

    /** The outcome for this order of the pair, or null when this order has no rule. */
    private static Outcome directed(Document doc, Node a, Node b) {
        if (a instanceof Container c && b instanceof Bridge br) return containerToBridge(doc, c, br);
        if (a instanceof Pod p && b instanceof Bridge br) return podToBridge(doc, p, br);
        if (a instanceof Container c && b instanceof Overlay ov) return containerToOverlay(doc, c, ov);
        if (a instanceof Container c && b instanceof Network w) return NetworkEdits.attach(doc, c, w);
        if (a instanceof Pod p && b instanceof Network w) return NetworkEdits.attach(doc, p, w);
        if (a instanceof Host h && b instanceof Underlay u) return hostToUnderlay(doc, h, u);
        if (a instanceof External e && b instanceof Underlay u) return externalToUnderlay(doc, e, u);
        if (a instanceof Host h && b instanceof Overlay ov) return memberOf(doc, h, ov, h.name());
        if (a instanceof Bridge br && b instanceof Overlay ov) {
            Host h = doc.get(br.host(), Host.class).orElse(null);
            if (h == null) return Outcome.refused(br.name() + " is not inside a host");
            return memberOf(doc, h, ov, br.name());
        }
        if (a instanceof Service s && b instanceof Pod p) return serviceSelects(doc, s, p);
        if (a.kind().isEndpoint() && b.kind().isEndpoint()) return expectFlow(doc, a, b);
        return null;
    }

    private static Outcome containerToBridge(Document doc, Container c, Bridge br) {
        if (c.mode() != Container.Mode.BRIDGE)
            return Outcome.refused(c.name() + " uses " + c.mode().label() + " network mode: it has no veth to plug into " + br.name());
        if (!br.host().equals(c.host()))
            return Outcome.refused(br.name() + " is a bridge of " + hostName(doc, br.host()) + " and " + c.name() + " runs on "
                    + hostName(doc, c.host()) + ": a veth pair never leaves its host (use an overlay across hosts)");
        if (c.attachments().stream().anyMatch(x -> x.network().equals(br.id())))
            return Outcome.refused(c.name() + " is already attached to " + br.name());
        if (!Cidr.isValid(br.subnet())) return Outcome.refused(br.name() + " has no valid subnet to take an address from");
        Optional<Ipv4> ip = Ipam.nextFree(doc, br.id());
        if (ip.isEmpty()) return Outcome.refused("the subnet " + br.subnet() + " of " + br.name() + " has no free address left");
        List<Attachment> att = new ArrayList<>(c.attachments());
        att.add(new Attachment(br.id(), ip.get().toString(), List.of()));
        return Outcome.done(doc.with(c.withAttachments(att)), "Connect " + c.name() + " to " + br.name() + " (veth, " + ip.get() + ")");
    }

    private static Outcome podToBridge(Document doc, Pod p, Bridge br) {
        if (p.hostNetwork()) return Outcome.refused(p.name() + " uses the host's network: it has no veth of its own");
        if (!br.host().equals(p.node()))
            return Outcome.refused(br.name() + " is a bridge of " + hostName(doc, br.host()) + " and the pod " + p.name()
                    + " runs on " + hostName(doc, p.node()) + ": a veth pair never leaves its host");
        if (br.id().equals(p.network())) return Outcome.refused(p.name() + " is already attached to " + br.name());
        if (!Cidr.isValid(br.subnet())) return Outcome.refused(br.name() + " has no valid subnet to take an address from");
        // counted as host-network for a moment, so its own current address does not block the search
        Optional<Ipv4> ip = Ipam.nextFree(doc.with(p.withHostNetwork(true)), br.id());
        if (ip.isEmpty()) return Outcome.refused("the subnet " + br.subnet() + " of " + br.name() + " has no free address left");
        return Outcome.done(doc.with(p.withNetwork(br.id()).withIp(ip.get().toString())),
                "Connect " + p.name() + " to " + br.name() + " (veth, " + ip.get() + ")");
    }

    private static Outcome containerToOverlay(Document doc, Container c, Overlay ov) {
        if (c.mode() != Container.Mode.BRIDGE)
            return Outcome.refused(c.name() + " uses " + c.mode().label() + " network mode: it cannot join the overlay " + ov.name());
        if (c.attachments().stream().anyMatch(x -> x.network().equals(ov.id())))
            return Outcome.refused(c.name() + " is already on " + ov.name());
        if (!Cidr.isValid(ov.subnet())) return Outcome.refused("the overlay " + ov.name() + " has no valid subnet to take an address from");
        Optional<Ipv4> ip = Ipam.nextFree(doc, ov.id());
        if (ip.isEmpty()) return Outcome.refused("the subnet " + ov.subnet() + " of " + ov.name() + " has no free address left");
        List<Attachment> att = new ArrayList<>(c.attachments());
        att.add(new Attachment(ov.id(), ip.get().toString(), List.of()));
        Document next = doc.with(c.withAttachments(att));
        // the container's host needs a VTEP on the overlay for the attachment to carry anything
        if (c.host() != null && !ov.hasMember(c.host())) {
            List<Overlay.Member> m = new ArrayList<>(ov.members());
            m.add(Overlay.Member.of(c.host()));
            next = next.with(ov.withMembers(m));
        }
        return Outcome.done(next, "Attach " + c.name() + " to the overlay " + ov.name() + " (" + ip.get() + ")");
    }

    private static Outcome hostToUnderlay(Document doc, Host h, Underlay u) {
        if (u.id().equals(h.underlay())) return Outcome.refused(h.name() + " is already on " + u.name());
        Optional<String> addr = freeUnderlayAddress(doc, u, FIRST_HOST);
        if (addr.isEmpty()) return Outcome.refused(u.name() + " has no valid subnet or no free address");
        return Outcome.done(doc.with(h.withUnderlay(u.id()).withAddress(addr.get())),
                "Connect " + h.name() + " to the underlay " + u.name() + " (" + addr.get() + ")");
    }

    private static Outcome externalToUnderlay(Document doc, External e, Underlay u) {
        if (u.id().equals(e.underlay())) return Outcome.refused(e.name() + " is already on " + u.name());
        Optional<String> addr = freeUnderlayAddress(doc, u, FIRST_EXTERNAL);
        if (addr.isEmpty()) return Outcome.refused(u.name() + " has no valid subnet or no free address");
        return Outcome.done(doc.with(e.withUnderlay(u.id()).withAddress(addr.get())),
                "Connect " + e.name() + " to the underlay " + u.name() + " (" + addr.get() + ")");
    }

    private static Outcome memberOf(Document doc, Host h, Overlay ov, String what) {
        if (ov.hasMember(h.id())) return Outcome.refused(h.name() + " already has a VTEP on " + ov.name());
        List<Overlay.Member> m = new ArrayList<>(ov.members());
        m.add(Overlay.Member.of(h.id()));
        return Outcome.done(doc.with(ov.withMembers(m)), "Join " + what + " to the overlay " + ov.name() + " (VXLAN, VNI " + ov.vni() + ")");
    }

    private static Outcome serviceSelects(Document doc, Service s, Pod p) {
        if (p.labels().isEmpty())
            return Outcome.refused("the pod " + p.name() + " has no labels for the Service " + s.name() + " to select: give it one in the inspector");
        if (!s.namespace().equals(p.namespace()))
            return Outcome.refused("the Service " + s.name() + " is in namespace " + s.namespace() + " and the pod " + p.name() + " in " + p.namespace());
        return Outcome.done(doc.with(s.withSelector(p.labels())), "Select " + p.name() + "'s labels in " + s.name());
    }

    /** Removes a drawn link: the attribute that is the link goes (an attachment, a VTEP, an underlay, a selector). */
    public static Outcome disconnect(Document doc, dev.hopscope.model.Link link) {
        Node src = doc.node(link.source()).orElse(null);
        if (src == null) return Outcome.refused("that link is gone already");
        String what = link.kind().label() + " link " + src.name() + " – " + doc.node(link.target()).map(Node::name).orElse(link.target());
        switch (link.kind()) {
            case VETH:
            case OVERLAY:
                if (src instanceof Container c) {
                    List<Attachment> att = c.attachments().stream().filter(a -> !a.network().equals(link.network())).toList();
                    return Outcome.done(doc.with(c.withAttachments(att)), "Remove " + what);
                }
                if (src instanceof Host h && doc.node(link.target()).orElse(null) instanceof Overlay o) {
                    List<Overlay.Member> m = o.members().stream().filter(x -> !x.host().equals(h.id())).toList();
                    return Outcome.done(doc.with(o.withMembers(m)), "Remove " + what);
                }
                if (src instanceof Pod p) return Outcome.refused(podStaysOn(doc, p));
                break;
            case UNDERLAY:
                if (src instanceof Host h) return Outcome.done(doc.with(h.withUnderlay(null).withAddress(null)), "Remove " + what);
                if (src instanceof External e) return Outcome.done(doc.with(e.withUnderlay(null).withAddress(null)), "Remove " + what);
                break;
            case SELECTS:
                if (src instanceof Service s) return Outcome.done(doc.with(s.withSelector(java.util.Map.of())), "Clear the selector of " + s.name());
                break;
            case INTENT:
                if (link.network() != null && doc.node(link.network()).isPresent())
                    return Outcome.done(doc.without(link.network()), "Remove intent " + link.network());
                break;
            default:
                break;
        }
        return Outcome.refused("a " + link.kind().label() + " link is not removed this way: edit the nodes instead");
    }

    /**
     * Why a pod's link to its pod network is not removed, in the words of that network: a pod
     * always has an interface on its node's pod network, a veth to the CNI bridge, or on a network
     * without a bridge (Calico, Cilium) a veth routed by the node.
     */
    private static String podStaysOn(Document doc, Pod p) {
        Node net = dev.hopscope.model.Ipam.podNetwork(doc, p).orElse(null);
        String instead = ": move the pod to another node, or turn on hostNetwork to put it in the node's own namespace";
        if (net instanceof Network w) {
            String kind = w.networkKind().map(dev.hopscope.model.kinds.NetworkKind::title).orElse(w.driver());
            return "a pod always has an interface on its pod network; on " + w.name() + " (" + kind
                    + ", no bridge) it is a veth the node routes to" + instead;
        }
        return "a pod always has a veth to its node's pod bridge" + (net == null ? "" : " (" + net.name() + ")") + instead;
    }

    /**
     * Two endpoints: an expected flow from the first to the second (a ping that must get through),
     * which the inspector then refines (probe, reachable or isolated). Referenced by id, so a
     * rename does not break it.
     */
    private static Outcome expectFlow(Document doc, Node from, Node to) {
        String id = doc.freshId(from.id() + "-to-" + to.id());
        Intent i = new Intent(id, id, from.id(), to.id(), Probe.icmp(), Intent.Expect.REACHABLE);
        return Outcome.done(doc.with(i), "Expect " + from.name() + " to reach " + to.name());
    }

    /** The next address of the underlay's subnet from {@code first}, written with its prefix (192.168.50.11/24). */
    public static Optional<String> freeUnderlayAddress(Document doc, Underlay u, int first) {
        if (u.subnet() == null || !Cidr.isValid(u.subnet())) return Optional.empty();
        Cidr net = Cidr.parse(u.subnet()).base();
        Set<Integer> used = new HashSet<>();
        for (Host h : doc.all(Host.class)) addressBits(h.address()).ifPresent(used::add);
        for (External e : doc.all(External.class)) addressBits(e.address()).ifPresent(used::add);
        long last = net.size() - 1;
        for (long i = Math.min(first, last - 1); i < last; i++) {
            Ipv4 ip = net.network().plus((int) i);
            if (!used.contains(ip.bits())) return Optional.of(ip + "/" + net.prefix());
        }
        for (long i = 1; i < Math.min(first, last); i++) {
            Ipv4 ip = net.network().plus((int) i);
            if (!used.contains(ip.bits())) return Optional.of(ip + "/" + net.prefix());
        }
        return Optional.empty();
    }

    private static Optional<Integer> addressBits(String cidrOrIp) {
        if (cidrOrIp == null) return Optional.empty();
        if (Cidr.isValid(cidrOrIp)) return Optional.of(Cidr.parse(cidrOrIp).address().bits());
        if (Ipv4.isValid(cidrOrIp)) return Optional.of(Ipv4.parse(cidrOrIp).bits());
        return Optional.empty();
    }

    private static String hostName(Document doc, String id) {
        return id == null ? "no host" : doc.node(id).map(Node::name).orElse(id);
    }

    private static String why(Node a, Node b) {
        String pair = a.kind().label() + " " + a.name() + " and " + b.kind().label() + " " + b.name();
        if (isHostLike(a) && isCard(b) || isHostLike(b) && isCard(a))
            return "no link joins " + pair + ": containers and pods live inside a host; drag the card into the host's box instead";
        if (a instanceof Bridge && b instanceof Bridge)
            return "no link joins two bridges: a bridge reaches another host through routing or an overlay";
        if (a instanceof Underlay || b instanceof Underlay)
            return "only hosts and external endpoints sit on an underlay, not the " + (a instanceof Underlay ? b : a).kind().label();
        return "no link joins " + pair + ": connect a container or pod to a bridge (veth) or a network (macvlan, Calico, ...), "
                + "a host or external to an underlay, a host, bridge or container to an overlay (VXLAN), or two endpoints for an expected flow";
    }

    private static boolean isCard(Node n) { return n instanceof Container || n instanceof Pod; }
    private static boolean isHostLike(Node n) { return n instanceof Host; }
}
