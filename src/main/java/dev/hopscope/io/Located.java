package dev.hopscope.io;

import java.util.List;

/**
 * A parsed JSON value that remembers which token of the file it started at. Jackson's own tree
 * drops positions, and an error message that cannot say "line 12, column 7" is much less useful.
 */
final class Located {

    enum Type { OBJECT, ARRAY, STRING, INTEGER, BIG_INTEGER, DECIMAL, BOOLEAN, NULL }

    /** An object member: the name's token is kept too, for "unknown field" messages. */
    record Member(String name, int token, Located value) {}

    final Type type;
    /** Which token of the file this value starts at (1 = the first), to find its line and column on error. */
    final int token;
    /** The string of STRING and BIG_INTEGER, else null. */
    final String text;
    final long integer;
    final double decimal;
    final boolean bool;
    /** The members of an OBJECT in file order (names unique); null for other types. */
    final Member[] members;
    final List<Located> items;

    private Located(Type type, int token, String text, long integer, double decimal, boolean bool,
                    Member[] members, List<Located> items) {
        this.type = type;
        this.token = token;
        this.text = text;
        this.integer = integer;
        this.decimal = decimal;
        this.bool = bool;
        this.members = members;
        this.items = items;
    }

    static Located object(int token, Member[] members) {
        return new Located(Type.OBJECT, token, null, 0, 0, false, members, null);
    }

    static Located array(int token, List<Located> items) {
        return new Located(Type.ARRAY, token, null, 0, 0, false, null, items);
    }

    static Located string(int token, String s) {
        return new Located(Type.STRING, token, s, 0, 0, false, null, null);
    }

    static Located integer(int token, long v) {
        return new Located(Type.INTEGER, token, null, v, v, false, null, null);
    }

    static Located bigInteger(int token, String digits) {
        return new Located(Type.BIG_INTEGER, token, digits, 0, Double.parseDouble(digits), false, null, null);
    }

    static Located decimal(int token, double v) {
        return new Located(Type.DECIMAL, token, null, 0, v, false, null, null);
    }

    static Located bool(int token, boolean v) {
        return new Located(Type.BOOLEAN, token, null, 0, 0, v, null, null);
    }

    static Located nul(int token) {
        return new Located(Type.NULL, token, null, 0, 0, false, null, null);
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
