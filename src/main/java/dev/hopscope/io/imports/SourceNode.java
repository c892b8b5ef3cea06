package dev.hopscope.io.imports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One value of an input file with the file, line and column (1-based) where it starts: a mapping,
 * a list or a scalar. Scalars keep their text; {@code plain} says the text was unquoted, which is
 * what makes {@code 80}, {@code true} or {@code null} more than a string. Aliased YAML values
 * are shared, never copied, so an alias bomb costs no memory. Values merged from several files
 * (Compose's {@code -f a -f b}, {@code include}, {@code extends}) each keep the file they came
 * from, so every message points into the right file. {@code tag} is Compose's {@code !reset} or
 * {@code !override} merge tag, or null.
 */
final class SourceNode {

    enum Kind { MAP, LIST, SCALAR }

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    final Kind kind;
    /** The file this value was read from (null: the import's own file). */
    final String file;
    final int line;
    final int column;
    final String text;
    final boolean plain;
    final String tag;
    private final Map<String, SourceNode> entries;
    private final Map<String, SourceNode> keys;
    private final List<SourceNode> items;

    private SourceNode(Kind kind, String file, int line, int column, String text, boolean plain, String tag,
                       Map<String, SourceNode> entries, Map<String, SourceNode> keys, List<SourceNode> items) {
        this.kind = kind;
        this.file = file;
        this.line = line;
        this.column = column;
        this.text = text;
        this.plain = plain;
        this.tag = tag;
        this.entries = entries;
        this.keys = keys;
        this.items = items;
    }

    static SourceNode scalar(String text, boolean plain, int line, int column) {
        return scalar(null, text, plain, line, column);
    }

    static SourceNode scalar(String file, String text, boolean plain, int line, int column) {
        return new SourceNode(Kind.SCALAR, file, line, column, text, plain, null, Map.of(), Map.of(), List.of());
    }

    static SourceNode map(int line, int column) { return map(null, line, column); }

    static SourceNode map(String file, int line, int column) {
        return new SourceNode(Kind.MAP, file, line, column, null, false, null, new LinkedHashMap<>(), new LinkedHashMap<>(), List.of());
    }

    static SourceNode list(int line, int column) { return list(null, line, column); }

    static SourceNode list(String file, int line, int column) {
        return new SourceNode(Kind.LIST, file, line, column, null, false, null, Map.of(), Map.of(), new java.util.ArrayList<>());
    }

    /** An empty mapping or list at the same place as this value, to build a changed copy into. */
    SourceNode emptyLike() {
        return isMap() ? map(file, line, column) : isList() ? list(file, line, column) : this;
    }

    /** This scalar with other text, at the same place; interpolated text is a string, never a plain null or number. */
    SourceNode withText(String newText) {
        return new SourceNode(Kind.SCALAR, file, line, column, newText, plain && newText.equals(text), tag, Map.of(), Map.of(), List.of());
    }

    /** This value with a Compose merge tag ({@code !reset}, {@code !override}) or none. */
    SourceNode withTag(String newTag) {
        if (java.util.Objects.equals(tag, newTag)) return this;
        return new SourceNode(kind, file, line, column, text, plain, newTag, entries, keys, items);
    }

    /** Where this value was written, as {@code file:line:col}. */
    String where(String fallbackFile) { return (file == null ? fallbackFile : file) + ":" + line + ":" + column; }

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
