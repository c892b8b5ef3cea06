package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.hopscope.io.DocumentException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "generate", description = "A synthetic design: N hosts with M containers (or pods) each in four tiers, with intents, laid out (for benchmarks and demos).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--hosts", required = true, paramLabel = "N") int hosts;
    @Option(names = "--containers-per-host", required = true, paramLabel = "M") int containersPerHost;
    @Option(names = "--overlay", description = "Docker hosts: attach each host's first group to one VXLAN overlay across the hosts as well") boolean overlay;
    @Option(names = "--cni", paramLabel = "KIND", defaultValue = "docker", completionCandidates = Kinds.class,
            description = "the network kind: docker (the default: Docker hosts with docker0 and a user-defined bridge) or "
                    + "flannel (Kubernetes nodes with flannel VXLAN, Services and a NodePort) or calico (the same cluster on Calico: pods routed natively, blocks learned by BGP) "
                    + "or cilium (on Cilium: VXLAN, a podCIDR per node) or weave (on Weave Net: one L2 segment, the fast datapath)")
    String cni;
    @Option(names = "--kube-proxy-replacement", description = "with --cni cilium: Cilium replaces kube-proxy, translating Services at the client's socket (no DNAT on a node)")
    boolean kubeProxyReplacement;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE") Path out;
    @Spec CommandSpec spec;

    /** Candidates for {@code --cni}, as the help lists them. */
    static final class Kinds extends java.util.ArrayList<String> {
        Kinds() { for (SyntheticTopology.Cni k : SyntheticTopology.Cni.values()) add(k.label()); }
        /** "docker, flannel, calico, cilium or weave". */
        static String words() {
            List<String> all = new Kinds();
            return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        }
    }

    @Override public Integer call() {
        SyntheticTopology.Cni kind = java.util.Arrays.stream(SyntheticTopology.Cni.values()).filter(k -> k.label().equalsIgnoreCase(cni)).findFirst()
                .orElseThrow(() -> new UsageException("--cni takes " + Kinds.words() + ", not '" + cni + "'"));
        Document doc;
        try {
            doc = SyntheticTopology.generate(hosts, containersPerHost, kind, overlay, kubeProxyReplacement);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            DocumentCodec.save(doc, out);
        } catch (DocumentException e) {
            throw new UsageException(out + ": " + e.problem());
        }
        spec.commandLine().getOut().println(out + ": " + doc.nodes().size() + " nodes (" + (kind == SyntheticTopology.Cni.DOCKER
                ? hosts + " hosts x " + containersPerHost + " containers" + (overlay ? ", overlay" : "")
                : hosts + " " + kind.label() + " nodes x " + containersPerHost + " pods" + (kubeProxyReplacement ? ", kube-proxy replacement" : "")) + ")");
        return Cli.OK;
    }
}
