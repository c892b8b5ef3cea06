package dev.hopscope.net.trace;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Probe;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Network;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk's bounds and the outcomes the analysis reuses, recorded or not. */
class WalkTest {

    /** h1 and h2 each route 10.9.9.0/24 to the other: a forwarding loop that only the budget or TTL ends. */
    static Document loop() {
        return Document.empty("loop").with(new Underlay("lan", "lan", "192.168.50.0/24", 1500))
                .with(Host.docker("h1", "lan", "192.168.50.11/24").withRoutes(List.of(new StaticRoute("10.9.9.0/24", "192.168.50.12"))))
                .with(Host.docker("h2", "lan", "192.168.50.12/24").withRoutes(List.of(new StaticRoute("10.9.9.0/24", "192.168.50.11"))))
                .with(new External("ext", "ext", "lan", "192.168.50.100/24", List.of(), List.of())
                        .withRoutes(List.of(new StaticRoute("10.9.9.0/24", "192.168.50.11"))));
    }

    @Test
    void theStepBudgetBoundsAWalkThatRecordsNothing() {
        Network net = Network.compile(loop());
        var ns = net.dataplane().namespaceOf("ext");
        Probe ping = Probe.icmp();
        // 12 steps: far fewer than the 64 rounds the TTL would allow, so only the budget can end this walk
        Walk.Ending silent = new Walk(net.dataplane(), false, new ConntrackTable(), WalkObserver.NONE, Choices.first(), 12)
                .originate(ns, Tracer.initial(dev.hopscope.model.Ipv4.parse("10.9.9.1"), ping, 0));
        assertThat(silent.outcome()).isEqualTo(new DropCause.HopBudget(12));
        HopRecorder rec = new HopRecorder(net.dataplane(), net.tracer().narrator(), new HopRecorder.Neighbours());
        Walk.Ending recorded = new Walk(net.dataplane(), false, new ConntrackTable(), rec, Choices.first(), 12)
                .originate(ns, Tracer.initial(dev.hopscope.model.Ipv4.parse("10.9.9.1"), ping, 0));
        assertThat(recorded.outcome()).isEqualTo(silent.outcome());
        assertThat(rec.hops()).hasSize(12);
        MemoRecorder memo = new MemoRecorder();
        assertThat(new Walk(net.dataplane(), false, new ConntrackTable(), memo, Choices.first(), 12)
                .originate(ns, Tracer.initial(dev.hopscope.model.Ipv4.parse("10.9.9.1"), ping, 0)).outcome()).isEqualTo(silent.outcome());
        assertThat(memo.reusable()).as("a loop that never arrived depends on the address only through its route lookups").isTrue();
    }

    @Test
    void aLoopOverTheUnderlayEndsWhenTheTtlRunsOutRecordedOrNot() {
        Network net = Network.compile(loop());
        Trace recorded = net.tracer().trace("ext", "10.9.9.1", Probe.icmp(), true);
        Trace unrecorded = net.tracer().trace("ext", "10.9.9.1", Probe.icmp(), false);
        // two steps (a route and the underlay) per TTL decrement: 64 rounds end before 160 steps
        assertThat(recorded.disposition()).isEqualTo(Disposition.LOOP);
        assertThat(recorded.request().outcome()).isInstanceOf(DropCause.TtlExpired.class);
        assertThat(unrecorded.request().outcome()).isEqualTo(recorded.request().outcome());
        assertThat(unrecorded.reason()).isEqualTo(recorded.reason());
    }

    @Test
    void aReusedOutcomeIsWrittenForItsOwnDestination() {
        Network net = Network.compile(DocumentCodec.load(Path.of("samples", "s08-published-port.json")));
        // unrecorded traces from one source, probe and port share a memo: the second is answered from the first's decisions
        Trace first = net.tracer().trace("ext", "172.17.0.2", Probe.icmp(), false);
        Trace second = net.tracer().trace("ext", "172.17.0.9", Probe.icmp(), false);
        assertThat(first.reason()).isEqualTo("ext has no route to 172.17.0.2");
        assertThat(second.disposition()).isEqualTo(Disposition.NO_ROUTE);
        assertThat(second.reason()).isEqualTo("ext has no route to 172.17.0.9");
        assertThat(second.request().outcome()).isEqualTo(new DropCause.NoRoute("ext", dev.hopscope.model.Ipv4.parse("172.17.0.9"), dev.hopscope.model.Proto.ICMP));
        assertThat(second.via()).isEqualTo("172.17.0.9");
        // and it agrees with a fresh recorded trace
        assertThat(Network.compile(DocumentCodec.load(Path.of("samples", "s08-published-port.json"))).trace("ext", "172.17.0.9", Probe.icmp()).reason())
                .isEqualTo(second.reason());
    }
}
