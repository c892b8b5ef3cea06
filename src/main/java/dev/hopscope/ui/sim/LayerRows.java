package dev.hopscope.ui.sim;

import dev.hopscope.model.Document;
import dev.hopscope.model.Node;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.NeighbourLookup;
import dev.hopscope.net.trace.StepDetail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current step by layer, as Packet Tracer's "in layers / out layers": one row per header,
 * outermost first, with the header as it arrived ({@code in}, null when this step put it on or the
 * packet was made here) and as it leaves ({@code out}, null when this step took it off), the fields
 * that changed, and one sentence saying what that layer did here. Written from the hop's typed
 * detail, its header changes and its ARP exchange; no sentence is parsed.
 */
public record LayerRows(List<Row> rows, String caption) {

    /** Where a row sits in a tunnelled packet. */
    public enum Band { PLAIN, OUTER, INNER }

    /** One header, in and out. */
    public record Row(String layer, Layer in, Layer out, Set<String> changed, Band band, String sentence) {
        public boolean pushed() { return in == null && out != null; }
        public boolean popped() { return out == null && in != null; }
    }

    public LayerRows {
        rows = List.copyOf(rows);
    }

    /**
     * The rows of step {@code s}; {@code before} is the packet's layers as it arrived (the previous
     * hop's on the same leg), empty for the first hop of a leg.
     */
    public static LayerRows of(Step s, List<Layer> before, Document doc) {
        switch (s.kind()) {
            case ARP_REQUEST: return arpRequest(s.hop().arp().orElseThrow());
            case ARP_REPLY: return arpReply(s.hop().arp().orElseThrow());
            case DNS_QUERY: return dnsQuery(s.hop(), (DnsLookup) s.hop().detail(), doc);
            case DNS_ANSWER: return dnsAnswer(s.hop(), (DnsLookup) s.hop().detail());
            default: return hop(s, before, doc);
        }
    }

    // ------------------------------------------------------------------------------ hops

    private static LayerRows hop(Step s, List<Layer> in, Document doc) {
        Hop h = s.hop();
        List<Layer> out = h.layers();
        List<Row> rows = new ArrayList<>();
        int i = in.size() - 1, o = out.size() - 1;
        // matched from the innermost outwards, as the engine matches changes: a tunnel's outer headers are pushed or popped
        List<Layer[]> pairs = new ArrayList<>();
        while (i >= 0 && o >= 0 && in.get(i).layer().equals(out.get(o).layer())) pairs.add(new Layer[] {in.get(i--), out.get(o--)});
        while (o >= 0) pairs.add(new Layer[] {null, out.get(o--)});
        while (i >= 0) pairs.add(new Layer[] {in.get(i--), null});
        Collections.reverse(pairs);
        // popped headers were outside the ones pushed: show them first, as they came in
        pairs.sort((a, b) -> Boolean.compare(a[1] != null, b[1] != null));
        int tunnelAt = -1;
        for (int k = 0; k < pairs.size(); k++) {
            Layer l = pairs.get(k)[1] != null ? pairs.get(k)[1] : pairs.get(k)[0];
            if (isTunnel(l.layer())) { tunnelAt = k; break; }
        }
        for (int k = 0; k < pairs.size(); k++) {
            Layer a = pairs.get(k)[0], b = pairs.get(k)[1];
            String name = (b != null ? b : a).layer();
            Set<String> changed = new LinkedHashSet<>();
            if (a != null && b != null)
                for (Map.Entry<String, String> f : b.fields().entrySet())
                    if (!f.getValue().equals(a.fields().get(f.getKey()))) changed.add(f.getKey());
            Band band = tunnelAt < 0 ? Band.PLAIN : k <= tunnelAt ? Band.OUTER : Band.INNER;
            rows.add(new Row(name, a, b, changed, band, sentence(s, name, a, b, changed, band, doc)));
        }
        String leg = s.kind() == Step.Kind.PROXY ? "The Ingress controller opens a second connection"
                : (s.reply() ? "Reply" : "Request") + (s.proxied() ? " of the second connection" : s.query() ? " of the DNS query" : "");
        String caption = leg + " · step " + s.number() + " · " + h.step() + " at " + where(h);
        return new LayerRows(rows, caption);
    }

    private static boolean isTunnel(String layer) { return layer.equals("vxlan") || layer.equals("geneve"); }

    private static String where(Hop h) {
        String dev = h.device() == null || "-".equals(h.device()) ? "" : ":" + h.device();
        return (h.namespace() == null ? "?" : h.namespace()) + dev;
    }

    /** What a header did at this step, in one sentence. */
    static String sentence(Step s, String layer, Layer in, Layer out, Set<String> changed, Band band, Document doc) {
        Hop h = s.hop();
        StepDetail d = h.detail();
        boolean pushed = in == null && out != null, popped = out == null;
        if (d instanceof StepDetail.Dropped && isTopOf(layer, h))
            return "dropped here: " + h.note();
        switch (layer) {
            case "ethernet": return ethernet(h, d, in, out, changed, pushed, popped, band, doc);
            case "ipv4": return ipv4(h, d, in, out, changed, pushed, popped, band);
            case "tcp": case "udp": case "icmp": return transport(layer, h, d, in, out, changed, pushed, popped, band);
            case "vxlan": case "geneve":
                if (pushed) return "VNI " + out.fields().get("vni") + ": the overlay's network id; the far VTEP accepts only its own VNI";
                if (popped) return "VNI " + in.fields().get("vni") + " matches the VTEP here, and the header comes off";
                return "VNI " + out.fields().get("vni") + ", carried as it is";
            case "esp":
                if (pushed) return "IPsec ESP encrypts everything after it: the overlay is encrypted";
                if (popped) return "the ESP payload is decrypted and the header comes off";
                return "encrypted, carried as it is";
            default:
                return pushed ? "put on here" : popped ? "taken off here" : changed.isEmpty() ? "unchanged" : "rewritten: " + String.join(", ", changed);
        }
    }

    /** Whether this layer is the one a drop is told on: IPv4 (or the outermost header where there is no IPv4). */
    private static boolean isTopOf(String layer, Hop h) {
        for (Layer l : h.layers()) if (l.layer().equals("ipv4")) return layer.equals("ipv4");
        return !h.layers().isEmpty() && h.layers().get(0).layer().equals(layer);
    }

    private static String ethernet(Hop h, StepDetail d, Layer in, Layer out, Set<String> changed, boolean pushed, boolean popped, Band band, Document doc) {
        if (popped) return band == Band.OUTER || d instanceof StepDetail.Decapsulated ? "the outer Ethernet header comes off with the tunnel's"
                : "the frame's header comes off: the packet goes up to the IP stack";
        if (d instanceof StepDetail.Bridged b)
            return b.bridge() + " learns the source MAC " + out.fields().get("src") + " on the port the frame came in by, and forwards by its FDB: "
                    + b.destination() + " is behind " + b.port();
        if (d instanceof StepDetail.ToBridgeItself b)
            return "addressed to " + b.bridge() + " itself: the frame is handed up to " + b.namespace() + "'s IP stack";
        if (d instanceof StepDetail.VethCrossed v)
            return "the frame crosses the veth pair " + v.fromDevice() + " → " + v.toNamespace() + ":" + v.toDevice() + " unchanged";
        if (d instanceof StepDetail.UnderlayCrossed u)
            return "the LAN " + doc.node(u.underlay()).map(Node::name).orElse(u.underlay()) + " switches the frame to " + u.destination();
        if (band == Band.INNER && (d instanceof StepDetail.Encapsulated || d instanceof StepDetail.Routed r && r.outer()))
            return "the inner frame travels inside the tunnel as it was";
        if (pushed || changed.contains("dst") || changed.contains("src")) {
            String how = h.arp().map(l -> l.answer() instanceof NeighbourLookup.PermanentEntry ? " (from a permanent neighbour entry)"
                    : " (the MAC ARP just learned)").orElse("");
            return (pushed ? "a frame is built for the next link: " : "a new header for the next link: ")
                    + out.fields().get("src") + " → " + out.fields().get("dst") + how;
        }
        return "unchanged";
    }

    private static String ipv4(Hop h, StepDetail d, Layer in, Layer out, Set<String> changed, boolean pushed, boolean popped, Band band) {
        if (popped) return "the outer IPv4 header comes off: the tunnel's endpoints are done with it";
        if (d instanceof StepDetail.Encapsulated e)
            return pushed || band == Band.OUTER ? "outer IPv4 " + e.localEndpoint() + " → " + e.remoteEndpoint() + ", between the tunnel's endpoints on the underlay"
                    : "the original packet rides inside the tunnel, unchanged";
        if (d instanceof StepDetail.Decapsulated) return "the original packet comes out of the tunnel unchanged";
        if (d instanceof StepDetail.Routed r) {
            boolean thisOne = r.outer() ? band == Band.OUTER : band != Band.OUTER;
            if (!thisOne) return band == Band.INNER ? "inside the tunnel: untouched by this routing" : "unchanged";
            if (r.forwarded())
                return "TTL " + r.ttlBefore() + " → " + r.ttlAfter() + " because " + r.namespace() + " routed it: route " + r.route().describe();
            String src = changed.contains("src") ? "; the kernel fills in the source " + out.fields().get("src") : "";
            return r.namespace() + " sends it by the route " + r.route().describe() + src;
        }
        if (d instanceof StepDetail.Local l) return l.destination() + " is " + l.namespace() + "'s own address: it loops back over lo";
        if (d instanceof StepDetail.Dnat n)
            return changed.contains("dst") ? "DNAT rewrote the destination " + n.before().dst() + " → " + n.after().dst() + " (" + n.rule().why() + ")" : "unchanged by the DNAT";
        if (d instanceof StepDetail.Masquerade m)
            return "MASQUERADE rewrote the source " + m.before().src() + " → " + m.after().src() + ": the far end sees the host, not the container";
        if (d instanceof StepDetail.Unnat u)
            return "conntrack undid the translation: " + (changed.contains("src") ? "source " + in.fields().get("src") + " → " + out.fields().get("src") : "")
                    + (changed.contains("src") && changed.contains("dst") ? ", " : "")
                    + (changed.contains("dst") ? "destination " + in.fields().get("dst") + " → " + out.fields().get("dst") : "")
                    + (changed.isEmpty() ? u.before() + " becomes " + u.after() : "");
        if (d instanceof StepDetail.Filtered f)
            return "iptables " + f.table().name().toLowerCase(java.util.Locale.ROOT) + "/" + f.chain().name() + " judges the addresses: " + f.rule().why();
        if (d instanceof StepDetail.Fragmented f) return f.length() + " bytes is more than " + f.device() + "'s MTU " + f.mtu() + ": the kernel fragments it";
        if (d instanceof StepDetail.SocketReached r) return "arrived: " + out.fields().get("dst") + " is an address of " + r.namespace();
        if (d instanceof StepDetail.PingAnswered p) return "arrived: " + p.address() + " is an address of " + p.namespace();
        if (d instanceof StepDetail.ReplyReturned r) return "the reply is back at " + r.namespace();
        if (d instanceof DnsLookup) return "not sent yet: the name must be resolved first";
        return changed.isEmpty() ? "unchanged" : "rewritten: " + String.join(", ", changed);
    }

    private static String transport(String layer, Hop h, StepDetail d, Layer in, Layer out, Set<String> changed, boolean pushed, boolean popped, Band band) {
        String name = layer.toUpperCase(java.util.Locale.ROOT);
        if (popped) return "the outer " + name + " header comes off with the tunnel";
        if (d instanceof StepDetail.Encapsulated e && band == Band.OUTER)
            return "outer UDP to port " + e.udpPort() + ", where the far VTEP listens";
        if (band == Band.INNER) return "inside the tunnel: unchanged";
        if (d instanceof StepDetail.Dnat n && changed.contains("dport"))
            return "DNAT rewrote the port " + n.before().dport() + " → " + n.after().dport();
        if (d instanceof StepDetail.Masquerade && changed.contains("sport"))
            return "the source port is rewritten too, so the host can tell connections apart";
        if (d instanceof StepDetail.Unnat && !changed.isEmpty()) return "conntrack restores the ports: " + String.join(", ", changed);
        if (d instanceof StepDetail.SocketReached r)
            return "a socket listens on " + r.socket().bind() + ":" + r.socket().port() + "/" + r.socket().proto().label() + ": it takes the "
                    + (layer.equals("tcp") ? "connection (SYN)" : "datagram") + "; it sees the source " + r.seenSource();
        if (d instanceof StepDetail.PingAnswered p) return p.namespace() + " answers the echo request with an echo reply";
        if (d instanceof StepDetail.ReplyReturned) return layer.equals("tcp") ? "the SYN-ACK reaches the client: the connection can open" : "the answer reaches the client";
        if (d instanceof DnsLookup) return "the " + name + " " + (layer.equals("icmp") ? "message" : "segment") + " waits for the name's answer";
        if (d instanceof StepDetail.Routed r && !r.outer()) return "the ports are the same on every hop routing does not translate";
        return changed.isEmpty() ? "unchanged" : "rewritten: " + String.join(", ", changed);
    }

    // ------------------------------------------------------------------------------ exchanges

    private static Layer layer(String name, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return new Layer(name, m);
    }

    private static Set<String> none() { return Set.of(); }

    private static LayerRows arpRequest(NeighbourLookup l) {
        String sender = l.senderAddress() == null ? l.namespace() : l.senderAddress().toString();
        Layer eth = layer("ethernet", "src", String.valueOf(l.senderMac()), "dst", Mac.BROADCAST.toString(), "type", "ARP");
        Layer arp = layer("arp", "op", "request", "sender ip", sender, "sender mac", String.valueOf(l.senderMac()), "target ip", l.target().toString());
        return new LayerRows(List.of(
                new Row("ethernet", null, eth, none(), Band.PLAIN, "a broadcast to " + Mac.BROADCAST + ": every port of " + l.device() + "'s segment hears it"),
                new Row("arp", null, arp, none(), Band.PLAIN, "who has " + l.target() + "? tell " + sender + " (" + l.senderMac() + ")")),
                "ARP · " + l.namespace() + ":" + l.device() + " asks before its first frame to " + l.target());
    }

    private static LayerRows arpReply(NeighbourLookup l) {
        NeighbourLookup.ArpReply r = (NeighbourLookup.ArpReply) l.answer();
        String sender = l.senderAddress() == null ? l.namespace() : l.senderAddress().toString();
        Layer eth = layer("ethernet", "src", r.mac().toString(), "dst", String.valueOf(l.senderMac()), "type", "ARP");
        Layer arp = layer("arp", "op", "reply", "sender ip", l.target().toString(), "sender mac", r.mac().toString(), "target ip", sender,
                "target mac", String.valueOf(l.senderMac()));
        return new LayerRows(List.of(
                new Row("ethernet", null, eth, none(), Band.PLAIN, "unicast straight back to the asker " + l.senderMac()),
                new Row("arp", null, arp, none(), Band.PLAIN, l.target() + " is at " + r.mac() + ", says " + r.namespace() + ":" + r.device()
                        + (r.proxy() ? " — proxy ARP: it answers for an address it does not hold" : "")
                        + "; both ends keep the answer in their neighbour tables")),
                "ARP · " + r.namespace() + ":" + r.device() + " answers");
    }

    /** The server a lookup asks, with its address where it has one. */
    static String server(DnsLookup l) {
        DnsLookup.Server s = l.server();
        if (s instanceof DnsLookup.DockerDns d) return "Docker's embedded DNS at " + d.address();
        if (s instanceof DnsLookup.ClusterDns c) return c.address().map(a -> "the cluster DNS at " + a).orElse("the cluster DNS");
        if (s instanceof DnsLookup.HostsFile) return "its /etc/hosts";
        if (s instanceof DnsLookup.HostResolver) return "the host's resolver";
        return "no DNS server";
    }

    private static Optional<String> serverAddress(DnsLookup l) {
        DnsLookup.Server s = l.server();
        if (s instanceof DnsLookup.DockerDns d) return Optional.of(d.address().toString());
        if (s instanceof DnsLookup.ClusterDns c) return c.address().map(Object::toString);
        return Optional.empty();
    }

    private static LayerRows dnsQuery(Hop h, DnsLookup l, Document doc) {
        List<Row> rows = new ArrayList<>();
        Optional<String> to = serverAddress(l);
        if (to.isPresent()) {
            String from = to.get().startsWith("127.") ? "127.0.0.1" : h.packet().src() == null ? l.asker() : h.packet().src().toString();
            rows.add(new Row("ipv4", null, layer("ipv4", "src", from, "dst", to.get(), "proto", "udp"), none(), Band.PLAIN,
                    "to " + server(l) + (to.get().startsWith("127.") ? ", inside " + l.asker() + "'s own namespace (Docker catches it there)" : "")));
            rows.add(new Row("udp", null, layer("udp", "dport", "53"), none(), Band.PLAIN, "port 53, where DNS listens"));
        }
        rows.add(new Row("dns", null, layer("dns", "question", l.question(), "type", "A"), none(), Band.PLAIN,
                to.isPresent() ? "the question: what is the IPv4 address of " + l.question() + "?"
                        : l.asker() + " looks " + l.question() + " up in " + server(l) + ": no packet is sent"));
        return new LayerRows(rows, "DNS · " + l.asker() + " asks " + server(l) + " for " + l.question());
    }

    private static LayerRows dnsAnswer(Hop h, DnsLookup l) {
        List<Row> rows = new ArrayList<>();
        Optional<String> from = serverAddress(l);
        if (from.isPresent()) {
            String asker = from.get().startsWith("127.") ? "127.0.0.1" : h.packet().src() == null ? l.asker() : h.packet().src().toString();
            rows.add(new Row("ipv4", null, layer("ipv4", "src", from.get(), "dst", asker, "proto", "udp"), none(), Band.PLAIN,
                    "back from " + server(l)));
            rows.add(new Row("udp", null, layer("udp", "sport", "53"), none(), Band.PLAIN, "from port 53"));
        }
        Layer dns = l.address().map(a -> layer("dns", "question", l.question(), "answer", a.toString()))
                .orElseGet(() -> layer("dns", "question", l.question(), "answer", "none (NXDOMAIN)"));
        rows.add(new Row("dns", null, dns, none(), Band.PLAIN, h.note()));
        return new LayerRows(rows, "DNS · the answer for " + l.question() + (l.address().isPresent() ? "" : ": none"));
    }
}
