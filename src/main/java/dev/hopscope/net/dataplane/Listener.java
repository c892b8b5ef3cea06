package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;

/** A listening socket in a namespace; {@code owner} is the document node (or pod container) that opened it. */
public record Listener(int port, Proto proto, Ipv4 bind, String owner) {
    public boolean wildcard() { return bind.bits() == 0; }

    /** Whether a packet to {@code dst} reaches this socket: 0.0.0.0 takes every local address, else only its own. */
    public boolean accepts(Ipv4 dst, Proto p, int dport) {
        return proto == p && port == dport && (wildcard() || bind.equals(dst));
    }
}
