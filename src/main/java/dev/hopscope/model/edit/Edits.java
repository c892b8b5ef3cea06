package dev.hopscope.model.edit;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Destination;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.layout.Metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The designer's structural edits as functions from one document to the next. */
public final class Edits {
    private Edits() {}

    /** The given ids plus everything nested in the hosts among them: what moves or goes with them. */
    public static Set<String> withContents(Document doc, Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (doc.node(id).isEmpty()) continue;
            out.add(id);
            if (doc.node(id).get() instanceof Host) for (Node c : doc.children(id)) out.add(c.id());
        }
        return out;
    }

    /** Moves the boxes of the nodes and of their hosts' contents by the same delta. */
    public static Document move(Document doc, Collection<String> ids, double dx, double dy) {
        Map<String, Box> boxes = new LinkedHashMap<>(doc.layout());
        for (String id : withContents(doc, ids)) {
            Box b = boxes.get(id);
            if (b != null) boxes.put(id, b.moved(dx, dy));
        }
        return doc.withLayout(boxes);
    }

    /**
     * A move gesture released: moves the nodes, and a container or pod that lands in another
     * host moves into it. A card dropped outside every host is refused: it lives in a host.
     */
    public static Outcome moveSelection(Document doc, Collection<String> ids, double dx, double dy) {
        Document next = move(doc, ids, dx, dy);
        Set<String> moving = withContents(doc, ids);
        String description = ids.size() == 1 ? "Move " + label(doc, ids.iterator().next()) : "Move " + ids.size() + " nodes";
        for (String id : ids) {
            Node n = doc.node(id).orElse(null);
            if (!(n instanceof Container || n instanceof Pod) || moving.contains(n.parent()) || next.box(id).isEmpty()) continue;
            Box b = next.box(id).get();
            Optional<Host> target = hostAt(next, b.x() + b.w() / 2, b.y() + b.h() / 2, moving);
            if (target.isEmpty())
                return Outcome.refused(n.name() + " lives inside a host: drop it onto a host's box");
            if (!target.get().id().equals(n.parent())) {
                next = reparent(next, id, target.get().id());
                description = "Move " + n.name() + " into " + target.get().name();
            }
        }
        return Outcome.done(next, description);
    }

    /** The host whose box contains the point, innermost last drawn wins; hosts in {@code except} are skipped. */
    public static Optional<Host> hostAt(Document doc, double x, double y, Collection<String> except) {
        Host found = null;
        for (Host h : doc.all(Host.class)) {
            if (except.contains(h.id())) continue;
            Box b = doc.box(h.id()).orElse(null);
            if (b != null && x >= b.x() && x <= b.x() + b.w() && y >= b.y() && y <= b.y() + b.h()) found = h;
        }
        return Optional.ofNullable(found);
    }

    /**
     * Puts a container or pod into another host. Its veths to the old host's bridges cannot
     * follow (a veth pair never crosses hosts), so they are replaced by one to the new host's
     * first bridge, with an address pinned from IPAM; overlay attachments stay, and a card that
     * had no veth gets none.
     */
    public static Document reparent(Document doc, String id, String hostId) {
        return reparent(doc, id, hostId, null);
    }

    /**
     * As {@link #reparent(Document, String, String)}, with the veth going to {@code bridgeId}
     * (a bridge of the new host) when it is given; a card dropped on a bar asks for that bar.
     */
    static Document reparent(Document doc, String id, String hostId, String bridgeId) {
        Node n = doc.node(id).orElseThrow();
        Optional<Bridge> firstBridge = bridgeId != null ? doc.get(bridgeId, Bridge.class)
                : doc.all(Bridge.class).stream().filter(b -> b.host().equals(hostId)).findFirst();
        if (n instanceof Container c) {
            List<Attachment> kept = new ArrayList<>();
            for (Attachment a : c.attachments())
                if (doc.node(a.network()).filter(x -> x instanceof Overlay).isPresent()) kept.add(a);
            Document next = doc.with(c.withHost(hostId).withAttachments(kept));
            boolean hadVeth = kept.size() < c.attachments().size() || bridgeId != null;
            if (hadVeth && c.mode() == Container.Mode.BRIDGE && firstBridge.isPresent()) {
                String net = firstBridge.get().id();
                String ip = Ipam.nextFree(next, net).map(Object::toString).orElse(null);
                List<Attachment> att = new ArrayList<>(kept);
                att.add(new Attachment(net, ip, List.of()));
                next = next.with(c.withHost(hostId).withAttachments(att));
            }
            return next;
        }
        if (n instanceof Pod p) {
            Document next = doc.with(p.withNode(hostId).withNetwork(bridgeId).withIp(null));
            Pod moved = next.get(id, Pod.class).orElseThrow();
            String ip = Ipam.podNetwork(next, moved).flatMap(b -> Ipam.nextFree(next, b.id())).map(Object::toString).orElse(null);
            return next.with(moved.withIp(ip));
        }
        return doc;
    }

    /**
     * A card dropped with the pointer on a bar or band ({@code targetId}): it is re-attached
     * there as one step. On a bridge it gets a veth to that bridge with the bridge's next free
     * address (its veths to the other bridges of its host go; onto another host's bridge it moves
     * into that host) and goes to the free spot just under the bar; on an overlay, or a network of
     * a registered kind (macvlan, Calico), it joins it and stays where it was. What cannot be (a host-network container on a bridge, a
     * card on an underlay, a full subnet) is refused with the reason and changes nothing.
     */
    public static Outcome dropOn(Document doc, String cardId, String targetId, double pointerX, double pointerY) {
        Node card = doc.node(cardId).orElse(null);
        Node target = doc.node(targetId).orElse(null);
        if (card == null || target == null) return Outcome.refused("there is nothing to drop there");
        if (!(card instanceof Container || card instanceof Pod)) return Outcome.refused(card.name() + " is not a container or pod");
        String what = card instanceof Pod ? "the pod " + card.name() : card.name();
        if (target instanceof dev.hopscope.model.Underlay u)
            return Outcome.refused(what + " cannot plug into the underlay " + u.name() + " itself: it reaches the LAN through its host "
                    + "(routing and NAT) or through a port its host publishes");
        if (target instanceof Overlay ov) {
            if (card instanceof Pod)
                return Outcome.refused("a pod reaches pods on other nodes through its node's CNI bridge and routes, not by joining "
                        + ov.name() + " itself: make " + ov.name() + " the nodes' flannel overlay instead");
            Outcome joined = Connections.connect(doc, cardId, targetId);
            return joined.isRefused() ? joined : Outcome.done(joined.document(), "Move " + card.name() + " onto the overlay " + ov.name()
                    + joined.description().replaceFirst("^.*?( \\(|$)", "$1"));
        }
        if (target instanceof dev.hopscope.model.Network w) {
            // a network of a registered kind (macvlan, Calico...): the card joins it as the kind allows, where it is
            Outcome joined = card instanceof Container c ? NetworkEdits.attach(doc, c, w) : NetworkEdits.attach(doc, (Pod) card, w);
            return joined.isRefused() ? joined : Outcome.done(joined.document(), joined.description());
        }
        if (!(target instanceof Bridge br))
            return Outcome.refused(card.name() + " can be dropped on a bridge, an overlay or a network, not on " + target.name());
        String host = card.parent();
        Document next;
        if (!br.host().equals(host)) {
            if (card instanceof Container c && c.mode() != Container.Mode.BRIDGE)
                return Outcome.refused(c.name() + " uses " + c.mode().label() + " network mode: it has no veth to plug into " + br.name());
            if (card instanceof Pod p && p.hostNetwork())
                return Outcome.refused(p.name() + " uses the host's network: it has no veth of its own to plug into " + br.name());
            if (!dev.hopscope.model.Cidr.isValid(br.subnet())) return Outcome.refused(br.name() + " has no valid subnet to take an address from");
            next = reparent(doc, cardId, br.host(), br.id());
            if (!attachedTo(next, cardId, br.id()))
                return Outcome.refused("the subnet " + br.subnet() + " of " + br.name() + " has no free address left");
        } else if (card instanceof Container c) {
            if (c.mode() != Container.Mode.BRIDGE)
                return Outcome.refused(c.name() + " uses " + c.mode().label() + " network mode: it has no veth to plug into " + br.name());
            List<Attachment> kept = new ArrayList<>();
            Attachment own = null;
            for (Attachment a : c.attachments()) {
                if (a.network().equals(br.id())) own = a;
                else if (doc.get(a.network(), Bridge.class).filter(b -> b.host().equals(host)).isEmpty()) kept.add(a);
            }
            Document detached = doc.with(c.withAttachments(kept));
            if (own == null) {
                Outcome o = Connections.connect(detached, cardId, br.id());
                if (o.isRefused()) return o;
                next = o.document();
            } else {
                List<Attachment> att = new ArrayList<>(kept);
                att.add(own);
                next = doc.with(c.withAttachments(att));
            }
        } else {
            Pod p = (Pod) card;
            if (br.id().equals(p.network()) || p.network() == null && Ipam.podNetwork(doc, p).map(Node::id).filter(br.id()::equals).isPresent()) {
                next = doc;
            } else {
                Outcome o = Connections.connect(doc, cardId, br.id());
                if (o.isRefused()) return o;
                next = o.document();
            }
        }
        next = dev.hopscope.model.layout.AutoLayout.place(next.withBox(cardId, null), cardId, pointerX, pointerY);
        String address = addressOn(next, cardId, br.id());
        String where = br.host().equals(host) ? "" : " into " + hostName(doc, br.host()) + ",";
        return Outcome.done(next, "Move " + card.name() + where + " onto " + br.name() + (address == null ? "" : " (veth, " + address + ")"));
    }

    private static boolean attachedTo(Document doc, String cardId, String network) {
        Node n = doc.node(cardId).orElse(null);
        if (n instanceof Container c) return c.attachments().stream().anyMatch(a -> a.network().equals(network));
        if (n instanceof Pod p) return Ipam.podNetwork(doc, p).map(Node::id).filter(network::equals).isPresent();
        return false;
    }

    private static String addressOn(Document doc, String cardId, String network) {
        return Ipam.allocate(doc).address(cardId, network).map(Object::toString).orElse(null);
    }

    private static String hostName(Document doc, String id) {
        return doc.node(id).map(Node::name).orElse(id);
    }

    /**
     * A host's new box, at least big enough for its header; its bridges stretch to the new inner
     * width because a bridge is drawn across the whole host.
     */
    public static Document resize(Document doc, String hostId, Box box) {
        Box b = new Box(box.x(), box.y(), Math.max(Metrics.HOST_MIN_W, box.w()), Math.max(Metrics.HOST_MIN_H, box.h()));
        Document next = doc.withBox(hostId, b);
        for (Node c : doc.children(hostId)) {
            if (!(c instanceof Bridge) && !(c instanceof dev.hopscope.model.Network)) continue; // a macvlan network's bar too
            Box old = doc.box(c.id()).orElse(null);
            if (old == null) continue;
            next = next.withBox(c.id(), new Box(b.x() + Metrics.HOST_PAD, old.y(), b.w() - 2 * Metrics.HOST_PAD, old.h()));
        }
        return next;
    }

    /**
     * Deletes the nodes, everything nested in deleted hosts, and every reference to them: a
     * deleted bridge's veths, a deleted host's VTEPs, intents naming a deleted endpoint.
     */
    public static Document delete(Document doc, Collection<String> ids) {
        Set<String> gone = withContents(doc, ids);
        Set<String> goneNames = new LinkedHashSet<>();
        for (String id : gone) doc.node(id).ifPresent(n -> goneNames.add(n.name()));
        Document next = doc;
        for (String id : gone) next = next.without(id);
        List<Node> kept = new ArrayList<>();
        for (Node n : next.nodes()) {
            if (n instanceof Intent i) {
                if (refersTo(i.from(), gone, goneNames) || refersTo(i.to(), gone, goneNames)) continue;
                kept.add(i);
            } else if (n instanceof Container c) {
                List<Attachment> att = c.attachments().stream().filter(a -> !gone.contains(a.network())).toList();
                kept.add(att.size() == c.attachments().size() ? c : c.withAttachments(att));
            } else if (n instanceof Pod p && p.network() != null && gone.contains(p.network())) {
                kept.add(p.withNetwork(null));
            } else if (n instanceof Overlay o) {
                List<Overlay.Member> m = o.members().stream().filter(x -> !gone.contains(x.host())).toList();
                kept.add(m.size() == o.members().size() ? o : o.withMembers(m));
            } else if (n instanceof Host h && h.underlay() != null && gone.contains(h.underlay())) {
                kept.add(h.withUnderlay(null));
            } else if (n instanceof External e && e.underlay() != null && gone.contains(e.underlay())) {
                kept.add(e.withUnderlay(null));
            } else {
                kept.add(n);
            }
        }
        Document result = next.withNodes(kept);
        Map<String, Box> boxes = new LinkedHashMap<>(result.layout());
        boxes.keySet().removeIf(id -> result.node(id).isEmpty());
        return result.withLayout(boxes);
    }

    private static boolean refersTo(String ref, Set<String> ids, Set<String> names) {
        if (ref == null) return false;
        String head = Destination.tryParse(ref.strip()).map(Destination::host).orElse(ref);
        return ids.contains(head) || names.contains(head);
    }

    /** "web" or "the bridge docker0": how the Edit menu names a node. */
    public static String label(Document doc, String id) {
        return doc.node(id).map(Node::name).orElse(id);
    }
}
