package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;

import java.util.List;
import java.util.Optional;

/**
 * What one step of a trace did, typed (Batfish's step details): one small record per kind of
 * step, holding the facts — the route entry, the rule, NAT before and after, the outer headers,
 * the socket. The {@link Narrator} writes the hop's sentence from it; nothing reads the sentence
 * back. Namespaces and devices are named as the dataplane names them; nodes by document id.
 */
public sealed interface StepDetail permits StepDetail.Routed, StepDetail.Local, StepDetail.Fragmented, StepDetail.VethCrossed,
        StepDetail.Bridged, StepDetail.ToBridgeItself, StepDetail.UnderlayCrossed, StepDetail.Filtered, StepDetail.Dnat, StepDetail.SocketTranslated,
        StepDetail.Masquerade, StepDetail.Unnat, StepDetail.Encapsulated, StepDetail.Decapsulated, DnsLookup,
        StepDetail.StackedSwitched, StepDetail.StackedOut, StepDetail.StackedDelivered,
        StepDetail.Delivery, StepDetail.Dropped {

    /** The SPEC step this detail is shown as. */
    StepKind step();

    /**
     * A routing decision ({@code ip route get}): the entry matched for a packet the namespace sends
     * ({@code forwarded} false) or forwards (true, with the TTL before and after the decrement);
     * {@code outer} when it is a tunnel's outer packet.
     */
    record Routed(String namespace, Ipv4 destination, Route route, boolean forwarded, int ttlBefore, int ttlAfter, boolean outer)
            implements StepDetail {
        @Override public StepKind step() { return StepKind.ROUTE; }
    }

    /** The destination is one of the namespace's own addresses: the local table sends it over {@code lo}. */
    record Local(String namespace, Ipv4 destination) implements StepDetail {
        @Override public StepKind step() { return StepKind.ROUTE; }
    }

    /** Larger than the device's MTU without Don't Fragment: the kernel fragments it (the trace follows the first fragment). */
    record Fragmented(String device, int mtu, int length) implements StepDetail {
        @Override public StepKind step() { return StepKind.ROUTE; }
    }

    /** The frame crossed a veth pair. */
    record VethCrossed(String fromNamespace, String fromDevice, String toNamespace, String toDevice) implements StepDetail {
        @Override public StepKind step() { return StepKind.VETH; }
    }

    /**
     * A bridge looked up the destination MAC in its forwarding database and sent the frame out of
     * {@code port}. {@code afterDnat}: the frame had come up to the bridge's IP stack, DNAT moved its
     * destination behind the same bridge, and br_netfilter handed it back to be switched, not routed;
     * {@code hairpin}: {@code port} is the one it came in by, which only a port in hairpin mode allows.
     */
    record Bridged(String bridge, Mac destination, String port, boolean afterDnat, boolean hairpin) implements StepDetail {
        public Bridged(String bridge, Mac destination, String port) { this(bridge, destination, port, false, false); }

        @Override public StepKind step() { return StepKind.BRIDGE; }
    }

    /** The frame is addressed to the bridge device itself: it goes up to the namespace's IP stack. */
    record ToBridgeItself(String bridge, String namespace) implements StepDetail {
        @Override public StepKind step() { return StepKind.BRIDGE; }
    }

    /** The underlay (a switch: {@code underlay} is its document node) carried the frame from one machine to another. */
    record UnderlayCrossed(String underlay, String fromNamespace, String toNamespace, Mac destination) implements StepDetail {
        @Override public StepKind step() { return StepKind.UNDERLAY; }
    }

    /**
     * An iptables rule decided (its table and chain are the rule's); {@code path} is the chains
     * iptables went through, from the kernel's hook to the rule's chain (FORWARD → POL-IN-web when
     * a NetworkPolicy chain dropped it). Only rules that drop or reject are shown as steps.
     */
    record Filtered(Rule rule, List<Rule.Chain> path) implements StepDetail {
        public Filtered {
            path = List.copyOf(path);
        }

        @Override public StepKind step() { return StepKind.FILTER; }
        public Rule.Table table() { return rule.table(); }
        public Rule.Chain chain() { return rule.chain(); }
        /** The kernel's hook the packet met first (FORWARD, INPUT, OUTPUT). */
        public Rule.Chain hook() { return path.get(0); }
    }

    /**
     * Destination NAT: a published port, a ClusterIP or a NodePort rewritten to a backend.
     * {@code choice} is set where the rule lists several endpoints and one was taken for this trace.
     */
    record Dnat(Rule rule, Flow before, Flow after, Optional<Choice> choice) implements StepDetail {
        @Override public StepKind step() { return StepKind.NAT; }
    }

    /**
     * A socket load balancer (Cilium's kube-proxy replacement, {@code by}) translated a Service's
     * frontend to a backend when the client's socket connected: the packet is born with the
     * backend's address, no node NATs it, and no conntrack entry un-NATs the reply (the socket is
     * connected to the backend). {@code choice} as for {@link Dnat}.
     */
    record SocketTranslated(String by, String namespace, Rule rule, Flow before, Flow after, Optional<Choice> choice) implements StepDetail {
        @Override public StepKind step() { return StepKind.NAT; }
    }

    /** Source NAT to the outgoing device's address (MASQUERADE). */
    record Masquerade(Rule rule, Flow before, Flow after) implements StepDetail {
        @Override public StepKind step() { return StepKind.NAT; }
    }

    /** conntrack recognised a reply to a translated connection and undid the translation. */
    record Unnat(Flow before, Flow after) implements StepDetail {
        @Override public StepKind step() { return StepKind.NAT; }
    }

    /** A tunnel device pushed outer headers: {@code addedBytes} is the outer length minus the inner one. */
    record Encapsulated(TunnelKind tunnel, String device, Ipv4 localEndpoint, Ipv4 remoteEndpoint, int udpPort, int vni,
                        boolean esp, int addedBytes) implements StepDetail {
        @Override public StepKind step() { return StepKind.ENCAP; }
    }

    /** A tunnel device took the outer headers off (and decrypted ESP). */
    record Decapsulated(TunnelKind tunnel, String device, String namespace, int udpPort, int vni, boolean esp) implements StepDetail {
        @Override public StepKind step() { return StepKind.DECAP; }
    }

    /**
     * Two macvlan (bridge mode) or ipvlan children of one lower device: the kernel switches the
     * frame from one to the other itself, never touching the wire.
     */
    record StackedSwitched(String fromNamespace, String fromDevice, String toNamespace, String toDevice,
                           String lowerNamespace, String lowerDevice, boolean ipvlan) implements StepDetail {
        @Override public StepKind step() { return StepKind.BRIDGE; }
    }

    /** A macvlan or ipvlan child sent the frame out of its lower device onto the link (with its own MAC for macvlan). */
    record StackedOut(String namespace, String device, String lowerNamespace, String lowerDevice, boolean ipvlan) implements StepDetail {
        @Override public StepKind step() { return StepKind.VETH; }
    }

    /** A frame arriving on a lower device belongs to one of its macvlan or ipvlan children (by MAC, or by address for ipvlan). */
    record StackedDelivered(String lowerNamespace, String lowerDevice, String toNamespace, String toDevice, boolean ipvlan) implements StepDetail {
        @Override public StepKind step() { return StepKind.VETH; }
    }

    /** The packet was dropped; the cause says why and what disposition that is. */
    record Dropped(DropCause cause) implements StepDetail {
        @Override public StepKind step() { return StepKind.DROP; }
    }

    /** A delivery: the step that ends a leg well. */
    sealed interface Delivery extends StepDetail, Outcome permits SocketReached, PingAnswered, ReplyReturned {
        @Override default StepKind step() { return StepKind.DELIVER; }
        @Override default Disposition disposition() { return Disposition.DELIVERED; }
    }

    /** A listening socket took the request; {@code seenSource} is the source address it sees. */
    record SocketReached(String namespace, Listener socket, Ipv4 seenSource) implements Delivery {}

    /** The namespace owns the pinged address and answers with an echo reply. */
    record PingAnswered(String namespace, Ipv4 address) implements Delivery {}

    /** The reply reached the client that sent the request: {@code client} is its document node. */
    record ReplyReturned(String namespace, String client) implements Delivery {}

    /**
     * One choice among several a rule offered (kube-proxy's endpoints of a Service): which was
     * taken ({@code index}, from 0) of how many, the endpoint it leads to, and who chose ({@code by}:
     * kube-proxy, Cilium's socket load balancer, IPVS, ...; null when the rule does not say).
     */
    record Choice(int index, int of, Ipv4 address, int port, String endpoint, String by) {
        public Choice(int index, int of, Ipv4 address, int port, String endpoint) { this(index, of, address, port, endpoint, null); }
    }
}
