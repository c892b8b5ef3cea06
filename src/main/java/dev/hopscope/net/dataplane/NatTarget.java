package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

/**
 * Where a DNAT rule sends a connection: an address, a port (0 keeps the port) and the document
 * node that owns the address (a Service's endpoint pod, a published container), or null.
 */
public record NatTarget(Ipv4 ip, int port, String node) {
    public NatTarget {
        if (ip == null) throw new IllegalArgumentException("a DNAT target needs an address");
    }

    @Override public String toString() { return ip + (port != 0 ? ":" + port : ""); }
}
