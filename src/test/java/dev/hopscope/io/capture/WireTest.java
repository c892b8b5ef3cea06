package dev.hopscope.io.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.trace.Packet;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The byte encoders and the pcapng writer, read back by Wireshark's dissector: every header is
 * built from values written here by hand, and tshark (not our code) says what the bytes mean.
 */
class WireTest {
    static final Mac A = new Mac(0x02_42_0a_00_01_02L), B = new Mac(0x02_42_0a_00_01_03L);
    static final Mac H1 = new Mac(0x02_42_c0_a8_32_0bL), H2 = new Mac(0x02_42_c0_a8_32_0cL);
    static final Ipv4 IP_A = Ipv4.parse("10.0.1.2"), IP_B = Ipv4.parse("10.0.1.3");
    static final Ipv4 IP_H1 = Ipv4.parse("192.168.50.11"), IP_H2 = Ipv4.parse("192.168.50.12");
    static final PacketBytes.Conversation FLOW = PacketBytes.Conversation.of(42, 1_700_000_000_000_000L,
            tcp(false));

    @TempDir Path dir;

    static Packet tcp(boolean reply) {
        Packet syn = Packet.request(IP_B, Proto.TCP, 45773, 8080, 60, true).withSrc(IP_A).withEth(A, B);
        return reply ? Packet.answer(syn).withEth(B, A) : syn;
    }

    private List<JsonNode> capture(Frame... frames) throws Exception {
        Path f = dir.resolve("t.pcapng");
        try (OutputStream out = Files.newOutputStream(f); PcapngWriter w = new PcapngWriter(out, "Hopscope test", "a hand-made capture")) {
            long t = 1_700_000_000_000_000L;
            for (Frame fr : frames) {
                int id = w.interfaceFor(fr.iface(), fr.linkType(), null);
                w.packet(id, t += 1000, fr.bytes(), fr.comment());
            }
        }
        List<JsonNode> packets = Tshark.packets(f);
        assertThat(packets).hasSize(frames.length);
        for (JsonNode p : packets) assertThat(Tshark.problems(p)).as("problems in %s", p).isEmpty();
        return packets;
    }

    record Frame(String iface, int linkType, byte[] bytes, String comment) {
        static Frame eth(String iface, byte[] b, String comment) { return new Frame(iface, PcapngWriter.LINKTYPE_ETHERNET, b, comment); }
    }

    @Test
    void aTcpHandshakeDissectsWithRightChecksumsFlagsAndOptions() throws Exception {
        List<JsonNode> p = capture(
                Frame.eth("web:eth0", PacketBytes.encode(tcp(false), false, FLOW), "the SYN leaves web"),
                Frame.eth("api:eth0", PacketBytes.encode(tcp(true), true, FLOW), "the SYN-ACK comes back"));
        JsonNode syn = p.get(0), synAck = p.get(1);
        assertThat(Tshark.first(syn, "frame.interface_name")).isEqualTo("web:eth0");
        assertThat(Tshark.first(syn, "frame.comment")).isEqualTo("the SYN leaves web");
        assertThat(Tshark.first(syn, "eth.src")).isEqualTo("02:42:0a:00:01:02");
        assertThat(Tshark.first(syn, "eth.dst")).isEqualTo("02:42:0a:00:01:03");
        assertThat(Tshark.first(syn, "ip.src")).isEqualTo("10.0.1.2");
        assertThat(Tshark.first(syn, "ip.dst")).isEqualTo("10.0.1.3");
        assertThat(Tshark.first(syn, "ip.len")).isEqualTo("60");
        assertThat(Tshark.first(syn, "ip.flags.df")).isEqualTo("1");
        assertThat(Tshark.first(syn, "ip.checksum.status")).isEqualTo("1");
        assertThat(Tshark.first(syn, "tcp.srcport")).isEqualTo("45773");
        assertThat(Tshark.first(syn, "tcp.dstport")).isEqualTo("8080");
        assertThat(Tshark.first(syn, "tcp.flags.syn")).isEqualTo("1");
        assertThat(Tshark.first(syn, "tcp.flags.ack")).isEqualTo("0");
        assertThat(Tshark.first(syn, "tcp.checksum.status")).isEqualTo("1");
        assertThat(Tshark.first(syn, "tcp.options.mss_val")).isEqualTo("1460");
        assertThat(Tshark.first(syn, "tcp.options.wscale.shift")).isEqualTo("7");
        assertThat(Tshark.first(synAck, "tcp.flags.syn")).isEqualTo("1");
        assertThat(Tshark.first(synAck, "tcp.flags.ack")).isEqualTo("1");
        assertThat(Tshark.first(synAck, "tcp.checksum.status")).isEqualTo("1");
        // the SYN-ACK acknowledges the SYN: Wireshark's relative numbers say so
        assertThat(Tshark.first(synAck, "tcp.ack")).isEqualTo("1");
        assertThat(Tshark.first(synAck, "tcp.analysis.acks_frame")).isEqualTo("1");
    }

    @Test
    void pingsUdpAndRawIpPacketsDissect() throws Exception {
        Packet echo = Packet.request(IP_B, Proto.ICMP, 0, 0, 84, false).withSrc(IP_A).withTtl(63);
        Packet reply = Packet.answer(echo.withTtl(64)).withEth(B, A);
        Packet udp = Packet.request(IP_B, Proto.UDP, 40000, 9999, 60, false).withSrc(IP_A).withEth(A, B);
        List<JsonNode> p = capture(
                new Frame("h1:-", PcapngWriter.LINKTYPE_RAW, PacketBytes.encode(echo, false, FLOW), null),
                Frame.eth("a:eth0", PacketBytes.encode(reply, true, FLOW), null),
                Frame.eth("a:eth0", PacketBytes.encode(udp, false, FLOW), null));
        assertThat(Tshark.first(p.get(0), "ip.ttl")).isEqualTo("63");
        assertThat(Tshark.first(p.get(0), "icmp.type")).isEqualTo("8");
        assertThat(Tshark.first(p.get(0), "icmp.checksum.status")).isEqualTo("1");
        assertThat(Tshark.first(p.get(0), "ip.len")).isEqualTo("84");
        assertThat(Tshark.first(p.get(1), "icmp.type")).isEqualTo("0");
        // the reply answers the request: same identifier and sequence
        assertThat(Tshark.first(p.get(1), "icmp.resp_to")).isEqualTo("1");
        assertThat(Tshark.first(p.get(2), "udp.dstport")).isEqualTo("9999");
        assertThat(Tshark.first(p.get(2), "udp.length")).isEqualTo("40");
        assertThat(Tshark.first(p.get(2), "udp.checksum.status")).isEqualTo("1");
    }

    @Test
    void vxlanCarriesTheInnerFrameWithItsVni() throws Exception {
        Packet outer = tcp(false).encapsulate(IP_H1, IP_H2, 50772, 4789, 4097, 0, 40).withEth(H1, H2);
        List<JsonNode> p = capture(Frame.eth("lan:br0", PacketBytes.encode(outer, false, FLOW), null));
        JsonNode v = p.get(0);
        assertThat(Tshark.all(v, "ip.src")).containsExactly("192.168.50.11", "10.0.1.2");
        assertThat(Tshark.all(v, "ip.len")).containsExactly("110", "60");
        assertThat(Tshark.first(v, "udp.dstport")).isEqualTo("4789");
        assertThat(Tshark.first(v, "vxlan.vni")).isEqualTo("4097");
        assertThat(Tshark.all(v, "eth.src")).containsExactly("02:42:c0:a8:32:0b", "02:42:0a:00:01:02");
        assertThat(Tshark.first(v, "tcp.flags.syn")).isEqualTo("1");
    }

    @Test
    void geneveAndIpipCarryTheirInnerPackets() throws Exception {
        Packet inner = tcp(false);
        Packet geneve = new Packet(H1, H2, IP_H1, IP_H2, 64, Proto.UDP, 50000, 6081, 0, 0, inner.length() + 50, false, 0,
                new Packet.Tunnel(dev.hopscope.net.trace.TunnelKind.GENEVE, 77, 0, inner));
        Packet bare = Packet.request(IP_B, Proto.ICMP, 0, 0, 84, false).withSrc(IP_A);
        Packet ipip = new Packet(H1, H2, IP_H1, IP_H2, 64, Proto.ICMP, 0, 0, 0, 0, bare.length() + 20, false, 0,
                new Packet.Tunnel(dev.hopscope.net.trace.TunnelKind.IPIP, 0, 0, bare));
        List<JsonNode> p = capture(Frame.eth("lan:br0", PacketBytes.encode(geneve, false, FLOW), null),
                Frame.eth("lan:br0", PacketBytes.encode(ipip, false, FLOW), null));
        assertThat(Tshark.first(p.get(0), "udp.dstport")).isEqualTo("6081");
        assertThat(Tshark.first(p.get(0), "geneve.vni")).isEqualTo("0x00004d"); // 77, as Wireshark prints it
        assertThat(Tshark.all(p.get(0), "ip.src")).containsExactly("192.168.50.11", "10.0.1.2");
        assertThat(Tshark.first(p.get(1), "ip.proto")).isEqualTo("4");
        assertThat(Tshark.all(p.get(1), "ip.dst")).containsExactly("192.168.50.12", "10.0.1.3");
        assertThat(Tshark.all(p.get(1), "ip.len")).containsExactly("104", "84");
        assertThat(Tshark.first(p.get(1), "icmp.type")).isEqualTo("8");
    }

    @Test
    void espHidesTheTunnelBehindItsSpiAndSequence() throws Exception {
        Packet outer = tcp(false).encapsulate(IP_H1, IP_H2, 50772, 4789, 4097, 0x1a2b3c4d, 40).withEth(H1, H2);
        List<JsonNode> p = capture(Frame.eth("lan:br0", PacketBytes.encode(outer, false, FLOW), null));
        JsonNode v = p.get(0);
        assertThat(Tshark.first(v, "ip.proto")).isEqualTo("50");
        assertThat(Tshark.first(v, "esp.spi")).isEqualTo("0x1a2b3c4d");
        assertThat(Tshark.first(v, "esp.sequence")).isEqualTo("1");
        assertThat(Tshark.all(v, "vxlan.vni")).as("encrypted: no VNI in sight").isEmpty();
        // the trace counts ESP at its largest (40 bytes); real padding lands within 3 bytes of it
        assertThat(Integer.parseInt(Tshark.first(v, "ip.len"))).isBetween(outer.length() - 3, outer.length() + 3);
    }

    @Test
    void arpAndDnsExchangesDissect() throws Exception {
        byte[] who = Wire.ethernet(A.bits(), Mac.BROADCAST.bits(), Wire.ETHERTYPE_ARP, Wire.arp(Wire.ARP_REQUEST, A.bits(), IP_A.bits(), 0, IP_B.bits()));
        byte[] is = Wire.ethernet(B.bits(), A.bits(), Wire.ETHERTYPE_ARP, Wire.arp(Wire.ARP_REPLY, B.bits(), IP_B.bits(), A.bits(), IP_A.bits()));
        int dns = Ipv4.parse("127.0.0.11").bits();
        byte[] q = Wire.ipv4(IP_A.bits(), dns, Wire.PROTO_UDP, 64, 7, false, Wire.udp(IP_A.bits(), dns, 53000, 53, Wire.dnsQuery(0x1234, "api"), true));
        byte[] r = Wire.ipv4(dns, IP_A.bits(), Wire.PROTO_UDP, 64, 8, false,
                Wire.udp(dns, IP_A.bits(), 53, 53000, Wire.dnsResponse(0x1234, "api", IP_B.bits(), 600), true));
        byte[] nx = Wire.ipv4(dns, IP_A.bits(), Wire.PROTO_UDP, 64, 9, false,
                Wire.udp(dns, IP_A.bits(), 53, 53001, Wire.dnsResponse(0x4321, "db.example", null, 600), true));
        List<JsonNode> p = capture(Frame.eth("a:eth0", who, null), Frame.eth("b:eth0", is, null),
                new Frame("a:lo", PcapngWriter.LINKTYPE_RAW, q, null), new Frame("a:lo", PcapngWriter.LINKTYPE_RAW, r, null),
                new Frame("a:lo", PcapngWriter.LINKTYPE_RAW, nx, null));
        assertThat(Tshark.first(p.get(0), "eth.dst")).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(Tshark.first(p.get(0), "arp.opcode")).isEqualTo("1");
        assertThat(Tshark.first(p.get(0), "arp.dst.proto_ipv4")).isEqualTo("10.0.1.3");
        assertThat(Tshark.first(p.get(1), "arp.opcode")).isEqualTo("2");
        assertThat(Tshark.first(p.get(1), "arp.src.hw_mac")).isEqualTo("02:42:0a:00:01:03");
        assertThat(Tshark.first(p.get(2), "dns.qry.name")).isEqualTo("api");
        assertThat(Tshark.first(p.get(2), "dns.flags.response")).isEqualTo("0");
        assertThat(Tshark.first(p.get(3), "dns.a")).isEqualTo("10.0.1.3");
        assertThat(Tshark.first(p.get(3), "dns.response_to")).isEqualTo("3");
        assertThat(Tshark.first(p.get(4), "dns.flags.rcode")).isEqualTo("3");
        assertThat(Tshark.all(p.get(4), "dns.a")).isEmpty();
    }

    @Test
    void interfacesAreNamedAndOneNameMayHaveTwoLinkTypes() throws Exception {
        Path f = dir.resolve("i.pcapng");
        try (OutputStream out = Files.newOutputStream(f); PcapngWriter w = new PcapngWriter(out, "Hopscope", null)) {
            int eth = w.interfaceFor("h1:eth0", PcapngWriter.LINKTYPE_ETHERNET, "frames on h1's eth0");
            int raw = w.interfaceFor("h1:eth0", PcapngWriter.LINKTYPE_RAW, "h1's IP stack at eth0");
            assertThat(w.interfaceFor("h1:eth0", PcapngWriter.LINKTYPE_ETHERNET, null)).isEqualTo(eth);
            assertThat(raw).isNotEqualTo(eth);
            w.packet(raw, 1000, PacketBytes.encode(Packet.request(IP_B, Proto.UDP, 1, 2, 28, false).withSrc(IP_A), false, FLOW), "é ü — unicode");
            w.packet(eth, 2000, PacketBytes.encode(tcp(false), false, FLOW), null);
        }
        List<JsonNode> p = Tshark.packets(f);
        assertThat(p).extracting(x -> Tshark.first(x, "frame.interface_name")).containsExactly("h1:eth0", "h1:eth0");
        assertThat(p).extracting(x -> Tshark.first(x, "frame.interface_id")).containsExactly("1", "0");
        assertThat(Tshark.first(p.get(0), "frame.comment")).isEqualTo("é ü — unicode");
        assertThat(Tshark.first(p.get(1), "frame.time_epoch")).startsWith("0.002000");
    }
}
