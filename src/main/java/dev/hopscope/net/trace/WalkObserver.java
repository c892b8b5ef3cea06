package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Namespace;

/**
 * What the forwarding logic ({@link Walk}) tells whoever watches it. The walk decides; observers
 * only listen: {@link HopRecorder} builds the hops a person reads, {@link MemoRecorder} keeps the
 * decisions that depended on the destination address (so the analysis can reuse an outcome for
 * other addresses), and {@link #NONE} ignores everything (the matrix's walks).
 */
interface WalkObserver {

    /** A step happened: the packet after it, and what it did. */
    void step(Namespace ns, String device, String node, Packet packet, StepDetail detail);

    /** The namespace resolved its next hop's MAC (or failed to) before sending a frame. */
    default void neighbour(NeighbourLookup lookup) {}

    /** Whether this observer reads neighbour lookups (the walk skips building them otherwise: the matrix walks millions). */
    default boolean readsNeighbours() { return false; }

    /** A decision that depended on the destination address: would another address get the same answer? */
    default void decided(DestinationCheck check) {}

    /** A decision that depended on exactly who owns the destination: no other address can reuse the outcome. */
    default void dependsOnOwner() {}

    /** The request reached a namespace that owns its destination. */
    default void arrived(Namespace ns) {}

    /** Ignores everything. */
    WalkObserver NONE = (ns, device, node, packet, detail) -> {};

    /** A decision the walk took, re-asked for another destination address. */
    interface DestinationCheck {
        boolean holds(Ipv4 dst);
    }
}
