package dev.hopscope.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value that remembers where it started in the file. Jackson's own tree drops
 * positions, and an error message that cannot say "line 12, column 7" is much less useful.
 */
final class Located {

    enum Type { OBJECT, ARRAY, STRING, INTEGER, BIG_INTEGER, DECIMAL, BOOLEAN, NULL }

    /** An object member: the name's position is kept too, for "unknown field" messages. */
    record Member(String name, int line, int column, Located value) {}

    final Type type;
    final int line;
    final int column;
    /** The string of STRING and BIG_INTEGER, else null. */
    final String text;
    final long integer;
    final double decimal;
    final boolean bool;
    final Map<String, Member> members;
    final List<Located> items;

    private Located(Type type, int line, int column, String text, long integer, double decimal, boolean bool,
                    Map<String, Member> members, List<Located> items) {
        this.type = type;
        this.line = line;
        this.column = column;
        this.text = text;
        this.integer = integer;
        this.decimal = decimal;
        this.bool = bool;
        this.members = members;
        this.items = items;
    }

    static Located object(int line, int column, LinkedHashMap<String, Member> members) {
        return new Located(Type.OBJECT, line, column, null, 0, 0, false, members, null);
    }

    static Located array(int line, int column, List<Located> items) {
        return new Located(Type.ARRAY, line, column, null, 0, 0, false, null, items);
    }

    static Located string(int line, int column, String s) {
        return new Located(Type.STRING, line, column, s, 0, 0, false, null, null);
    }

    static Located integer(int line, int column, long v) {
        return new Located(Type.INTEGER, line, column, null, v, v, false, null, null);
    }

    static Located bigInteger(int line, int column, String digits) {
        return new Located(Type.BIG_INTEGER, line, column, digits, 0, Double.parseDouble(digits), false, null, null);
    }

    static Located decimal(int line, int column, double v) {
        return new Located(Type.DECIMAL, line, column, null, 0, v, false, null, null);
    }

    static Located bool(int line, int column, boolean v) {
        return new Located(Type.BOOLEAN, line, column, null, 0, 0, v, null, null);
    }

    static Located nul(int line, int column) {
        return new Located(Type.NULL, line, column, null, 0, 0, false, null, null);
    }

    /** How the value looks in the file, for "must be a number, not "big"" messages. */
    String shown() {
        switch (type) {
            case OBJECT: return "an object";
            case ARRAY: return "a list";
            case STRING: return '"' + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + '"';
            case INTEGER: return Long.toString(integer);
            case BIG_INTEGER: return text.length() > 40 ? text.substring(0, 40) + "..." : text;
            case DECIMAL: return Double.toString(decimal);
            case BOOLEAN: return Boolean.toString(bool);
            default: return "null";
        }
    }
}
