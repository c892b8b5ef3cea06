package dev.hopscope.bench;

import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Network;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SPEC section 5: the full analysis of 50 hosts x 100 containers (every finding, 5,000 intents and
 * the 25-million-pair matrix held by classes), the same for a Kubernetes cluster of 50 flannel
 * nodes x 100 pods with Services (flows through Services branch over endpoints) and on Calico, Cilium (with kube-proxy
 * and with its replacement) and Weave Net, one trace, and
 * re-analysis after one edit of a 500-endpoint design. Sample time, so JMH reports the median
 * (p0.50) next to the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class AnalysisBenchmark {

    Document large;
    Document flannel;
    Document calico;
    Document cilium;
    Document ciliumKpr;
    Document weave;
    Network largeNet;
    Document medium;
    Document mediumEdited;
    String from;
    String to;
    Probe probe;

    @Setup(Level.Trial)
    public void setUp() {
        large = SyntheticTopology.generate(50, 100, false);
        flannel = SyntheticTopology.generate(50, 100, SyntheticTopology.Cni.FLANNEL, false);
        calico = SyntheticTopology.generate(50, 100, SyntheticTopology.Cni.CALICO, false);
        cilium = SyntheticTopology.generate(50, 100, SyntheticTopology.Cni.CILIUM, false);
        ciliumKpr = SyntheticTopology.generate(50, 100, SyntheticTopology.Cni.CILIUM, false, true);
        weave = SyntheticTopology.generate(50, 100, SyntheticTopology.Cni.WEAVE, false);
        largeNet = Network.compile(large);
        medium = SyntheticTopology.generate(5, 100, false);
        // one edit, as a user makes it in the inspector: a container gains a listening socket
        Container c = medium.all(Container.class).get(7);
        List<Socket> sockets = new ArrayList<>(c.sockets());
        sockets.add(Socket.tcp(9090));
        mediumEdited = medium.with(c.withSockets(sockets));
        // a flow that is delivered and answered: the longest kind of trace (request and reply)
        for (dev.hopscope.model.Intent i : large.all(dev.hopscope.model.Intent.class)) {
            Trace t = largeNet.trace(i.from(), i.to(), i.probe());
            if (t.disposition().isSuccessful() && t.hops().size() >= 5) { from = i.from(); to = i.to(); probe = i.probe(); break; }
        }
        if (from == null) throw new IllegalStateException("the generated design has no delivered intent to trace");
    }

    /** Compile plus every intent, finding and matrix class of 5,000 endpoints (the matrix forced). */
    @Benchmark
    public long fullAnalysis5000() {
        return Analyzer.analyze(large).matrix().size();
    }

    /** The same for 50 flannel nodes x 100 pods: Services with an endpoint on every node, a NodePort over every web pod. */
    @Benchmark
    public long fullAnalysisFlannel5000() {
        return Analyzer.analyze(flannel).matrix().size();
    }

    /** The same cluster on Calico: pods routed natively, each node's block learned by BGP. */
    @Benchmark
    public long fullAnalysisCalico5000() {
        return Analyzer.analyze(calico).matrix().size();
    }

    /** The same cluster on Cilium (VXLAN, a podCIDR per node), Services translated by kube-proxy on the nodes. */
    @Benchmark
    public long fullAnalysisCilium5000() {
        return Analyzer.analyze(cilium).matrix().size();
    }

    /** The same with Cilium's kube-proxy replacement: every Service translated at the client's socket, every node's socket load balancer holding every frontend. */
    @Benchmark
    public long fullAnalysisCiliumKpr5000() {
        return Analyzer.analyze(ciliumKpr).matrix().size();
    }

    /** The same cluster on Weave Net: one L2 segment over the 50 nodes, the fast datapath between them. */
    @Benchmark
    public long fullAnalysisWeave5000() {
        return Analyzer.analyze(weave).matrix().size();
    }

    /** One delivered flow with its hop list and reply (from the design's intents), on the compiled 5,000-endpoint design. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Trace oneTrace() {
        return largeNet.trace(from, to, probe);
    }

    /** What the designer's live flags need after an edit of a 500-endpoint design: compile, intents, findings. */
    @Benchmark
    public Analysis reanalysisAfterOneEdit500() {
        return Analyzer.analyze(mediumEdited);
    }

    /** The same, with the reachability matrix of the 500 endpoints computed too (what the matrix view shows). */
    @Benchmark
    public long reanalysisWithMatrix500() {
        return Analyzer.analyze(mediumEdited).matrix().size();
    }
}
