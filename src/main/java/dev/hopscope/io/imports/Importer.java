package dev.hopscope.io.imports;

import dev.hopscope.model.Document;
import dev.hopscope.model.Problem;
import dev.hopscope.model.Validator;
import dev.hopscope.model.layout.AutoLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports docker-compose files, Kubernetes manifests or {@code docker network inspect} JSON as
 * a laid-out document. The format is told from the content of the first file, not its name:
 * top-level {@code services} is Compose, {@code apiVersion} and {@code kind} are Kubernetes, a
 * JSON array of objects with {@code Name} and {@code IPAM} is docker network inspect. Several
 * compose files merge as {@code docker compose -f A -f B} merges them; several manifest files
 * are one set of manifests. Nothing in a file is ever executed or constructed; bad input, and
 * what Docker itself would refuse, is an {@link ImportException} naming file, line and column;
 * what is skipped or assumed comes back as warnings, each with its place. An import never
 * returns a document that does not validate.
 */
public final class Importer {

    /** Larger files are refused before they are read. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private Importer() {}

    /** One file, read as {@code docker compose} run from this process would read it (its environment is the shell's). */
    public static ImportResult importFile(Path file) {
        return importFiles(List.of(file), ImportOptions.fromProcess());
    }

    /** Files of one format; compose files merged in order, with the profiles, env files and environment given. */
    public static ImportResult importFiles(List<Path> files, ImportOptions options) {
        if (files.isEmpty()) throw new IllegalArgumentException("no file to import");
        Path first = files.get(0);
        String name = first.toString();
        String text = readText(first, name);
        Path parent = first.toAbsolutePath().getParent();
        String folder = parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
        return run(name, first, folder, text, files.subList(1, files.size()), options);
    }

    /**
     * Imports text already in memory. {@code fileName} is used in messages; {@code folderName}
     * names a Compose project whose file has no {@code name:} (null: "project"). No {@code .env}
     * is read and no other file (include, extends, a build context) can be followed.
     */
    public static ImportResult importText(String fileName, String folderName, String text) {
        return importText(fileName, folderName, text, ImportOptions.none());
    }

    public static ImportResult importText(String fileName, String folderName, String text, ImportOptions options) {
        return run(fileName, null, folderName, text, List.of(), options);
    }

    private static ImportResult run(String fileName, Path path, String folderName, String text, List<Path> more, ImportOptions options) {
        Diagnostics diag = new Diagnostics(fileName);
        List<SourceNode> docs = parse(fileName, text, diag);
        SourceNode first = docs.get(0);
        Imported imported;
        if (isInspect(first, diag)) {
            if (!more.isEmpty()) throw new ImportException(more.get(0).toString(), 1, 1, "docker network inspect output is imported one file at a time");
            imported = new InspectImporter(diag).read(first);
        } else if (first.isMap() && first.has("services")) {
            for (SourceNode extra : docs.subList(1, docs.size())) diag.warn(extra, "a second YAML document in a compose file is ignored");
            List<ComposeLoader.Source> sources = new ArrayList<>();
            sources.add(new ComposeLoader.Source(fileName, path, first));
            for (Path p : more) sources.add(new ComposeLoader.Source(p.toString(), p, readYamlDocument(p, p.toString(), diag.forFile(p.toString()))));
            Path projectDir = path == null ? null : path.toAbsolutePath().getParent();
            ComposeLoader.Model model = new ComposeLoader(diag, options).load(sources, projectDir, folderName);
            imported = new ComposeImporter(diag, options.swarmNodes()).read(model);
        } else if (docs.stream().anyMatch(d -> d.isMap() && d.has("apiVersion") && d.has("kind"))) {
            List<SourceNode> all = new ArrayList<>(docs);
            for (Path p : more) {
                Diagnostics other = diag.forFile(p.toString());
                all.addAll(parse(p.toString(), readText(p, p.toString()), other));
            }
            imported = new KubernetesImporter(diag).read(all);
        } else {
            throw diag.error(first, "not a docker-compose file (no top-level 'services'), Kubernetes manifests (no 'apiVersion' and 'kind')"
                    + " or docker network inspect output (a JSON array of networks with 'Name' and 'IPAM')");
        }
        Document laid = AutoLayout.apply(imported.document());
        refuseInvalid(laid, imported.origins(), diag);
        return new ImportResult(laid, diag.warnings());
    }

    /**
     * What an importer made: the document and, for the nodes made from the file, the value each
     * was made from, so a problem with a node can be reported at its place in the file.
     */
    record Imported(Document document, Map<String, SourceNode> origins) {}

    /** An import never writes a document that does not validate: a problem becomes an error at the node's origin. */
    private static void refuseInvalid(Document doc, Map<String, SourceNode> origins, Diagnostics diag) {
        // ids and names are one line of printable text, or the document reader refuses the file the import wrote
        for (dev.hopscope.model.Node n : doc.nodes())
            for (String text : new String[] {n.id(), n.name()})
                if (text != null && !Names.isPrintable(text))
                    throw diag.error(origins.get(n.id()), "'" + Names.shown(text) + "' holds a control character: ids and names are one line of printable text");
        List<Problem> problems = Validator.validate(doc);
        if (problems.isEmpty()) return;
        Problem p = problems.get(0);
        SourceNode at = p.node() == null ? null : origins.get(p.node());
        String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more)";
        throw diag.error(at, "the imported design would not be valid: " + p + more);
    }

    private static boolean isInspect(SourceNode first, Diagnostics diag) {
        if (!first.isList() || first.items().isEmpty()) return false;
        if (first.items().stream().allMatch(n -> n.isMap() && n.has("Name") && n.has("IPAM"))) return true;
        if (first.items().stream().allMatch(n -> n.isMap() && n.has("Name")))
            for (SourceNode n : first.items())
                if (!n.has("IPAM")) throw diag.error(n, "this looks like docker network inspect output, but the network has no IPAM");
        return false;
    }

    /** The non-empty documents of a file's text (JSON or YAML). */
    private static List<SourceNode> parse(String fileName, String text, Diagnostics diag) {
        if (text.length() > MAX_BYTES) throw new ImportException(fileName, 1, 1, "the input is larger than 10 MB");
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String trimmed = body.stripLeading();
        if (trimmed.isEmpty()) throw new ImportException(fileName, 1, 1, "the file is empty");
        List<SourceNode> docs = trimmed.startsWith("[") || trimmed.startsWith("{")
                ? List.of(new JsonTreeReader(diag).read(body))
                : new SafeYamlReader(diag).read(body);
        List<SourceNode> nonEmpty = docs.stream().filter(d -> !d.isNull()).toList();
        if (nonEmpty.isEmpty()) throw new ImportException(fileName, 1, 1, "the file holds no document");
        return nonEmpty;
    }

    /** The one YAML document of a compose file read from disk (an override, an included or an extended file). */
    static SourceNode readYamlDocument(Path file, String name, Diagnostics diag) {
        List<SourceNode> docs = parse(name, readText(file, name), diag);
        for (SourceNode extra : docs.subList(1, docs.size())) diag.warn(extra, "a second YAML document in a compose file is ignored");
        return docs.get(0);
    }

    /** A file's text: at most {@link #MAX_BYTES}, and UTF-8. */
    static String readText(Path file, String name) {
        try {
            if (Files.isDirectory(file)) throw new ImportException(name, 1, 1, "this is a folder, not a file");
            long size = Files.size(file);
            if (size > MAX_BYTES)
                throw new ImportException(name, 1, 1, "the file is " + size + " bytes; imports are limited to 10 MB (" + MAX_BYTES + " bytes)");
            return decode(name, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ImportException(name, 1, 1, "cannot read the file: " + e.getMessage());
        }
    }

    private static String decode(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ImportException(name, 1, 1, "the file is not UTF-8 text");
        }
    }
}
