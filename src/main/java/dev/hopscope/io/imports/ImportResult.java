package dev.hopscope.io.imports;

import dev.hopscope.model.Document;
import java.util.List;

/**
 * An imported, laid-out document and what the import could not carry over or had to assume,
 * each warning as {@code file:line:col: message} where the place is known.
 */
public record ImportResult(Document document, List<String> warnings) {
    public ImportResult {
        warnings = List.copyOf(warnings);
    }
}
