package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Packet;

/**
 * The protocol an event of the list is filed under, as Packet Tracer's event filters file them:
 * ARP and DNS exchanges (and the hops of a query sent to cluster DNS) under their own names, a packet inside a tunnel (VXLAN, and Geneve,
 * IPIP and ESP, which Packet Tracer does not know) under VXLAN, anything else under its transport (ICMP,
 * TCP or UDP). Read from the hop's typed packet and detail.
 */
public enum EventProtocol {
    ARP, DNS, ICMP, TCP, UDP, VXLAN;

    /** The label on the filter toggle and in the list's column. */
    public String label() { return name(); }

    /**
     * What the list's protocol column says: the protocol, except that a tunnelled packet names its
     * tunnel (IPIP, GENEVE, ESP), still filed under the VXLAN filter.
     */
    static String shownAs(Step s) {
        EventProtocol p = of(s);
        return p == VXLAN ? s.hop().packet().tunnel().kind().name() : p.label();
    }

    static EventProtocol of(Step s) {
        if (s.kind() == Step.Kind.ARP_REQUEST || s.kind() == Step.Kind.ARP_REPLY) return ARP;
        if (s.kind() == Step.Kind.DNS_QUERY || s.kind() == Step.Kind.DNS_ANSWER || s.hop().detail() instanceof DnsLookup || s.query()) return DNS;
        Packet p = s.hop().packet();
        if (p.encapsulated()) return VXLAN;
        switch (p.proto()) {
            case TCP: return TCP;
            case UDP: return UDP;
            default: return ICMP;
        }
    }
}
