package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.imports.ImportException;
import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.io.imports.Importer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", description = "A docker-compose file, Kubernetes manifests or docker network inspect JSON, to a laid-out Hopscope document.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "where to write the document") Path out;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        if (!Files.exists(file)) throw new UsageException(file + ": no such file");
        ImportResult result;
        try {
            result = Importer.importFile(file);
        } catch (ImportException e) {
            throw new UsageException(e.getMessage());
        }
        // warnings go to stderr so that scripts can keep stdout for the summary
        for (String w : result.warnings()) spec.commandLine().getErr().println("warning: " + w);
        try {
            DocumentCodec.save(result.document(), out);
        } catch (UncheckedIOException e) {
            throw new UsageException(out + ": cannot write: " + e.getMessage());
        }
        spec.commandLine().getOut().println(file + " -> " + out + ": " + result.document().nodes().size() + " nodes, "
                + result.warnings().size() + " warning" + (result.warnings().size() == 1 ? "" : "s"));
        return Cli.OK;
    }
}
