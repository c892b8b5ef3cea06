package dev.hopscope.io.capture;

import dev.hopscope.model.Proto;
import dev.hopscope.net.trace.Packet;

/**
 * One traced {@link Packet} as the bytes a capture would hold: an Ethernet frame when the packet
 * has its MACs, otherwise the bare IPv4 packet (it is inside the IP stack, between frames). A
 * tunnelled packet gets its outer IPv4 / (ESP) / UDP / VXLAN headers around the inner frame.
 *
 * <p>The trace gives addresses, ports, TTL, Don't Fragment and the IPv4 total length; what it does
 * not model (sequence numbers, identifiers, timestamps) comes from the {@link Conversation}, so the
 * same packet carries the same values on every hop, as a real one does.
 */
public final class PacketBytes {
    private PacketBytes() {}

    /** Linux's SYN window (64240 = 44 × 1460) and its SYN-ACK window. */
    static final int SYN_WINDOW = 64240, SYN_ACK_WINDOW = 65160;
    static final int MSS = 1460;

    /** Whether {@link #encode} writes an Ethernet frame for this packet (otherwise raw IPv4). */
    public static boolean isFrame(Packet p) { return p.ethSrc() != null && p.ethDst() != null; }

    /** The packet's bytes; {@code reply} tells the reply leg (SYN-ACK, echo reply) from the request. */
    public static byte[] encode(Packet p, boolean reply, Conversation c) {
        byte[] ip = ipv4(p, reply, c);
        return isFrame(p) ? Wire.ethernet(p.ethSrc().bits(), p.ethDst().bits(), Wire.ETHERTYPE_IPV4, ip) : ip;
    }

    private static byte[] ipv4(Packet p, boolean reply, Conversation c) {
        int src = p.src() == null ? 0 : p.src().bits();
        int dst = p.dst().bits();
        if (p.encapsulated()) return tunnel(p, src, dst, reply, c);
        int room = Math.max(0, p.length() - 20); // what the trace says follows the IPv4 header
        byte[] l4;
        int protocol;
        switch (p.proto()) {
            case TCP -> {
                protocol = Wire.PROTO_TCP;
                boolean options = room >= 40;
                byte[] opts = options ? Wire.synOptions(MSS, reply ? c.serverTsVal() : c.clientTsVal(), reply ? c.clientTsVal() : 0) : new byte[0];
                byte[] payload = new byte[Math.max(0, room - 20 - opts.length)];
                long seq = reply ? c.serverIsn() : c.clientIsn();
                long ack = reply ? c.clientIsn() + 1 + c.requestPayload() : 0;
                int flags = reply ? Wire.TCP_SYN | Wire.TCP_ACK : Wire.TCP_SYN;
                l4 = Wire.tcp(src, dst, p.sport(), p.dport(), seq, ack, flags, reply ? SYN_ACK_WINDOW : SYN_WINDOW, opts, payload);
            }
            case UDP -> {
                protocol = Wire.PROTO_UDP;
                l4 = Wire.udp(src, dst, p.sport(), p.dport(), new byte[Math.max(0, room - 8)], true);
            }
            default -> {
                protocol = Wire.PROTO_ICMP;
                int type = p.icmpType() == Packet.ECHO_REPLY ? Wire.ICMP_ECHO_REPLY : Wire.ICMP_ECHO_REQUEST;
                l4 = Wire.icmpEcho(type, c.icmpId(), 1, Wire.pingPayload(Math.max(0, room - 8), c.startMicros()));
            }
        }
        return Wire.ipv4(src, dst, protocol, p.ttl(), reply ? c.replyIpId() : c.requestIpId(), p.df(), l4);
    }

    /** Outer IPv4 / UDP / VXLAN around the inner frame, and for an encrypted overlay ESP around the UDP. */
    private static byte[] tunnel(Packet outer, int src, int dst, boolean reply, Conversation c) {
        byte[] frame = encode(outer.inner(), reply, c);
        byte[] vxlan = Wire.vxlan(outer.vni(), frame);
        // Linux sends VXLAN over IPv4 without a UDP checksum (the vxlan device's udpcsum is off by default)
        int outerId = (reply ? c.replyIpId() : c.requestIpId()) ^ 0x5A5A;
        if (outer.espSpi() == 0) {
            byte[] udp = Wire.udp(src, dst, outer.sport(), outer.dport(), vxlan, false);
            return Wire.ipv4(src, dst, Wire.PROTO_UDP, outer.ttl(), outerId, outer.df(), udp);
        }
        byte[] udp = Wire.udp(src, dst, outer.sport(), outer.dport(), vxlan, true);
        // pad towards the length the trace states (it counts the ESP overhead at its largest)
        int wanted = outer.length() - 20 - udp.length - Wire.ESP_FIXED_OVERHEAD;
        byte[] esp = Wire.esp(outer.espSpi(), 1, Wire.PROTO_UDP, udp, Wire.demoEspKey(outer.espSpi()), wanted);
        return Wire.ipv4(src, dst, Wire.PROTO_ESP, outer.ttl(), outerId, outer.df(), esp);
    }

    /**
     * What stays the same for one traced flow: TCP initial sequence numbers and timestamps, the ICMP
     * identifier, IPv4 identifiers per direction, the capture's start, and how many payload bytes
     * the request carries (the SYN-ACK acknowledges them).
     */
    public record Conversation(long clientIsn, long serverIsn, long clientTsVal, long serverTsVal, int icmpId,
                               int requestIpId, int replyIpId, long startMicros, int requestPayload) {

        /** Values derived from a seed (the flow), so one trace always gives the same bytes. */
        public static Conversation of(long seed, long startMicros, Packet request) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            int payload = 0;
            if (request != null && !request.encapsulated() && request.proto() == Proto.TCP) {
                int room = Math.max(0, request.length() - 20);
                payload = Math.max(0, room - (room >= 40 ? 40 : 20));
            }
            return new Conversation(r.nextLong(1L << 32), r.nextLong(1L << 32), r.nextLong(1L << 31), r.nextLong(1L << 31),
                    r.nextInt(1, 0x10000), r.nextInt(0x10000), r.nextInt(0x10000), startMicros, payload);
        }
    }
}
