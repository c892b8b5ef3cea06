package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.DocumentException;
import dev.hopscope.model.Document;
import dev.hopscope.model.Problem;
import dev.hopscope.model.Validator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Loading a document for a command: parse errors and structural problems become one clear message. */
final class Inputs {
    private Inputs() {}

    static Document load(Path file) {
        if (!Files.exists(file)) throw new UsageException(file + ": no such file");
        Document doc;
        try {
            doc = DocumentCodec.load(file);
        } catch (DocumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<Problem> problems = Validator.validate(doc);
        if (!problems.isEmpty())
            throw new UsageException(problems.stream().map(p -> file + ":" + position(file, p.node()) + ": " + p)
                    .collect(Collectors.joining("\n")));
        return doc;
    }

    /** line:col of the node's "id" in the file (our writer puts each node's id on its own line), or 1:1. */
    static String position(Path file, String nodeId) {
        if (nodeId == null) return "1:1";
        try {
            String text = Files.readString(file);
            Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"" + Pattern.quote(nodeId) + "\"").matcher(text);
            if (!m.find()) return "1:1";
            int line = 1, col = 1;
            for (int i = 0; i < m.start(); i++) {
                if (text.charAt(i) == '\n') { line++; col = 1; } else col++;
            }
            return line + ":" + col;
        } catch (java.io.IOException e) {
            return "1:1";
        }
    }
}
