package dev.hopscope.io.imports;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON into a {@link SourceNode} tree with Jackson's streaming parser, keeping each
 * value's line and column. JSON is read strictly (no comments, no trailing commas), nesting is
 * bounded like YAML's, and a value after the first one is an error.
 */
final class JsonTreeReader {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Diagnostics diag;

    JsonTreeReader(Diagnostics diag) { this.diag = diag; }

    SourceNode read(String text) {
        try (JsonParser p = MAPPER.createParser(text)) {
            SourceNode root = null;
            Deque<SourceNode> open = new ArrayDeque<>();
            Deque<SourceNode> keys = new ArrayDeque<>();
            SourceNode pendingKey = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                TokenStreamLocation loc = p.currentTokenLocation();
                int line = loc.getLineNr(), col = loc.getColumnNr();
                if (t == JsonToken.PROPERTY_NAME) {
                    pendingKey = SourceNode.scalar(diag.file(), p.currentName(), false, line, col);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    SourceNode done = open.pop();
                    SourceNode key = keys.pop();
                    if (open.isEmpty()) root = done; else attach(open.peek(), key, done);
                    pendingKey = null;
                    continue;
                }
                SourceNode n;
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (open.size() >= SafeYamlReader.MAX_DEPTH)
                        throw new ImportException(diag.file(), line, col, "the input nests deeper than " + SafeYamlReader.MAX_DEPTH + " levels");
                    if (root != null) throw new ImportException(diag.file(), line, col, "more than one JSON value in the file");
                    n = t == JsonToken.START_OBJECT ? SourceNode.map(diag.file(), line, col) : SourceNode.list(diag.file(), line, col);
                    open.push(n);
                    keys.push(pendingKey == null ? n : pendingKey);
                    pendingKey = null;
                    continue;
                }
                if (t == JsonToken.VALUE_STRING) n = SourceNode.scalar(diag.file(), p.getString(), false, line, col);
                else if (t == JsonToken.VALUE_NULL) n = SourceNode.scalar(diag.file(), "null", true, line, col);
                else n = SourceNode.scalar(diag.file(), p.getText(), true, line, col);
                if (open.isEmpty()) {
                    if (root != null) throw new ImportException(diag.file(), line, col, "more than one JSON value in the file");
                    root = n;
                } else attach(open.peek(), pendingKey, n);
                pendingKey = null;
            }
            if (root == null) throw new ImportException(diag.file(), 1, 1, "the file is empty");
            return root;
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            int line = loc == null || loc.getLineNr() < 1 ? 1 : loc.getLineNr();
            int col = loc == null || loc.getColumnNr() < 1 ? 1 : loc.getColumnNr();
            throw new ImportException(diag.file(), line, col, "not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    private void attach(SourceNode parent, SourceNode key, SourceNode value) {
        if (parent.isList()) { parent.add(value); return; }
        if (parent.has(key.text)) throw diag.error(key, "the key '" + key.text + "' appears twice in this object");
        parent.put(key.text, key, value);
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
