package dev.hopscope.net.diff;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Probe;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.trace.Disposition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Differential reachability on edits whose effect the kernel scenarios (scenarios.md) and SPEC
 * section 2 state: the expected outcomes below come from there, not from the analysis.
 */
class DesignDiffTest {

    static Document sample(String name) { return DocumentCodec.load(Path.of("samples", name)); }

    static DesignDiff diff(Document before, Document after) {
        return DesignDiff.of(Analyzer.analyze(before), Analyzer.analyze(after));
    }

    @Test
    void aDesignComparedWithItselfHasNoChange() {
        Document d = sample("welcome.json");
        DesignDiff same = diff(d, d);
        assertThat(same.isEmpty()).isTrue();
        assertThat(same.breaksAFlow()).isFalse();
        assertThat(same.endpointsAdded()).isEmpty();
    }

    @Test
    void aBrokenMasqueradeLosesTheReplyOfEveryEgressFlow() {
        // S7: without MASQUERADE the request arrives at ext from 172.17.0.2 and the reply has no way back
        Document before = sample("s07-egress-masquerade.json");
        Document after = before.update("docker0", n -> ((Bridge) n).withMasquerade(false));
        DesignDiff d = diff(before, after);
        assertThat(d.changed()).extracting(FlowChange::from, FlowChange::to, c -> c.probe().toString(), FlowChange::before, FlowChange::after)
                .contains(tuple("a", "ext", "icmp", Disposition.DELIVERED, Disposition.NO_RETURN_PATH),
                        tuple("a", "ext", "tcp/443", Disposition.DELIVERED, Disposition.NO_RETURN_PATH));
        assertThat(d.changed()).allMatch(FlowChange::broke);
        assertThat(d.changed()).allSatisfy(c -> assertThat(c.reason()).isNotBlank());
        assertThat(d.intents()).extracting(c -> c.intent().id(), IntentChange::okBefore, IntentChange::okAfter, IntentChange::after)
                .containsExactlyInAnyOrder(tuple("a-pings-ext", true, false, Disposition.NO_RETURN_PATH),
                        tuple("a-https-ext", true, false, Disposition.NO_RETURN_PATH));
        assertThat(d.breaksAFlow()).isTrue();
        // and back again: the same flows start working, nothing breaks
        DesignDiff undo = diff(after, before);
        assertThat(undo.changed()).hasSameSizeAs(d.changed()).allMatch(FlowChange::fixed);
        assertThat(undo.changed()).allSatisfy(c -> assertThat(c.reason()).startsWith("delivered now; before it was NO_RETURN_PATH"));
        assertThat(undo.breaksAFlow()).isFalse();
    }

    @Test
    void aContainerMovedOntoTheOtherNetworkIsReachedAndResolvedThere() {
        // S11: containers on two user-defined bridges are isolated; on one bridge they reach each other
        Document before = sample("s11-isolated-networks.json");
        Document after = before.update("b", n -> ((Container) n).withAttachments(List.of(Attachment.to("br-a"))));
        DesignDiff d = diff(before, after);
        assertThat(d.changed()).extracting(FlowChange::from, FlowChange::to, c -> c.probe().toString(), FlowChange::before, FlowChange::after)
                .containsExactlyInAnyOrder(tuple("a", "b", "icmp", Disposition.DENIED, Disposition.DELIVERED),
                        tuple("b", "a", "icmp", Disposition.DENIED, Disposition.DELIVERED));
        assertThat(d.changed()).allMatch(FlowChange::fixed);
        assertThat(d.breaksAFlow()).isFalse();

        // welcome: db moves from the back network to the front one; Docker's DNS on br-front now
        // answers "db" for frontend, so the intent that frontend cannot resolve db is violated
        Document w = sample("welcome.json");
        Document moved = w.update("db", n -> ((Container) n).withAttachments(List.of(new Attachment("frontend-net", null, List.of("database")))));
        DesignDiff m = diff(w, moved);
        assertThat(m.changed()).extracting(FlowChange::from, FlowChange::to, c -> c.probe().toString(), FlowChange::before, FlowChange::after)
                .contains(tuple("frontend", "db", "tcp/5432", Disposition.DENIED, Disposition.DELIVERED));
        IntentChange resolve = m.intents().stream().filter(c -> c.intent().id().equals("frontend-cannot-resolve-db")).findFirst().orElseThrow();
        assertThat(resolve.before()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(resolve.after()).isEqualTo(Disposition.DELIVERED);
        assertThat(resolve.broke()).isTrue();
        assertThat(m.breaksAFlow()).isTrue();
    }

    @Test
    void aRemovedServiceNoLongerResolvesNorTranslates() {
        // S12: the client reaches the backend through the Service's name and ClusterIP; pod to pod needs no Service
        Document before = sample("s12-clusterip-service.json");
        Document after = before.without("web-svc");
        DesignDiff d = diff(before, after);
        IntentChange byName = d.intents().stream().filter(c -> c.intent().id().equals("client-to-service-name")).findFirst().orElseThrow();
        assertThat(byName.before()).isEqualTo(Disposition.DELIVERED);
        assertThat(byName.after()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        IntentChange byAddress = d.intents().stream().filter(c -> c.intent().id().equals("client-to-clusterip")).findFirst().orElseThrow();
        assertThat(byAddress.broke()).isTrue();
        assertThat(byAddress.after()).isNotEqualTo(Disposition.DELIVERED);
        // pod-to-pod rows do not depend on the Service
        assertThat(d.changed()).noneMatch(c -> c.from().equals("p1") && c.to().equals("p2"));
        assertThat(d.intents()).extracting(c -> c.intent().id()).doesNotContain("p1-pings-p2", "p1-http-p2", "ping-clusterip");
        assertThat(d.breaksAFlow()).isTrue();
    }

    @Test
    void aSocketThatGoesAwayIsARowThatBreaksAndAnEndpointThatGoesAwayIsListedApart() {
        // S8: ext reaches web's port 80 through the published 8080; without the socket nothing listens
        Document before = sample("s08-published-port.json");
        Document noSocket = before.update("web", n -> ((Container) n).withSockets(List.of()));
        DesignDiff d = diff(before, noSocket);
        FlowChange gone = d.changed().stream().filter(c -> c.from().equals("ext") && c.to().equals("web") && c.probe().equals(Probe.tcp(80)))
                .findFirst().orElseThrow();
        assertThat(gone.before()).isEqualTo(Disposition.DELIVERED);
        assertThat(gone.after()).isNull();
        assertThat(gone.reason()).isEqualTo("web no longer listens on tcp/80");
        assertThat(d.breaksAFlow()).isTrue();

        DesignDiff removed = diff(before, before.without("web"));
        assertThat(removed.endpointsRemoved()).containsExactly("web");
        assertThat(removed.changed()).noneMatch(c -> c.from().equals("web") || c.to().equals("web"));
    }
}
