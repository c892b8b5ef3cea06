package dev.hopscope.io.export;

import dev.hopscope.Processes;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.net.Network;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.analysis.MatrixRow;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.trace.Disposition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Builds every sample in real network namespaces with the exported lab script, probes every row
 * of the reachability matrix (and every intent) with ping and nc from the source's namespace, and
 * asserts that the kernel reaches exactly what the analysis calls DELIVERED. Runs as root with
 * iproute2, iptables, iputils-ping and netcat-openbsd; skips otherwise. Probes are bounded (one
 * packet, one second) and never leave the lab: its namespaces have no link to the machine's own.
 */
class KernelAgreementTest {

    @BeforeAll
    static void tools() {
        Lab.assumeRootWith("ip", "bridge", "ss", "iptables", "ping", "nc", "bash");
        Lab.removeLeftovers();
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    /**
     * The samples, and imported files (docker-compose, Kubernetes manifests, docker network
     * inspect) as the importer lays them out. k8s/database.yaml holds the case this test once caught:
     * a hostNetwork pod sending to a pod on its own node passes OUTPUT, not FORWARD.
     */
    static Stream<String> documents() throws IOException {
        return Stream.concat(samples(), Stream.of("imports/shop/docker-compose.yml", "imports/k8s/guestbook.yaml",
                "imports/legacy/docker-compose.yml", "imports/inspect/networks.json", "imports/k8s/database.yaml"));
    }

    private static Document open(String name) {
        if (name.startsWith("imports/"))
            return dev.hopscope.io.imports.Importer.importFile(Path.of("src/test/resources", name)).document();
        return DocumentCodec.load(Path.of("samples", name));
    }

    /** One probe from a namespace: what the analysis said and what the kernel did. */
    record Check(String what, String ns, Probe probe, String address, int port, Disposition engine) {
        boolean engineReaches() { return engine == Disposition.DELIVERED; }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void kernelAgreesWithTheAnalysis(String sample, @TempDir Path dir) throws Exception {
        Document doc = open(sample);
        assumeFalse(doc.all(Overlay.class).stream().anyMatch(o -> Boolean.TRUE.equals(o.encrypted())),
                "an encrypted overlay (IPsec ESP) is not built by the lab: the kernel would test a plain VXLAN, not the design");
        assumeFalse(dev.hopscope.net.Network.compile(doc).dataplane().namespaces().stream().flatMap(n -> n.ifaces().stream())
                        .anyMatch(i -> i.kind() == dev.hopscope.net.dataplane.Iface.Kind.IPIP || i.kind() == dev.hopscope.net.dataplane.Iface.Kind.GENEVE
                                || i.kind() == dev.hopscope.net.dataplane.Iface.Kind.IPVLAN),
                "this kernel has no ipip, geneve or ipvlan module (TOOLCHAIN.md): the lab cannot build the design");
        Dataplane dp = Network.compile(doc).dataplane();
        Analysis analysis = Analyzer.analyze(doc);
        List<Check> checks = checks(dp, analysis);

        Path script = dir.resolve("lab.sh");
        Files.writeString(script, NetnsScript.of(dp, doc.name()));
        String prefix = Lab.prefix('k');
        try {
            Processes.Result up = Lab.script(script, prefix, "up", 120);
            assertEquals(0, up.exit(), () -> "lab up failed for " + sample + ":\n" + up.output());
            Processes.Result listen = Lab.script(script, prefix, "listen", 30);
            assertEquals(0, listen.exit(), () -> "lab listen failed:\n" + listen.output());
            awaitListeners(dp, prefix);

            List<String> disagreements = Processes.askInParallel(checks, c -> disagreement(prefix, c));
            if (!disagreements.isEmpty())
                fail(sample + ": the kernel and the analysis disagree on " + disagreements.size() + " of " + checks.size() + " probes\n"
                        + String.format("%-44s %-12s %-24s %-22s %s%n", "flow", "probe", "sent to", "engine", "kernel")
                        + String.join("\n", disagreements));
            assertThat(checks).as("probes run").isNotEmpty();
            long delivered = checks.stream().filter(Check::engineReaches).count();
            System.out.printf("kernel agreement %-36s %3d probes (%d reached, %d not), all agree%n",
                    sample, checks.size(), delivered, checks.size() - delivered);
        } finally {
            Lab.script(script, prefix, "down", 60);
            for (String left : Lab.namespaces(prefix)) Lab.deleteNamespace(left);
        }
    }

    private static List<Check> checks(Dataplane dp, Analysis analysis) {
        List<Check> out = new ArrayList<>();
        analysis.matrix().forEach(row -> add(out, dp, row.from() + " -> " + row.to(), row.from(), row.probe(), row.via(), row.disposition()));
        for (IntentResult i : analysis.intents()) {
            if (i.trace() == null || i.intent().from() == null) continue;
            String from = dp.document().find(i.intent().from()).map(n -> n.id()).orElse(null);
            if (from == null) continue;
            var proxied = i.trace().proxied();
            if (proxied.isPresent()) {
                // the kernel runs no HTTP proxy: it referees each TCP connection on its own, the client's to the
                // controller (which the trace delivered, or it would not have been carried on) and the controller's own
                add(out, dp, "intent " + i.intent().id() + " to the controller", from, i.trace().probe(), i.trace().via(), Disposition.DELIVERED);
                proxied.get().connection().ifPresent(c -> add(out, dp, "intent " + i.intent().id() + " onward", c.from(), c.probe(), c.via(), c.disposition()));
                continue;
            }
            add(out, dp, "intent " + i.intent().id(), from, i.trace().probe(), i.trace().via(), i.disposition());
        }
        return out;
    }

    private static void add(List<Check> out, Dataplane dp, String what, String from, Probe probe, String via, Disposition d) {
        // udp has no reliable yes or no from nc -z; a flow with no address (a name that does not resolve) has nothing to send
        if (probe == null || probe.proto() == Proto.UDP || via == null || via.isBlank()) return;
        Namespace ns = dp.namespaceOf(from);
        if (ns == null) return;
        String address = via;
        int port = 0;
        int colon = via.lastIndexOf(':');
        if (colon > 0) {
            address = via.substring(0, colon);
            port = Integer.parseInt(via.substring(colon + 1));
        }
        if (probe.proto() == Proto.TCP && port == 0) port = probe.port();
        out.add(new Check(what, ns.name(), probe, address, port, d));
    }

    /** Waits (at most 10 s) until every TCP socket of the design listens in its namespace. */
    private static void awaitListeners(Dataplane dp, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Namespace ns : dp.namespaces())
            for (var l : ns.listeners()) {
                if (l.proto() != Proto.TCP) continue;
                while (true) {
                    Processes.Result r = Lab.run(10, "ip", "netns", "exec", prefix + ns.name(), "ss", "-Hltn", "sport = :" + l.port());
                    if (!r.output().isBlank() || System.nanoTime() > deadline) break;
                    Thread.sleep(50);
                }
            }
    }

    /**
     * Probes; null when the kernel agrees, else one line of the table. A probe that does not get
     * through is tried once more before it counts (a reply is proof, a silence may be a slow start).
     */
    private static String disagreement(String prefix, Check c) {
        Processes.Result r = probe(prefix, c);
        if (r.exit() != 0 && c.engineReaches()) r = probe(prefix, c);
        boolean kernel = r.exit() == 0;
        if (kernel == c.engineReaches()) return null;
        return String.format("%-44s %-12s %-24s %-22s %s", c.what(), c.probe(), c.address() + (c.port() != 0 ? ":" + c.port() : ""),
                c.engine(), kernel ? "reached" : "not reached (exit " + r.exit() + ")");
    }

    private static Processes.Result probe(String prefix, Check c) {
        String ns = prefix + c.ns();
        Processes.Result r;
        if (c.probe().proto() == Proto.ICMP) {
            r = c.probe().size() > 0
                    ? Lab.run(10, "ip", "netns", "exec", ns, "ping", "-n", "-c1", "-W1", "-M", "do", "-s", Integer.toString(c.probe().size()), c.address())
                    : Lab.run(10, "ip", "netns", "exec", ns, "ping", "-n", "-c1", "-W1", c.address());
        } else {
            r = Lab.run(10, "ip", "netns", "exec", ns, "nc", "-nz", "-w1", c.address(), Integer.toString(c.port()));
        }
        return r;
    }
}
