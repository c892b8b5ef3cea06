package dev.hopscope.cli;

import dev.hopscope.model.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Load and check a document; exit 0, or 2 with a message naming the file, line and column.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        Document doc = Inputs.load(file);
        spec.commandLine().getOut().println(file + ": valid (" + doc.nodes().size() + " nodes)");
        return Cli.OK;
    }
}
