package dev.hopscope.ui;

import dev.hopscope.io.export.Exporter;
import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.io.imports.Importer;
import dev.hopscope.model.Document;
import dev.hopscope.ui.files.Prompts;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File › Import and File › Export: what other tools wrote becomes a document (through the
 * importers' public entry point), and the document becomes a picture, a graph or a lab script
 * (through the exporter, one menu item per format it lists). Both run as {@link Work} off the
 * JavaFX thread; a failure is shown as the reader's or writer's own message (file:line:col:
 * what), and an import's warnings in a dialog the user can read and copy.
 */
public final class Transfers {
    private final Commands commands;
    private final AppState state;
    private final Prompts prompts;
    private final Work work;

    Transfers(Commands commands, AppState state, Prompts prompts, Work work) {
        this.commands = commands;
        this.state = state;
        this.prompts = prompts;
        this.work = work;
    }

    /** File › Import: asks about unsaved work, then for the file. */
    public void importFile() {
        if (!commands.confirmDiscard()) return;
        prompts.chooseFileToImport(state.file().get()).ifPresent(this::importNow);
    }

    /** Imports a file whose unsaved predecessor has been dealt with already (File › Open on a YAML file comes here). */
    void importNow(Path file) {
        String name = String.valueOf(file.getFileName());
        work.run("Importing " + name + "…", () -> Importer.importFile(file), (ImportResult r) -> {
            commands.showImported(r.document(), file);
            if (!r.warnings().isEmpty())
                prompts.showLines("Import warnings", name + ": " + r.warnings().size() + (r.warnings().size() == 1 ? " warning" : " warnings")
                        + ". The import went ahead; this is what it could not carry over or had to assume.", r.warnings());
        }, why -> prompts.error("Cannot import " + name, why));
    }

    /** File › Export › one format: asks where, then writes the current document off the JavaFX thread. */
    public void export(Exporter.Format format) {
        String what = title(format);
        String suggested = baseName(commands.displayName()) + "." + extension(format);
        prompts.chooseExportTarget(state.file().get(), suggested, what, extension(format)).ifPresent(out -> {
            Document doc = state.current();
            String name = String.valueOf(out.getFileName());
            work.run("Exporting " + name + "…", () -> {
                Exporter.write(doc, format, out);
                return out;
            }, written -> state.message().set("Exported " + what + " to " + written), why -> prompts.error("Cannot export " + name, why));
        });
    }

    /**
     * Whether File › Open should import this file rather than read it as a document: YAML (a
     * compose file, Kubernetes manifests), or JSON whose top level is an array (docker network
     * inspect output; a Hopscope document is an object).
     */
    static boolean isForeign(Path file) {
        String n = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (n.endsWith(".yml") || n.endsWith(".yaml")) return true;
        if (!n.endsWith(".json") || !Files.isRegularFile(file)) return false;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int c; (c = r.read()) >= 0; ) {
                if (c == '\uFEFF' || Character.isWhitespace(c)) continue;
                return c == '[';
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the document reader says why
        }
        return false;
    }

    /** The menu's words for a format, from its label, so formats added to the exporter get a readable item. */
    public static String title(Exporter.Format format) {
        switch (format.label()) {
            case "png": return "PNG picture";
            case "svg": return "SVG picture";
            case "dot": return "Graphviz DOT graph";
            case "graphml": return "GraphML graph";
            case "netns": return "Network-namespace lab script";
            case "mermaid": return "Mermaid flowchart";
            case "drawio": return "draw.io diagram";
            default: return format.label().toUpperCase(Locale.ROOT) + " file";
        }
    }

    /** The file name ending a format is usually saved with. */
    public static String extension(Exporter.Format format) {
        switch (format.label()) {
            case "netns": return "sh";
            case "mermaid": return "mmd";
            default: return format.label();
        }
    }

    private static String baseName(String fileName) {
        String base = fileName.replaceFirst("\\.(hopscope|json|ya?ml)$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
        return base.isBlank() ? "untitled" : base;
    }
}
