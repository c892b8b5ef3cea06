package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Mac;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed header stack of a packet and of each kind of tunnel, with lengths from the protocols:
 * outer IPv4 20, UDP 8, VXLAN 8 (RFC 7348) and Geneve 8 without options (RFC 8926) around an
 * inner Ethernet frame (14); IPIP and ESP tunnel mode add an outer IPv4 header around the inner packet.
 */
class PacketTest {
    static final Ipv4 A = Ipv4.parse("10.0.0.2"), B = Ipv4.parse("10.0.0.3"), H1 = Ipv4.parse("192.168.50.11"), H2 = Ipv4.parse("192.168.50.12");
    static final Mac MA = new Mac(0x0242_0a00_0002L), MB = new Mac(0x0242_0a00_0003L);

    /** A 60-byte TCP SYN (IPv4 20 + TCP 40 with options), as the tracer sends one. */
    static Packet syn() { return Packet.request(B, Proto.TCP, 40000, 80, 60, true).withSrc(A); }

    @Test
    void aPlainTcpSynAndItsAnswer() {
        Packet p = syn();
        assertThat(p.headers()).containsExactly(new Header.Ip(A, B, 64, 6, 60, true), new Header.Tcp(40000, 80, Header.SYN));
        Packet back = Packet.answer(p);
        assertThat(back.headers()).containsExactly(new Header.Ip(B, A, 64, 6, 60, true), new Header.Tcp(80, 40000, Header.SYN | Header.ACK));
        assertThat(back.layers().get(1).fields()).containsEntry("flags", "SYN-ACK");
        Packet ping = Packet.request(B, Proto.ICMP, 0, 0, 84, false).withSrc(A);
        assertThat(ping.headers()).containsExactly(new Header.Ip(A, B, 64, 1, 84, false), new Header.Icmp(8, 0));
        assertThat(Packet.answer(ping).headers().get(1)).isEqualTo(new Header.Icmp(0, 0));
    }

    @Test
    void vxlanAndGeneveCarryTheInnerFrame() {
        Packet frame = syn().withEth(MA, MB);
        Packet vx = frame.encapsulate(TunnelKind.VXLAN, H1, H2, 50000, 4789, 42, 0, 40);
        assertThat(vx.length()).isEqualTo(110);
        assertThat(vx.headers()).containsExactly(new Header.Ip(H1, H2, 64, 17, 110, false), new Header.Udp(50000, 4789, 90), new Header.Vxlan(42),
                new Header.Ethernet(MA, MB, 0x0800), new Header.Ip(A, B, 64, 6, 60, true), new Header.Tcp(40000, 80, Header.SYN));
        Packet gen = frame.encapsulate(TunnelKind.GENEVE, H1, H2, 50000, 6081, 7, 0, 40);
        assertThat(gen.length()).isEqualTo(110);
        assertThat(gen.headers()).extracting(Header::name).containsExactly("ipv4", "udp", "geneve", "ethernet", "ipv4", "tcp");
        assertThat(gen.headers().get(2)).isEqualTo(new Header.Geneve(7));
        assertThat(gen.inner()).isEqualTo(frame);
    }

    @Test
    void ipipAndEspWrapThePacketItself() {
        Packet ipip = syn().encapsulate(TunnelKind.IPIP, H1, H2, 0, 0, 0, 0, 40);
        assertThat(ipip.length()).isEqualTo(80);
        assertThat(ipip.headers()).containsExactly(new Header.Ip(H1, H2, 64, 4, 80, false), new Header.Ip(A, B, 64, 6, 60, true),
                new Header.Tcp(40000, 80, Header.SYN));
        Packet esp = syn().encapsulate(TunnelKind.ESP, H1, H2, 0, 0, 0, 0x1234, 40);
        assertThat(esp.length()).isEqualTo(120);
        assertThat(esp.headers()).extracting(Header::name).containsExactly("ipv4", "esp", "ipv4", "tcp");
        assertThat(esp.headers().get(0)).isEqualTo(new Header.Ip(H1, H2, 64, 50, 120, false));
        // an encrypted overlay: ESP around the VXLAN packet, 40 bytes more
        Packet sealed = syn().withEth(MA, MB).encapsulate(H1, H2, 50000, 4789, 42, 0x1234, 40);
        assertThat(sealed.length()).isEqualTo(150);
        assertThat(sealed.headers()).extracting(Header::name).startsWith("ipv4", "esp", "udp", "vxlan", "ethernet");
        assertThat(sealed.layers().get(0).fields()).containsEntry("proto", "esp");
    }
}
