package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Target;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pod's hostPort, as the CNI portmap plugin publishes it (its README: DNAT of the node's own
 * addresses, {@code -m addrtype --dst-type LOCAL}, to the pod's address and container port):
 * answered on the pod's node only, with the client's address kept.
 */
class HostPortTest {

    /** nodeport-three-replicas with web-0 (on n1) publishing 8080 on its node's port 80. */
    static Document doc(String hostIp) {
        Document d = DocumentCodec.load(Path.of("samples", "nodeport-three-replicas.json"));
        return d.update("web-0", n -> ((Pod) n).withHostPorts(List.of(new PublishedPort(hostIp, 80, 8080, Proto.TCP))));
    }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    @Test
    void theNodeOfThePodAnswersAndTheClientIsSeen() {
        Trace t = trace(doc(null), "ext", "192.168.50.11:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        StepDetail.SocketReached s = (StepDetail.SocketReached) t.request().outcome();
        assertThat(s.socket().owner()).isEqualTo("web-0");
        assertThat(s.seenSource()).isEqualTo(Ipv4.parse("192.168.50.100"));
        assertThat(t.branches()).as("one pod, no choice").isEmpty();
    }

    @Test
    void anotherNodeDoesNotAnswerIt() {
        assertThat(trace(doc(null), "ext", "192.168.50.12:80", "tcp/80").disposition()).isEqualTo(Disposition.NO_LISTENER);
    }

    @Test
    void aHostIpLimitsItToThatAddress() {
        assertThat(trace(doc("192.168.50.11"), "ext", "192.168.50.11:80", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(doc("10.0.0.1"), "ext", "192.168.50.11:80", "tcp/80").disposition()).isEqualTo(Disposition.NO_LISTENER);
    }

    @Test
    void thePodIsReachedThroughItsNodesPortWhenNamed() {
        Trace t = trace(doc(null), "ext", "web-0", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.alternatives()).anySatisfy(a -> assertThat(a.target().how()).isEqualTo(new Target.PublishedPort("n1", 8080, 80, Proto.TCP)));
    }
}
