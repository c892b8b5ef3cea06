package dev.hopscope.io.capture;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Leg;
import dev.hopscope.net.trace.NeighbourLookup;
import dev.hopscope.net.trace.Packet;
import dev.hopscope.net.trace.Trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A trace as a pcapng capture: the request leg, then the reply, every hop one packet on the
 * interface named after its capture point ({@code namespace:device}, e.g. {@code h1:docker0}),
 * with the hop's sentence as the packet's comment and timestamps one millisecond apart.
 *
 * <ul>
 * <li>A hop whose packet has its Ethernet header is a frame on that device; one without (a routing
 *     decision, NAT in the IP stack, a delivery) is a raw IPv4 packet on an interface of the same
 *     name with the raw-IP link type.</li>
 * <li>The ARP exchange a hop needed comes before it: the broadcast request on the asker's device
 *     and, when answered, the reply on the answerer's.</li>
 * <li>A DNS step becomes the query and the response (UDP 53) when the lookup went to a server:
 *     Docker's embedded DNS over the container's {@code lo}, cluster DNS to the kube-dns
 *     ClusterIP. A name found in {@code /etc/hosts} or by a host's own resolver puts nothing on
 *     the wire, so that step has no packet.</li>
 * </ul>
 */
public final class TraceCapture {
    private TraceCapture() {}

    /** Time between two packets of the capture. */
    public static final long STEP_MICROS = 1000;

    /** One packet of the capture: where it was seen, its link type, its bytes, and the sentence. */
    public record Frame(String capturePoint, int linkType, byte[] bytes, String comment, String description) {}

    /** The frames of a trace, in order: request leg, then reply leg. */
    public static List<Frame> frames(Trace t, long startMicros) {
        Packet first = firstSent(t.request());
        PacketBytes.Conversation c = PacketBytes.Conversation.of(seed(t), startMicros, first);
        List<Frame> out = new ArrayList<>();
        leg(t.request(), false, c, out);
        if (t.reply() != null) leg(t.reply(), true, c, out);
        return out;
    }

    /** Writes the capture to {@code out}; returns how many packets it holds. */
    public static int write(Trace t, OutputStream out, long startMicros) throws IOException {
        List<Frame> frames = frames(t, startMicros);
        try (PcapngWriter w = new PcapngWriter(out, "Hopscope", summary(t))) {
            long at = startMicros;
            for (Frame f : frames) {
                int id = w.interfaceFor(f.capturePoint(), f.linkType(), f.description());
                w.packet(id, at, f.bytes(), f.comment());
                at += STEP_MICROS;
            }
        }
        return frames.size();
    }

    public static byte[] bytes(Trace t, long startMicros) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            write(t, b, startMicros);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /**
     * Writes the capture to a file, timestamped from now, through a temporary file in the same
     * folder (a failed write leaves no half capture); returns how many packets it holds.
     */
    public static int write(Trace t, Path file) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int packets;
        Path abs = file.toAbsolutePath();
        try {
            packets = write(t, b, System.currentTimeMillis() * 1000);
            if (abs.getParent() == null || !Files.isDirectory(abs.getParent())) throw new IOException("no such folder " + abs.getParent());
            if (Files.isDirectory(abs)) throw new IOException("it is a folder; name a file, e.g. " + abs.resolve("trace.pcapng"));
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try {
                Files.write(tmp, b.toByteArray());
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the capture: " + e.getMessage(), e);
        }
        return packets;
    }

    /** The capture point a hop is seen at: {@code namespace:device}, or the namespace alone where no device is involved. */
    public static String capturePoint(String namespace, String device) {
        return device == null || device.isBlank() || device.equals("-") ? namespace : namespace + ":" + device;
    }

    private static void leg(Leg leg, boolean reply, PacketBytes.Conversation c, List<Frame> out) {
        List<Hop> hops = leg.hops();
        String which = reply ? "reply" : "request";
        for (int i = 0; i < hops.size(); i++) {
            Hop h = hops.get(i);
            String where = which + " " + h.n() + "/" + hops.size() + " " + h.step() + " — ";
            h.arp().filter(NeighbourLookup::asked).ifPresent(a -> arp(a, where, out));
            if (h.detail() instanceof DnsLookup d) {
                dns(d, hops, i, where + h.note(), c, out);
                continue;
            }
            boolean frame = PacketBytes.isFrame(h.packet());
            out.add(new Frame(capturePoint(h.namespace(), h.device()), frame ? PcapngWriter.LINKTYPE_ETHERNET : PcapngWriter.LINKTYPE_RAW,
                    PacketBytes.encode(h.packet(), reply, c), where + h.note(), description(h.namespace(), h.device(), frame)));
        }
    }

    private static void arp(NeighbourLookup a, String where, List<Frame> out) {
        String asker = capturePoint(a.namespace(), a.device());
        byte[] request = Wire.ethernet(a.senderMac().bits(), 0xFFFF_FFFF_FFFFL, Wire.ETHERTYPE_ARP,
                Wire.arp(Wire.ARP_REQUEST, a.senderMac().bits(), a.senderAddress().bits(), 0, a.target().bits()));
        out.add(new Frame(asker, PcapngWriter.LINKTYPE_ETHERNET, request, where + "ARP request: " + a.note(),
                description(a.namespace(), a.device(), true)));
        if (a.answer() instanceof NeighbourLookup.ArpReply r) {
            byte[] reply = Wire.ethernet(r.mac().bits(), a.senderMac().bits(), Wire.ETHERTYPE_ARP,
                    Wire.arp(Wire.ARP_REPLY, r.mac().bits(), a.target().bits(), a.senderMac().bits(), a.senderAddress().bits()));
            out.add(new Frame(capturePoint(r.namespace(), r.device()), PcapngWriter.LINKTYPE_ETHERNET, reply, where + "ARP reply: " + a.note(),
                    description(r.namespace(), r.device(), true)));
        }
    }

    /** The query and the response of a lookup that went to a DNS server; nothing for one that did not. */
    private static void dns(DnsLookup d, List<Hop> hops, int at, String comment, PacketBytes.Conversation c, List<Frame> out) {
        // where the query leaves: 127.0.0.1 over lo to Docker's 127.0.0.11, or the pod's address out of its route to cluster DNS
        DnsLookup.Query q = d.query().orElse(null);
        if (q == null) return; // answered without a query on any wire (/etc/hosts, a host's resolver), or nowhere to send it
        Ipv4 server = q.server(), client = q.source();
        String device = q.device();
        String name = d.question();
        byte[] query, response;
        try {
            query = Wire.dnsQuery(c.dnsId(), name);
            response = Wire.dnsResponse(c.dnsId(), name, d.address().map(Ipv4::bits).orElse(null), 600);
        } catch (IllegalArgumentException e) {
            return; // not a name DNS could carry (the resolver would refuse it before asking)
        }
        int sport = c.dnsPort();
        String ns = hops.get(at).namespace();
        String point = capturePoint(ns, device);
        out.add(new Frame(point, PcapngWriter.LINKTYPE_RAW,
                Wire.ipv4(client.bits(), server.bits(), Wire.PROTO_UDP, 64, c.requestIpId() ^ 0x0D0D, false,
                        Wire.udp(client.bits(), server.bits(), sport, 53, query, true)),
                comment + " (the query)", description(ns, device, false)));
        out.add(new Frame(point, PcapngWriter.LINKTYPE_RAW,
                Wire.ipv4(server.bits(), client.bits(), Wire.PROTO_UDP, 64, c.replyIpId() ^ 0x0D0D, false,
                        Wire.udp(server.bits(), client.bits(), 53, sport, response, true)),
                comment + " (the answer)", description(ns, device, false)));
    }

    private static String description(String namespace, String device, boolean frames) {
        String dev = device == null || device.isBlank() || device.equals("-") ? null : device;
        if (frames) return "frames on " + namespace + "'s " + dev;
        return dev == null ? "packets inside " + namespace + "'s IP stack" : "packets inside " + namespace + "'s IP stack at " + dev + " (no Ethernet header yet, or any more)";
    }

    /** The first packet the request put on a wire, for the SYN's payload length. */
    private static Packet firstSent(Leg leg) {
        for (Hop h : leg.hops()) if (h.packet().src() != null && !(h.detail() instanceof DnsLookup)) return h.packet();
        return null;
    }

    private static long seed(Trace t) {
        return ((long) t.from().hashCode() << 32) ^ t.to().hashCode() ^ ((long) t.probe().toString().hashCode() << 16);
    }

    private static String summary(Trace t) {
        String via = t.via() == null ? "" : " (sent to " + t.via() + ")";
        StringBuilder sb = new StringBuilder("Hopscope trace " + t.from() + " → " + t.to() + " " + t.probe() + via + ": "
                + t.disposition() + " — " + t.reason());
        for (int port : vxlanPorts(t))
            if (port != 4789)
                sb.append("\nVXLAN runs on UDP ").append(port).append(", which Wireshark does not decode as VXLAN by itself: use Decode As… (UDP port ")
                        .append(port).append(" → VXLAN), or tshark -d udp.port==").append(port).append(",vxlan");
        for (int spi : espSpis(t))
            sb.append("\nESP SPI ").append(String.format("0x%08x", spi)).append(" is encrypted with AES-GCM [RFC4106], 16-octet ICV, key and salt ")
                    .append(Wire.hex(Wire.demoEspKey(spi))).append(" (Hopscope's demonstration key): add it under Wireshark's ESP preferences")
                    .append(" (Protocols › ESP › ESP SAs) to see the VXLAN packet inside");
        return sb.toString();
    }

    /** The UDP ports the trace's VXLAN packets are sent to, in order of first use. */
    public static java.util.Set<Integer> vxlanPorts(Trace t) {
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        for (Leg leg : t.reply() == null ? List.of(t.request()) : List.of(t.request(), t.reply()))
            for (Hop h : leg.hops()) {
                List<dev.hopscope.net.trace.Header> hs = h.packet().headers();
                for (int i = 0; i + 1 < hs.size(); i++)
                    if (hs.get(i) instanceof dev.hopscope.net.trace.Header.Udp u && hs.get(i + 1) instanceof dev.hopscope.net.trace.Header.Vxlan)
                        ports.add(u.dport());
            }
        return ports;
    }

    /** The ESP SPIs of the trace's tunnelled packets, in order of first use. */
    public static java.util.Set<Integer> espSpis(Trace t) {
        java.util.Set<Integer> spis = new java.util.LinkedHashSet<>();
        for (Leg leg : t.reply() == null ? List.of(t.request()) : List.of(t.request(), t.reply()))
            for (Hop h : leg.hops()) if (h.packet().espSpi() != 0) spis.add(h.packet().espSpi());
        return spis;
    }
}
