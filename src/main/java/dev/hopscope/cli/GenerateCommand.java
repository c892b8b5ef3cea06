package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", description = "A synthetic design: N hosts with M containers each in four tiers, with intents, laid out (for benchmarks and demos).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--hosts", required = true, paramLabel = "N") int hosts;
    @Option(names = "--containers-per-host", required = true, paramLabel = "M") int containersPerHost;
    @Option(names = "--overlay", description = "attach every container to one VXLAN overlay across the hosts as well") boolean overlay;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE") Path out;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        Document doc;
        try {
            doc = SyntheticTopology.generate(hosts, containersPerHost, overlay);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            DocumentCodec.save(doc, out);
        } catch (UncheckedIOException e) {
            throw new UsageException(out + ": cannot write: " + e.getMessage());
        }
        spec.commandLine().getOut().println(out + ": " + doc.nodes().size() + " nodes (" + hosts + " hosts x " + containersPerHost + " containers"
                + (overlay ? ", overlay" : "") + ")");
        return Cli.OK;
    }
}
