package dev.hopscope.io.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Headers as real bytes, in network order, with their checksums: what a packet looks like on the
 * wire. Each method wraps a payload in one header; callers nest them from the inside out.
 * Addresses are the raw values (an IPv4 address as its 32 bits, a MAC as its 48).
 */
public final class Wire {
    private Wire() {}

    public static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806;
    public static final int PROTO_ICMP = 1, PROTO_TCP = 6, PROTO_UDP = 17, PROTO_ESP = 50, PROTO_IPIP = 4;
    public static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10;
    public static final int ICMP_ECHO_REPLY = 0, ICMP_ECHO_REQUEST = 8;
    public static final int ARP_REQUEST = 1, ARP_REPLY = 2;

    // ---------------------------------------------------------------- layer 2

    public static byte[] ethernet(long src, long dst, int etherType, byte[] payload) {
        Bytes b = new Bytes(14 + payload.length);
        b.mac(dst).mac(src).u16(etherType).raw(payload);
        return b.array();
    }

    /** An ARP packet for IPv4 over Ethernet (RFC 826); a request's target MAC is all zeros. */
    public static byte[] arp(int op, long senderMac, int senderIp, long targetMac, int targetIp) {
        Bytes b = new Bytes(28);
        b.u16(1).u16(ETHERTYPE_IPV4).u8(6).u8(4).u16(op).mac(senderMac).u32(senderIp).mac(targetMac).u32(targetIp);
        return b.array();
    }

    // ---------------------------------------------------------------- IPv4 and above

    /** An IPv4 header (no options) around {@code payload}, with its header checksum. */
    public static byte[] ipv4(int src, int dst, int protocol, int ttl, int id, boolean dontFragment, byte[] payload) {
        int total = 20 + payload.length;
        if (total > 0xFFFF) throw new IllegalArgumentException("an IPv4 packet holds at most 65535 bytes, not " + total);
        Bytes b = new Bytes(total);
        b.u8(0x45).u8(0).u16(total).u16(id & 0xFFFF).u16(dontFragment ? 0x4000 : 0).u8(ttl).u8(protocol).u16(0).u32(src).u32(dst);
        byte[] out = b.raw(payload).array();
        int sum = checksum(out, 0, 20, 0);
        out[10] = (byte) (sum >>> 8);
        out[11] = (byte) sum;
        return out;
    }

    /** A TCP segment with its checksum over the IPv4 pseudo-header; {@code options} a multiple of 4 bytes long. */
    public static byte[] tcp(int src, int dst, int sport, int dport, long seq, long ack, int flags, int window, byte[] options, byte[] payload) {
        if (options.length % 4 != 0) throw new IllegalArgumentException("TCP options must fill 32-bit words");
        int header = 20 + options.length;
        Bytes b = new Bytes(header + payload.length);
        b.u16(sport).u16(dport).u32((int) seq).u32((int) ack).u8((header / 4) << 4).u8(flags).u16(window).u16(0).u16(0)
                .raw(options).raw(payload);
        byte[] out = b.array();
        int sum = checksum(out, 0, out.length, pseudoHeader(src, dst, PROTO_TCP, out.length));
        out[16] = (byte) (sum >>> 8);
        out[17] = (byte) sum;
        return out;
    }

    /**
     * The options Linux puts in a SYN and a SYN-ACK, in its order: MSS, SACK permitted, timestamps,
     * a no-op, window scale 7. Twenty bytes, so a SYN's TCP header is 40 bytes.
     */
    public static byte[] synOptions(int mss, long tsVal, long tsEcr) {
        Bytes b = new Bytes(20);
        b.u8(2).u8(4).u16(mss).u8(4).u8(2).u8(8).u8(10).u32((int) tsVal).u32((int) tsEcr).u8(1).u8(3).u8(3).u8(7);
        return b.array();
    }

    /** A UDP datagram; {@code withChecksum} false leaves it 0 ("not computed"), as Linux sends VXLAN over IPv4. */
    public static byte[] udp(int src, int dst, int sport, int dport, byte[] payload, boolean withChecksum) {
        int len = 8 + payload.length;
        Bytes b = new Bytes(len);
        b.u16(sport).u16(dport).u16(len).u16(0).raw(payload);
        byte[] out = b.array();
        if (withChecksum) {
            int sum = checksum(out, 0, len, pseudoHeader(src, dst, PROTO_UDP, len));
            if (sum == 0) sum = 0xFFFF; // 0 means "no checksum" in UDP: a computed 0 is sent as all ones
            out[6] = (byte) (sum >>> 8);
            out[7] = (byte) sum;
        }
        return out;
    }

    /** An ICMP echo request or reply with its checksum. */
    public static byte[] icmpEcho(int type, int identifier, int sequence, byte[] payload) {
        Bytes b = new Bytes(8 + payload.length);
        b.u8(type).u8(0).u16(0).u16(identifier).u16(sequence).raw(payload);
        byte[] out = b.array();
        int sum = checksum(out, 0, out.length, 0);
        out[2] = (byte) (sum >>> 8);
        out[3] = (byte) sum;
        return out;
    }

    /** The payload Linux's ping sends: a timestamp (8 bytes), then bytes counting up from 0x10. */
    public static byte[] pingPayload(int size, long micros) {
        byte[] p = new byte[Math.max(0, size)];
        for (int i = 0; i < p.length; i++) p[i] = (byte) (i < 8 ? 0 : 0x10 + (i - 8));
        if (p.length >= 8) {
            long sec = micros / 1_000_000, usec = micros % 1_000_000;
            // struct timeval in the sender's (little-endian) byte order, as ping writes it
            for (int i = 0; i < 4; i++) p[i] = (byte) (sec >>> (8 * i));
            for (int i = 0; i < 4; i++) p[4 + i] = (byte) (usec >>> (8 * i));
        }
        return p;
    }

    // ---------------------------------------------------------------- tunnels

    /** The VXLAN header (RFC 7348: flags with the I bit, the 24-bit VNI) before the inner Ethernet frame. */
    public static byte[] vxlan(int vni, byte[] innerFrame) {
        Bytes b = new Bytes(8 + innerFrame.length);
        b.u8(0x08).u8(0).u16(0).u8(vni >>> 16).u8(vni >>> 8).u8(vni).u8(0).raw(innerFrame);
        return b.array();
    }

    /** The Geneve header (RFC 8926, no options) before an inner Ethernet frame (protocol 0x6558). */
    public static byte[] geneve(int vni, byte[] innerFrame) {
        Bytes b = new Bytes(8 + innerFrame.length);
        b.u8(0).u8(0).u16(0x6558).u8(vni >>> 16).u8(vni >>> 8).u8(vni).u8(0).raw(innerFrame);
        return b.array();
    }

    /**
     * Weave's sleeve payload: the sending peer's name, then one frame with its source and
     * destination peer names and its length. A peer's name here is 00:00 and its IPv4 address.
     */
    public static byte[] sleeve(int sender, int receiver, byte[] innerFrame) {
        Bytes b = new Bytes(20 + innerFrame.length);
        b.u16(0).u32(sender).u16(0).u32(sender).u16(0).u32(receiver).u16(innerFrame.length).raw(innerFrame);
        return b.array();
    }

    /** ESP overhead before padding: SPI and sequence (8), IV (8), pad length and next header (2), ICV (16). */
    public static final int ESP_FIXED_OVERHEAD = 8 + 8 + 2 + 16;

    /**
     * An ESP packet (RFC 4303) with AES-GCM and a 16-byte ICV (RFC 4106), as Linux's
     * {@code rfc4106(gcm(aes))} writes it: SPI, sequence number, an 8-byte IV (the sequence number,
     * as the kernel's seqiv does), the encrypted payload with its padding, pad length and next
     * header, and the authentication tag. The padding is the length nearest {@code wantedPad} that
     * keeps the four-byte alignment, so the total can come close to a length the trace states.
     * {@code keyAndSalt} is 20 bytes: the AES key and the 4-byte salt, as Wireshark's ESP SA table takes them.
     */
    public static byte[] esp(int spi, int sequence, int nextHeader, byte[] payload, byte[] keyAndSalt, int wantedPad) {
        int align = Math.floorMod(-(payload.length + 2), 4);
        int pad = align + 4 * Math.max(0, Math.round((wantedPad - align) / 4f));
        if (pad > 255) throw new IllegalArgumentException("ESP padding of " + pad + " bytes is more than 255");
        Bytes plain = new Bytes(payload.length + pad + 2);
        plain.raw(payload);
        for (int i = 1; i <= pad; i++) plain.u8(i); // RFC 4303: padding bytes count up from 1
        plain.u8(pad).u8(nextHeader);
        byte[] iv = new Bytes(8).u32(0).u32(sequence).array();
        byte[] aad = new Bytes(8).u32(spi).u32(sequence).array();
        byte[] sealed;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = new Bytes(12).raw(java.util.Arrays.copyOfRange(keyAndSalt, 16, 20)).raw(iv).array();
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndSalt, 0, 16, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            sealed = c.doFinal(plain.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
        return new Bytes(16 + sealed.length).u32(spi).u32(sequence).raw(iv).raw(sealed).array();
    }

    /** Hopscope's demonstration key for an SPI: 16 bytes of AES key and 4 of salt, stable so a capture can be decrypted. */
    public static byte[] demoEspKey(int spi) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("hopscope-esp-" + Integer.toHexString(spi)).getBytes(StandardCharsets.US_ASCII));
            return java.util.Arrays.copyOf(h, 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte x : b) sb.append(String.format(Locale.ROOT, "%02x", x & 0xFF));
        return sb.toString();
    }

    // ---------------------------------------------------------------- DNS

    public static final int DNS_NOERROR = 0, DNS_NXDOMAIN = 3;

    /** A standard query (recursion desired) for the A record of {@code name}. */
    public static byte[] dnsQuery(int id, String name) {
        Bytes b = new Bytes(64);
        b.u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
        question(b, name);
        return b.array();
    }

    /**
     * The response to {@link #dnsQuery}: the question again and, when {@code address} is not null,
     * one A record pointing back at the question's name; otherwise NXDOMAIN with no answer.
     */
    public static byte[] dnsResponse(int id, String name, Integer address, int ttl) {
        Bytes b = new Bytes(80);
        boolean found = address != null;
        b.u16(id).u16(0x8180 | (found ? DNS_NOERROR : DNS_NXDOMAIN)).u16(1).u16(found ? 1 : 0).u16(0).u16(0);
        question(b, name);
        if (found) b.u16(0xC00C).u16(1).u16(1).u32(ttl).u16(4).u32(address);
        return b.array();
    }

    private static void question(Bytes b, String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int total = 1;
        for (String label : n.split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (l.length == 0 || l.length > 63) throw new IllegalArgumentException("'" + name + "' is not a DNS name: a label must be 1 to 63 characters");
            total += 1 + l.length;
            b.u8(l.length).raw(l);
        }
        if (total > 255) throw new IllegalArgumentException("'" + name + "' is longer than a DNS name can be (255 bytes)");
        b.u8(0).u16(1).u16(1); // root, type A, class IN
    }

    // ---------------------------------------------------------------- checksums

    /** The Internet checksum (RFC 1071) of {@code len} bytes from {@code off}, starting from a partial sum. */
    public static int checksum(byte[] data, int off, int len, int initial) {
        long sum = initial & 0xFFFFFFFFL;
        int i = off, end = off + len;
        for (; i + 1 < end; i += 2) sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        if (i < end) sum += (data[i] & 0xFF) << 8;
        while ((sum >>> 16) != 0) sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) (~sum & 0xFFFF);
    }

    private static int pseudoHeader(int src, int dst, int protocol, int length) {
        long sum = ((src >>> 16) & 0xFFFF) + (src & 0xFFFF) + ((dst >>> 16) & 0xFFFF) + (dst & 0xFFFF) + protocol + length;
        while ((sum >>> 16) != 0) sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) sum;
    }

    /** A big-endian byte builder. */
    static final class Bytes {
        private final ByteArrayOutputStream out;

        Bytes(int size) { out = new ByteArrayOutputStream(size); }

        Bytes u8(int v) { out.write(v & 0xFF); return this; }

        Bytes u16(int v) { return u8(v >>> 8).u8(v); }

        Bytes u32(int v) { return u16(v >>> 16).u16(v); }

        Bytes mac(long v) {
            for (int i = 5; i >= 0; i--) u8((int) (v >>> (8 * i)));
            return this;
        }

        Bytes raw(byte[] b) { out.writeBytes(b); return this; }

        byte[] array() { return out.toByteArray(); }
    }
}
