package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.StepKind;

import java.util.List;

/**
 * The protocol an event of the list is filed under, as Packet Tracer's event filters file them:
 * ARP and DNS exchanges under their own names, a frame inside a VXLAN envelope under VXLAN,
 * anything else under its transport (ICMP, TCP or UDP).
 */
public enum EventProtocol {
    ARP, DNS, ICMP, TCP, UDP, VXLAN;

    /** The label on the filter toggle and in the list's column. */
    public String label() { return name(); }

    static EventProtocol of(Step s) {
        if (s.kind() == Step.Kind.ARP_REQUEST || s.kind() == Step.Kind.ARP_REPLY) return ARP;
        if (s.kind() == Step.Kind.DNS_QUERY || s.kind() == Step.Kind.DNS_ANSWER || s.hop().step() == StepKind.DNS) return DNS;
        List<Layer> p = s.hop().packet();
        EventProtocol transport = null;
        for (Layer l : p) {
            switch (l.layer()) {
                case "vxlan": return VXLAN;
                case "tcp": transport = TCP; break;
                case "udp": transport = UDP; break;
                case "icmp": transport = ICMP; break;
                default: break;
            }
        }
        return transport == null ? ICMP : transport;
    }
}
