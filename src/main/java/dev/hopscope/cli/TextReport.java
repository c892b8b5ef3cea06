package dev.hopscope.cli;

import dev.hopscope.io.ReportJson.MatrixForm;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.analysis.ClassRow;
import dev.hopscope.net.analysis.Matrix;
import dev.hopscope.net.analysis.MatrixClass;
import dev.hopscope.net.analysis.MatrixRow;
import dev.hopscope.net.trace.Branch;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.Narrator;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Readable output for a terminal: a trace as a numbered hop list with header stacks; an analysis as tables. */
final class TextReport {
    /** Above this many rows the matrix is summarised instead of listed. */
    static final long MAX_LISTED_ROWS = 400;
    /** Members shown per class in the text listing of classes. */
    static final int MAX_LISTED_MEMBERS = 6;

    private TextReport() {}

    static void trace(Trace t, Narrator narrator, PrintWriter out) {
        out.println("trace " + t.from() + " → " + t.to() + " " + t.probe() + (t.via() != null ? " (sent to " + t.via() + ")" : ""));
        narrator.targetChoice(t).ifPresent(s -> out.println("  " + s));
        t.dnsQuery().ifPresent(q -> {
            out.println("the name is asked of cluster DNS as a packet (" + q.probe() + " to " + q.via() + "): " + q.disposition());
            hops(q.hops(), out);
            if (q.reply() != null) {
                out.println("answer:");
                hops(q.reply().hops(), out);
            }
            out.println("then:");
        });
        hops(t.hops(), out);
        if (t.reply() != null) {
            out.println("reply:");
            hops(t.reply().hops(), out);
        }
        t.proxied().ifPresent(p -> {
            out.println("then " + narrator.proxied(p) + (p.connection().isPresent() ? ":" : ""));
            p.connection().ifPresent(second -> {
                out.println("second connection " + second.from() + " → " + second.to() + " " + second.probe()
                        + (second.via() != null ? " (sent to " + second.via() + ")" : ""));
                hops(second.hops(), out);
                if (second.reply() != null) {
                    out.println("reply:");
                    hops(second.reply().hops(), out);
                }
                branches(second, narrator, out);
            });
        });
        out.println(t.disposition() + ": " + t.reason());
        branches(t, narrator, out);
    }

    private static void branches(Trace t, Narrator narrator, PrintWriter out) {
        if (!t.branches().isEmpty()) {
            String by = Narrator.chooser(t);
            out.println("branches (" + (by != null ? by + " picks" : "one is picked") + " one endpoint per connection; --endpoint NAME follows another):");
            for (Branch b : t.branches()) {
                StepDetail.Choice last = b.choices().get(b.choices().size() - 1);
                String line = String.format("  %-16s %-22s %-20s %s", narrator.name(b.endpoint()),
                        last.address() + (last.port() != 0 ? ":" + last.port() : ""), b.disposition(), b.followed() ? "← this trace" : "");
                out.println(line.stripTrailing());
            }
        }
    }

    private static void hops(List<Hop> hops, PrintWriter out) {
        for (Hop h : hops) {
            out.printf("%3d  %-8s %-24s %s%n", h.n(), h.step(), h.namespace() + ":" + h.device(), h.note());
            out.printf("     %-8s %-24s %s%n", "", "", stack(h.layers()));
        }
    }

    static String stack(List<Layer> layers) {
        return layers.stream().map(TextReport::layer).collect(Collectors.joining(" | "));
    }

    private static String layer(Layer l) {
        Map<String, String> f = l.fields();
        switch (l.layer()) {
            case "ethernet": return "eth " + f.get("src") + " → " + f.get("dst");
            case "ipv4": return "ipv4 " + f.get("src") + " → " + f.get("dst") + " ttl " + f.get("ttl") + " len " + f.get("length");
            case "tcp": case "udp": return l.layer() + " " + f.get("sport") + " → " + f.get("dport");
            case "icmp": return "icmp " + f.get("type");
            case "vxlan": return "vxlan vni " + f.get("vni");
            case "esp": return "esp spi " + f.get("spi");
            default: return l.layer();
        }
    }

    static void analysis(Analysis a, PrintWriter out) { analysis(a, null, out); }

    /** {@code form} null is auto: the rows when there are few, else a summary. */
    static void analysis(Analysis a, MatrixForm form, PrintWriter out) {
        out.println("topology " + a.topology() + ": " + a.endpoints().size() + " endpoints, " + a.intents().size() + " intents, "
                + a.findings().size() + " findings");
        if (!a.intents().isEmpty()) {
            out.println();
            out.println("intents");
            for (IntentResult r : a.intents())
                out.printf("  %-4s %-14s → %-22s %-9s %-9s %-20s %s%n", r.ok() ? "ok" : "FAIL", r.intent().from(), r.intent().to(),
                        r.intent().probe(), r.intent().expect().label(), r.disposition(), r.ok() ? "" : r.reason());
        }
        if (!a.findings().isEmpty()) {
            out.println();
            out.println("findings");
            for (Finding f : a.findings()) {
                out.printf("  %-7s %-26s %s%n", f.severity().label(), f.code(), f.message());
                out.printf("  %-7s %-26s fix: %s%n", "", "", f.fix());
            }
        }
        if (form == MatrixForm.NONE) return;
        out.println();
        Matrix m = a.matrix();
        long rows = m.size();
        Map<Disposition, Long> counts = m.counts();
        out.println("reachability: " + rows + " rows (" + m.classCount() + " endpoint classes) — "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        if (form == MatrixForm.CLASSES) {
            classes(m, out);
        } else if (form == MatrixForm.PAIRS || rows <= MAX_LISTED_ROWS) {
            m.forEach((MatrixRow r) -> out.printf("  %-14s → %-14s %-9s %-20s %s%n", r.from(), r.to(), r.probe(), r.disposition(), r.via()));
        } else {
            out.println("  (too many to list: --matrix classes lists them by classes of alike endpoints, --matrix pairs lists every row)");
        }
    }

    /** The classes with their members (the first few of large ones), then one line per class row. */
    private static void classes(Matrix m, PrintWriter out) {
        for (MatrixClass c : m.classes()) {
            List<String> ms = c.members();
            String shown = String.join(", ", ms.subList(0, Math.min(ms.size(), MAX_LISTED_MEMBERS)));
            out.printf("  %-6s %s: %s%s%n", c.id(), ms.size() == 1 ? "1 member" : ms.size() + " members", shown,
                    ms.size() > MAX_LISTED_MEMBERS ? ", ..." : "");
        }
        m.forEachClassRow(r -> out.printf("  %-6s → %-6s %-9s %-20s %s%n", r.from(), r.to(), r.probe(), r.disposition(),
                r.hosts() == ClassRow.Hosts.ALL ? "" : "(" + r.hosts().label() + " host" + (r.hosts() == ClassRow.Hosts.SAME ? ")" : "s)")));
    }
}
