package dev.hopscope.io.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading typed values out of a {@link SourceNode} tree of one file: a value of the wrong shape
 * is an {@link ImportException} at its place, and what is skipped or assumed is a warning at its
 * place. One instance per imported file.
 */
final class Diagnostics {

    private final String file;
    private final List<String> warnings;

    Diagnostics(String file) { this(file, new ArrayList<>()); }

    private Diagnostics(String file, List<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /** The same import read on in another file: values read through it name that file; warnings are shared. */
    Diagnostics forFile(String otherFile) {
        return new Diagnostics(otherFile, warnings);
    }

    String file() { return file; }

    List<String> warnings() { return List.copyOf(warnings); }

    ImportException error(SourceNode at, String what) {
        return at == null ? new ImportException(file, 1, 1, what) : new ImportException(fileOf(at), at.line, at.column, what);
    }

    /** A warning at a place; without one it points at the start of the file, so every warning has a line and column. */
    void warn(SourceNode at, String what) {
        warnings.add(at == null ? file + ":1:1: " + what : at.where(file) + ": " + what);
    }

    /** The file a value was read from. */
    String fileOf(SourceNode at) { return at == null || at.file == null ? file : at.file; }

    /** Warns once per key of {@code map} that is neither known nor an {@code x-} extension. */
    void unknownKeys(SourceNode map, Set<String> known, String where, boolean extensions) {
        if (map == null || !map.isMap()) return;
        for (String key : map.entries().keySet()) {
            if (known.contains(key) || (extensions && key.startsWith("x-"))) continue;
            warn(map.keyNode(key), "unknown key '" + key + "' in " + where + " (ignored)");
        }
    }

    /** A mapping, or null when absent or written as null; anything else is an error. */
    SourceNode map(SourceNode n, String what) {
        if (n == null || n.isNull()) return null;
        if (!n.isMap()) throw error(n, what + " must be a mapping, not " + n.describe());
        return n;
    }

    /** A list, or null when absent or null; anything else is an error. */
    SourceNode list(SourceNode n, String what) {
        if (n == null || n.isNull()) return null;
        if (!n.isList()) throw error(n, what + " must be a list, not " + n.describe());
        return n;
    }

    /** The items of a list; an absent or null list has none. */
    List<SourceNode> items(SourceNode n, String what) {
        SourceNode l = list(n, what);
        return l == null ? List.of() : l.items();
    }

    /** A scalar's text, or null when absent or null. */
    String string(SourceNode n, String what) {
        if (n == null || n.isNull()) return null;
        if (!n.isScalar()) throw error(n, what + " must be a single value, not " + n.describe());
        return n.text;
    }

    String requiredString(SourceNode parent, String key, String what) {
        SourceNode n = parent.get(key);
        String s = string(n, what);
        if (s == null || s.isBlank()) throw error(n == null ? parent : n, what + " is missing ('" + key + "')");
        return s;
    }

    /** A whole number from min to max, or {@code dflt} when absent. */
    int integer(SourceNode n, String what, int min, int max, int dflt) {
        String s = string(n, what);
        if (s == null) return dflt;
        int v;
        try {
            v = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw error(n, what + " must be a whole number, not " + n.describe());
        }
        if (v < min || v > max) throw error(n, what + " " + v + " is outside " + min + ".." + max);
        return v;
    }

    /** true or false (YAML 1.2 spelling, any case; Compose also writes them quoted). */
    boolean bool(SourceNode n, String what, boolean dflt) {
        String s = string(n, what);
        if (s == null) return dflt;
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
        throw error(n, what + " must be true or false, not " + n.describe());
    }

    /** A list of scalars, or a single scalar read as a one-item list. */
    List<String> strings(SourceNode n, String what) {
        if (n == null || n.isNull()) return List.of();
        if (n.isScalar()) return List.of(n.text);
        List<String> out = new ArrayList<>();
        for (SourceNode item : items(n, what)) {
            String s = string(item, what);
            if (s != null) out.add(s);
        }
        return out;
    }
}
