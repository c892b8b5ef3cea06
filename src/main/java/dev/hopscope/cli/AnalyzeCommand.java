package dev.hopscope.cli;

import dev.hopscope.io.ReportJson;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "analyze", description = "Every intent, every finding and the reachability matrix. Exit 1 when an intent is violated or a finding is an error.")
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--json", description = "print one JSON object (SPEC section 3)") boolean json;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        Analysis a = Analyzer.analyze(Inputs.load(file));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ReportJson.writeAnalysis(a, out);
            out.println();
        } else {
            TextReport.analysis(a, out);
        }
        out.flush();
        return a.failing() ? Cli.FAILING : Cli.OK;
    }
}
