package dev.hopscope.net.trace;

import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Namespace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the hops a person reads from a walk's events: where, the packet and its layers, the
 * fields changed since the previous hop, the sentence (through the {@link Narrator}) and the ARP
 * exchange that let the hop send its frame. One recorder per leg; the legs of one flow share the
 * {@link Neighbours} they have learned, so the reply does not ask again for what the request's
 * ARP exchange taught both ends.
 */
final class HopRecorder implements WalkObserver {

    /** Which namespace knows which neighbour address already, across both legs of one flow. */
    static final class Neighbours {
        private final Set<String> known = new HashSet<>();

        /** Records what the exchange taught; true when the asker did not know the answer yet. */
        boolean learn(NeighbourLookup l) {
            boolean fresh = known.add(l.namespace() + "|" + l.target());
            if (l.answer() instanceof NeighbourLookup.ArpReply r && l.senderAddress() != null)
                known.add(r.namespace() + "|" + l.senderAddress()); // Linux learns the asker from its request
            return fresh;
        }
    }

    private final Dataplane dp;
    private final Narrator narrator;
    private final Neighbours neighbours;
    private final List<Hop> hops = new ArrayList<>();
    private List<Layer> last = List.of();
    private NeighbourLookup pending;

    HopRecorder(Dataplane dp, Narrator narrator, Neighbours neighbours) {
        this.dp = dp;
        this.narrator = narrator;
        this.neighbours = neighbours;
    }

    List<Hop> hops() { return hops; }

    @Override public boolean readsNeighbours() { return true; }

    @Override public void neighbour(NeighbourLookup lookup) {
        if (neighbours.learn(lookup)) pending = lookup.withNote(narrator.arp(lookup));
    }

    @Override public void step(Namespace ns, String device, String node, Packet packet, StepDetail detail) {
        List<Layer> now = packet.layers();
        Optional<NeighbourLookup> arp = Optional.ofNullable(pending);
        pending = null;
        String host = ns.host() != null ? narrator.name(ns.host()) : narrator.name(ns.node());
        hops.add(new Hop(hops.size() + 1, host, ns.name(), device, node, packet, now, detail, HeaderChange.between(last, now), arp,
                narrator.sentence(detail)));
        last = now;
    }
}
