package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;

/**
 * One row of the playback: a hop of the request or of the reply leg, or an exchange the hop
 * needed first (an ARP question and answer, a DNS query and answer), which is stepped through like
 * any hop. {@code index} counts every step of both legs from 0, so numbering runs on into the
 * reply. {@code last} marks the final step of its leg, where {@code end} (that leg's disposition)
 * happened; {@code legStart} the first step of the reply (or of the request after a DNS query).
 * {@code connection} is 0 for the DNS query a pod sent to cluster DNS first, 1, or 2 for the
 * connection an Ingress controller opened to the Service its rules chose (its steps come after
 * the first connection's, under the {@code PROXY} row).
 */
public record Step(int index, boolean reply, Hop hop, boolean last, Disposition end, String endReason, Kind kind, boolean legStart,
                   int connection, String sentence) {

    /**
     * What the row shows: the hop itself, or an exchange before it; or, where the request reached
     * an Ingress controller, the controller carrying it on ({@code PROXY}: its {@code sentence} says
     * which rule matched and where the second connection goes, on the hop where the first ended).
     */
    public enum Kind { HOP, ARP_REQUEST, ARP_REPLY, DNS_QUERY, DNS_ANSWER, PROXY }

    /** A step of the flow's first (or only) connection. */
    public Step(int index, boolean reply, Hop hop, boolean last, Disposition end, String endReason, Kind kind, boolean legStart) {
        this(index, reply, hop, last, end, endReason, kind, legStart, 1, null);
    }

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

    /** An ARP or DNS exchange (or the proxy's row) rather than a hop. */
    public boolean exchange() { return kind != Kind.HOP; }

    /** A step of the DNS query sent to cluster DNS before the flow itself. */
    public boolean query() { return connection == 0; }

    /** A step of the second connection, or the row that opens it. */
    public boolean proxied() { return connection > 1; }
}
