package dev.hopscope.io.docker;

import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the kernel's socket tables. The rows are copied from /proc/PID/net of containers on
 * Docker 20.10 (busybox httpd on 5432 and 127.0.0.1:9187, Docker's DNS on 127.0.0.11), and the
 * expected addresses are worked out by hand from the kernel's little-endian hex.
 */
class ListeningSocketsTest {

    static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    @Test
    void tcpListenersOwnedByTheContainerAreKeptAndDockersDnsListenerIsNot() {
        List<String> tcp = List.of(HEADER,
                "   0: 0100007F:23E3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 87920 1 00000000cb549327 100 0 0 10 0",
                "   1: 0B00007F:AB95 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 87826 1 0000000046990652 100 0 0 10 0",
                "   2: 0200A8C0:0050 6400A8C0:9C40 01 00000000:00000000 00:00000000 00000000     0        0 87999 1 0000000046990652 100 0 0 10 0");
        assertThat(ListeningSockets.parse(tcp, Proto.TCP, false, Set.of(87920L, 87999L)))
                .containsExactly(new Socket(9187, Proto.TCP, "127.0.0.1"));
        assertThat(ListeningSockets.parse(tcp, Proto.TCP, false, null)).as("without an owner filter")
                .containsExactly(new Socket(9187, Proto.TCP, "127.0.0.1"), new Socket(43925, Proto.TCP, "127.0.0.11"));
    }

    @Test
    void ipv6RowsThatIpv4ReachesAreReadAsTheirIpv4Binding() {
        List<String> tcp6 = List.of(HEADER,
                "   0: 00000000000000000000000000000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 87921 1 0 100 0 0 10 0",
                "   1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 87922 1 0 100 0 0 10 0",
                "   2: 0000000000000000FFFF00000A00000A:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 87923 1 0 100 0 0 10 0",
                "   3: 20010DB8000000000000000000000001:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 87924 1 0 100 0 0 10 0");
        assertThat(ListeningSockets.parse(tcp6, Proto.TCP, true, null)).containsExactly(
                new Socket(5432, Proto.TCP, "0.0.0.0"), new Socket(8080, Proto.TCP, "127.0.0.1"), new Socket(22, Proto.TCP, "10.0.0.10"));
    }

    @Test
    void udpSocketsCountWhenBoundAndUnconnected() {
        List<String> udp = List.of(HEADER,
                "  10: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5001 2 0 0",
                "  11: 0B00007F:D431 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5002 2 0 0",
                "  12: 0200A8C0:A000 0100A8C0:0035 01 00000000:00000000 00:00000000 00000000     0        0 5003 2 0 0");
        assertThat(ListeningSockets.parse(udp, Proto.UDP, false, Set.of(5001L, 5003L))).containsExactly(new Socket(53, Proto.UDP, "0.0.0.0"));
    }

    @Test
    void addressesAreLittleEndianWords() {
        assertThat(ListeningSockets.ipv4("0100007F")).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.ipv4("0200A8C0")).isEqualTo("192.168.0.2");
        assertThat(ListeningSockets.ipv6("00000000000000000000000001000000")).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.ipv6("20010DB8000000000000000000000001")).isNull();
    }
}
