package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;

/** The addresses and ports of a packet, without its headers: what NAT rewrites and conntrack remembers. */
public record Flow(Proto proto, Ipv4 src, int sport, Ipv4 dst, int dport) {

    public static Flow of(Packet p) { return new Flow(p.proto(), p.src(), p.sport(), p.dst(), p.dport()); }

    /** The destination as {@code address:port} ({@code address} for ICMP). */
    public String destination() { return dst + (proto == Proto.ICMP ? "" : ":" + dport); }

    /** The source as {@code address:port} ({@code address} for ICMP). */
    public String source() { return (src == null ? "?" : src.toString()) + (proto == Proto.ICMP ? "" : ":" + sport); }

    /** The flow the other way: what a reply to it carries. */
    public Flow reversed() { return new Flow(proto, dst, dport, src, sport); }

    @Override public String toString() {
        if (proto == Proto.ICMP) return (src == null ? "?" : src) + " → " + dst + " icmp";
        return source() + " → " + destination() + " " + proto.label();
    }
}
