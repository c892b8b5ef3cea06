package dev.hopscope.cli;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.DocumentException;
import dev.hopscope.model.Document;
import dev.hopscope.model.Problem;
import dev.hopscope.model.Validator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            throw new UsageException(problems.stream().map(p -> file + ":" + position(file, p.node(), p.field()) + ": " + p)
                    .collect(Collectors.joining("\n")));
        return doc;
    }

    /** line:col of the problem's field in its node (or of the node), as the file has it; 1:1 when it has no place. */
    static String position(Path file, String nodeId, String field) {
        return DocumentCodec.locate(file, nodeId, field).map(DocumentCodec.Position::toString).orElse("1:1");
    }
}
