package dev.hopscope.io.capture;

import dev.hopscope.net.trace.Header;
import dev.hopscope.net.trace.Packet;

import java.util.List;

/**
 * One traced {@link Packet} as the bytes a capture holds, written from its typed header stack
 * ({@link Packet#headers()}, outermost first): an Ethernet frame when the packet has its MACs,
 * otherwise the bare IPv4 packet (it is inside the IP stack, between frames). A tunnelled packet's
 * outer IPv4 / [ESP] / UDP / VXLAN or Geneve headers (or IPv4 in IPv4) go around the inner one.
 *
 * <p>The headers give addresses, ports, TCP flags, ICMP type, TTL, Don't Fragment and each IPv4
 * total length; payloads fill the packet to that length. What a trace does not model (sequence
 * numbers, identifiers, timestamps) comes from the {@link Conversation}, so one packet carries the
 * same values on every hop, as a real one does.
 */
public final class PacketBytes {
    private PacketBytes() {}

    /** Linux's SYN window (64240 = 44 × 1460) and its SYN-ACK window. */
    static final int SYN_WINDOW = 64240, SYN_ACK_WINDOW = 65160;
    static final int MSS = 1460;

    /** Whether {@link #encode} writes an Ethernet frame for this packet (otherwise raw IPv4). */
    public static boolean isFrame(Packet p) { return p.ethSrc() != null && p.ethDst() != null; }

    /** The packet's bytes; {@code reply} picks the reply leg's identifiers. */
    public static byte[] encode(Packet p, boolean reply, Conversation c) {
        return new Encoder(p.headers(), reply, c).from(0);
    }

    private record Encoder(List<Header> hs, boolean reply, Conversation c) {

        byte[] from(int i) {
            Header h = hs.get(i);
            if (h instanceof Header.Ethernet e) return Wire.ethernet(e.src().bits(), e.dst().bits(), e.etherType(), from(i + 1));
            if (h instanceof Header.Ip ip) return ipv4(i, ip);
            throw new IllegalArgumentException("a frame starts with Ethernet or IPv4, not " + h.name());
        }

        private byte[] ipv4(int i, Header.Ip ip) {
            int src = ip.src() == null ? 0 : ip.src().bits(), dst = ip.dst().bits();
            int room = Math.max(0, ip.totalLength() - 20); // what the trace says follows the IPv4 header
            boolean outer = ip.protocol() == Header.ESP || ip.protocol() == Header.IPIP
                    || (i + 2 < hs.size() && (hs.get(i + 2) instanceof Header.Vxlan || hs.get(i + 2) instanceof Header.Geneve
                            || hs.get(i + 2) instanceof Header.Sleeve));
            int id = (reply ? c.replyIpId() : c.requestIpId()) ^ (outer ? 0x5A5A : 0);
            Header next = hs.get(i + 1);
            byte[] payload;
            if (next instanceof Header.Esp esp) {
                byte[] inside = hs.get(i + 2) instanceof Header.Udp ? udp(i + 2, src, dst, room) : from(i + 2);
                int nextHeader = hs.get(i + 2) instanceof Header.Udp ? Wire.PROTO_UDP : Wire.PROTO_IPIP;
                int wantedPad = room - inside.length - Wire.ESP_FIXED_OVERHEAD;
                payload = Wire.esp(esp.spi(), esp.sequence(), nextHeader, inside, Wire.demoEspKey(esp.spi()), wantedPad);
            } else if (next instanceof Header.Ip) {
                payload = from(i + 1); // IPIP: the inner packet follows at once
            } else if (next instanceof Header.Tcp t) {
                payload = tcp(t, src, dst, room);
            } else if (next instanceof Header.Udp) {
                payload = udp(i + 1, src, dst, room);
            } else if (next instanceof Header.Icmp icmp) {
                payload = Wire.icmpEcho(icmp.type(), c.icmpId(), 1, Wire.pingPayload(Math.max(0, room - 8), c.startMicros()));
            } else {
                throw new IllegalArgumentException("IPv4 cannot carry " + next.name() + " directly");
            }
            return Wire.ipv4(src, dst, ip.protocol(), ip.ttl(), id, ip.dontFragment(), payload);
        }

        /** UDP, carrying a VXLAN or Geneve header and the inner frame, or zero bytes to the stated length. */
        private byte[] udp(int i, int src, int dst, int room) {
            Header.Udp u = (Header.Udp) hs.get(i);
            if (i + 1 < hs.size() && hs.get(i + 1) instanceof Header.Vxlan v)
                // Linux sends VXLAN over IPv4 without a UDP checksum (the device's udpcsum is off by default)
                return Wire.udp(src, dst, u.sport(), u.dport(), Wire.vxlan(v.vni(), from(i + 2)), false);
            if (i + 1 < hs.size() && hs.get(i + 1) instanceof Header.Geneve g)
                return Wire.udp(src, dst, u.sport(), u.dport(), Wire.geneve(g.vni(), from(i + 2)), false);
            if (i + 1 < hs.size() && hs.get(i + 1) instanceof Header.Sleeve s)
                return Wire.udp(src, dst, u.sport(), u.dport(), Wire.sleeve(s.sender().bits(), s.receiver().bits(), from(i + 2)), true);
            return Wire.udp(src, dst, u.sport(), u.dport(), new byte[Math.max(0, room - 8)], true);
        }

        /** A SYN with Linux's options, or a SYN-ACK answering it; other segments by direction. */
        private byte[] tcp(Header.Tcp t, int src, int dst, int room) {
            boolean syn = (t.flags() & Wire.TCP_SYN) != 0, ack = (t.flags() & Wire.TCP_ACK) != 0;
            boolean fromServer = syn ? ack : reply;
            byte[] opts = syn && room >= 40
                    ? Wire.synOptions(MSS, fromServer ? c.serverTsVal() : c.clientTsVal(), fromServer ? c.clientTsVal() : 0) : new byte[0];
            byte[] payload = new byte[Math.max(0, room - 20 - opts.length)];
            long seq = fromServer ? c.serverIsn() : c.clientIsn();
            long acked = ack ? (fromServer ? c.clientIsn() + 1 + c.requestPayload() : c.serverIsn() + 1) : 0;
            if (!syn) seq += 1;
            return Wire.tcp(src, dst, t.sport(), t.dport(), seq, acked, t.flags(), syn && !ack ? SYN_WINDOW : SYN_ACK_WINDOW, opts, payload);
        }
    }

    /**
     * What stays the same for one traced flow: TCP initial sequence numbers and timestamps, the ICMP
     * identifier, IPv4 identifiers per direction, the capture's start, and how many payload bytes
     * the request's SYN carries (the SYN-ACK acknowledges them), a DNS query's id and source port.
     */
    public record Conversation(long clientIsn, long serverIsn, long clientTsVal, long serverTsVal, int icmpId,
                               int requestIpId, int replyIpId, long startMicros, int requestPayload, int dnsId, int dnsPort) {

        /** Values derived from a seed (the flow), so one trace always gives the same bytes; {@code request} is the first packet sent. */
        public static Conversation of(long seed, long startMicros, Packet request) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            int payload = 0;
            if (request != null && !request.encapsulated() && request.proto() == dev.hopscope.model.Proto.TCP) {
                int room = Math.max(0, request.length() - 20);
                payload = Math.max(0, room - (room >= 40 ? 40 : 20));
            }
            return new Conversation(r.nextLong(1L << 32), r.nextLong(1L << 32), r.nextLong(1L << 31), r.nextLong(1L << 31),
                    r.nextInt(1, 0x10000), r.nextInt(0x10000), r.nextInt(0x10000), startMicros, payload,
                    r.nextInt(0x10000), r.nextInt(32768, 61000));
        }
    }
}
