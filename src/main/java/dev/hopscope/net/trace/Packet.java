package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Mac;

import java.util.ArrayList;
import java.util.List;

/**
 * A packet in flight: Ethernet (null until a neighbour is resolved), IPv4, and TCP/UDP ports or an
 * ICMP type. {@code length} is the IPv4 total length. A VXLAN packet is an outer UDP packet whose
 * {@code inner} is the encapsulated frame; {@code espSpi} non-zero adds an ESP header (encrypted
 * overlay). {@code mark} is the netfilter mark (kube-proxy's masquerade bit).
 */
public record Packet(Mac ethSrc, Mac ethDst, Ipv4 src, Ipv4 dst, int ttl, Proto proto, int sport, int dport,
                     int icmpType, int length, boolean df, int mark, int vni, int espSpi, Packet inner) {

    public static final int ECHO_REQUEST = 8;
    public static final int ECHO_REPLY = 0;

    public Packet withEth(Mac s, Mac d) { return new Packet(s, d, src, dst, ttl, proto, sport, dport, icmpType, length, df, mark, vni, espSpi, inner); }
    public Packet withSrc(Ipv4 v) { return new Packet(ethSrc, ethDst, v, dst, ttl, proto, sport, dport, icmpType, length, df, mark, vni, espSpi, inner); }
    public Packet withDst(Ipv4 v) { return new Packet(ethSrc, ethDst, src, v, ttl, proto, sport, dport, icmpType, length, df, mark, vni, espSpi, inner); }
    public Packet withSport(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, v, dport, icmpType, length, df, mark, vni, espSpi, inner); }
    public Packet withDport(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, sport, v, icmpType, length, df, mark, vni, espSpi, inner); }
    public Packet withTtl(int v) { return new Packet(ethSrc, ethDst, src, dst, v, proto, sport, dport, icmpType, length, df, mark, vni, espSpi, inner); }
    public Packet withLength(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, sport, dport, icmpType, v, df, mark, vni, espSpi, inner); }
    public Packet withMark(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, sport, dport, icmpType, length, df, v, vni, espSpi, inner); }

    /** Wraps this frame in outer IPv4/UDP/VXLAN (and ESP): 50 bytes more, plus ESP's. */
    public Packet encapsulate(Ipv4 outerSrc, Ipv4 outerDst, int udpSport, int udpDport, int vniValue, int spi, int espOverhead) {
        int outerLength = length + 14 + 8 + 8 + 20 + (spi != 0 ? espOverhead : 0);
        return new Packet(null, null, outerSrc, outerDst, 64, Proto.UDP, udpSport, udpDport, 0, outerLength, false, 0, vniValue, spi, this);
    }

    public boolean encapsulated() { return inner != null; }

    /** The header stack, outermost first: what the trace shows for a hop. */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        addLayers(out, "");
        return out;
    }

    private void addLayers(List<Layer> out, String prefix) {
        if (ethSrc != null) out.add(Layer.of("ethernet", "src", ethSrc.toString(), "dst", ethDst.toString(), "type", "IPv4"));
        out.add(Layer.of("ipv4", "src", src == null ? "?" : src.toString(), "dst", dst.toString(), "ttl", Integer.toString(ttl),
                "proto", proto.label(), "length", Integer.toString(length), "df", df ? "1" : "0"));
        if (inner != null) {
            if (espSpi != 0) out.add(Layer.of("esp", "spi", "0x" + Integer.toHexString(espSpi)));
            out.add(Layer.of("udp", "sport", Integer.toString(sport), "dport", Integer.toString(dport)));
            out.add(Layer.of("vxlan", "vni", Integer.toString(vni)));
            inner.addLayers(out, prefix);
            return;
        }
        if (proto == Proto.ICMP) out.add(Layer.of("icmp", "type", icmpType == ECHO_REQUEST ? "echo-request" : "echo-reply"));
        else out.add(Layer.of(proto.label(), "sport", Integer.toString(sport), "dport", Integer.toString(dport)));
    }

    public String flow() {
        if (proto == Proto.ICMP) return (src == null ? "?" : src) + " → " + dst + " icmp";
        return (src == null ? "?" : src) + ":" + sport + " → " + dst + ":" + dport + " " + proto.label();
    }
}
