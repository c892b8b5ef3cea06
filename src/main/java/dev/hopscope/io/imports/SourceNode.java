package dev.hopscope.io.imports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One value of an input file with the line and column (1-based) where it starts: a mapping, a
 * list or a scalar. Scalars keep their text; {@code plain} says the text was unquoted, which is
 * what makes {@code 80}, {@code true} or {@code null} more than a string. Aliased YAML values
 * are shared, never copied, so an alias bomb costs no memory.
 */
final class SourceNode {

    enum Kind { MAP, LIST, SCALAR }

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    final Kind kind;
    final int line;
    final int column;
    final String text;
    final boolean plain;
    private final Map<String, SourceNode> entries;
    private final Map<String, SourceNode> keys;
    private final List<SourceNode> items;

    private SourceNode(Kind kind, int line, int column, String text, boolean plain,
                       Map<String, SourceNode> entries, Map<String, SourceNode> keys, List<SourceNode> items) {
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.text = text;
        this.plain = plain;
        this.entries = entries;
        this.keys = keys;
        this.items = items;
    }

    static SourceNode scalar(String text, boolean plain, int line, int column) {
        return new SourceNode(Kind.SCALAR, line, column, text, plain, Map.of(), Map.of(), List.of());
    }

    static SourceNode map(int line, int column) {
        return new SourceNode(Kind.MAP, line, column, null, false, new LinkedHashMap<>(), new LinkedHashMap<>(), List.of());
    }

    static SourceNode list(int line, int column) {
        return new SourceNode(Kind.LIST, line, column, null, false, Map.of(), Map.of(), new java.util.ArrayList<>());
    }

    boolean isMap() { return kind == Kind.MAP; }
    boolean isList() { return kind == Kind.LIST; }
    boolean isScalar() { return kind == Kind.SCALAR; }

    /** An explicit null: {@code key:} with nothing, {@code ~} or {@code null} unquoted. */
    boolean isNull() { return kind == Kind.SCALAR && plain && NULLS.contains(text); }

    /** The value under a key of a mapping, or null when absent (or this is not a mapping). */
    SourceNode get(String key) { return entries.get(key); }

    boolean has(String key) { return entries.containsKey(key); }

    /** Where the key itself was written, for warnings about the key. */
    SourceNode keyNode(String key) { return keys.get(key); }

    Map<String, SourceNode> entries() { return Collections.unmodifiableMap(entries); }

    List<SourceNode> items() { return Collections.unmodifiableList(items); }

    // building, for the readers in this package only
    void put(String key, SourceNode keyNode, SourceNode value) {
        entries.put(key, value);
        keys.put(key, keyNode);
    }

    void add(SourceNode item) { items.add(item); }

    /** How to name this value in a message: a mapping, a list, or the scalar itself. */
    String describe() {
        if (kind == Kind.MAP) return "a mapping";
        if (kind == Kind.LIST) return "a list";
        return isNull() ? "nothing" : "'" + text + "'";
    }
}
