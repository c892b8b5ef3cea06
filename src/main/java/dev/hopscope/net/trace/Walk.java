package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.net.findings.Encapsulation;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks one packet through a compiled dataplane the way the kernel would: output NAT, route
 * lookup, neighbour resolution (ARP across veths, bridges and VXLAN), bridge forwarding, netfilter
 * hooks, VXLAN encapsulation, input NAT, forwarding, delivery to a socket. One Walk is one leg:
 * the request, or (with {@code replyLeg}) the reply, which conntrack un-NATs and filters let pass.
 * Every walk ends: hops are bounded and TTL is decremented.
 */
final class Walk {
    static final int MAX_HOPS = 160;

    /** A NAT applied on the request leg: conntrack undoes it for the reply in the same namespace. */
    record Conntrack(Namespace ns, Packet before, Packet after) {}

    /** How a leg ended; {@code listener} is the socket that took a delivered request. */
    record Ending(Disposition disposition, String reason, Namespace ns, Packet packet, Listener listener) {}

    private final Dataplane dp;
    private final boolean replyLeg;
    private final List<Conntrack> conntrack;
    private final List<Hop> hops = new ArrayList<>();
    private List<Layer> last = List.of();
    /** For the reply leg: where the client waits and the address it sent to. */
    private Namespace client;
    private Packet clientSent;

    Walk(Dataplane dp, boolean replyLeg, List<Conntrack> conntrack) {
        this.dp = dp;
        this.replyLeg = replyLeg;
        this.conntrack = conntrack;
    }

    private boolean record = true;

    /** A decision that depended on the destination address: does another address get the same answer? */
    interface DstCheck { boolean holds(Ipv4 dst); }

    /** Non-null while recording the request's destination-dependent decisions, for reuse of the outcome. */
    private List<DstCheck> checks;
    private boolean reusable = true;

    Walk memoizing() { this.checks = new ArrayList<>(); return this; }

    List<DstCheck> checks() { return checks; }

    /** Whether the outcome depends on the destination only through the recorded checks. */
    boolean reusable() { return checks != null && reusable; }

    private void check(DstCheck c) { if (checks != null && reusable) checks.add(c); }

    private void notReusable() { reusable = false; }

    /** Where the request first arrived at a namespace that owns its destination, while still reusable. */
    private Namespace arrivedAt;

    Namespace arrivedAt() { return arrivedAt; }

    private void arrived(Namespace ns) {
        if (checks != null && reusable && arrivedAt == null) arrivedAt = ns;
        notReusable(); // delivery, and the reply that follows, depend on exactly who owns the address
    }

    private boolean local(Namespace ns, Ipv4 dst) {
        boolean answer = ns.isLocal(dst);
        check(d -> ns.isLocal(d) == answer);
        return answer;
    }

    private Route route(Namespace ns, Ipv4 dst) {
        Route r = ns.lookup(dst);
        check(d -> ns.lookup(d) == r);
        return r;
    }

    /** First rule of the list that matches, as its index (-1 for none), recorded for reuse. */
    private int matchIndex(List<Rule> rules, Packet p, String in, String out, Namespace ns) {
        int idx = firstIndex(rules, p, in, out, ns);
        check(d -> firstIndex(rules, p.withDst(d), in, out, ns) == idx);
        return idx;
    }

    private static int firstIndex(List<Rule> rules, Packet p, String in, String out, Namespace ns) {
        for (int i = 0; i < rules.size(); i++) if (matches(rules.get(i).match(), p, in, out, ns)) return i;
        return -1;
    }

    /** What the chain decides, if it drops or rejects (an ACCEPT, or nothing, lets the packet pass), recorded for reuse. */
    private Rule blocking(Namespace ns, Rule.Chain chain, Packet p, String in, String out) {
        Rule r = ns.decide(Rule.Table.FILTER, chain, m -> matches(m, p, in, out, ns));
        check(d -> ns.decide(Rule.Table.FILTER, chain, m -> matches(m, p.withDst(d), in, out, ns)) == r);
        return r != null && (r.target() == Rule.Target.DROP || r.target() == Rule.Target.REJECT) ? r : null;
    }

    Walk recording(boolean on) { this.record = on; return this; }

    Walk expectingClient(Namespace ns, Packet sent) { this.client = ns; this.clientSent = sent; return this; }

    List<Hop> hops() { return hops; }

    // ---------------------------------------------------------------- recording

    void hop(Namespace ns, String device, String node, StepKind step, Packet p, String note) {
        if (!record) return;
        List<Layer> now = p.layers();
        hops.add(new Hop(hops.size() + 1, ns.host() != null ? hostName(ns.host()) : nodeName(ns.node()), ns.name(), device,
                node, step, now, changed(last, now), note));
        last = now;
    }

    private String hostName(String id) { return dp.document().node(id).map(n -> n.name()).orElse(id); }

    private String nodeName(String id) { return id == null ? "" : dp.document().node(id).map(n -> n.name()).orElse(id); }

    /** Fields that differ from the previous hop, matched from the innermost header outwards. */
    static List<String> changed(List<Layer> before, List<Layer> after) {
        List<String> out = new ArrayList<>();
        if (before.isEmpty()) return out;
        for (int k = 1; k <= after.size(); k++) {
            int ai = after.size() - k, bi = before.size() - k;
            Layer a = after.get(ai);
            if (bi < 0 || !before.get(bi).layer().equals(a.layer())) {
                out.add(ai + ":" + a.layer() + ".*");
                continue;
            }
            for (var e : a.fields().entrySet())
                if (!e.getValue().equals(before.get(bi).fields().get(e.getKey()))) out.add(ai + ":" + a.layer() + "." + e.getKey());
        }
        return out;
    }

    private Ending end(Disposition d, String reason, Namespace ns, Packet p) { return new Ending(d, reason, ns, p, null); }

    private Ending drop(Namespace ns, String device, String node, Disposition d, Packet p, String reason) {
        if (record) hop(ns, device, node, StepKind.DROP, p, reason);
        return end(d, reason, ns, p);
    }

    private boolean outOfBudget() { return hops.size() >= MAX_HOPS; }

    // ---------------------------------------------------------------- sending

    /** A packet generated by a socket (or a VXLAN device) in {@code ns}. */
    Ending originate(Namespace ns, Packet p) {
        if (!replyLeg && !p.encapsulated()) p = nat(ns, Rule.Chain.OUTPUT, p, null, null);
        if (local(ns, p.dst())) {
            arrived(ns);
            Iface lo = ns.iface("lo");
            if (p.src() == null) p = p.withSrc(p.dst().isLoopback() ? p.dst() : p.dst());
            if (record) hop(ns, "lo", ns.node(), StepKind.ROUTE, p, p.dst() + " is an address of " + ns.name() + " itself: the packet loops back over lo");
            return input(ns, lo, p);
        }
        Route r = route(ns, p.dst());
        if (r == null) return noRoute(ns, p, null);
        if (p.src() == null) p = p.withSrc(r.src() != null ? r.src() : r.dev().primaryAddress());
        if (record) hop(ns, r.dev().name(), ns.node(), StepKind.ROUTE, p, ns.name() + " looks up " + p.dst() + ": route " + r.describe()
                + (p.encapsulated() ? " (the outer packet, on the underlay)" : ""));
        if (!replyLeg && !p.encapsulated()) {
            Rule f = blocking(ns, Rule.Chain.OUTPUT, p, null, r.dev().name());
            if (f != null && (f.target() == Rule.Target.DROP || f.target() == Rule.Target.REJECT)) return denied(ns, r.dev().name(), p, f);
        }
        return send(ns, r, p, null);
    }

    /** After the routing decision: FORWARD filter, POSTROUTING NAT, MTU, neighbour, transmit. */
    private Ending send(Namespace ns, Route r, Packet p, Iface in) {
        Iface dev = r.dev();
        if (!replyLeg && in != null && !p.encapsulated()) {
            Rule f = blocking(ns, Rule.Chain.FORWARD, p, in.name(), dev.name());
            if (f != null && (f.target() == Rule.Target.DROP || f.target() == Rule.Target.REJECT)) return denied(ns, dev.name(), p, f);
        }
        if (!replyLeg && !p.encapsulated()) p = nat(ns, Rule.Chain.POSTROUTING, p, in, dev);
        if (p.length() > dev.mtu()) {
            if (p.df()) {
                String why = in == null
                        ? "the packet is " + p.length() + " bytes with Don't Fragment set, but " + dev.name() + "'s MTU is " + dev.mtu()
                          + ": the kernel refuses to send it (\"message too long\")"
                        : ns.name() + " cannot forward a " + p.length() + "-byte packet with Don't Fragment set out of " + dev.name()
                          + " (MTU " + dev.mtu() + "): it drops it and answers ICMP \"fragmentation needed\"";
                return drop(ns, dev.name(), ns.node(), Disposition.MTU_EXCEEDED, p, why);
            }
            if (record) hop(ns, dev.name(), ns.node(), StepKind.ROUTE, p, "the packet (" + p.length() + " bytes) is larger than " + dev.name()
                    + "'s MTU " + dev.mtu() + ": the kernel fragments it (slower, and fragments are often dropped on the way)");
            p = p.withLength(dev.mtu()); // follow the first fragment; the far end reassembles the rest
        }
        Ipv4 next = r.via() != null ? r.via() : p.dst();
        Mac mac;
        if (dev.kind() == Iface.Kind.VXLAN) {
            Neighbour n = ns.neighbour(dev, next);
            if (n == null) return drop(ns, dev.name(), ns.node(), Disposition.NEIGHBOR_UNREACHABLE, p,
                    "no neighbour entry for " + next + " on " + dev.name() + ": the overlay's control plane never told this node where it is");
            mac = n.mac();
        } else {
            mac = arp(dev, next);
            if (next.equals(p.dst())) {
                Mac answer = mac;
                check(d -> java.util.Objects.equals(arp(dev, d), answer));
            }
            if (mac == null) return drop(ns, dev.name(), ns.node(), Disposition.NEIGHBOR_UNREACHABLE, p,
                    next + " is on-link for " + ns.name() + " (" + dev.name() + "), but the ARP request for it gets no answer: no one on that segment has the address");
        }
        p = p.withEth(dev.mac(), mac);
        return transmit(dev, p);
    }

    private Ending transmit(Iface dev, Packet p) {
        if (outOfBudget()) return end(Disposition.LOOP, "the packet went round more than " + MAX_HOPS + " hops", dev.ns(), p);
        switch (dev.kind()) {
            case VETH: {
                Iface peer = dev.peer();
                p = p.withMark(0); // crossing into another namespace scrubs the netfilter mark
                if (peer.ns().kind() != Namespace.Kind.SWITCH && dev.ns().kind() != Namespace.Kind.SWITCH)
                    if (record) hop(dev.ns(), dev.name(), peer.node(), StepKind.VETH, p, "the frame crosses the veth pair " + dev.ns().name() + ":" + dev.name()
                            + " → " + peer.ns().name() + ":" + peer.name());
                return receive(peer, p);
            }
            case BRIDGE:
                return bridge(dev, p, null);
            case VXLAN:
                return encapsulate(dev, p);
            default:
                return input(dev.ns(), dev, p);
        }
    }

    private Ending receive(Iface dev, Packet p) {
        if (dev.master() != null) return bridge(dev.master(), p, dev);
        return input(dev.ns(), dev, p);
    }

    // ---------------------------------------------------------------- L2

    private Ending bridge(Iface br, Packet p, Iface inPort) {
        Namespace ns = br.ns();
        boolean underlay = ns.kind() == Namespace.Kind.SWITCH;
        if (p.ethDst().equals(br.mac())) {
            if (record) hop(ns, br.name(), br.node(), StepKind.BRIDGE, p, "the frame is addressed to " + br.name() + " itself: it goes up to " + ns.name() + "'s IP stack");
            return input(ns, br, p);
        }
        // br_netfilter: a bridged reply still passes conntrack, which undoes a Service's DNAT on the same node
        if (replyLeg && !underlay && !p.encapsulated()) p = unNat(ns, br, p);
        Iface out = portFor(br, p.ethDst(), inPort);
        if (out == null) return drop(ns, br.name(), br.node(), Disposition.NEIGHBOR_UNREACHABLE, p,
                br.name() + " has no port behind which " + p.ethDst() + " lives");
        if (!replyLeg && !underlay && !p.encapsulated() && inPort != null) {
            // br_netfilter: Docker and kube-proxy need bridged IP traffic to pass iptables FORWARD. A frame the
            // host itself sends out of the bridge device has already passed OUTPUT and is not bridged traffic.
            Rule f = blocking(ns, Rule.Chain.FORWARD, p, br.name(), br.name());
            if (f != null && (f.target() == Rule.Target.DROP || f.target() == Rule.Target.REJECT)) return denied(ns, br.name(), p, f);
        }
        if (p.length() > out.mtu())
            return drop(ns, br.name(), br.node(), Disposition.MTU_EXCEEDED, p, "the frame carries a " + p.length() + "-byte packet but the port "
                    + out.name() + " has MTU " + out.mtu() + (out.kind() == Iface.Kind.VXLAN ? " (VXLAN costs 50 bytes)" : "")
                    + ": the bridge drops it silently");
        if (underlay) {
            Iface to = out.peer();
            if (record) hop(ns, br.name(), br.node(), StepKind.UNDERLAY, p, "the underlay " + nodeName(ns.node()) + " carries the frame from "
                    + (inPort == null ? "?" : inPort.peer().ns().name()) + " to " + to.ns().name() + " (" + p.ethDst() + ")");
        } else {
            if (record) hop(ns, br.name(), br.node(), StepKind.BRIDGE, p, br.name() + " looks up " + p.ethDst() + " in its forwarding table and sends the frame out of "
                    + out.name() + " — bridged, not routed: no TTL change, no NAT");
        }
        if (out.kind() == Iface.Kind.VXLAN) return encapsulate(out, p);
        return transmit(out, p);
    }

    /** The bridge port behind which {@code mac} lives (split horizon: never from one VXLAN port to another). */
    private Iface portFor(Iface br, Mac mac, Iface inPort) {
        boolean fromTunnel = inPort != null && inPort.kind() == Iface.Kind.VXLAN;
        for (Iface port : br.ports()) {
            if (port == inPort) continue;
            if (port.kind() == Iface.Kind.VETH && port.peer().mac().equals(mac)) return port;
            if (port.kind() == Iface.Kind.VXLAN && !fromTunnel && remoteVtepFor(port, mac) != null) return port;
        }
        return null;
    }

    /** The remote VXLAN device (same VNI and UDP port, on a flooded VTEP) whose bridge holds {@code mac}. */
    private Iface remoteVtepFor(Iface vx, Mac mac) {
        for (Iface remote : remoteVteps(vx)) {
            Iface rb = remote.master();
            if (rb == null) continue;
            if (rb.mac().equals(mac)) return remote;
            for (Iface port : rb.ports()) if (port.kind() == Iface.Kind.VETH && port.peer().mac().equals(mac)) return remote;
        }
        return null;
    }

    private List<Iface> remoteVteps(Iface vx) {
        List<Iface> out = new ArrayList<>();
        for (Ipv4 ip : vx.vxlan().flood())
            for (Iface i : dp.vxlanDevicesAt(ip))
                if (i != vx && i.vxlan().vni() == vx.vxlan().vni() && i.vxlan().port() == vx.vxlan().port()) out.add(i);
        return out;
    }

    /** Who answers an ARP request for {@code ip} sent out of {@code dev}. */
    private Mac arp(Iface dev, Ipv4 ip) {
        if (dev.kind() == Iface.Kind.VETH) {
            Iface peer = dev.peer();
            if (peer.master() != null) return arpInBridge(peer.master(), ip, peer, true);
            return peer.hasAddress(ip) ? peer.mac() : null;
        }
        if (dev.kind() == Iface.Kind.BRIDGE) return arpInBridge(dev, ip, null, true);
        return null;
    }

    private Mac arpInBridge(Iface br, Ipv4 ip, Iface except, boolean crossTunnels) {
        if (br.hasAddress(ip)) return br.mac();
        for (Iface port : br.ports()) {
            if (port == except) continue;
            if (port.kind() == Iface.Kind.VETH && port.peer().hasAddress(ip)) return port.peer().mac();
            if (port.kind() == Iface.Kind.VXLAN && crossTunnels)
                for (Iface remote : remoteVteps(port)) {
                    if (remote.master() == null) continue;
                    Mac m = arpInBridge(remote.master(), ip, remote, false);
                    if (m != null) return m;
                }
        }
        return null;
    }

    // ---------------------------------------------------------------- VXLAN

    private Ending encapsulate(Iface vx, Packet frame) {
        notReusable(); // the outer destination follows from the inner frame's exact owner
        Namespace ns = vx.ns();
        Ipv4 remote;
        if (vx.master() == null) {
            remote = vx.vxlan().fdb().get(frame.ethDst());
        } else {
            Iface r = remoteVtepFor(vx, frame.ethDst());
            remote = r == null ? null : r.vxlan().local();
        }
        if (remote == null) return drop(ns, vx.name(), vx.node(), Disposition.NEIGHBOR_UNREACHABLE, frame,
                vx.name() + " knows no VTEP for " + frame.ethDst() + ": nothing to send the frame to");
        int sport = 32768 + Math.floorMod(frame.flow().hashCode(), 28000);
        Packet outer = frame.encapsulate(vx.vxlan().local(), remote, sport, vx.vxlan().port(), vx.vxlan().vni(), vx.vxlan().espSpi(), Encapsulation.ESP_OVERHEAD);
        if (record) hop(ns, vx.name(), vx.node(), StepKind.ENCAP, outer, vx.name() + " wraps the frame in outer Ethernet / IPv4 " + vx.vxlan().local() + " → " + remote
                + (vx.vxlan().encrypted() ? " / ESP (IPsec, encrypted overlay)" : "") + " / UDP " + vx.vxlan().port() + " / VXLAN VNI " + vx.vxlan().vni()
                + ": " + (outer.length() - frame.length()) + " bytes more");
        return originate(ns, outer);
    }

    // ---------------------------------------------------------------- L3 input

    private Ending input(Namespace ns, Iface in, Packet p) {
        if (outOfBudget()) return end(Disposition.LOOP, "the packet went round more than " + MAX_HOPS + " hops", ns, p);
        p = p.withEth(null, null); // the IP layer takes the packet out of its frame; a new frame is built on transmit
        if (replyLeg) p = unNat(ns, in, p);
        else if (!p.encapsulated()) p = nat(ns, Rule.Chain.PREROUTING, p, in, null);
        if (local(ns, p.dst())) {
            if (p.encapsulated()) notReusable();
            else arrived(ns);
            if (p.encapsulated()) return decapsulate(ns, in, p);
            if (!replyLeg) {
                Rule f = blocking(ns, Rule.Chain.INPUT, p, in.name(), null);
                if (f != null && (f.target() == Rule.Target.DROP || f.target() == Rule.Target.REJECT)) return denied(ns, in.name(), p, f);
            }
            return deliver(ns, in, p);
        }
        if (!ns.ipForward())
            return drop(ns, in.name(), ns.node(), Disposition.NO_ROUTE, p, p.dst() + " is not an address of " + ns.name()
                    + ", and ip_forward is off there: the kernel does not route it on");
        if (p.ttl() <= 1)
            return drop(ns, in.name(), ns.node(), Disposition.LOOP, p, "the TTL ran out at " + ns.name() + ": the packet is going round in circles");
        p = p.withTtl(p.ttl() - 1);
        Route r = route(ns, p.dst());
        if (r == null) return noRoute(ns, p, in);
        if (record) hop(ns, r.dev().name(), ns.node(), StepKind.ROUTE, p, ns.name() + " forwards " + p.dst() + " (ip_forward on, TTL " + p.ttl() + "): route " + r.describe());
        return send(ns, r, p, in);
    }

    private Ending decapsulate(Namespace ns, Iface in, Packet outer) {
        for (Iface vx : ns.ifaces()) {
            if (vx.kind() != Iface.Kind.VXLAN || vx.vxlan().port() != outer.dport() || !vx.vxlan().local().equals(outer.dst())) continue;
            if (vx.vxlan().vni() != outer.vni()) continue;
            Packet inner = outer.inner();
            if (record) hop(ns, vx.name(), vx.node(), StepKind.DECAP, inner, vx.name() + " on " + ns.name() + " takes the UDP " + outer.dport() + " packet with VNI "
                    + outer.vni() + (outer.espSpi() != 0 ? ", decrypts the ESP payload," : "") + " and unwraps the original frame");
            if (vx.master() != null) return bridge(vx.master(), inner, vx);
            return input(ns, vx, inner);
        }
        return drop(ns, in.name(), ns.node(), Disposition.NEIGHBOR_UNREACHABLE, outer, ns.name() + " has no VXLAN device for VNI " + outer.vni()
                + " on UDP " + outer.dport() + ": the kernel drops the tunnelled frame");
    }

    private Ending deliver(Namespace ns, Iface in, Packet p) {
        if (replyLeg) {
            if (ns != client) return drop(ns, in.name(), ns.node(), Disposition.NO_RETURN_PATH, p,
                    "the reply ends up at " + ns.name() + ", not at the client " + client.name());
            if (!p.src().equals(clientSent.dst()) || (p.proto() != Proto.ICMP && p.sport() != clientSent.dport()))
                return drop(ns, in.name(), ns.node(), Disposition.NO_RETURN_PATH, p, "the reply comes from " + p.src()
                        + (p.proto() != Proto.ICMP ? ":" + p.sport() : "") + ", but the client sent to " + clientSent.dst()
                        + (p.proto() != Proto.ICMP ? ":" + clientSent.dport() : "") + ": it is dropped (no matching connection)");
            if (record) hop(ns, in.name(), ns.node(), StepKind.DELIVER, p, "the reply reaches the client " + nodeName(ns.node()) + ": the flow works both ways");
            return end(Disposition.DELIVERED, "the reply came back", ns, p);
        }
        if (p.proto() == Proto.ICMP) {
            if (record) hop(ns, in.name(), ns.node(), StepKind.DELIVER, p, ns.name() + " owns " + p.dst() + " and answers the ping (echo reply)");
            return end(Disposition.DELIVERED, "delivered to " + ns.name(), ns, p);
        }
        for (Listener l : ns.listeners()) {
            if (l.accepts(p.dst(), p.proto(), p.dport())) {
                if (record) hop(ns, in.name(), l.owner(), StepKind.DELIVER, p, "delivered to " + nodeName(l.owner()) + ", listening on "
                        + l.bind() + ":" + l.port() + "/" + l.proto().label() + "; it sees the source " + p.src());
                return new Ending(Disposition.DELIVERED, "delivered to " + nodeName(l.owner()), ns, p, l);
            }
        }
        String reason = "the packet reaches " + ns.name() + ", but nothing listens on " + p.dst() + ":" + p.dport() + "/" + p.proto().label()
                + (p.proto() == Proto.TCP ? ": the kernel answers with a TCP reset" : ": the kernel answers ICMP port unreachable");
        for (Listener l : ns.listeners())
            if (l.proto() == p.proto() && l.port() == p.dport())
                reason += " (" + nodeName(l.owner()) + " listens on " + l.bind() + " only)";
        return drop(ns, in.name(), ns.node(), Disposition.NO_LISTENER, p, reason);
    }

    private Ending noRoute(Namespace ns, Packet p, Iface in) {
        // A real node has a default route that would carry this to kube-proxy's FORWARD/OUTPUT rejects.
        Rule f = replyLeg ? null : blocking(ns, in == null ? Rule.Chain.OUTPUT : Rule.Chain.FORWARD, p,
                in == null ? null : in.name(), null);
        if (f != null && f.target() == Rule.Target.REJECT) return denied(ns, in == null ? "-" : in.name(), p, f);
        String reason = ns.name() + " has no route to " + p.dst();
        if (ns.kind() == Namespace.Kind.CONTAINER && ns.lookup(Ipv4.parse("0.0.0.0")) == null && hasOnlyInternalNetworks(ns))
            reason += ": its networks are internal, and Docker gives containers on internal networks no default route";
        if (dp.addressing().clusterIps().containsValue(p.dst()))
            reason += ": " + p.dst() + " is a ClusterIP, a virtual address no device holds; kube-proxy only rewrites its service ports"
                    + (p.proto() == Proto.ICMP ? ", so a ping to it goes nowhere" : "");
        return drop(ns, in == null ? "-" : in.name(), ns.node(), Disposition.NO_ROUTE, p, reason);
    }

    private boolean hasOnlyInternalNetworks(Namespace ns) {
        return dp.document().get(ns.node(), dev.hopscope.model.Container.class).map(c -> !c.attachments().isEmpty() && c.attachments().stream()
                .allMatch(a -> dp.document().get(a.network(), dev.hopscope.model.Bridge.class).map(b -> b.internal()).orElse(false))).orElse(false);
    }

    private Ending denied(Namespace ns, String device, Packet p, Rule f) {
        if (record) hop(ns, device, ns.node(), StepKind.FILTER, p, "iptables " + String.join(" ", f.args()) + ": " + f.why());
        return drop(ns, device, ns.node(), Disposition.DENIED, p, f.why());
    }

    // ---------------------------------------------------------------- netfilter

    private Packet nat(Namespace ns, Rule.Chain chain, Packet p, Iface in, Iface out) {
        List<Rule> rules = ns.chain(Rule.Table.NAT, chain);
        int first = matchIndex(rules, p, in == null ? null : in.name(), out == null ? null : out.name(), ns);
        for (int i = Math.max(first, 0); first >= 0 && i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (i > first && !matches(r.match(), p, in == null ? null : in.name(), out == null ? null : out.name(), ns)) continue;
            if (r.target() == Rule.Target.RETURN) return p;
            Packet before = p;
            if (r.target() == Rule.Target.DNAT) {
                notReusable();
                p = p.withDst(r.toIp());
                if (r.toPort() != 0 && p.proto() != Proto.ICMP) p = p.withDport(r.toPort());
                if (r.setMark() != 0) p = p.withMark(p.mark() | r.setMark());
                if (record) hop(ns, in == null ? "-" : in.name(), ns.node(), StepKind.NAT, p, "DNAT " + before.dst() + (p.proto() != Proto.ICMP ? ":" + before.dport() : "")
                        + " → " + p.dst() + (p.proto() != Proto.ICMP ? ":" + p.dport() : "") + " — " + r.why());
            } else if (r.target() == Rule.Target.MASQUERADE) {
                Ipv4 addr = out.primaryAddress();
                if (addr == null) return p;
                p = p.withSrc(addr);
                if (record) hop(ns, out.name(), ns.node(), StepKind.NAT, p, "MASQUERADE " + before.src() + " → " + addr + " — " + r.why());
            } else {
                continue;
            }
            conntrack.add(new Conntrack(ns, before, p));
            return p;
        }
        return p;
    }

    /**
     * conntrack: a reply to a NATed connection gets the original addresses back in the namespace
     * that NATed it. Entries are undone newest first, so DNAT plus masquerade (a NodePort) both unwind.
     */
    private Packet unNat(Namespace ns, Iface in, Packet p) {
        Packet q = p;
        for (int i = conntrack.size() - 1; i >= 0; i--) {
            Conntrack c = conntrack.get(i);
            if (c.ns() != ns) continue;
            Packet a = c.after();
            if (!q.src().equals(a.dst()) || !q.dst().equals(a.src())) continue;
            if (q.proto() != Proto.ICMP && (q.sport() != a.dport() || q.dport() != a.sport())) continue;
            Packet b = c.before();
            Packet r = q.withSrc(b.dst()).withDst(b.src());
            if (q.proto() != Proto.ICMP) r = r.withSport(b.dport()).withDport(b.sport());
            q = r;
        }
        if (q != p) hop(ns, in.name(), ns.node(), StepKind.NAT, q, "conntrack recognises the reply and undoes the NAT: " + p.flow() + " becomes " + q.flow());
        return q;
    }

    static boolean matches(Match m, Packet p, String in, String out, Namespace ns) {
        if (m.in() != null && (m.in().equals(in)) == m.notIn()) return false;
        if (m.out() != null && (m.out().equals(out)) == m.notOut()) return false;
        if (m.src() != null && (p.src() != null && m.src().contains(p.src())) == m.notSrc()) return false;
        if (m.dst() != null && m.dst().contains(p.dst()) == m.notDst()) return false;
        if (m.proto() != null && m.proto() != p.proto()) return false;
        if (m.dport() != 0 && p.proto() != Proto.ICMP && m.dport() != p.dport()) return false;
        if (m.dstLocal() && !ns.isLocal(p.dst())) return false;
        return m.mark() == 0 || (p.mark() & m.mark()) == m.mark();
    }

}
