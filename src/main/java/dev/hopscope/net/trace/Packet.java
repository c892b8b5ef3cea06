package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Mac;

import java.util.ArrayList;
import java.util.List;

/**
 * A packet in flight, as the walk rewrites it: Ethernet (null until a neighbour is resolved),
 * IPv4, TCP/UDP ports and flags or an ICMP type, and for a tunnelled packet the {@link Tunnel}
 * that holds the inner one. {@code length} is the IPv4 total length; {@code mark} the netfilter
 * mark (kube-proxy's masquerade bit), which is no header and is never on a wire.
 * <p>
 * Flat on purpose: the walk makes a new value at every rewrite, and this keeps that cheap. The
 * typed header stack ({@link #headers()}) and the display view ({@link #layers()}) are derived.
 */
public record Packet(Mac ethSrc, Mac ethDst, Ipv4 src, Ipv4 dst, int ttl, Proto proto, int sport, int dport,
                     int icmpType, int tcpFlags, int length, boolean df, int mark, Tunnel tunnel) {

    public static final int ECHO_REQUEST = Header.Icmp.ECHO_REQUEST;
    public static final int ECHO_REPLY = Header.Icmp.ECHO_REPLY;

    /**
     * The outer part of a tunnelled packet: how it is tunnelled, the VNI (VXLAN, Geneve), the
     * ESP SPI (non-zero: the tunnel packet is wrapped in IPsec ESP) and the packet inside.
     */
    public record Tunnel(TunnelKind kind, int vni, int espSpi, Packet inner) {
        public Tunnel {
            if (kind == null || inner == null) throw new IllegalArgumentException("a tunnel needs a kind and an inner packet");
        }
    }

    /** A new request: no Ethernet yet, no source until the route decides it. */
    public static Packet request(Ipv4 dst, Proto proto, int sport, int dport, int length, boolean df) {
        return new Packet(null, null, null, dst, 64, proto, sport, dport, proto == Proto.ICMP ? ECHO_REQUEST : 0,
                proto == Proto.TCP ? Header.SYN : 0, length, df, 0, null);
    }

    /** The answer to {@code got} (as it arrived): addresses and ports swapped, an echo reply or a SYN-ACK. */
    public static Packet answer(Packet got) {
        return new Packet(null, null, got.dst, got.src, 64, got.proto, got.dport, got.sport,
                got.proto == Proto.ICMP ? ECHO_REPLY : 0, got.proto == Proto.TCP ? Header.SYN | Header.ACK : 0,
                got.proto == Proto.TCP ? 60 : got.length, got.df, 0, null);
    }

    public Packet withEth(Mac s, Mac d) { return new Packet(s, d, src, dst, ttl, proto, sport, dport, icmpType, tcpFlags, length, df, mark, tunnel); }
    public Packet withSrc(Ipv4 v) { return new Packet(ethSrc, ethDst, v, dst, ttl, proto, sport, dport, icmpType, tcpFlags, length, df, mark, tunnel); }
    public Packet withDst(Ipv4 v) { return new Packet(ethSrc, ethDst, src, v, ttl, proto, sport, dport, icmpType, tcpFlags, length, df, mark, tunnel); }
    public Packet withSport(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, v, dport, icmpType, tcpFlags, length, df, mark, tunnel); }
    public Packet withDport(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, sport, v, icmpType, tcpFlags, length, df, mark, tunnel); }
    public Packet withTtl(int v) { return new Packet(ethSrc, ethDst, src, dst, v, proto, sport, dport, icmpType, tcpFlags, length, df, mark, tunnel); }
    public Packet withLength(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, sport, dport, icmpType, tcpFlags, v, df, mark, tunnel); }
    public Packet withMark(int v) { return new Packet(ethSrc, ethDst, src, dst, ttl, proto, sport, dport, icmpType, tcpFlags, length, df, v, tunnel); }

    /**
     * Wraps this frame in outer IPv4 / UDP / VXLAN (and ESP when {@code spi} is non-zero): the
     * outer packet is 50 bytes longer (outer Ethernet 14, IPv4 20, UDP 8, VXLAN 8), plus ESP's.
     */
    public Packet encapsulate(Ipv4 outerSrc, Ipv4 outerDst, int udpSport, int udpDport, int vniValue, int spi, int espOverhead) {
        return encapsulate(TunnelKind.VXLAN, outerSrc, outerDst, udpSport, udpDport, vniValue, spi, espOverhead);
    }

    /**
     * Wraps this packet in a tunnel of {@code kind}: the outer IPv4 packet is longer by the kind's
     * {@linkplain TunnelKind#overhead() overhead}, plus {@code espOverhead} when {@code spi} is
     * non-zero (ESP around the tunnel). Ports and VNI apply to tunnels over UDP.
     */
    public Packet encapsulate(TunnelKind kind, Ipv4 outerSrc, Ipv4 outerDst, int udpSport, int udpDport, int vniValue, int spi, int espOverhead) {
        boolean esp = spi != 0 || kind == TunnelKind.ESP;
        int outerLength = length + kind.overhead() + (esp ? espOverhead : 0);
        boolean udp = kind.overUdp();
        return new Packet(null, null, outerSrc, outerDst, 64, udp ? Proto.UDP : proto, udp ? udpSport : 0, udp ? udpDport : 0, 0, 0,
                outerLength, false, 0, new Tunnel(kind, udp ? vniValue : 0, kind == TunnelKind.ESP && spi == 0 ? 1 : spi, this));
    }

    public boolean encapsulated() { return tunnel != null; }

    /** The packet inside the tunnel, or null for a plain packet. */
    public Packet inner() { return tunnel == null ? null : tunnel.inner(); }

    /** The tunnel's VNI (0 for a plain packet). */
    public int vni() { return tunnel == null ? 0 : tunnel.vni(); }

    /** The tunnel's ESP SPI (0: not encrypted, or a plain packet). */
    public int espSpi() { return tunnel == null ? 0 : tunnel.espSpi(); }

    /** The typed header stack, outermost first (the outer headers of a tunnel, then the inner packet's). */
    public List<Header> headers() {
        List<Header> out = new ArrayList<>(8);
        addHeaders(out);
        return out;
    }

    private void addHeaders(List<Header> out) {
        if (ethSrc != null) out.add(new Header.Ethernet(ethSrc, ethDst, Header.Ethernet.IPV4));
        if (tunnel != null) {
            TunnelKind k = tunnel.kind();
            boolean esp = tunnel.espSpi() != 0 || k == TunnelKind.ESP;
            int protocol = esp ? Header.ESP : k == TunnelKind.IPIP ? Header.IPIP : Header.UDP;
            out.add(new Header.Ip(src, dst, ttl, protocol, length, df));
            if (esp) out.add(new Header.Esp(tunnel.espSpi(), 1));
            if (k.overUdp()) {
                out.add(new Header.Udp(sport, dport, length - 20));
                out.add(k == TunnelKind.GENEVE ? new Header.Geneve(tunnel.vni()) : k == TunnelKind.SLEEVE ? new Header.Sleeve(src, dst)
                        : new Header.Vxlan(tunnel.vni()));
            }
            tunnel.inner().addHeaders(out);
            return;
        }
        int protocol = proto == Proto.ICMP ? Header.ICMP : proto == Proto.TCP ? Header.TCP : Header.UDP;
        out.add(new Header.Ip(src, dst, ttl, protocol, length, df));
        switch (proto) {
            case ICMP: out.add(new Header.Icmp(icmpType, 0)); break;
            case TCP: out.add(new Header.Tcp(sport, dport, tcpFlags)); break;
            default: out.add(new Header.Udp(sport, dport, length - 20));
        }
    }

    /** The header stack as a person reads it, outermost first: what a hop shows and the JSON prints. */
    public List<Layer> layers() {
        List<Header> hs = headers();
        List<Layer> out = new ArrayList<>(hs.size());
        for (Header h : hs) out.add(h.layer());
        return out;
    }

    /** The flow in a few words: "10.0.0.2:41000 → 10.0.0.3:80 tcp". */
    public String flow() { return Flow.of(this).toString(); }
}
