package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;

/**
 * One row of the playback: a hop of the request or of the reply leg, or an exchange the hop
 * needed first (an ARP question and answer, a DNS query and answer), which is stepped through like
 * any hop. {@code index} counts every step of both legs from 0, so numbering runs on into the
 * reply. {@code last} marks the final step of its leg, where {@code end} (that leg's disposition)
 * happened; {@code legStart} the first step of the reply.
 */
public record Step(int index, boolean reply, Hop hop, boolean last, Disposition end, String endReason, Kind kind, boolean legStart) {

    /** What the row shows: the hop itself, or an exchange before it. */
    public enum Kind { HOP, ARP_REQUEST, ARP_REPLY, DNS_QUERY, DNS_ANSWER }

    public Step(int index, boolean reply, Hop hop, boolean last, Disposition end, String endReason) {
        this(index, reply, hop, last, end, endReason, Kind.HOP, false);
    }

    /** True where the packet was dropped: the last hop of a leg that did not deliver. */
    public boolean dropped() {
        return last && end != Disposition.DELIVERED && (end != Disposition.NO_RETURN_PATH || reply);
    }

    /** The number shown in the event list: 1, 2, ... across both legs. */
    public int number() { return index + 1; }

    public EventProtocol protocol() { return EventProtocol.of(this); }

    public String where() {
        if (kind == Kind.ARP_REQUEST && hop.arp().isPresent()) return hop.arp().get().namespace() + " · " + hop.arp().get().device();
        if (kind == Kind.ARP_REPLY && hop.arp().isPresent() && hop.arp().get().answer() instanceof dev.hopscope.net.trace.NeighbourLookup.ArpReply r)
            return r.namespace() + " · " + r.device();
        String ns = hop.namespace() == null ? "" : hop.namespace();
        String dev = hop.device() == null || "-".equals(hop.device()) ? "" : hop.device();
        return dev.isEmpty() ? ns : ns + " · " + dev;
    }

    /** An ARP or DNS exchange rather than a hop. */
    public boolean exchange() { return kind != Kind.HOP; }
}
