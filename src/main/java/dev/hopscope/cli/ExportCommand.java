package dev.hopscope.cli;

import dev.hopscope.io.export.Exporter;
import dev.hopscope.model.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.hopscope.io.DocumentException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", description = {
        "Export a document: png or svg (the canvas), dot or graphml (the topology graph),",
        "netns (a bash script that builds the compiled dataplane in Linux network namespaces: up, listen, down),",
        "mermaid (a flowchart GitHub renders) or drawio (a diagram draw.io opens and edits)."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") Path file;
    @Option(names = "--format", required = true, paramLabel = "png|svg|dot|graphml|netns|mermaid|drawio") String format;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT") Path out;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        Exporter.Format f;
        try {
            f = Exporter.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Document doc = Inputs.load(file);
        String note;
        try {
            note = Exporter.pictureNote(doc, f);
            Exporter.write(doc, f, out);
        } catch (DocumentException e) {
            throw new UsageException(out + ": " + e.problem());
        }
        spec.commandLine().getOut().println(out + ": " + f.label() + " of " + file + (note == null ? "" : " (" + note + ")"));
        return Cli.OK;
    }
}
