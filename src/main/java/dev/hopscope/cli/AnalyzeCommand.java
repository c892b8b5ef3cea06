package dev.hopscope.cli;

import dev.hopscope.io.ReportJson;
import dev.hopscope.io.ReportJson.MatrixForm;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "analyze", description = "Every intent, every finding and the reachability matrix. Exit 1 when an intent is violated or a finding is an error.")
final class AnalyzeCommand implements Callable<Integer> {
    /** {@code --matrix auto} prints every pair up to this many rows, and classes of alike endpoints above. */
    static final long AUTO_PAIRS_LIMIT = 100_000;

    /** Candidates for {@code --matrix}, as the help lists them. */
    static final class Forms extends java.util.ArrayList<String> {
        Forms() { super(List.of("auto", "pairs", "classes", "none")); }
    }

    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--json", description = "print one JSON object (SPEC section 3)") boolean json;
    @Option(names = "--matrix", paramLabel = "FORM", completionCandidates = Forms.class, defaultValue = "auto",
            description = "the reachability matrix: pairs (a row per pair of endpoints and probe), classes (classes of alike "
                    + "endpoints and a row per pair of classes), none, or auto (the default: pairs up to "
                    + "100,000 rows, classes above)")
    String matrix;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        MatrixForm form = form(matrix);
        Analysis a = Analyzer.analyze(Inputs.load(file));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            if (form == null) form = auto(a);
            ReportJson.writeAnalysis(a, form, out);
            out.println();
        } else {
            TextReport.analysis(a, form, out);
        }
        out.flush();
        return a.failing() ? Cli.FAILING : Cli.OK;
    }

    /** The form asked for, or null for auto. */
    private static MatrixForm form(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "auto": return null;
            case "pairs": return MatrixForm.PAIRS;
            case "classes": return MatrixForm.CLASSES;
            case "none": return MatrixForm.NONE;
            default: throw new UsageException("--matrix takes auto, pairs, classes or none, not '" + value + "'");
        }
    }

    /** Pairs while they are few; above, classes, and one line on stderr saying so and naming the flag. */
    private MatrixForm auto(Analysis a) {
        long rows = a.matrix().size();
        if (rows <= AUTO_PAIRS_LIMIT) return MatrixForm.PAIRS;
        spec.commandLine().getErr().printf(Locale.ROOT, "hopscope: the matrix has %,d rows (more than %,d): printing it by classes of alike endpoints "
                + "(\"matrixClasses\", %,d classes); --matrix pairs prints every row, --matrix none leaves it out%n",
                rows, AUTO_PAIRS_LIMIT, a.matrix().classCount());
        spec.commandLine().getErr().flush();
        return MatrixForm.CLASSES;
    }
}
