package dev.hopscope.io.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Lesson;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Header;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Leg;
import dev.hopscope.net.trace.NeighbourLookup;
import dev.hopscope.net.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every sample's lesson trace written as pcapng and read back by tshark: each packet dissects with
 * no malformed mark and every checksum good, sits on the interface named after its hop's capture
 * point, and shows the addresses, ports, TCP flags, ICMP type, VXLAN VNI and ESP SPI the trace
 * says that hop's packet had (NAT'd where the trace NATs it). Encrypted overlays are decrypted with
 * the key the capture names, so their inner VNI and addresses are checked too. The expected values
 * are the engine's typed hops; the observed ones are Wireshark's.
 */
class TraceCaptureTest {
    static final long START = 1_790_000_000_000_000L;

    @TempDir Path dir;

    static Trace lessonTrace(String sample) {
        Document doc = DocumentCodec.load(Path.of("samples", sample));
        Lesson l = doc.lesson();
        assertThat(l).as("%s has a lesson", sample).isNotNull();
        return Network.compile(doc).tracer().trace(l.from(), l.to(), l.probe());
    }

    /** What the capture should hold, frame by frame, derived from the trace's typed hops. */
    sealed interface Expected permits HopFrame, ArpFrame, DnsFrame {
        String point();
    }

    record HopFrame(String point, Hop hop, boolean reply) implements Expected {}

    record ArpFrame(String point, NeighbourLookup lookup, boolean isReply) implements Expected {}

    record DnsFrame(String point, DnsLookup lookup, boolean isAnswer) implements Expected {}

    static List<Expected> expected(Trace t) {
        List<Expected> out = new ArrayList<>();
        for (Leg leg : t.reply() == null ? List.of(t.request()) : List.of(t.request(), t.reply())) {
            List<Hop> hops = leg.hops();
            for (int i = 0; i < hops.size(); i++) {
                Hop h = hops.get(i);
                Optional<NeighbourLookup> arp = h.arp().filter(NeighbourLookup::asked);
                if (arp.isPresent()) {
                    NeighbourLookup a = arp.get();
                    out.add(new ArpFrame(a.namespace() + ":" + a.device(), a, false));
                    if (a.answer() instanceof NeighbourLookup.ArpReply r) out.add(new ArpFrame(r.namespace() + ":" + r.device(), a, true));
                }
                if (h.detail() instanceof DnsLookup d) {
                    String point = null;
                    if (d.server() instanceof DnsLookup.DockerDns) point = h.namespace() + ":lo";
                    else if (d.server() instanceof DnsLookup.ClusterDns c && c.address().isPresent())
                        point = hops.subList(i + 1, hops.size()).stream()
                                .filter(x -> x.namespace().equals(h.namespace()) && x.packet().src() != null && !x.device().equals("-"))
                                .findFirst().map(x -> x.namespace() + ":" + x.device()).orElse(null);
                    if (point != null) {
                        out.add(new DnsFrame(point, d, false));
                        out.add(new DnsFrame(point, d, true));
                    }
                    continue;
                }
                out.add(new HopFrame(h.device().equals("-") ? h.namespace() : h.namespace() + ":" + h.device(), h, leg == t.reply()));
            }
        }
        return out;
    }

    /**
     * tshark options that decrypt the trace's ESP with the key the capture's comment names (and
     * check its ICV), and decode VXLAN on a port other than 4789 (flannel's 8472) as VXLAN.
     */
    static String[] decodeOptions(Trace t) {
        List<String> o = new ArrayList<>(List.of("-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE"));
        for (Leg leg : t.reply() == null ? List.of(t.request()) : List.of(t.request(), t.reply()))
            for (Hop h : leg.hops())
                for (int i = 0; i + 1 < h.packet().headers().size(); i++)
                    if (h.packet().headers().get(i) instanceof Header.Udp u && h.packet().headers().get(i + 1) instanceof Header.Vxlan
                            && u.dport() != 4789 && !o.contains("udp.port==" + u.dport() + ",vxlan"))
                        o.addAll(List.of("-d", "udp.port==" + u.dport() + ",vxlan"));
        for (int spi : TraceCapture.espSpis(t))
            o.addAll(List.of("-o", String.format(Locale.ROOT, "uat:esp_sa:\"IPv4\",\"*\",\"*\",\"0x%08x\",\"AES-GCM with 16 octet ICV [RFC4106]\",\"%s\",\"NULL\",\"\"",
                    spi, Wire.hex(Wire.demoEspKey(spi)))));
        return o.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hopscope.io.export.KernelAgreementTest#samples")
    void everySamplesLessonTraceOpensInTsharkWithItsHopsFields(String sample) throws Exception {
        Tshark.require();
        Trace t = lessonTrace(sample);
        Path f = dir.resolve(sample.replace(".json", ".pcapng"));
        Files.write(f, TraceCapture.bytes(t, START));
        List<JsonNode> packets = Tshark.packets(f, decodeOptions(t));
        List<Expected> expected = expected(t);
        assertThat(packets).as("one packet per hop, ARP and DNS exchange").hasSize(expected.size());
        for (int i = 0; i < packets.size(); i++) {
            JsonNode p = packets.get(i);
            Expected e = expected.get(i);
            String where = sample + " frame " + (i + 1) + " (" + e + ")";
            assertThat(Tshark.problems(p)).as(where).isEmpty();
            assertThat(Tshark.first(p, "frame.interface_name")).as(where).isEqualTo(e.point());
            assertThat(Long.parseLong(Tshark.first(p, "frame.time_epoch").replace(".", "")) / 1000).as(where).isEqualTo(START + i * 1000L);
            if (e instanceof HopFrame h) {
                assertThat(Tshark.first(p, "frame.comment")).as(where).endsWith(h.hop().note());
                matches(p, h.hop().packet().headers(), where);
            } else if (e instanceof ArpFrame a) {
                assertThat(Tshark.first(p, "arp.opcode")).as(where).isEqualTo(a.isReply() ? "2" : "1");
                assertThat(Tshark.first(p, a.isReply() ? "arp.dst.proto_ipv4" : "arp.src.proto_ipv4")).as(where).isEqualTo(a.lookup().senderAddress().toString());
                assertThat(Tshark.first(p, a.isReply() ? "arp.src.proto_ipv4" : "arp.dst.proto_ipv4")).as(where).isEqualTo(a.lookup().target().toString());
                if (a.isReply()) assertThat(Tshark.first(p, "arp.src.hw_mac")).as(where)
                        .isEqualTo(((NeighbourLookup.ArpReply) a.lookup().answer()).mac().toString());
                else assertThat(Tshark.first(p, "eth.dst")).as(where).isEqualTo("ff:ff:ff:ff:ff:ff");
            } else if (e instanceof DnsFrame d) {
                assertThat(Tshark.first(p, "dns.qry.name")).as(where).isEqualTo(d.lookup().question());
                assertThat(Tshark.first(p, "dns.flags.response")).as(where).isEqualTo(d.isAnswer() ? "1" : "0");
                if (d.isAnswer()) assertThat(Tshark.all(p, "dns.a")).as(where).isEqualTo(d.lookup().address().map(a -> List.of(a.toString())).orElse(List.of()));
            }
        }
    }

    /** Wireshark's reading of one packet against the trace's header stack, outermost first. */
    static void matches(JsonNode p, List<Header> headers, String where) {
        List<String> ethSrc = new ArrayList<>(), ethDst = new ArrayList<>(), ipSrc = new ArrayList<>(), ipDst = new ArrayList<>(), ttl = new ArrayList<>(),
                tcpPorts = new ArrayList<>(), udpPorts = new ArrayList<>(), vni = new ArrayList<>(), spi = new ArrayList<>(), icmp = new ArrayList<>(),
                syn = new ArrayList<>(), ack = new ArrayList<>(), len = new ArrayList<>();
        boolean esp = false;
        for (Header h : headers) {
            if (h instanceof Header.Ethernet e) { ethSrc.add(e.src().toString()); ethDst.add(e.dst().toString()); }
            else if (h instanceof Header.Ip ip) {
                ipSrc.add(ip.src() == null ? "0.0.0.0" : ip.src().toString());
                ipDst.add(ip.dst().toString());
                ttl.add(Integer.toString(ip.ttl()));
                if (ip.protocol() != Header.ESP) len.add(Integer.toString(ip.totalLength()));
                esp |= ip.protocol() == Header.ESP;
            }
            else if (h instanceof Header.Tcp t) {
                tcpPorts.add(t.sport() + ">" + t.dport());
                syn.add((t.flags() & Header.SYN) != 0 ? "1" : "0");
                ack.add((t.flags() & Header.ACK) != 0 ? "1" : "0");
            }
            else if (h instanceof Header.Udp u) udpPorts.add(u.sport() + ">" + u.dport());
            else if (h instanceof Header.Vxlan v) vni.add(Integer.toString(v.vni()));
            else if (h instanceof Header.Esp s) spi.add(String.format(Locale.ROOT, "0x%08x", s.spi()));
            else if (h instanceof Header.Icmp c) icmp.add(Integer.toString(c.type()));
        }
        assertThat(Tshark.all(p, "eth.src")).as(where + " eth.src").isEqualTo(ethSrc);
        assertThat(Tshark.all(p, "eth.dst")).as(where + " eth.dst").isEqualTo(ethDst);
        assertThat(Tshark.all(p, "ip.src")).as(where + " ip.src").isEqualTo(ipSrc);
        assertThat(Tshark.all(p, "ip.dst")).as(where + " ip.dst").isEqualTo(ipDst);
        assertThat(Tshark.all(p, "ip.ttl")).as(where + " ip.ttl").isEqualTo(ttl);
        List<String> lens = new ArrayList<>(Tshark.all(p, "ip.len"));
        if (esp) lens.remove(0); // the trace counts ESP at its largest; the bytes pad to the nearest valid length
        assertThat(lens).as(where + " ip.len").isEqualTo(len);
        assertThat(ports(p, "tcp")).as(where + " tcp ports").isEqualTo(tcpPorts);
        assertThat(ports(p, "udp")).as(where + " udp ports").isEqualTo(udpPorts);
        assertThat(Tshark.all(p, "tcp.flags.syn")).as(where + " SYN").isEqualTo(syn);
        assertThat(Tshark.all(p, "tcp.flags.ack")).as(where + " ACK").isEqualTo(ack);
        assertThat(Tshark.all(p, "vxlan.vni")).as(where + " VNI").isEqualTo(vni);
        assertThat(Tshark.all(p, "esp.spi")).as(where + " SPI").isEqualTo(spi);
        if (esp) assertThat(Tshark.all(p, "esp.icv_good")).as(where + " ICV verified").containsExactly("1");
        assertThat(Tshark.all(p, "icmp.type")).as(where + " ICMP").isEqualTo(icmp);
    }

    private static List<String> ports(JsonNode p, String proto) {
        List<String> src = Tshark.all(p, proto + ".srcport"), dst = Tshark.all(p, proto + ".dstport");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) out.add(src.get(i) + ">" + dst.get(i));
        return out;
    }

    @Test
    void theOverlayCaptureShowsTheVniAndTheInnerHandshakeInTsharksDetailView() throws Exception {
        Tshark.require();
        Path f = dir.resolve("overlay.pcapng");
        Files.write(f, TraceCapture.bytes(lessonTrace("docker-overlay.json"), START));
        String v = Tshark.details(f);
        // the sample's overlay "appnet" has VNI 4097 on UDP 4789 between h1 (.11) and h2 (.12)
        assertThat(v).contains("VXLAN Network Identifier (VNI): 4097", "Dst Port: 4789",
                "Internet Protocol Version 4, Src: 192.168.50.11, Dst: 192.168.50.12",
                "Interface name: lan:br0", "Interface name: web:eth0", "Interface name: api:eth0");
        assertThat(v).containsPattern("Flags: 0x002 \\(SYN\\)").containsPattern("Flags: 0x012 \\(SYN, ACK\\)");
        assertThat(v).contains("Packet comments", "Standard query response");
    }

    @Test
    void aNatTraceCarriesTheRewrittenAddressesWhereTheTraceRewritesThem() throws Exception {
        Tshark.require();
        // S8: ext → 192.168.50.11:8080 is DNATed to web 172.17.0.2:80 on h1, and un-NATed on the way back
        Trace t = lessonTrace("s08-published-port.json");
        Path f = dir.resolve("s08.pcapng");
        Files.write(f, TraceCapture.bytes(t, START));
        List<JsonNode> packets = Tshark.packets(f);
        List<String> requestDst = new ArrayList<>(), replySrcAtExt = new ArrayList<>();
        for (JsonNode p : packets) {
            String iface = Tshark.first(p, "frame.interface_name");
            if ("1".equals(Tshark.first(p, "tcp.flags.syn")) && "0".equals(Tshark.first(p, "tcp.flags.ack")))
                requestDst.add(Tshark.first(p, "ip.dst") + ":" + Tshark.first(p, "tcp.dstport"));
            if ("1".equals(Tshark.first(p, "tcp.flags.ack")) && iface.startsWith("ext"))
                replySrcAtExt.add(Tshark.first(p, "ip.src") + ":" + Tshark.first(p, "tcp.srcport"));
        }
        assertThat(requestDst).startsWith("192.168.50.11:8080").endsWith("172.17.0.2:80");
        assertThat(replySrcAtExt).isNotEmpty().allMatch(s -> s.equals("192.168.50.11:8080"));
    }

    @Test
    void aFileThatCannotBeWrittenSaysWhereAndLeavesNothing() {
        Trace t = lessonTrace("s01-same-bridge.json");
        Path missing = dir.resolve("no-such-folder").resolve("x.pcapng");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceCapture.write(t, missing))
                .hasMessageContaining("no-such-folder").hasMessageContaining("cannot write the capture");
        assertThat(Files.exists(missing)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceCapture.write(t, dir))
                .hasMessageContaining("it is a folder");
    }

    @Test
    void oneTraceAlwaysGivesTheSameBytes() {
        Trace t = lessonTrace("s03-vxlan-overlay.json");
        assertThat(TraceCapture.bytes(t, START)).isEqualTo(TraceCapture.bytes(lessonTrace("s03-vxlan-overlay.json"), START));
        assertThat(Ipv4.parse("10.0.9.3").toString()).isEqualTo("10.0.9.3");
    }
}
