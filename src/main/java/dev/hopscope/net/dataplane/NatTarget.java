package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

/**
 * Where a DNAT rule sends a connection: an address, a port (0 keeps the port) and the document
 * node that owns the address (a Service's endpoint pod, a published container), or null.
 * {@code selfMark}: the mark set when the connection comes from this very address (kube-proxy's
 * per-endpoint chain {@code KUBE-SEP-…} starts with {@code -s ENDPOINT/32 -j KUBE-MARK-MASQ}, so a
 * pod reaching itself through its Service is masqueraded and the reply comes back through the
 * node); 0 for none.
 */
public record NatTarget(Ipv4 ip, int port, String node, int selfMark) {
    public NatTarget {
        if (ip == null) throw new IllegalArgumentException("a DNAT target needs an address");
    }

    public NatTarget(Ipv4 ip, int port, String node) { this(ip, port, node, 0); }

    @Override public String toString() { return ip + (port != 0 ? ":" + port : ""); }
}
