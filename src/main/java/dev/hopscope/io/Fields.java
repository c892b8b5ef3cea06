package dev.hopscope.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.hopscope.model.Probe;

/**
 * Typed, strict access to one JSON object of a document, with errors that point at the value
 * at fault. JSON null counts as absent, so optional fields may be written either way.
 */
final class Fields {

    private final String source;
    private final Located object;
    /** What the object is, for messages: host "h1", a socket, the layout. */
    private final String what;

    private Fields(String source, Located object, String what) {
        this.source = source;
        this.object = object;
        this.what = what;
    }

    /** Wraps a value that must be an object; {@code role} names it in the error otherwise. */
    static Fields of(String source, Located value, String what, String role) {
        if (value.type != Located.Type.OBJECT)
            throw new DocumentException(source, value.line, value.column, role + " must be an object, not " + value.shown());
        return new Fields(source, value, what);
    }

    String what() { return what; }

    Located located() { return object; }

    DocumentException error(Located at, String message) {
        return new DocumentException(source, at.line, at.column, message);
    }

    DocumentException error(String message) { return error(object, message); }

    /** Strictness catches typos: "mtus" is an error naming the field, not a silently lost value. */
    Fields allow(Set<String> known) {
        for (Located.Member m : object.members.values())
            if (!known.contains(m.name()))
                throw new DocumentException(source, m.line(), m.column(), "unknown field \"" + m.name() + "\" in " + what
                        + " (known fields: " + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
        return this;
    }

    boolean has(String name) {
        Located.Member m = object.members.get(name);
        return m != null && m.value().type != Located.Type.NULL;
    }

    Located get(String name) {
        Located.Member m = object.members.get(name);
        return m == null || m.value().type == Located.Type.NULL ? null : m.value();
    }

    String string(String name) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.STRING) throw error(v, quote(name) + " must be a string, not " + v.shown());
        return v.text;
    }

    String requiredString(String name) {
        String s = string(name);
        if (s == null) throw error(what + " has no " + quote(name));
        return s;
    }

    int integer(String name, int absent) {
        Located v = get(name);
        return v == null ? absent : toInt(name, v);
    }

    Integer optionalInteger(String name) {
        Located v = get(name);
        return v == null ? null : toInt(name, v);
    }

    private int toInt(String name, Located v) {
        if (v.type == Located.Type.INTEGER && v.integer >= Integer.MIN_VALUE && v.integer <= Integer.MAX_VALUE)
            return (int) v.integer;
        if (v.type == Located.Type.INTEGER || v.type == Located.Type.BIG_INTEGER)
            throw error(v, quote(name) + " is out of range: " + v.shown());
        if (v.type == Located.Type.DECIMAL) throw error(v, quote(name) + " must be a whole number, not " + v.shown());
        throw error(v, quote(name) + " must be a number, not " + v.shown());
    }

    double decimal(String name, double absent) {
        Located v = get(name);
        if (v == null) return absent;
        if (v.type == Located.Type.INTEGER || v.type == Located.Type.DECIMAL) {
            if (Double.isFinite(v.decimal)) return v.decimal;
            throw error(v, quote(name) + " is too large: " + v.shown());
        }
        if (v.type == Located.Type.BIG_INTEGER) throw error(v, quote(name) + " is too large: " + v.shown());
        throw error(v, quote(name) + " must be a number, not " + v.shown());
    }

    double requiredDecimal(String name) {
        if (!has(name)) throw error(what + " has no " + quote(name));
        return decimal(name, 0);
    }

    Boolean bool(String name) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.BOOLEAN) throw error(v, quote(name) + " must be true or false, not " + v.shown());
        return v.bool;
    }

    boolean bool(String name, boolean absent) {
        Boolean b = bool(name);
        return b == null ? absent : b;
    }

    /** An enum written in its label form (k8s-node, ClusterIP), matched case-insensitively. */
    <E extends Enum<E>> E choice(String name, E[] values, Function<E, String> label) {
        String s = string(name);
        if (s == null) return null;
        for (E e : values) if (label.apply(e).equalsIgnoreCase(s) || e.name().equalsIgnoreCase(s)) return e;
        List<String> allowed = new ArrayList<>();
        for (E e : values) allowed.add(label.apply(e));
        throw error(get(name), quote(name) + " must be one of " + String.join(", ", allowed) + ", not \"" + s + "\"");
    }

    Probe probe(String name) {
        String s = string(name);
        if (s == null) return null;
        try {
            return Probe.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(get(name), quote(name) + ": " + e.getMessage());
        }
    }

    List<String> strings(String name) {
        Located v = list(name);
        if (v == null) return null;
        List<String> out = new ArrayList<>(v.items.size());
        for (Located item : v.items) {
            if (item.type != Located.Type.STRING)
                throw error(item, "each entry of " + quote(name) + " must be a string, not " + item.shown());
            out.add(item.text);
        }
        return out;
    }

    /** A string-to-string map (labels, selectors); null when absent, so "unset" and "{}" stay apart. */
    Map<String, String> stringMap(String name) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.OBJECT) throw error(v, quote(name) + " must be an object of strings, not " + v.shown());
        Map<String, String> out = new TreeMap<>();
        for (Located.Member m : v.members.values()) {
            if (m.value().type != Located.Type.STRING)
                throw error(m.value(), quote(name + "." + m.name()) + " must be a string, not " + m.value().shown());
            out.put(m.name(), m.value().text);
        }
        return out;
    }

    /** A list of objects, each mapped by {@code read}; errors inside name the list entry. */
    <T> List<T> objects(String name, String itemWhat, Function<Fields, T> read) {
        Located v = list(name);
        if (v == null) return null;
        List<T> out = new ArrayList<>(v.items.size());
        for (Located item : v.items) {
            Fields f = of(source, item, itemWhat + " in " + what, "each entry of " + quote(name));
            out.add(f.build(read));
        }
        return out;
    }

    Fields object(String name, String objectWhat) {
        Located v = get(name);
        return v == null ? null : of(source, v, objectWhat, quote(name));
    }

    /** Runs a record constructor; a value it refuses becomes an error at this object. */
    <T> T build(Function<Fields, T> read) {
        try {
            return read.apply(this);
        } catch (IllegalArgumentException e) {
            throw error(what + ": " + e.getMessage());
        }
    }

    private Located list(String name) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.ARRAY) throw error(v, quote(name) + " must be a list, not " + v.shown());
        return v;
    }

    private static String quote(String name) { return '"' + name + '"'; }
}
