package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Rule;

import java.util.List;

/**
 * Why a leg ended without delivering, typed: each cause carries the facts and its disposition;
 * the {@link Narrator} writes the reason from it. Causes that name the packet's destination can
 * be {@linkplain #retarget retargeted}: the analysis reuses an outcome for another destination
 * that took exactly the same decisions, and the reason is written again for that destination.
 */
public sealed interface DropCause extends Outcome {

    /**
     * The same cause for a packet sent to {@code now} instead of {@code was}: fields holding the
     * destination (or a next hop that was the destination itself) follow it.
     */
    default DropCause retarget(Ipv4 was, Ipv4 now) { return this; }

    private static Ipv4 follow(Ipv4 field, Ipv4 was, Ipv4 now) { return field != null && field.equals(was) ? now : field; }

    /** Not an address of the namespace, and it does not forward. */
    record IpForwardOff(String namespace, Ipv4 destination) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NO_ROUTE; }
        @Override public DropCause retarget(Ipv4 was, Ipv4 now) { return new IpForwardOff(namespace, follow(destination, was, now)); }
    }

    /**
     * No entry of the routing table matches. {@code wouldMeet}: the REJECT a default route would have
     * carried the packet to (kube-proxy's, for a Service without endpoints), as a real node has one.
     */
    record NoRoute(String namespace, Ipv4 destination, Proto proto, java.util.Optional<Rule> wouldMeet) implements DropCause {
        public NoRoute(String namespace, Ipv4 destination, Proto proto) { this(namespace, destination, proto, java.util.Optional.empty()); }

        @Override public Disposition disposition() { return Disposition.NO_ROUTE; }
        @Override public DropCause retarget(Ipv4 was, Ipv4 now) { return new NoRoute(namespace, follow(destination, was, now), proto, wouldMeet); }
    }

    /** The TTL reached zero while forwarding. */
    record TtlExpired(String namespace) implements DropCause {
        @Override public Disposition disposition() { return Disposition.LOOP; }
    }

    /** The walk took more steps than any sane path has. */
    record HopBudget(int steps) implements DropCause {
        @Override public Disposition disposition() { return Disposition.LOOP; }
    }

    /** On-link, but nobody answered the ARP request. */
    record ArpUnanswered(String namespace, String device, Ipv4 nextHop) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NEIGHBOR_UNREACHABLE; }
        @Override public DropCause retarget(Ipv4 was, Ipv4 now) { return new ArpUnanswered(namespace, device, follow(nextHop, was, now)); }
    }

    /**
     * The next hop belongs across a parent/child boundary of a macvlan or ipvlan device: the host
     * asking for one of its own children, or a child asking for its parent's namespace. The kernel
     * never passes a parent's own frames to its children nor theirs to it, so nobody answers.
     */
    record StackedIsolation(String namespace, String device, Ipv4 nextHop, String otherNamespace, String otherDevice, boolean ipvlan)
            implements DropCause {
        @Override public Disposition disposition() { return Disposition.NEIGHBOR_UNREACHABLE; }
        @Override public DropCause retarget(Ipv4 was, Ipv4 now) {
            return new StackedIsolation(namespace, device, follow(nextHop, was, now), otherNamespace, otherDevice, ipvlan);
        }
    }

    /** A tunnel device without a (permanent) neighbour entry for the next hop: no control plane wrote one. */
    record NoNeighbourEntry(String device, Ipv4 nextHop) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NEIGHBOR_UNREACHABLE; }
        @Override public DropCause retarget(Ipv4 was, Ipv4 now) { return new NoNeighbourEntry(device, follow(nextHop, was, now)); }
    }

    /** A bridge with no port behind which the destination MAC lives. */
    record NoBridgePort(String bridge, Mac destination) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NEIGHBOR_UNREACHABLE; }
    }

    /**
     * The destination lies behind {@code port}, the bridge port the frame came in by, and hairpin
     * mode is off there: the bridge never sends a frame back out of its own port (the kernel's
     * should_deliver), so the frame is dropped silently.
     */
    record HairpinOff(String bridge, String port, String namespace) implements DropCause {
        @Override public Disposition disposition() { return Disposition.DENIED; }
    }

    /** A VXLAN device that knows no remote endpoint for the frame's destination MAC. */
    record NoRemoteEndpoint(String device, Mac destination) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NEIGHBOR_UNREACHABLE; }
    }

    /** A tunnel packet arrived where no tunnel device takes its VNI and port. */
    record NoTunnelDevice(String namespace, int vni, int udpPort) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NEIGHBOR_UNREACHABLE; }
    }

    /** The sender refuses a Don't-Fragment packet larger than its device's MTU ("message too long"). */
    record TooBigToSend(String device, int mtu, int length) implements DropCause {
        @Override public Disposition disposition() { return Disposition.MTU_EXCEEDED; }
    }

    /** A router drops a Don't-Fragment packet larger than the outgoing MTU ("fragmentation needed"). */
    record TooBigToForward(String namespace, String device, int mtu, int length) implements DropCause {
        @Override public Disposition disposition() { return Disposition.MTU_EXCEEDED; }
    }

    /** A bridge drops a frame larger than its outgoing port's MTU, silently. */
    record TooBigForPort(String port, int mtu, int length, boolean tunnelPort) implements DropCause {
        @Override public Disposition disposition() { return Disposition.MTU_EXCEEDED; }
    }

    /** An iptables rule dropped or rejected it. */
    record Denied(Rule rule) implements DropCause {
        @Override public Disposition disposition() { return Disposition.DENIED; }
    }

    /** Arrived, but no socket listens there; {@code boundElsewhere}: sockets on that port bound to another address. */
    record NoListener(String namespace, Ipv4 destination, int port, Proto proto, List<Listener> boundElsewhere) implements DropCause {
        public NoListener {
            boundElsewhere = List.copyOf(boundElsewhere);
        }

        @Override public Disposition disposition() { return Disposition.NO_LISTENER; }
    }

    /** The reply was delivered somewhere other than the client. */
    record ReplyAstray(String namespace, String client) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NO_RETURN_PATH; }
    }

    /** The reply reached the client from an address (or port) it never sent to: no connection matches. */
    record ReplyUnmatched(Flow reply, Flow sent) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NO_RETURN_PATH; }
    }

    /** The address is also another namespace's: the kernel delivers there, never to the endpoint meant. */
    record Shadowed(Ipv4 address, String owner, String endpoint) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NO_ROUTE; }
    }

    /**
     * A Service's rule sent the packet to another endpoint: this way ({@code address:port}) never
     * leads to {@code endpoint}, because the rule does not list it ({@code reached} got it instead).
     */
    record OtherEndpoint(Ipv4 address, int port, String endpoint, String reached, String by) implements DropCause {
        public OtherEndpoint(Ipv4 address, int port, String endpoint, String reached) { this(address, port, endpoint, reached, null); }

        @Override public Disposition disposition() { return Disposition.NO_ROUTE; }
    }

    /** A name that no resolver of the source answers. */
    record NotResolved(DnsLookup lookup) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NAME_NOT_RESOLVED; }
    }

    /**
     * The name was asked of cluster DNS as a packet (UDP 53 to the kube-dns ClusterIP, on to a
     * CoreDNS pod) and the query did not get through: {@code query} is how it ended, {@code why} its reason.
     */
    record DnsQueryFailed(String server, Disposition query, String why) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NAME_NOT_RESOLVED; }
    }

    /** The destination node has no address the source could send to. */
    record NoAddress(String endpoint, String source) implements DropCause {
        @Override public Disposition disposition() { return Disposition.NAME_NOT_RESOLVED; }
    }
}
