package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.NodeKind;
import dev.hopscope.model.Pod;
import dev.hopscope.model.kinds.NetworkKind;
import dev.hopscope.model.layout.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edits of {@link Network} nodes, the kinds registered in {@code NetworkKinds} (macvlan, ipvlan,
 * Calico, ...): adding one from the palette, and attaching a container or a pod to one. Nothing
 * here knows a particular kind: what may join, where it lives and how addresses are handed out
 * come from the kind's descriptor, and the refusals say the validator's reason before the
 * validator would have to.
 */
public final class NetworkEdits {
    private NetworkEdits() {}

    /**
     * A new network of this kind dropped at a canvas point: a host-scope kind (macvlan) goes into
     * the host under the point as a bar across it, like a bridge; a cluster-scope kind (Calico)
     * goes on the canvas as a band over every host, like an overlay. It gets the kind's default
     * subnet (a kind on a parent device: the LAN the host sits on, with its router as the gateway)
     * and no options set, so every option shows its default.
     */
    public static Outcome drop(Document doc, NetworkKind kind, double x, double y) {
        if (kind.scope() == NetworkKind.Scope.HOST) {
            Optional<Host> host = Edits.hostAt(doc, x, y, List.of());
            if (host.isEmpty())
                return Outcome.refused("a " + kind.title() + " lives inside a host, on its parent device: drop it onto a host's box");
            Host h = host.get();
            Box hb = doc.box(h.id()).orElseThrow();
            String id = Names.first(doc, kind.driver() + "-net");
            Network w = new Network(id, id, kind.driver(), h.id(), List.of(), lanOf(doc, kind, h).orElse(kind.defaultSubnet()),
                    lanGateway(doc, kind, h), Map.of());
            double top = hb.y() + Metrics.HOST_HEADER;
            double by = Math.max(top, Math.min(y - Metrics.BRIDGE_H / 2, hb.y() + hb.h() - Metrics.HOST_PAD - Metrics.BRIDGE_H));
            Box box = new Box(hb.x() + Metrics.HOST_PAD, by, hb.w() - 2 * Metrics.HOST_PAD, Metrics.BRIDGE_H);
            return Outcome.done(doc.with(w, box), "Add " + kind.title() + " " + id + " to " + h.name());
        }
        String id = Names.first(doc, kind.driver());
        Network w = new Network(id, id, kind.driver(), null, List.of(), kind.defaultSubnet(), null, Map.of());
        Box box = new Box(x - Metrics.BAND_MIN_W / 2, y - Metrics.BAND_H / 2, Metrics.BAND_MIN_W, Metrics.BAND_H);
        return Outcome.done(doc.with(w, box), "Add " + kind.title() + " network " + id);
    }

    /**
     * The LAN a kind stacked on a parent device (macvlan, ipvlan) puts its containers on: the
     * subnet of the host's own address (its eth0 on the underlay), else its underlay's subnet.
     * Empty for kinds without a parent device, and for a host on no LAN.
     */
    static Optional<String> lanOf(Document doc, NetworkKind kind, Host h) {
        if (kind.option("parent").isEmpty()) return Optional.empty();
        if (h.address() != null && Cidr.isValid(h.address())) return Optional.of(Cidr.parse(h.address()).base().toString());
        return underlay(doc, h).map(dev.hopscope.model.Underlay::subnet).filter(Cidr::isValid).map(x -> Cidr.parse(x).base().toString());
    }

    /** The LAN's router as the network's gateway, where the underlay names one on that LAN; else null (the subnet's first address). */
    private static String lanGateway(Document doc, NetworkKind kind, Host h) {
        Optional<String> lan = lanOf(doc, kind, h);
        if (lan.isEmpty()) return null;
        Cidr net = Cidr.parse(lan.get());
        return underlay(doc, h).map(dev.hopscope.model.Underlay::gateway)
                .filter(g -> Ipv4.isValid(g) && net.contains(Ipv4.parse(g))).orElse(null);
    }

    private static Optional<dev.hopscope.model.Underlay> underlay(Document doc, Host h) {
        return h.underlay() == null ? Optional.empty() : doc.get(h.underlay(), dev.hopscope.model.Underlay.class);
    }

    /**
     * A container attached to a network: one more attachment with the network's next free address
     * (Docker's IPAM: the gateway reserved, the address range honoured). Refused, with the reason,
     * where the validator would object: the kind takes no containers, the network does not reach
     * the container's host, the container has no interface of its own, or the pool is full.
     */
    public static Outcome attach(Document doc, Container c, Network w) {
        String kindName = w.networkKind().map(NetworkKind::title).orElse(w.driver() + " network");
        if (w.networkKind().isEmpty()) return Outcome.refused(w.name() + " has an unknown driver '" + w.driver() + "'");
        if (!w.networkKind().get().joiners().contains(NodeKind.CONTAINER))
            return Outcome.refused("containers cannot join " + w.name() + ": a " + kindName + " takes pods");
        if (c.mode() != Container.Mode.BRIDGE)
            return Outcome.refused(c.name() + " uses " + c.mode().label() + " network mode: it has no interface of its own to put on " + w.name());
        if (c.host() != null && !w.reaches(c.host()))
            return Outcome.refused(w.name() + " does not reach " + hostName(doc, c.host()) + ", where " + c.name() + " runs"
                    + (w.host() != null ? ": a " + kindName + " lives in one host (" + hostName(doc, w.host()) + ")" : ""));
        if (c.attachments().stream().anyMatch(a -> a.network().equals(w.id())))
            return Outcome.refused(c.name() + " is already on " + w.name());
        if (!Cidr.isValid(w.subnet())) return Outcome.refused(w.name() + " has no valid subnet to take an address from");
        Optional<Ipv4> ip = Ipam.nextFree(doc, w.id());
        if (ip.isEmpty()) return Outcome.refused("the subnet " + w.subnet() + " of " + w.name() + " has no free address left");
        List<Attachment> att = new ArrayList<>(c.attachments());
        att.add(new Attachment(w.id(), ip.get().toString(), List.of()));
        return Outcome.done(doc.with(c.withAttachments(att)), "Attach " + c.name() + " to " + w.name() + " (" + kindName + ", " + ip.get() + ")");
    }

    /**
     * A pod put on a network as its pod network, with the address that network's IPAM gives a pod
     * on the pod's node (a per-node block for Calico). Refused where the validator would object.
     */
    public static Outcome attach(Document doc, Pod p, Network w) {
        String kindName = w.networkKind().map(NetworkKind::title).orElse(w.driver() + " network");
        if (w.networkKind().isEmpty()) return Outcome.refused(w.name() + " has an unknown driver '" + w.driver() + "'");
        if (!w.networkKind().get().joiners().contains(NodeKind.POD))
            return Outcome.refused("pods cannot join " + w.name() + ": a " + kindName + " takes containers");
        if (p.hostNetwork()) return Outcome.refused(p.name() + " uses the host's network: it has no interface of its own to put on " + w.name());
        if (p.node() != null && !w.reaches(p.node()))
            return Outcome.refused(w.name() + " does not reach the node " + hostName(doc, p.node()) + ", where the pod " + p.name() + " runs");
        if (Ipam.podNetwork(doc, p).map(Node::id).filter(w.id()::equals).isPresent() && p.network() != null)
            return Outcome.refused(p.name() + " is already on " + w.name());
        if (!Cidr.isValid(w.subnet())) return Outcome.refused(w.name() + " has no valid subnet to take an address from");
        // the address comes from the pod's own allocation once it names the network: per node
        // block or next free, as the kind's IPAM hands them out; a pinned address is dropped first
        Document next = doc.with(p.withNetwork(w.id()).withIp(null));
        Optional<Ipv4> ip = Ipam.allocate(next).address(p.id(), w.id());
        if (ip.isEmpty()) return Outcome.refused("the pool " + w.subnet() + " of " + w.name() + " has no free address left for " + p.name());
        return Outcome.done(next.with(p.withNetwork(w.id()).withIp(ip.get().toString())),
                "Put " + p.name() + " on " + w.name() + " (" + kindName + ", " + ip.get() + ")");
    }

    /**
     * A host-scope network (macvlan) moved to another host: its bar goes across the new host's
     * bottom, and the containers of the old host that were on it lose that attachment (their
     * interface was a child of the old host's parent device), as a deleted bridge's veths go.
     */
    public static Document moveToHost(Document doc, String networkId, String hostId) {
        Network w = doc.get(networkId, Network.class).orElse(null);
        if (w == null || hostId == null || hostId.equals(w.host()) || doc.get(hostId, Host.class).isEmpty()) return doc;
        Document next = doc.with(w.withHost(hostId));
        for (Container c : doc.all(Container.class)) {
            if (hostId.equals(c.host())) continue;
            List<Attachment> kept = c.attachments().stream().filter(a -> !a.network().equals(networkId)).toList();
            if (kept.size() < c.attachments().size()) next = next.with(c.withAttachments(kept));
        }
        Box hb = doc.box(hostId).orElse(null);
        Box old = doc.box(networkId).orElse(null);
        if (hb != null) {
            double h = old == null ? Metrics.BRIDGE_H : old.h();
            next = next.withBox(networkId, new Box(hb.x() + Metrics.HOST_PAD, hb.y() + hb.h() - Metrics.HOST_PAD - h, hb.w() - 2 * Metrics.HOST_PAD, h));
        }
        return next;
    }

    /**
     * A container or pod just added by {@code created} with the pointer on a network's bar in its
     * host (a macvlan network): attached to that network at once, in the same step, as a card
     * dropped on a bridge bar is. Anything else, or a refusal, leaves {@code created} as it is.
     */
    public static Outcome attachIfOnBar(Outcome created, String newId, double x, double y) {
        if (created.isRefused()) return created;
        Document doc = created.document();
        Node card = doc.node(newId).orElse(null);
        if (!(card instanceof Container) && !(card instanceof Pod)) return created;
        for (Network w : doc.all(Network.class)) {
            if (w.host() == null || !w.host().equals(card.parent())) continue;
            Box b = doc.box(w.id()).orElse(null);
            if (b == null || x < b.x() || x > b.x() + b.w() || y < b.y() || y > b.y() + b.h()) continue;
            Outcome o = card instanceof Container c ? attach(doc, c, w) : attach(doc, (Pod) card, w);
            if (o.isRefused()) return created;
            Document next = o.document();
            // the card goes just above the bar rather than over it, so the bar stays in sight
            Box cb = next.box(newId).orElse(null);
            Box hb = next.box(w.host()).orElse(null);
            if (cb != null && hb != null && cb.y() + cb.h() > b.y() && cb.y() < b.y() + b.h())
                next = next.withBox(newId, new Box(cb.x(), Math.max(hb.y() + Metrics.HOST_HEADER, b.y() - cb.h() - Metrics.GAP / 2), cb.w(), cb.h()));
            return Outcome.done(next, created.description() + " on " + w.name() + o.description().replaceFirst("^[^(]*", " "));
        }
        return created;
    }

    private static String hostName(Document doc, String id) {
        return id == null ? "no host" : doc.node(id).map(Node::name).orElse(id);
    }
}
