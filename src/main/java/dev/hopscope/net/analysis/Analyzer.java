package dev.hopscope.net.analysis;

import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.net.Finding;
import dev.hopscope.net.Network;
import dev.hopscope.net.Findings;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Trace;

import java.util.ArrayList;
import java.util.List;

/** The whole-design analysis: every intent traced and judged, the reachability matrix, every finding. */
public final class Analyzer {
    private Analyzer() {}

    public static Analysis analyze(Document doc) { return analyze(Network.compile(doc)); }

    public static Analysis analyze(Network net) {
        Document doc = net.document();
        List<Node> endpoints = doc.nodes().stream().filter(n -> n.kind().isEndpoint()).toList();
        List<Endpoint> eps = new ArrayList<>();
        for (Node n : endpoints)
            eps.add(new Endpoint(n.id(), n.name(), n.kind().label(),
                    net.tracer().targets().addresses(n).stream().map(Ipv4::toString).toList()));
        List<IntentResult> intents = doc.all(Intent.class).parallelStream().map(i -> check(net, i, false)).toList();
        Matrix matrix = Matrix.compute(net, endpoints);
        List<Finding> findings = Findings.of(doc, net.dataplane().addressing());
        return new Analysis(doc.name(), eps, intents, matrix, findings);
    }

    /** One intent, traced with its full hop list. */
    public static IntentResult check(Network net, Intent i) { return check(net, i, true); }

    /** {@code withHops} false keeps only the outcome (the whole-design analysis; re-trace to show the hops). */
    public static IntentResult check(Network net, Intent i, boolean withHops) {
        Trace t = net.tracer().trace(i.from(), i.to(), i.probe(), withHops);
        boolean reached = t.disposition() == Disposition.DELIVERED;
        boolean ok = reached == (i.expect() == Intent.Expect.REACHABLE);
        String reason = ok ? t.reason()
                : (i.expect() == Intent.Expect.REACHABLE ? "expected reachable, but " : "expected isolated, but ") + t.reason();
        return new IntentResult(i, t.disposition(), ok, reason, t);
    }
}
