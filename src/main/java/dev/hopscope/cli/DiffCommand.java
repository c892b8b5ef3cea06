package dev.hopscope.cli;

import dev.hopscope.io.DiffJson;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.diff.DesignDiff;
import dev.hopscope.net.diff.FlowChange;
import dev.hopscope.net.diff.IntentChange;
import dev.hopscope.net.trace.Disposition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", description = "What an edit changed: every intent, finding and reachability row whose outcome differs"
        + " between two designs, old -> new, with the reason. Exit 1 when a flow that worked breaks.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BEFORE") Path before;
    @Parameters(index = "1", paramLabel = "AFTER") Path after;
    @Option(names = "--json", description = "print one JSON object (SPEC section 3)") boolean json;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        var a = Analyzer.analyze(Inputs.load(before));
        var b = Analyzer.analyze(Inputs.load(after));
        DesignDiff d = DesignDiff.of(a, b);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            DiffJson.write(d, out);
            out.println();
        } else {
            text(d, out);
        }
        out.flush();
        return d.breaksAFlow() ? Cli.FAILING : Cli.OK;
    }

    private void text(DesignDiff d, PrintWriter out) {
        out.println("diff " + before + " → " + after);
        if (d.isEmpty()) out.println("no change: every intent, finding and flow has the same outcome");
        List<FlowChange> broke = d.changed().stream().filter(FlowChange::broke).toList();
        List<FlowChange> fixed = d.changed().stream().filter(FlowChange::fixed).toList();
        List<FlowChange> other = d.changed().stream().filter(c -> !c.broke() && !c.fixed()).toList();
        flows(d, "flows that broke", broke, out);
        flows(d, "flows that started working", fixed, out);
        flows(d, "flows that fail differently", other, out);
        if (!d.intents().isEmpty()) {
            out.println();
            out.println("intents (" + d.intents().size() + ")");
            for (IntentChange c : d.intents())
                out.printf("  %-6s %s → %s %s, expect %s: %s → %s%n         %s%n", c.broke() ? "BROKE" : c.fixed() ? "FIXED" : "",
                        c.intent().from(), c.intent().to(), c.intent().probe(), c.intent().expect().label(),
                        verdict(c.before(), c.okBefore()), verdict(c.after(), c.okAfter()), c.reason());
        }
        findings("findings added", d.added(), out);
        findings("findings removed", d.removed(), out);
        if (!d.endpointsAdded().isEmpty() || !d.endpointsRemoved().isEmpty()) {
            out.println();
            if (!d.endpointsAdded().isEmpty()) out.println("endpoints added: " + String.join(", ", d.endpointsAdded()));
            if (!d.endpointsRemoved().isEmpty()) out.println("endpoints removed: " + String.join(", ", d.endpointsRemoved()));
        }
        out.println();
        long brokenIntents = d.intents().stream().filter(IntentChange::broke).count();
        out.println(broke.size() + " flows broke, " + fixed.size() + " started working, " + other.size() + " fail differently; "
                + brokenIntents + " intents broke; " + d.added().size() + " findings added, " + d.removed().size() + " removed");
    }

    private static void flows(DesignDiff d, String title, List<FlowChange> list, PrintWriter out) {
        if (list.isEmpty()) return;
        out.println();
        out.println(title + " (" + list.size() + ")");
        for (FlowChange c : list)
            out.printf("  %-14s → %-14s %-9s %s → %s%n      %s%n", d.name(c.from()), d.name(c.to()), c.probe(),
                    word(c.before()), word(c.after()), c.reason());
    }

    private static void findings(String title, List<Finding> list, PrintWriter out) {
        if (list.isEmpty()) return;
        out.println();
        out.println(title + " (" + list.size() + ")");
        for (Finding f : list) out.printf("  %-7s %-26s %s%n", f.severity().label(), f.code(), f.message());
    }

    private static String word(Disposition d) { return d == null ? "(not listening)" : d.name(); }

    private static String verdict(Disposition d, Boolean ok) {
        return d == null ? "(no such intent)" : d.name() + (Boolean.TRUE.equals(ok) ? " (holds)" : " (violated)");
    }
}
