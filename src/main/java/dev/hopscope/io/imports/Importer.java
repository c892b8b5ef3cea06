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

/**
 * Imports a docker-compose file, Kubernetes manifests or {@code docker network inspect} JSON as
 * a laid-out document. The format is told from the content, not the file name: top-level
 * {@code services} is Compose, {@code apiVersion} and {@code kind} are Kubernetes, a JSON array
 * of objects with {@code Name} and {@code IPAM} is docker network inspect. Nothing in the file is
 * ever executed or constructed; bad input is an {@link ImportException} naming file, line and
 * column; what is skipped or assumed comes back as warnings.
 */
public final class Importer {

    /** Larger files are refused before they are read. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private Importer() {}

    public static ImportResult importFile(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES)
                throw new ImportException(name, 1, 1, "the file is " + (size / (1024 * 1024)) + " MB; imports are limited to "
                        + (MAX_BYTES / (1024 * 1024)) + " MB");
            Path parent = file.toAbsolutePath().getParent();
            String folder = parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
            return importText(name, folder, decode(name, Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new ImportException(name, 1, 1, "cannot read the file: " + e.getMessage());
        }
    }

    /**
     * Imports text already in memory. {@code fileName} is used in messages; {@code folderName}
     * names a Compose project whose file has no {@code name:} (null: "project").
     */
    public static ImportResult importText(String fileName, String folderName, String text) {
        Diagnostics diag = new Diagnostics(fileName);
        if (text.length() > MAX_BYTES) throw new ImportException(fileName, 1, 1, "the input is larger than 10 MB");
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String trimmed = body.stripLeading();
        if (trimmed.isEmpty()) throw new ImportException(fileName, 1, 1, "the file is empty");

        Document doc;
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            SourceNode root = new JsonTreeReader(diag).read(body);
            doc = fromTree(diag, folderName, List.of(root));
        } else {
            doc = fromTree(diag, folderName, new SafeYamlReader(diag).read(body));
        }
        Document laid = AutoLayout.apply(doc);
        List<String> warnings = new ArrayList<>(diag.warnings());
        for (Problem p : Validator.validate(laid)) warnings.add(fileName + ": the imported design has a problem: " + p);
        return new ImportResult(laid, warnings);
    }

    private static Document fromTree(Diagnostics diag, String folderName, List<SourceNode> documents) {
        List<SourceNode> docs = documents.stream().filter(d -> !d.isNull()).toList();
        if (docs.isEmpty()) throw new ImportException(diag.file(), 1, 1, "the file holds no document");
        SourceNode first = docs.get(0);
        if (first.isList() && !first.items().isEmpty() && first.items().stream().allMatch(n -> n.isMap() && n.has("Name") && n.has("IPAM")))
            return new InspectImporter(diag).read(first);
        if (first.isList() && !first.items().isEmpty() && first.items().stream().allMatch(n -> n.isMap() && n.has("Name")))
            for (SourceNode n : first.items())
                if (!n.has("IPAM")) throw diag.error(n, "this looks like docker network inspect output, but the network has no IPAM");
        if (first.isMap() && first.has("services")) {
            for (SourceNode extra : docs.subList(1, docs.size())) diag.warn(extra, "a second YAML document in a compose file is ignored");
            return new ComposeImporter(diag, folderName).read(first);
        }
        for (SourceNode d : docs)
            if (d.isMap() && d.has("apiVersion") && d.has("kind")) return new KubernetesImporter(diag).read(docs);
        throw diag.error(first, "not a docker-compose file (no top-level 'services'), Kubernetes manifests (no 'apiVersion' and 'kind')"
                + " or docker network inspect output (a JSON array of networks with 'Name' and 'IPAM')");
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
