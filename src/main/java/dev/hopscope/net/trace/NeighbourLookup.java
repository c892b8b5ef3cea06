package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Mac;

/**
 * How a namespace found the MAC address of its next hop before sending a frame: an ARP request
 * and its reply (or none), or a permanent neighbour entry (written by an overlay's control plane,
 * so nothing is asked on the wire). It belongs to the hop that sends the first frame to that
 * neighbour ({@link Hop#arp()}); {@code note} is the narrator's sentence for it.
 */
public record NeighbourLookup(String namespace, String device, Ipv4 senderAddress, Mac senderMac, Ipv4 target, Answer answer,
                              String note) {

    /** How the question was answered. */
    public sealed interface Answer permits ArpReply, PermanentEntry, Unanswered {}

    /** An ARP reply from {@code namespace:device}; {@code proxy} when that device answers for an address it does not hold. */
    public record ArpReply(String namespace, String device, Mac mac, boolean proxy) implements Answer {}

    /** The neighbour table already holds a permanent entry: no ARP on the wire. */
    public record PermanentEntry(Mac mac) implements Answer {}

    /** Nobody answered the ARP request. */
    public record Unanswered() implements Answer {}

    /** Whether an ARP request went on the wire (a capture shows it). */
    public boolean asked() { return !(answer instanceof PermanentEntry); }

    NeighbourLookup withNote(String n) { return new NeighbourLookup(namespace, device, senderAddress, senderMac, target, answer, n); }
}
