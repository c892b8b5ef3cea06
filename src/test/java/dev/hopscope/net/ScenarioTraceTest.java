package dev.hopscope.net;

import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioTraceTest {

    @Test
    void s1SameBridge() {
        Network n = Network.compile(Scenarios.s1());
        Trace t = n.trace("a", "172.17.0.3", Probe.icmp());
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).extracting(Hop::step).doesNotContain(StepKind.NAT)
                .containsSubsequence(StepKind.ROUTE, StepKind.VETH, StepKind.BRIDGE, StepKind.VETH, StepKind.DELIVER);
        Trace tcp = n.trace("a", "172.17.0.3", Probe.tcp(80));
        assertThat(tcp.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(tcp.hops().get(tcp.hops().size() - 1).note()).contains("172.17.0.2");
    }

    @Test
    void s2SameSubnetOnTwoHosts() {
        Network n = Network.compile(Scenarios.s2());
        Trace t = n.trace("a", "172.17.0.3", Probe.icmp());
        assertThat(t.disposition()).isEqualTo(Disposition.NEIGHBOR_UNREACHABLE);
        Trace t2 = n.trace("a", "192.168.50.12", Probe.icmp());
        assertThat(t2.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t2.hops()).extracting(Hop::step).contains(StepKind.NAT, StepKind.UNDERLAY);
    }

    @Test
    void s3Overlay() {
        Network n = Network.compile(Scenarios.s3());
        Trace t = n.trace("a", "10.0.9.3", Probe.icmp());
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).extracting(Hop::step).containsSubsequence(StepKind.BRIDGE, StepKind.ENCAP, StepKind.UNDERLAY, StepKind.DECAP, StepKind.BRIDGE, StepKind.DELIVER);
        Trace big = n.trace("a", "10.0.9.3", new Probe(dev.hopscope.model.Proto.ICMP, 0, 1472));
        assertThat(big.disposition()).isEqualTo(Disposition.MTU_EXCEEDED);
        Trace fits = n.trace("a", "10.0.9.3", new Probe(dev.hopscope.model.Proto.ICMP, 0, 1422));
        assertThat(fits.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(n.trace("a", "10.0.9.3", Probe.tcp(80)).disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void s7Egress() {
        Trace t = Network.compile(Scenarios.s7(true)).trace("a", "192.168.50.100", Probe.tcp(443));
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        Trace no = Network.compile(Scenarios.s7(false)).trace("a", "192.168.50.100", Probe.icmp());
        assertThat(no.disposition()).isEqualTo(Disposition.NO_RETURN_PATH);
    }

    @Test
    void s8Published() {
        Network n = Network.compile(Scenarios.s8());
        Trace t = n.trace("ext", "192.168.50.11:8080", Probe.tcp(8080));
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(n.trace("ext", "172.17.0.2:80", Probe.tcp(80)).disposition()).isEqualTo(Disposition.NO_ROUTE);
        assertThat(n.trace("ext", "192.168.50.11:80", Probe.tcp(80)).disposition()).isEqualTo(Disposition.NO_LISTENER);
        Trace byName = n.trace("ext", "web", Probe.tcp(80));
        assertThat(byName.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(byName.via()).isEqualTo("192.168.50.11:8080");
    }
}
