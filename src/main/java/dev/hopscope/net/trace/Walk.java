package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks one packet through a compiled dataplane the way the kernel would: output NAT, route
 * lookup, neighbour resolution (ARP across veths, bridges and VXLAN), bridge forwarding, netfilter
 * hooks, VXLAN encapsulation, input NAT, forwarding, delivery to a socket. One Walk is one leg:
 * the request, or (with {@code replyLeg}) the reply, which conntrack un-NATs and filters let pass.
 * <p>
 * The walk only forwards: every step, ARP answer and destination-dependent decision is told to a
 * {@link WalkObserver}, which records hops, keeps a memo, or ignores it. Every walk ends: steps are
 * counted against {@link #MAX_HOPS} whether or not anyone records them, and TTL is decremented.
 */
final class Walk {
    static final int MAX_HOPS = 160;

    /** How a leg ended; {@code listener} is the socket that took a delivered request. */
    record Ending(Outcome outcome, Namespace ns, Packet packet, Listener listener) {
        Disposition disposition() { return outcome.disposition(); }
    }

    private final Dataplane dp;
    private final boolean replyLeg;
    private final ConntrackTable conntrack;
    private final WalkObserver observer;
    private final Choices choices;
    private final int budget;
    private int steps;
    /** For the reply leg: where the client waits and the packet it sent. */
    private Namespace client;
    private Packet clientSent;
    /** the request as the first socket of this walk connected it (set once a socket load balancer was asked) */
    private Packet connected;

    Walk(Dataplane dp, boolean replyLeg, ConntrackTable conntrack, WalkObserver observer) {
        this(dp, replyLeg, conntrack, observer, Choices.first(), MAX_HOPS);
    }

    Walk(Dataplane dp, boolean replyLeg, ConntrackTable conntrack, WalkObserver observer, Choices choices) {
        this(dp, replyLeg, conntrack, observer, choices, MAX_HOPS);
    }

    /**
     * {@code choices}: which endpoint to take where a rule offers several; {@code budget}: how many
     * steps the walk may take before it is called a loop.
     */
    Walk(Dataplane dp, boolean replyLeg, ConntrackTable conntrack, WalkObserver observer, Choices choices, int budget) {
        this.dp = dp;
        this.replyLeg = replyLeg;
        this.conntrack = conntrack;
        this.observer = observer;
        this.choices = choices;
        this.budget = budget;
    }

    Walk expectingClient(Namespace ns, Packet sent) { this.client = ns; this.clientSent = sent; return this; }

    /**
     * The packet as the client's socket sent it, after a socket load balancer translated it when
     * the socket connected ({@link StepDetail.SocketTranslated}); {@code sent} when none did.
     */
    Packet connectedAs(Packet sent) { return connected != null ? connected : sent; }

    // ---------------------------------------------------------------- decisions the memo re-asks

    boolean local(Namespace ns, Ipv4 dst) {
        boolean answer = ns.isLocal(dst);
        observer.decided(d -> ns.isLocal(d) == answer);
        return answer;
    }

    Route route(Namespace ns, Ipv4 dst) {
        Route r = ns.lookup(dst);
        observer.decided(d -> ns.lookup(d) == r);
        return r;
    }

    /** First rule of the list that matches, as its index (-1 for none). */
    private int matchIndex(List<Rule> rules, Packet p, String in, String out, Namespace ns) {
        int idx = firstIndex(rules, p, in, out, ns);
        observer.decided(d -> firstIndex(rules, p.withDst(d), in, out, ns) == idx);
        return idx;
    }

    private static int firstIndex(List<Rule> rules, Packet p, String in, String out, Namespace ns) {
        for (int i = 0; i < rules.size(); i++) if (matches(rules.get(i).match(), p, in, out, ns)) return i;
        return -1;
    }

    /** What a filter chain decides, if it drops or rejects (an ACCEPT, or nothing, lets the packet pass); JUMPs are followed. */
    private Optional<Rule> blocking(Namespace ns, Rule.Chain chain, Packet p, String in, String out) {
        Rule r = ns.decide(Rule.Table.FILTER, chain, m -> matches(m, p, in, out, ns));
        observer.decided(d -> ns.decide(Rule.Table.FILTER, chain, m -> matches(m, p.withDst(d), in, out, ns)) == r);
        return r != null && (r.target() == Rule.Target.DROP || r.target() == Rule.Target.REJECT) ? Optional.of(r) : Optional.empty();
    }

    // ---------------------------------------------------------------- events

    /** One step: counted against the budget, told to the observer. */
    void step(Namespace ns, String device, String node, Packet p, StepDetail detail) {
        steps++;
        observer.step(ns, device, node, p, detail);
    }

    private Ending end(Outcome o, Namespace ns, Packet p) { return new Ending(o, ns, p, null); }

    Ending drop(Namespace ns, String device, String node, Packet p, DropCause cause) {
        step(ns, device, node, p, new StepDetail.Dropped(cause));
        return end(cause, ns, p);
    }

    private boolean outOfBudget() { return steps >= budget; }

    Dataplane dataplane() { return dp; }

    WalkObserver observer() { return observer; }

    /** The choices this walk made where rules offered several targets. */
    Choices choices() { return choices; }

    private Ending loop(Namespace ns, Packet p) { return end(new DropCause.HopBudget(budget), ns, p); }

    // ---------------------------------------------------------------- sending

    /** A packet generated by a socket (or a tunnel device) in {@code ns}. */
    Ending originate(Namespace ns, Packet p) {
        if (!replyLeg && !p.encapsulated() && connected == null && ns.socketLb() != null && p.proto() != Proto.ICMP) {
            Packet before = p;
            Rule refused = null;
            List<Rule> entries = ns.socketLb().rules();
            int idx = matchIndex(entries, p, null, null, ns);
            if (idx >= 0 && entries.get(idx).target() == Rule.Target.DNAT) {
                Rule r = entries.get(idx);
                observer.dependsOnOwner();
                NatTarget to = choices.choose(r);
                p = p.withDst(to.ip());
                if (to.port() != 0) p = p.withDport(to.port());
                step(ns, "-", ns.node(), p, new StepDetail.SocketTranslated(ns.socketLb().owner(), ns.name(), r, Flow.of(before), Flow.of(p),
                        r.branches() ? Optional.of(choices.last()) : Optional.empty()));
            } else if (idx >= 0) {
                refused = entries.get(idx);
            }
            connected = p; // what the socket is connected to: the reply must come from there
            // connect() fails: no packet is sent, so no iptables step is shown, only why
            if (refused != null) return drop(ns, "-", ns.node(), p, new DropCause.Denied(refused));
        }
        if (!replyLeg && !p.encapsulated()) p = nat(ns, Rule.Chain.OUTPUT, p, null, null);
        if (local(ns, p.dst())) {
            observer.arrived(ns);
            Iface lo = ns.iface("lo");
            if (p.src() == null) p = p.withSrc(p.dst());
            step(ns, "lo", ns.node(), p, new StepDetail.Local(ns.name(), p.dst()));
            return input(ns, lo, p);
        }
        Route r = route(ns, p.dst());
        if (r == null) return noRoute(ns, p, null);
        if (p.src() == null) p = p.withSrc(r.src() != null ? r.src() : r.dev().primaryAddress());
        step(ns, r.dev().name(), ns.node(), p, new StepDetail.Routed(ns.name(), p.dst(), r, false, p.ttl(), p.ttl(), p.encapsulated()));
        if (!replyLeg && !p.encapsulated()) {
            Optional<Rule> f = blocking(ns, Rule.Chain.OUTPUT, p, null, r.dev().name());
            if (f.isPresent()) return denied(ns, r.dev().name(), p, Rule.Chain.OUTPUT, f.get());
        }
        return send(ns, r, p, null);
    }

    /** After the routing decision: FORWARD filter, POSTROUTING NAT, MTU, neighbour, transmit. */
    Ending send(Namespace ns, Route r, Packet p, Iface in) {
        Iface dev = r.dev();
        if (!replyLeg && in != null && !p.encapsulated()) {
            Optional<Rule> f = blocking(ns, Rule.Chain.FORWARD, p, in.name(), dev.name());
            if (f.isPresent()) return denied(ns, dev.name(), p, Rule.Chain.FORWARD, f.get());
        }
        if (!replyLeg && !p.encapsulated()) p = nat(ns, Rule.Chain.POSTROUTING, p, in, dev);
        if (p.length() > dev.mtu()) {
            if (p.df()) {
                DropCause why = in == null ? new DropCause.TooBigToSend(dev.name(), dev.mtu(), p.length())
                        : new DropCause.TooBigToForward(ns.name(), dev.name(), dev.mtu(), p.length());
                return drop(ns, dev.name(), ns.node(), p, why);
            }
            step(ns, dev.name(), ns.node(), p, new StepDetail.Fragmented(dev.name(), dev.mtu(), p.length()));
            p = p.withLength(dev.mtu()); // follow the first fragment; the far end reassembles the rest
        }
        Ipv4 next = r.via() != null ? r.via() : p.dst();
        Ipv4 sender = dev.primaryAddress() != null ? dev.primaryAddress() : p.src();
        Mac mac;
        Device kind = Device.of(dev);
        Ending direct = kind.sendWithoutNeighbour(this, dev, next, p);
        if (direct != null) return direct;
        if (kind.tunnel()) {
            Neighbour n = ns.neighbour(dev, next);
            if (n == null) return drop(ns, dev.name(), ns.node(), p, new DropCause.NoNeighbourEntry(dev.name(), next));
            mac = n.mac();
            if (observer.readsNeighbours())
                observer.neighbour(new NeighbourLookup(ns.name(), dev.name(), sender, dev.mac(), next, new NeighbourLookup.PermanentEntry(mac), null));
        } else {
            Iface answerer = kind.arpAnswer(this, dev, next);
            if (next.equals(p.dst())) observer.decided(d -> kind.arpAnswer(this, dev, d) == answerer);
            if (answerer == null) {
                if (observer.readsNeighbours())
                    observer.neighbour(new NeighbourLookup(ns.name(), dev.name(), sender, dev.mac(), next, new NeighbourLookup.Unanswered(), null));
                Iface across = StackedDevice.partnerAcross(dev, next);
                if (across != null)
                    return drop(ns, dev.name(), ns.node(), p, new DropCause.StackedIsolation(ns.name(), dev.name(), next,
                            across.ns().name(), across.name(), (across.lower() != null ? across : dev).kind() == Iface.Kind.IPVLAN));
                return drop(ns, dev.name(), ns.node(), p, new DropCause.ArpUnanswered(ns.name(), dev.name(), next));
            }
            mac = answerer.mac();
            if (observer.readsNeighbours())
                observer.neighbour(new NeighbourLookup(ns.name(), dev.name(), sender, dev.mac(), next,
                        new NeighbourLookup.ArpReply(answerer.ns().name(), answerer.name(), mac, !answerer.hasAddress(next)), null));
        }
        p = p.withEth(dev.mac(), mac);
        return transmit(dev, p);
    }

    /** Hands the frame to the device's kind to send (see {@link Device}). */
    Ending transmit(Iface dev, Packet p) {
        if (outOfBudget()) return loop(dev.ns(), p);
        return Device.of(dev).transmit(this, dev, p);
    }

    /** A frame arrives at {@code dev}: a bridge port hands it to its bridge, anything else to its namespace's IP stack. */
    Ending receive(Iface dev, Packet p) {
        Iface child = StackedDevice.upperFor(dev, p);
        if (child != null) {
            step(dev.ns(), dev.name(), child.node(), p, new StepDetail.StackedDelivered(dev.ns().name(), dev.name(), child.ns().name(), child.name(),
                    child.kind() == Iface.Kind.IPVLAN));
            return input(child.ns(), child, p);
        }
        if (dev.master() != null) return bridge(dev.master(), p, dev);
        return input(dev.ns(), dev, p);
    }

    // ---------------------------------------------------------------- L2

    Ending bridge(Iface br, Packet p, Iface inPort) {
        Namespace ns = br.ns();
        boolean underlay = ns.kind() == Namespace.Kind.SWITCH;
        if (p.ethDst().equals(br.mac())) {
            step(ns, br.name(), br.node(), p, new StepDetail.ToBridgeItself(br.name(), ns.name()));
            return input(ns, br, p, underlay ? null : inPort);
        }
        // br_netfilter: a bridged reply still passes conntrack, which undoes a Service's DNAT on the same node
        if (replyLeg && !underlay && !p.encapsulated()) p = unNat(ns, br, p);
        return forward(br, p, inPort, false);
    }

    /**
     * The bridge switches the frame to the port behind which its destination MAC lives: never back
     * out of the port it came in by unless that port is in hairpin mode (the kernel's should_deliver).
     * Bridged IP traffic then meets iptables FORWARD, and with {@code postrouting} nat POSTROUTING
     * too (br_netfilter), before it leaves.
     */
    private Ending forward(Iface br, Packet p, Iface inPort, boolean postrouting) {
        Namespace ns = br.ns();
        boolean underlay = ns.kind() == Namespace.Kind.SWITCH;
        Iface out = portFor(br, p.ethDst(), inPort);
        boolean hairpin = false;
        if (out == null && !underlay && inPort != null && Device.of(inPort).leadsTo(this, inPort, p.ethDst(), null)) {
            if (!inPort.hairpin()) return drop(ns, br.name(), br.node(), p, new DropCause.HairpinOff(br.name(), inPort.name(), ns.name()));
            out = inPort;
            hairpin = true;
        }
        if (out == null) return drop(ns, br.name(), br.node(), p, new DropCause.NoBridgePort(br.name(), p.ethDst()));
        if (!replyLeg && !underlay && !p.encapsulated() && inPort != null) {
            // br_netfilter: Docker and kube-proxy need bridged IP traffic to pass iptables FORWARD. A frame the
            // host itself sends out of the bridge device has already passed OUTPUT and is not bridged traffic.
            Optional<Rule> f = blocking(ns, Rule.Chain.FORWARD, p, br.name(), br.name());
            if (f.isPresent()) return denied(ns, br.name(), p, Rule.Chain.FORWARD, f.get());
        }
        if (postrouting && !replyLeg) p = nat(ns, Rule.Chain.POSTROUTING, p, inPort, br);
        if (p.length() > out.mtu())
            return drop(ns, br.name(), br.node(), p, new DropCause.TooBigForPort(out.name(), out.mtu(), p.length(), Device.of(out).tunnel()));
        if (underlay) {
            Iface to = out.peer();
            step(ns, br.name(), br.node(), p, new StepDetail.UnderlayCrossed(ns.node(), inPort == null ? null : inPort.peer().ns().name(),
                    to.ns().name(), p.ethDst()));
        } else {
            step(ns, br.name(), br.node(), p, new StepDetail.Bridged(br.name(), p.ethDst(), out.name(), postrouting, hairpin));
        }
        return transmit(out, p);
    }

    /**
     * br_netfilter's "bridged DNAT": a frame that came up to the bridge's IP stack from {@code inPort}
     * and whose destination PREROUTING (or, for a reply, conntrack) moved behind the same bridge is
     * not routed but handed back to the bridge with the new destination's MAC — no TTL change, no
     * ip_forward needed (br_nf_pre_routing_finish). Observed on a kernel: a pod reaching itself
     * through a Service comes back out of its own port only in hairpin mode, with TTL 64.
     */
    private Ending bridgedBack(Namespace ns, Iface br, Iface inPort, Packet p, Mac sourceMac) {
        Ipv4 dst = p.dst();
        Iface answerer = BridgeDevice.arpInBridge(this, br, dst, null, true);
        observer.decided(d -> BridgeDevice.arpInBridge(this, br, d, null, true) == answerer);
        if (answerer == null) {
            if (observer.readsNeighbours())
                observer.neighbour(new NeighbourLookup(ns.name(), br.name(), br.primaryAddress(), br.mac(), dst, new NeighbourLookup.Unanswered(), null));
            return drop(ns, br.name(), ns.node(), p, new DropCause.ArpUnanswered(ns.name(), br.name(), dst));
        }
        if (observer.readsNeighbours())
            observer.neighbour(new NeighbourLookup(ns.name(), br.name(), br.primaryAddress(), br.mac(), dst,
                    new NeighbourLookup.ArpReply(answerer.ns().name(), answerer.name(), answerer.mac(), !answerer.hasAddress(dst)), null));
        return forward(br, p.withEth(sourceMac, answerer.mac()), inPort, true);
    }

    /** The bridge port through which a frame for {@code mac} leaves (each port's kind decides). */
    private Iface portFor(Iface br, Mac mac, Iface inPort) {
        for (Iface port : br.ports())
            if (port != inPort && Device.of(port).leadsTo(this, port, mac, inPort)) return port;
        return null;
    }

    // ---------------------------------------------------------------- tunnels

    /** A tunnel packet for this namespace: the tunnel device that takes its port and VNI unwraps it. */
    private Ending decapsulate(Namespace ns, Iface in, Packet outer) {
        for (Iface dev : ns.ifaces()) {
            if (!Device.of(dev).decapsulates(dev, outer)) continue;
            Packet inner = outer.inner().withMark(0); // a netfilter mark stays on the machine that set it: the wire carries none
            step(ns, dev.name(), dev.node(), inner, new StepDetail.Decapsulated(outer.tunnel().kind(), dev.name(), ns.name(), outer.dport(),
                    outer.vni(), outer.espSpi() != 0));
            if (dev.master() != null) return bridge(dev.master(), inner, dev);
            return input(ns, dev, inner);
        }
        return drop(ns, in.name(), ns.node(), outer, new DropCause.NoTunnelDevice(ns.name(), outer.vni(), outer.dport()));
    }

    // ---------------------------------------------------------------- L3 input

    Ending input(Namespace ns, Iface in, Packet p) { return input(ns, in, p, null); }

    /** {@code bridgePort}: the port of bridge {@code in} through which the frame came up, or null. */
    private Ending input(Namespace ns, Iface in, Packet p, Iface bridgePort) {
        if (outOfBudget()) return loop(ns, p);
        Mac sourceMac = p.ethSrc();
        Ipv4 arrivedFor = p.dst();
        p = p.withEth(null, null); // the IP layer takes the packet out of its frame; a new frame is built on transmit
        if (replyLeg) p = unNat(ns, in, p);
        else if (!p.encapsulated()) p = nat(ns, Rule.Chain.PREROUTING, p, in, null);
        if (bridgePort != null && !p.encapsulated() && !p.dst().equals(arrivedFor) && !local(ns, p.dst())) {
            Route back = route(ns, p.dst());
            if (back != null && back.dev() == in) return bridgedBack(ns, in, bridgePort, p, sourceMac);
        }
        if (local(ns, p.dst())) {
            if (p.encapsulated()) {
                observer.dependsOnOwner();
                return decapsulate(ns, in, p);
            }
            observer.arrived(ns);
            if (!replyLeg) {
                Optional<Rule> f = blocking(ns, Rule.Chain.INPUT, p, in.name(), null);
                if (f.isPresent()) return denied(ns, in.name(), p, Rule.Chain.INPUT, f.get());
            }
            return deliver(ns, in, p);
        }
        if (!ns.ipForward()) return drop(ns, in.name(), ns.node(), p, new DropCause.IpForwardOff(ns.name(), p.dst()));
        if (p.ttl() <= 1) return drop(ns, in.name(), ns.node(), p, new DropCause.TtlExpired(ns.name()));
        int ttl = p.ttl();
        p = p.withTtl(ttl - 1);
        Route r = route(ns, p.dst());
        if (r == null) return noRoute(ns, p, in);
        step(ns, r.dev().name(), ns.node(), p, new StepDetail.Routed(ns.name(), p.dst(), r, true, ttl, p.ttl(), p.encapsulated()));
        return send(ns, r, p, in);
    }

    private Ending deliver(Namespace ns, Iface in, Packet p) {
        if (replyLeg) {
            if (ns != client) return drop(ns, in.name(), ns.node(), p, new DropCause.ReplyAstray(ns.name(), client.name()));
            if (!p.src().equals(clientSent.dst()) || (p.proto() != Proto.ICMP && p.sport() != clientSent.dport()))
                return drop(ns, in.name(), ns.node(), p, new DropCause.ReplyUnmatched(Flow.of(p), Flow.of(clientSent)));
            StepDetail.ReplyReturned back = new StepDetail.ReplyReturned(ns.name(), ns.node());
            step(ns, in.name(), ns.node(), p, back);
            return end(back, ns, p);
        }
        if (p.proto() == Proto.ICMP) {
            StepDetail.PingAnswered answered = new StepDetail.PingAnswered(ns.name(), p.dst());
            step(ns, in.name(), ns.node(), p, answered);
            return end(answered, ns, p);
        }
        for (Listener l : ns.listeners()) {
            if (l.accepts(p.dst(), p.proto(), p.dport())) {
                StepDetail.SocketReached reached = new StepDetail.SocketReached(ns.name(), l, p.src());
                step(ns, in.name(), l.owner(), p, reached);
                return new Ending(reached, ns, p, l);
            }
        }
        List<Listener> elsewhere = new ArrayList<>();
        for (Listener l : ns.listeners()) if (l.proto() == p.proto() && l.port() == p.dport()) elsewhere.add(l);
        return drop(ns, in.name(), ns.node(), p, new DropCause.NoListener(ns.name(), p.dst(), p.dport(), p.proto(), elsewhere));
    }

    /**
     * No route: the kernel answers "network unreachable" before any filter chain sees the packet
     * (kube-proxy's REJECT for a Service without endpoints sits in FORWARD and OUTPUT, which a
     * packet meets only once a route, a node's default route, has been found).
     */
    Ending noRoute(Namespace ns, Packet p, Iface in) {
        // what a default route would have led to: kube-proxy's REJECT for a Service without endpoints (a hint, not the verdict)
        Optional<Rule> f = replyLeg ? Optional.empty()
                : blocking(ns, in == null ? Rule.Chain.OUTPUT : Rule.Chain.FORWARD, p, in == null ? null : in.name(), null);
        Optional<Rule> reject = f.filter(r -> r.target() == Rule.Target.REJECT);
        return drop(ns, in == null ? "-" : in.name(), ns.node(), p, new DropCause.NoRoute(ns.name(), p.dst(), p.proto(), reject));
    }

    private Ending denied(Namespace ns, String device, Packet p, Rule.Chain hook, Rule f) {
        step(ns, device, ns.node(), p, new StepDetail.Filtered(f, chainPath(ns, hook, f.chain())));
        return drop(ns, device, ns.node(), p, new DropCause.Denied(f));
    }

    /** The chains iptables went through from the hook to the chain holding the rule that decided (following JUMPs). */
    private static List<Rule.Chain> chainPath(Namespace ns, Rule.Chain hook, Rule.Chain to) {
        java.util.Map<Rule.Chain, Rule.Chain> from = new java.util.HashMap<>();
        java.util.ArrayDeque<Rule.Chain> todo = new java.util.ArrayDeque<>(List.of(hook));
        from.put(hook, hook);
        while (!todo.isEmpty() && !from.containsKey(to)) {
            Rule.Chain c = todo.poll();
            for (Rule r : ns.chain(Rule.Table.FILTER, c))
                if (r.target() == Rule.Target.JUMP && from.putIfAbsent(r.jumpTo(), c) == null) todo.add(r.jumpTo());
        }
        if (!from.containsKey(to)) return List.of(to);
        List<Rule.Chain> path = new ArrayList<>();
        for (Rule.Chain c = to; ; c = from.get(c)) {
            path.add(0, c);
            if (c.equals(hook)) return path;
        }
    }

    // ---------------------------------------------------------------- netfilter

    private Packet nat(Namespace ns, Rule.Chain chain, Packet p, Iface in, Iface out) {
        List<Rule> rules = ns.chain(Rule.Table.NAT, chain);
        String inName = in == null ? null : in.name(), outName = out == null ? null : out.name();
        int first = matchIndex(rules, p, inName, outName, ns);
        for (int i = Math.max(first, 0); first >= 0 && i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (i > first && !matches(r.match(), p, inName, outName, ns)) continue;
            if (r.target() == Rule.Target.RETURN) return p;
            Packet before = p;
            if (r.target() == Rule.Target.DNAT) {
                observer.dependsOnOwner();
                NatTarget to = choices.choose(r);
                p = p.withDst(to.ip());
                if (to.port() != 0 && p.proto() != Proto.ICMP) p = p.withDport(to.port());
                if (r.setMark() != 0) p = p.withMark(p.mark() | r.setMark());
                // kube-proxy's KUBE-SEP chain: -s ENDPOINT/32 -j KUBE-MARK-MASQ, for a pod reaching itself (hairpin)
                if (to.selfMark() != 0 && to.ip().equals(before.src())) p = p.withMark(p.mark() | to.selfMark());
                step(ns, in == null ? "-" : in.name(), ns.node(), p, new StepDetail.Dnat(r, Flow.of(before), Flow.of(p),
                        r.branches() ? Optional.of(choices.last()) : Optional.empty()));
            } else if (r.target() == Rule.Target.MASQUERADE) {
                Ipv4 addr = masqueradeAddress(ns, out);
                if (addr == null) return p;
                p = p.withSrc(addr);
                step(ns, out.name(), ns.node(), p, new StepDetail.Masquerade(r, Flow.of(before), Flow.of(p)));
            } else {
                continue;
            }
            conntrack.add(ns, before, p);
            return p;
        }
        return p;
    }

    /**
     * The address MASQUERADE gives a packet leaving {@code out}: the device's own, or, for a device
     * without one (a tunnel device such as cilium_vxlan), the first address of the namespace's other
     * devices, loopback aside — the kernel's inet_select_addr walks the devices in the order they came.
     */
    private static Ipv4 masqueradeAddress(Namespace ns, Iface out) {
        if (out.primaryAddress() != null) return out.primaryAddress();
        for (Iface i : ns.ifaces())
            if (i.kind() != Iface.Kind.LOOPBACK && i.primaryAddress() != null) return i.primaryAddress();
        return null;
    }

    /** conntrack: a reply to a translated connection gets the original addresses back in the namespace that translated it. */
    private Packet unNat(Namespace ns, Iface in, Packet p) {
        Packet q = conntrack.undo(ns, p);
        if (q != p) step(ns, in.name(), ns.node(), q, new StepDetail.Unnat(Flow.of(p), Flow.of(q)));
        return q;
    }

    static boolean matches(Match m, Packet p, String in, String out, Namespace ns) {
        if (m.in() != null && (m.in().equals(in)) == m.notIn()) return false;
        if (m.out() != null && (m.out().equals(out)) == m.notOut()) return false;
        if (m.src() != null && (p.src() != null && m.src().contains(p.src())) == m.notSrc()) return false;
        if (m.dst() != null && m.dst().contains(p.dst()) == m.notDst()) return false;
        if (m.proto() != null && m.proto() != p.proto()) return false;
        if (p.proto() != Proto.ICMP && !m.portMatches(p.dport())) return false;
        if (m.dstLocal() && !ns.isLocal(p.dst())) return false;
        return m.mark() == 0 || (p.mark() & m.mark()) == m.mark();
    }
}
