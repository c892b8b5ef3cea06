package dev.hopscope.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.hopscope.model.Box;
import dev.hopscope.model.Probe;

/**
 * Typed, strict access to one JSON object of a document, with errors that point at the value
 * at fault. JSON null counts as absent, so optional fields may be written either way.
 */
final class Fields {

    private final Located object;
    // what the object is, for messages ("a socket in container "web""): assembled only when an
    // error needs it, since loading a large file would otherwise build a string per object
    private final String label;
    private final String labelId;
    private final Fields parent;
    /** The fields this object may have; checked by {@link #done()}. */
    private Set<String> known;
    /** Bit i set: member i was read (objects with more than 64 members are never all known). */
    private long read;

    private Fields(Located object, String label, String labelId, Fields parent) {
        this.object = object;
        this.label = label;
        this.labelId = labelId;
        this.parent = parent;
    }

    /** Wraps a value that must be an object; {@code role} names it in the error otherwise. */
    static Fields of(Located value, String what, String role) {
        if (value.type != Located.Type.OBJECT) throw new Misplaced(value.token, role + " must be an object, not " + value.shown());
        return new Fields(value, what, null, null);
    }

    /** The same object, now known as {@code label "id"} (a node once its kind and id are read). */
    Fields named(String newLabel, String id) {
        return new Fields(object, newLabel, id, parent);
    }

    String what() {
        String own = labelId == null ? label : label + " \"" + labelId + "\"";
        return parent == null ? own : own + " in " + parent.what();
    }

    Located located() { return object; }

    Misplaced error(Located at, String message) {
        return new Misplaced(at.token, message);
    }

    Misplaced error(String message) { return error(object, message); }

    /** Declares the fields this object may have; {@link #done()} (run by {@link #build}) checks them. */
    Fields allow(Set<String> fields) {
        this.known = fields;
        return this;
    }

    /**
     * Strictness catches typos: "mtus" is an error naming the field, not a silently lost value.
     * Only members the mapping did not read are looked up, so valid files pay almost nothing.
     */
    void done() {
        if (known == null) return;
        String[] names = object.names();
        for (int i = 0; i < names.length; i++) {
            if (i < 64 && (read & (1L << i)) != 0) continue;
            if (!known.contains(names[i]))
                throw new Misplaced(object.nameToken(i), "unknown field \"" + names[i] + "\" in " + what()
                        + " (known fields: " + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /**
     * The member's value, or null when absent or JSON null. Names are compared by identity first:
     * the parser interns property names, so a field name in this code is the very same string.
     */
    Located get(String name) {
        String[] names = object.names();
        int at = -1;
        for (int i = 0; i < names.length; i++) if (names[i] == name) { at = i; break; }
        if (at < 0) for (int i = 0; i < names.length; i++) if (names[i].equals(name)) { at = i; break; }
        if (at < 0) return null;
        if (at < 64) read |= 1L << at;
        Located v = object.values()[at];
        return v.type == Located.Type.NULL ? null : v;
    }

    String string(String name) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.STRING) throw error(v, quote(name) + " must be a string, not " + v.shown());
        return v.text();
    }

    String requiredString(String name) {
        String s = string(name);
        if (s == null) throw error(what() + " has no " + quote(name));
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
        if (v.type == Located.Type.INTEGER && v.integer() >= Integer.MIN_VALUE && v.integer() <= Integer.MAX_VALUE)
            return (int) v.integer();
        if (v.type == Located.Type.INTEGER || v.type == Located.Type.BIG_INTEGER)
            throw error(v, quote(name) + " is out of range: " + v.shown());
        if (v.type == Located.Type.DECIMAL) throw error(v, quote(name) + " must be a whole number, not " + v.shown());
        throw error(v, quote(name) + " must be a number, not " + v.shown());
    }

    double decimal(String name, double absent) {
        Located v = get(name);
        if (v == null) return absent;
        if (v.type == Located.Type.INTEGER || v.type == Located.Type.DECIMAL) {
            if (Double.isFinite(v.decimal())) return v.decimal();
            throw error(v, quote(name) + " is too large: " + v.shown());
        }
        if (v.type == Located.Type.BIG_INTEGER) throw error(v, quote(name) + " is too large: " + v.shown());
        throw error(v, quote(name) + " must be a number, not " + v.shown());
    }

    double requiredDecimal(String name) {
        if (!has(name)) throw error(what() + " has no " + quote(name));
        return decimal(name, 0);
    }

    /** A box coordinate: required, within ±{@link Box#LIMIT}, so a picture of the layout stays computable. */
    double coordinate(String name) {
        double v = requiredDecimal(name);
        if (Math.abs(v) > Box.LIMIT)
            throw error(get(name), quote(name) + " = " + get(name).shown() + " is too far out: coordinates lie within ±"
                    + (long) Box.LIMIT + " canvas units");
        return v;
    }

    /** A box size: 0 when absent, otherwise from 0 to {@link Box#LIMIT}. */
    double size(String name) {
        double v = decimal(name, 0);
        if (v < 0) throw error(get(name), quote(name) + " = " + get(name).shown() + " is negative; a size is 0 or more");
        if (v > Box.LIMIT)
            throw error(get(name), quote(name) + " = " + get(name).shown() + " is too large: sizes lie within 0.."
                    + (long) Box.LIMIT + " canvas units");
        return v;
    }

    Boolean bool(String name) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.BOOLEAN) throw error(v, quote(name) + " must be true or false, not " + v.shown());
        return v.bool();
    }

    boolean bool(String name, boolean absent) {
        Boolean b = bool(name);
        return b == null ? absent : b;
    }

    /** An enum written in its label form (k8s-node, ClusterIP), matched case-insensitively. */
    <E extends Enum<E>> E choice(String name, Choices<E> choices) {
        String s = string(name);
        if (s == null) return null;
        E e = choices.find(s);
        if (e == null) throw error(get(name), quote(name) + " must be one of " + choices.allowed() + ", not \"" + s + "\"");
        return e;
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
        List<String> out = new ArrayList<>(v.values().length);
        for (Located item : v.values()) {
            if (item.type != Located.Type.STRING)
                throw error(item, "each entry of " + quote(name) + " must be a string, not " + item.shown());
            out.add(item.text());
        }
        return out;
    }

    /** A string-to-string map (labels, selectors); null when absent, so "unset" and "{}" stay apart. */
    Map<String, String> stringMap(String name) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.OBJECT) throw error(v, quote(name) + " must be an object of strings, not " + v.shown());
        Map<String, String> out = new TreeMap<>();
        String[] keys = v.names();
        Located[] values = v.values();
        for (int i = 0; i < keys.length; i++) {
            if (values[i].type != Located.Type.STRING)
                throw error(values[i], quote(name + "." + keys[i]) + " must be a string, not " + values[i].shown());
            out.put(keys[i], values[i].text());
        }
        return out;
    }

    /** A list of objects, each mapped by {@code read}; errors inside name the list entry. */
    <T> List<T> objects(String name, String itemWhat, Function<Fields, T> read) {
        Located v = list(name);
        if (v == null) return null;
        List<T> out = new ArrayList<>(v.values().length);
        for (Located item : v.values()) {
            if (item.type != Located.Type.OBJECT)
                throw error(item, "each entry of " + quote(name) + " must be an object, not " + item.shown());
            out.add(new Fields(item, itemWhat, null, this).build(read));
        }
        return out;
    }

    Fields object(String name, String objectWhat) {
        Located v = get(name);
        if (v == null) return null;
        if (v.type != Located.Type.OBJECT) throw error(v, quote(name) + " must be an object, not " + v.shown());
        return new Fields(v, objectWhat, null, this);
    }

    /** Runs a record constructor; a value it refuses becomes an error at this object. */
    <T> T build(Function<Fields, T> read) {
        try {
            T value = read.apply(this);
            done();
            return value;
        } catch (IllegalArgumentException e) {
            throw error(what() + ": " + e.getMessage());
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
