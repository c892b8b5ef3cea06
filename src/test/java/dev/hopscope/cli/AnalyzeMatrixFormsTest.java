package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.SyntheticTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code analyze --matrix auto|pairs|classes|none} (SPEC section 3). */
class AnalyzeMatrixFormsTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode json(String s) { return JsonMapper.builder().build().readTree(s); }

    @TempDir static Path dir;
    /** 2 hosts x 120 containers and the client: 241 endpoints, each listening on one port, so 241 x 240 x 2 = 115,680 rows. */
    static Path big;

    @BeforeAll
    static void generate() {
        big = dir.resolve("big.json");
        DocumentCodec.save(SyntheticTopology.generate(2, 120, false), big);
    }

    @Test
    void pairsPrintsEveryRowWithVia() {
        Run r = run("analyze", "samples/s08-published-port.json", "--json", "--matrix", "pairs");
        JsonNode a = json(r.out());
        assertThat(a.has("matrixClasses")).isFalse();
        // S8: ext and web, each way icmp, and ext → web tcp/80 (web listens on 80): three rows
        assertThat(a.get("matrix").size()).isEqualTo(3);
        assertThat(a.get("matrix").get(0).has("via")).isTrue();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void autoPrintsPairsWhileTheyAreFewAndSaysNothing() {
        Run auto = run("analyze", "samples/three-tier.json", "--json");
        Run pairs = run("analyze", "samples/three-tier.json", "--json", "--matrix", "pairs");
        assertThat(auto.out()).isEqualTo(pairs.out());
        assertThat(auto.err()).isEmpty();
    }

    @Test
    void noneLeavesTheMatrixOut() {
        Run r = run("analyze", "samples/s08-published-port.json", "--json", "--matrix", "none");
        JsonNode a = json(r.out());
        assertThat(a.has("matrix")).isFalse();
        assertThat(a.has("matrixClasses")).isFalse();
        for (String k : List.of("topology", "endpoints", "intents", "findings")) assertThat(a.has(k)).as(k).isTrue();
        assertThat(r.code()).isZero();
    }

    @Test
    void autoAboveTheLimitPrintsClassesAndNamesTheFlagOnStderr() {
        Run r = run("analyze", big.toString(), "--json");
        JsonNode a = json(r.out());
        assertThat(a.has("matrix")).isFalse();
        assertThat(a.has("matrixClasses")).isTrue();
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("115,680 rows").contains("--matrix pairs").contains("--matrix none");
        assertThat(rowsOf(expand(a.get("matrixClasses")))).isEqualTo(115_680);
    }

    @Test
    void classesSayExactlyWhatThePairsSay() {
        JsonNode classes = json(run("analyze", big.toString(), "--json", "--matrix", "classes").out()).get("matrixClasses");
        JsonNode pairs = json(run("analyze", big.toString(), "--json", "--matrix", "pairs").out()).get("matrix");
        Set<String> members = new HashSet<>();
        for (JsonNode c : classes.get("classes"))
            for (JsonNode m : c.get("members")) assertThat(members.add(m.asString())).as("%s is in one class only", m).isTrue();
        assertThat(members).hasSize(241);
        Map<String, String> fromClasses = expand(classes);
        Map<String, String> fromPairs = new HashMap<>();
        for (JsonNode row : pairs)
            fromPairs.put(row.get("from").asString() + " " + row.get("to").asString() + " " + row.get("probe").asString(), row.get("disposition").asString());
        assertThat(fromPairs).hasSize(115_680);
        assertThat(fromClasses).isEqualTo(fromPairs);
        assertThat(classes.get("rows").size()).as("the classes are much shorter").isLessThan(fromPairs.size() / 20);
    }

    @Test
    void textListsTheClasses() {
        Run r = run("analyze", "samples/three-tier.json", "--matrix", "classes");
        assertThat(r.out()).contains("c1 ").contains(" → c2");
        assertThat(run("analyze", "samples/three-tier.json", "--matrix", "none").out()).doesNotContain("reachability");
    }

    @Test
    void aFormThatDoesNotExistIsAUsageError() {
        Run r = run("analyze", "samples/three-tier.json", "--json", "--matrix", "all");
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("--matrix takes auto, pairs, classes or none, not 'all'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void generateTakesANetworkKind() {
        Path out = dir.resolve("flannel.json");
        Run r = run("generate", "--hosts", "2", "--containers-per-host", "4", "--cni", "flannel", "-o", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("2 flannel nodes x 4 pods");
        assertThat(DocumentCodec.load(out).all(dev.hopscope.model.Pod.class)).hasSize(8);
        Path calico = dir.resolve("calico.json");
        Run c = run("generate", "--hosts", "2", "--containers-per-host", "4", "--cni", "calico", "-o", calico.toString());
        assertThat(c.code()).isZero();
        assertThat(c.out()).contains("2 calico nodes x 4 pods");
        assertThat(DocumentCodec.load(calico).all(dev.hopscope.model.Network.class)).extracting(dev.hopscope.model.Network::driver).containsExactly("calico");
        Run bad = run("generate", "--hosts", "2", "--containers-per-host", "4", "--cni", "ovs", "-o", out.toString());
        assertThat(bad.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(bad.err()).contains("--cni takes docker, flannel, calico, cilium or weave, not 'ovs'");
    }

    @Test
    void generateTakesCiliumWithOrWithoutKubeProxyAndWeave() {
        Path cilium = dir.resolve("cilium.json");
        Run r = run("generate", "--hosts", "2", "--containers-per-host", "4", "--cni", "cilium", "-o", cilium.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("2 cilium nodes x 4 pods)");
        assertThat(DocumentCodec.load(cilium).all(dev.hopscope.model.Network.class)).extracting(n -> n.driver() + " " + n.option("kubeProxyReplacement"))
                .containsExactly("cilium false");
        Path kpr = dir.resolve("kpr.json");
        Run k = run("generate", "--hosts", "2", "--containers-per-host", "4", "--cni", "cilium", "--kube-proxy-replacement", "-o", kpr.toString());
        assertThat(k.code()).isZero();
        assertThat(k.out()).contains("2 cilium nodes x 4 pods, kube-proxy replacement)");
        assertThat(DocumentCodec.load(kpr).all(dev.hopscope.model.Network.class)).extracting(n -> n.driver() + " " + n.option("kubeProxyReplacement"))
                .containsExactly("cilium true");
        Path weave = dir.resolve("weave.json");
        Run w = run("generate", "--hosts", "2", "--containers-per-host", "4", "--cni", "weave", "-o", weave.toString());
        assertThat(w.code()).isZero();
        assertThat(DocumentCodec.load(weave).all(dev.hopscope.model.Network.class)).extracting(dev.hopscope.model.Network::driver).containsExactly("weave");
        Run wrong = run("generate", "--hosts", "2", "--containers-per-host", "4", "--cni", "flannel", "--kube-proxy-replacement", "-o", weave.toString());
        assertThat(wrong.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(wrong.err()).contains("--kube-proxy-replacement is Cilium's (--cni cilium); a flannel cluster's Services are kube-proxy's");
        assertThat(wrong.err()).doesNotContain("Exception");
    }

    /** Every pair of distinct members each class row speaks for, keyed "from to probe". */
    static Map<String, String> expand(JsonNode matrixClasses) {
        Map<String, List<String>> members = new HashMap<>();
        Map<String, String> hostOf = new HashMap<>();
        for (JsonNode c : matrixClasses.get("classes")) {
            List<String> ms = new ArrayList<>();
            for (JsonNode m : c.get("members")) {
                ms.add(m.asString());
                // generated ids are HOST-TIER-N; the client has no host
                hostOf.put(m.asString(), m.asString().contains("-") ? m.asString().substring(0, m.asString().indexOf('-')) : m.asString());
            }
            members.put(c.get("id").asString(), ms);
        }
        Map<String, String> out = new HashMap<>();
        for (JsonNode row : matrixClasses.get("rows")) {
            String hosts = row.has("hosts") ? row.get("hosts").asString() : "all";
            for (String f : members.get(row.get("from").asString()))
                for (String t : members.get(row.get("to").asString())) {
                    if (f.equals(t)) continue;
                    boolean same = hostOf.get(f).equals(hostOf.get(t));
                    if (hosts.equals("same") && !same || hosts.equals("different") && same) continue;
                    String key = f + " " + t + " " + row.get("probe").asString();
                    assertThat(out.put(key, row.get("disposition").asString())).as("%s is said once", key).isNull();
                }
        }
        return out;
    }

    static long rowsOf(Map<String, String> rows) { return rows.size(); }
}
