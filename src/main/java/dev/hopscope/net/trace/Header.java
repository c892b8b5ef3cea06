package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Mac;

/**
 * One header of a packet, typed: what a capture writer turns into bytes, and what a trace shows
 * as a {@link Layer}. {@link Packet#headers()} lists them outermost first; for a tunnelled packet
 * the outer headers come first, then the inner frame's.
 */
public sealed interface Header permits Header.Ethernet, Header.Ip, Header.Tcp, Header.Udp, Header.Icmp, Header.Vxlan,
        Header.Geneve, Header.Sleeve, Header.Esp {

    /** The layer's name in traces and JSON: ethernet, ipv4, tcp, udp, icmp, vxlan, geneve, sleeve, esp. */
    String name();

    /** The header as a person reads it: its name and fields in order. */
    Layer layer();

    /** IPv4 protocol numbers (IANA). */
    int ICMP = 1, IPIP = 4, TCP = 6, UDP = 17, ESP = 50;

    /** TCP flags. */
    int SYN = 0x02, ACK = 0x10;

    /** Ethernet II; {@code etherType} 0x0800 (IPv4). */
    record Ethernet(Mac src, Mac dst, int etherType) implements Header {
        public static final int IPV4 = 0x0800;
        @Override public String name() { return "ethernet"; }
        @Override public Layer layer() {
            return Layer.of("ethernet", "src", src.toString(), "dst", dst.toString(), "type", etherType == IPV4 ? "IPv4" : "0x" + Integer.toHexString(etherType));
        }
    }

    /**
     * IPv4. {@code src} is null only before the kernel has chosen a source address (the packet a
     * DNS step shows: nothing of it is on a wire yet). {@code protocol} is the IANA number;
     * {@code totalLength} the header and payload in bytes.
     */
    record Ip(Ipv4 src, Ipv4 dst, int ttl, int protocol, int totalLength, boolean dontFragment) implements Header {
        @Override public String name() { return "ipv4"; }
        @Override public Layer layer() {
            return Layer.of("ipv4", "src", src == null ? "?" : src.toString(), "dst", dst.toString(), "ttl", Integer.toString(ttl),
                    "proto", protocolName(protocol), "length", Integer.toString(totalLength), "df", dontFragment ? "1" : "0");
        }

        public static String protocolName(int protocol) {
            switch (protocol) {
                case ICMP: return "icmp";
                case IPIP: return "ipip";
                case TCP: return "tcp";
                case UDP: return "udp";
                case ESP: return "esp";
                default: return Integer.toString(protocol);
            }
        }
    }

    /** TCP: ports and flags ({@link #SYN} on the request, SYN|ACK on the reply). */
    record Tcp(int sport, int dport, int flags) implements Header {
        @Override public String name() { return "tcp"; }
        @Override public Layer layer() {
            return Layer.of("tcp", "sport", Integer.toString(sport), "dport", Integer.toString(dport), "flags", flagNames(flags));
        }

        static String flagNames(int flags) {
            if (flags == (SYN | ACK)) return "SYN-ACK";
            if (flags == SYN) return "SYN";
            if (flags == ACK) return "ACK";
            return "0x" + Integer.toHexString(flags);
        }
    }

    /** UDP; {@code length} is the UDP header and payload. */
    record Udp(int sport, int dport, int length) implements Header {
        @Override public String name() { return "udp"; }
        @Override public Layer layer() { return Layer.of("udp", "sport", Integer.toString(sport), "dport", Integer.toString(dport)); }
    }

    /** ICMP: type 8 echo request, 0 echo reply. */
    record Icmp(int type, int code) implements Header {
        public static final int ECHO_REQUEST = 8, ECHO_REPLY = 0;
        @Override public String name() { return "icmp"; }
        @Override public Layer layer() {
            return Layer.of("icmp", "type", type == ECHO_REQUEST ? "echo-request" : type == ECHO_REPLY ? "echo-reply" : Integer.toString(type));
        }
    }

    /** VXLAN (RFC 7348): the 24-bit VNI. */
    record Vxlan(int vni) implements Header {
        @Override public String name() { return "vxlan"; }
        @Override public Layer layer() { return Layer.of("vxlan", "vni", Integer.toString(vni)); }
    }

    /** Geneve (RFC 8926): the 24-bit VNI. */
    record Geneve(int vni) implements Header {
        @Override public String name() { return "geneve"; }
        @Override public Layer layer() { return Layer.of("geneve", "vni", Integer.toString(vni)); }
    }

    /**
     * Weave's sleeve header: the peers' names (Weave names a peer by a MAC-like 6-byte name; here
     * derived from the peers' underlay addresses) before the frame the weave router carries.
     */
    record Sleeve(Ipv4 sender, Ipv4 receiver) implements Header {
        @Override public String name() { return "sleeve"; }
        @Override public Layer layer() { return Layer.of("sleeve", "from peer", String.valueOf(sender), "to peer", String.valueOf(receiver)); }
    }

    /** IPsec ESP: what follows it is encrypted on the wire. */
    record Esp(int spi, int sequence) implements Header {
        @Override public String name() { return "esp"; }
        @Override public Layer layer() { return Layer.of("esp", "spi", "0x" + Integer.toHexString(spi)); }
    }
}
