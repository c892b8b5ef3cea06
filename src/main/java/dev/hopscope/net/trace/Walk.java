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

    // ---------------------------------------------------------------- decisions the memo re-asks

    private boolean local(Namespace ns, Ipv4 dst) {
        boolean answer = ns.isLocal(dst);
        observer.decided(d -> ns.isLocal(d) == answer);
        return answer;
    }

    private Route route(Namespace ns, Ipv4 dst) {
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

    private Ending drop(Namespace ns, String device, String node, Packet p, DropCause cause) {
        step(ns, device, node, p, new StepDetail.Dropped(cause));
        return end(cause, ns, p);
    }

    private boolean outOfBudget() { return steps >= budget; }

    /** The choices this walk made where rules offered several targets. */
    Choices choices() { return choices; }

    private Ending loop(Namespace ns, Packet p) { return end(new DropCause.HopBudget(budget), ns, p); }

    // ---------------------------------------------------------------- sending

    /** A packet generated by a socket (or a tunnel device) in {@code ns}. */
    Ending originate(Namespace ns, Packet p) {
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
            if (f.isPresent()) return denied(ns, r.dev().name(), p, f.get());
        }
        return send(ns, r, p, null);
    }

    /** After the routing decision: FORWARD filter, POSTROUTING NAT, MTU, neighbour, transmit. */
    private Ending send(Namespace ns, Route r, Packet p, Iface in) {
        Iface dev = r.dev();
        if (!replyLeg && in != null && !p.encapsulated()) {
            Optional<Rule> f = blocking(ns, Rule.Chain.FORWARD, p, in.name(), dev.name());
            if (f.isPresent()) return denied(ns, dev.name(), p, f.get());
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
        if (dev.kind() == Iface.Kind.VXLAN) {
            Neighbour n = ns.neighbour(dev, next);
            if (n == null) return drop(ns, dev.name(), ns.node(), p, new DropCause.NoNeighbourEntry(dev.name(), next));
            mac = n.mac();
            observer.neighbour(new NeighbourLookup(ns.name(), dev.name(), sender, dev.mac(), next, new NeighbourLookup.PermanentEntry(mac), null));
        } else if (dev.kind() == Iface.Kind.IPVLAN && dev.linkMode() == Iface.LinkMode.L3) {
            return ipvlanL3(dev, p);
        } else {
            Iface answerer = arp(dev, next);
            if (next.equals(p.dst())) observer.decided(d -> arp(dev, d) == answerer);
            if (answerer == null) {
                observer.neighbour(new NeighbourLookup(ns.name(), dev.name(), sender, dev.mac(), next, new NeighbourLookup.Unanswered(), null));
                Iface across = stackedPartner(dev, next);
                if (across != null)
                    return drop(ns, dev.name(), ns.node(), p, new DropCause.StackedIsolation(ns.name(), dev.name(), next,
                            across.ns().name(), across.name(), (across.lower() != null ? across : dev).kind() == Iface.Kind.IPVLAN));
                return drop(ns, dev.name(), ns.node(), p, new DropCause.ArpUnanswered(ns.name(), dev.name(), next));
            }
            mac = answerer.mac();
            observer.neighbour(new NeighbourLookup(ns.name(), dev.name(), sender, dev.mac(), next,
                    new NeighbourLookup.ArpReply(answerer.ns().name(), answerer.name(), mac, !answerer.hasAddress(next)), null));
        }
        p = p.withEth(dev.mac(), mac);
        return transmit(dev, p);
    }

    private Ending transmit(Iface dev, Packet p) {
        if (outOfBudget()) return loop(dev.ns(), p);
        switch (dev.kind()) {
            case VETH: {
                Iface peer = dev.peer();
                p = p.withMark(0); // crossing into another namespace scrubs the netfilter mark
                if (peer.ns().kind() != Namespace.Kind.SWITCH && dev.ns().kind() != Namespace.Kind.SWITCH)
                    step(dev.ns(), dev.name(), peer.node(), p, new StepDetail.VethCrossed(dev.ns().name(), dev.name(), peer.ns().name(), peer.name()));
                return receive(peer, p);
            }
            case BRIDGE:
                return bridge(dev, p, null);
            case VXLAN:
                return encapsulate(dev, p);
            case MACVLAN:
            case IPVLAN:
                return fromStacked(dev, p);
            default:
                return input(dev.ns(), dev, p);
        }
    }

    private Ending receive(Iface dev, Packet p) {
        Iface child = upperFor(dev, p);
        if (child != null) {
            step(dev.ns(), dev.name(), child.node(), p, new StepDetail.StackedDelivered(dev.ns().name(), dev.name(), child.ns().name(), child.name(),
                    child.kind() == Iface.Kind.IPVLAN));
            return input(child.ns(), child, p);
        }
        if (dev.master() != null) return bridge(dev.master(), p, dev);
        return input(dev.ns(), dev, p);
    }

    // ---------------------------------------------------------------- macvlan and ipvlan

    /**
     * The macvlan or ipvlan child of {@code lower} a frame arriving on it belongs to: macvlan by
     * destination MAC (each child has its own), ipvlan by destination address (children share
     * the lower device's MAC; L3 children take any packet for their address).
     */
    private static Iface upperFor(Iface lower, Packet p) {
        for (Iface u : lower.uppers()) {
            if (u.kind() == Iface.Kind.MACVLAN && p.ethDst() != null && u.mac().equals(p.ethDst())) return u;
            if (u.kind() == Iface.Kind.IPVLAN && p.dst() != null && u.hasAddress(p.dst())
                    && (u.linkMode() == Iface.LinkMode.L3 || p.ethDst() == null || p.ethDst().equals(lower.mac()))) return u;
        }
        return null;
    }

    /** A sibling child of the same lower device that switches with {@code dev} inside the kernel (macvlan bridge, ipvlan). */
    private static Iface sibling(Iface dev, Packet p) {
        for (Iface u : dev.lower().uppers()) {
            if (u == dev) continue;
            if (dev.kind() == Iface.Kind.MACVLAN && dev.linkMode() == Iface.LinkMode.BRIDGE && u.linkMode() == Iface.LinkMode.BRIDGE
                    && u.mac().equals(p.ethDst())) return u;
            if (dev.kind() == Iface.Kind.IPVLAN && u.kind() == Iface.Kind.IPVLAN && u.hasAddress(p.dst())) return u;
        }
        return null;
    }

    /** A frame sent by a macvlan or ipvlan child: to a sibling inside the kernel, else out of the lower device onto its link. */
    private Ending fromStacked(Iface dev, Packet p) {
        Iface sib = sibling(dev, p);
        if (sib != null) {
            step(dev.ns(), dev.name(), sib.node(), p, new StepDetail.StackedSwitched(dev.ns().name(), dev.name(), sib.ns().name(), sib.name(),
                    dev.lower().ns().name(), dev.lower().name(), dev.kind() == Iface.Kind.IPVLAN));
            return input(sib.ns(), sib, p);
        }
        Iface lower = dev.lower();
        step(dev.ns(), dev.name(), lower.node(), p, new StepDetail.StackedOut(dev.ns().name(), dev.name(), lower.ns().name(), lower.name(),
                dev.kind() == Iface.Kind.IPVLAN));
        return transmit(lower, p);
    }

    /**
     * ipvlan L3: no ARP and no broadcast; the packet is handed to the lower device's namespace,
     * which routes it (netfilter is bypassed, and the TTL is not spent there).
     */
    private Ending ipvlanL3(Iface dev, Packet p) {
        Iface sib = sibling(dev, p);
        if (sib != null) {
            step(dev.ns(), dev.name(), sib.node(), p, new StepDetail.StackedSwitched(dev.ns().name(), dev.name(), sib.ns().name(), sib.name(),
                    dev.lower().ns().name(), dev.lower().name(), true));
            return input(sib.ns(), sib, p);
        }
        Namespace host = dev.lower().ns();
        if (local(host, p.dst()))
            return drop(dev.ns(), dev.name(), dev.node(), p, new DropCause.StackedIsolation(dev.ns().name(), dev.name(), p.dst(),
                    host.name(), dev.lower().name(), true));
        Route r = route(host, p.dst());
        if (r == null) return noRoute(host, p, null);
        step(host, r.dev().name(), host.node(), p, new StepDetail.Routed(host.name(), p.dst(), r, false, p.ttl(), p.ttl(), false));
        return send(host, r, p.withEth(dev.lower().mac(), null), null);
    }

    /**
     * Where an unanswered ARP crossed a parent/child boundary: {@code next} belongs to a macvlan or
     * ipvlan child of the device {@code dev} sends on (the host asking for its own child), or to
     * the namespace of the lower device of the child {@code dev} (a child asking for its parent).
     */
    private static Iface stackedPartner(Iface dev, Ipv4 next) {
        Iface lower = dev.lower() != null ? dev.lower() : dev;
        if (dev.lower() != null) {
            for (Iface i : lower.ns().ifaces()) if (i.hasAddress(next)) return lower;
            return null;
        }
        for (Iface u : lower.uppers()) if (u.hasAddress(next)) return u;
        return null;
    }

    // ---------------------------------------------------------------- L2

    private Ending bridge(Iface br, Packet p, Iface inPort) {
        Namespace ns = br.ns();
        boolean underlay = ns.kind() == Namespace.Kind.SWITCH;
        if (p.ethDst().equals(br.mac())) {
            step(ns, br.name(), br.node(), p, new StepDetail.ToBridgeItself(br.name(), ns.name()));
            return input(ns, br, p);
        }
        // br_netfilter: a bridged reply still passes conntrack, which undoes a Service's DNAT on the same node
        if (replyLeg && !underlay && !p.encapsulated()) p = unNat(ns, br, p);
        Iface out = portFor(br, p.ethDst(), inPort);
        if (out == null) return drop(ns, br.name(), br.node(), p, new DropCause.NoBridgePort(br.name(), p.ethDst()));
        if (!replyLeg && !underlay && !p.encapsulated() && inPort != null) {
            // br_netfilter: Docker and kube-proxy need bridged IP traffic to pass iptables FORWARD. A frame the
            // host itself sends out of the bridge device has already passed OUTPUT and is not bridged traffic.
            Optional<Rule> f = blocking(ns, Rule.Chain.FORWARD, p, br.name(), br.name());
            if (f.isPresent()) return denied(ns, br.name(), p, f.get());
        }
        if (p.length() > out.mtu())
            return drop(ns, br.name(), br.node(), p, new DropCause.TooBigForPort(out.name(), out.mtu(), p.length(), out.kind() == Iface.Kind.VXLAN));
        if (underlay) {
            Iface to = out.peer();
            step(ns, br.name(), br.node(), p, new StepDetail.UnderlayCrossed(ns.node(), inPort == null ? null : inPort.peer().ns().name(),
                    to.ns().name(), p.ethDst()));
        } else {
            step(ns, br.name(), br.node(), p, new StepDetail.Bridged(br.name(), p.ethDst(), out.name()));
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
            if (port.kind() == Iface.Kind.VETH && hasUpperMac(port.peer(), mac)) return port;
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

    /** The device that answers an ARP request for {@code ip} sent out of {@code dev}, or null. */
    private Iface arp(Iface dev, Ipv4 ip) {
        if (dev.kind() == Iface.Kind.VETH) {
            Iface peer = dev.peer();
            if (peer.master() != null) return arpInBridge(peer.master(), ip, peer, true);
            if (peer.hasAddress(ip)) return peer;
            Iface child = upperWith(peer, ip); // a macvlan child of the far end's device hears the request on the wire
            if (child != null) return child;
            return proxies(peer, ip) ? peer : null;
        }
        if (dev.kind() == Iface.Kind.BRIDGE) return arpInBridge(dev, ip, null, true);
        if (dev.kind() == Iface.Kind.MACVLAN || dev.kind() == Iface.Kind.IPVLAN) {
            // siblings answer inside the kernel; the rest of the link hears the request through the lower
            // device — but never the lower device's own namespace, nor its other children by the wire
            // a sibling answers for any address of its own namespace (arp_ignore 0, Linux's default): a host's
            // shim answers for the host's eth0 address too, so the containers reach the host at either
            for (Iface u : dev.lower().uppers())
                if (u != dev && (u.hasAddress(ip) || u.ns().isLocal(ip) && !ip.isLoopback())
                        && (dev.kind() == Iface.Kind.IPVLAN || dev.linkMode() == Iface.LinkMode.BRIDGE && u.linkMode() == Iface.LinkMode.BRIDGE))
                    return u;
            Iface lower = dev.lower();
            if (lower.kind() == Iface.Kind.VETH) {
                Iface peer = lower.peer();
                if (peer.master() != null) return arpInBridge(peer.master(), ip, peer, true);
                return peer.hasAddress(ip) ? peer : null;
            }
            return null;
        }
        return null;
    }

    /** A macvlan or ipvlan child of {@code lower} that holds {@code ip} (ipvlan children answer with the lower device's MAC). */
    private static Iface upperWith(Iface lower, Ipv4 ip) {
        for (Iface u : lower.uppers()) if (u.hasAddress(ip)) return u.kind() == Iface.Kind.IPVLAN ? lower : u;
        return null;
    }

    private static boolean hasUpperMac(Iface lower, Mac mac) {
        for (Iface u : lower.uppers()) if (u.kind() == Iface.Kind.MACVLAN && u.mac().equals(mac)) return true;
        return false;
    }

    /**
     * proxy_arp on the receiving device: the kernel answers with the device's own MAC when its
     * namespace forwards and routes the asked address out of another device (Calico's cali veths
     * answer this way for 169.254.1.1).
     */
    private static boolean proxies(Iface dev, Ipv4 ip) {
        if (!dev.proxyArp() || !dev.ns().ipForward()) return false;
        Route r = dev.ns().lookup(ip);
        return r != null && r.dev() != dev;
    }

    private Iface arpInBridge(Iface br, Ipv4 ip, Iface except, boolean crossTunnels) {
        if (br.hasAddress(ip)) return br;
        for (Iface port : br.ports()) {
            if (port == except) continue;
            if (port.kind() == Iface.Kind.VETH && port.peer().hasAddress(ip)) return port.peer();
            if (port.kind() == Iface.Kind.VETH) {
                Iface child = upperWith(port.peer(), ip);
                if (child != null) return child;
            }
            if (port.kind() == Iface.Kind.VXLAN && crossTunnels)
                for (Iface remote : remoteVteps(port)) {
                    if (remote.master() == null) continue;
                    Iface m = arpInBridge(remote.master(), ip, remote, false);
                    if (m != null) return m;
                }
        }
        return null;
    }

    // ---------------------------------------------------------------- tunnels

    private Ending encapsulate(Iface vx, Packet frame) {
        observer.dependsOnOwner(); // the outer destination follows from the inner frame's exact owner
        Namespace ns = vx.ns();
        Ipv4 remote;
        if (vx.master() == null) {
            remote = vx.vxlan().fdb().get(frame.ethDst());
        } else {
            Iface r = remoteVtepFor(vx, frame.ethDst());
            remote = r == null ? null : r.vxlan().local();
        }
        if (remote == null) return drop(ns, vx.name(), vx.node(), frame, new DropCause.NoRemoteEndpoint(vx.name(), frame.ethDst()));
        int sport = 32768 + Math.floorMod(frame.flow().hashCode(), 28000);
        Packet outer = frame.encapsulate(vx.vxlan().local(), remote, sport, vx.vxlan().port(), vx.vxlan().vni(), vx.vxlan().espSpi(), Encapsulation.ESP_OVERHEAD);
        step(ns, vx.name(), vx.node(), outer, new StepDetail.Encapsulated(TunnelKind.VXLAN, vx.name(), vx.vxlan().local(), remote,
                vx.vxlan().port(), vx.vxlan().vni(), vx.vxlan().encrypted(), outer.length() - frame.length()));
        return originate(ns, outer);
    }

    private Ending decapsulate(Namespace ns, Iface in, Packet outer) {
        for (Iface vx : ns.ifaces()) {
            if (vx.kind() != Iface.Kind.VXLAN || vx.vxlan().port() != outer.dport() || !vx.vxlan().local().equals(outer.dst())) continue;
            if (vx.vxlan().vni() != outer.vni()) continue;
            Packet inner = outer.inner();
            step(ns, vx.name(), vx.node(), inner, new StepDetail.Decapsulated(outer.tunnel().kind(), vx.name(), ns.name(), outer.dport(),
                    outer.vni(), outer.espSpi() != 0));
            if (vx.master() != null) return bridge(vx.master(), inner, vx);
            return input(ns, vx, inner);
        }
        return drop(ns, in.name(), ns.node(), outer, new DropCause.NoTunnelDevice(ns.name(), outer.vni(), outer.dport()));
    }

    // ---------------------------------------------------------------- L3 input

    private Ending input(Namespace ns, Iface in, Packet p) {
        if (outOfBudget()) return loop(ns, p);
        p = p.withEth(null, null); // the IP layer takes the packet out of its frame; a new frame is built on transmit
        if (replyLeg) p = unNat(ns, in, p);
        else if (!p.encapsulated()) p = nat(ns, Rule.Chain.PREROUTING, p, in, null);
        if (local(ns, p.dst())) {
            if (p.encapsulated()) {
                observer.dependsOnOwner();
                return decapsulate(ns, in, p);
            }
            observer.arrived(ns);
            if (!replyLeg) {
                Optional<Rule> f = blocking(ns, Rule.Chain.INPUT, p, in.name(), null);
                if (f.isPresent()) return denied(ns, in.name(), p, f.get());
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
    private Ending noRoute(Namespace ns, Packet p, Iface in) {
        return drop(ns, in == null ? "-" : in.name(), ns.node(), p, new DropCause.NoRoute(ns.name(), p.dst(), p.proto()));
    }

    private Ending denied(Namespace ns, String device, Packet p, Rule f) {
        step(ns, device, ns.node(), p, new StepDetail.Filtered(f));
        return drop(ns, device, ns.node(), p, new DropCause.Denied(f));
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
                step(ns, in == null ? "-" : in.name(), ns.node(), p, new StepDetail.Dnat(r, Flow.of(before), Flow.of(p),
                        r.branches() ? Optional.of(choices.last()) : Optional.empty()));
            } else if (r.target() == Rule.Target.MASQUERADE) {
                Ipv4 addr = out.primaryAddress();
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
        if (m.dport() != 0 && p.proto() != Proto.ICMP && m.dport() != p.dport()) return false;
        if (m.dstLocal() && !ns.isLocal(p.dst())) return false;
        return m.mark() == 0 || (p.mark() & m.mark()) == m.mark();
    }
}
