package dev.hopscope.io;

/**
 * A parsed JSON value that remembers which token of the file it started at. Jackson's own tree
 * drops positions, and an error message that cannot say "line 12, column 7" is much less useful.
 * Kept small (one long and two references) because a large document holds over 100,000 of them.
 */
final class Located {

    enum Type { OBJECT, ARRAY, STRING, INTEGER, BIG_INTEGER, DECIMAL, BOOLEAN, NULL }

    private static final Located[] NONE = new Located[0];
    private static final String[] NO_NAMES = new String[0];

    final Type type;
    /** Which token of the file this value starts at (1 = the first), to find its line and column on error. */
    final int token;
    /** INTEGER: the value; DECIMAL: its IEEE bits; BOOLEAN: 1 or 0. */
    private final long bits;
    /** STRING and BIG_INTEGER: the text; OBJECT and ARRAY: the values. */
    private final Object ref;
    /** OBJECT: the member names, parallel to the values (unique). */
    private final String[] names;

    private Located(Type type, int token, long bits, Object ref, String[] names) {
        this.type = type;
        this.token = token;
        this.bits = bits;
        this.ref = ref;
        this.names = names;
    }

    static Located object(int token, String[] names, Located[] values) {
        return new Located(Type.OBJECT, token, 0, values, names);
    }

    static Located array(int token, Located[] items) {
        return new Located(Type.ARRAY, token, 0, items, null);
    }

    static Located string(int token, String s) {
        return new Located(Type.STRING, token, 0, s, null);
    }

    static Located integer(int token, long v) {
        return new Located(Type.INTEGER, token, v, null, null);
    }

    static Located bigInteger(int token, String digits) {
        return new Located(Type.BIG_INTEGER, token, 0, digits, null);
    }

    static Located decimal(int token, double v) {
        return new Located(Type.DECIMAL, token, Double.doubleToRawLongBits(v), null, null);
    }

    static Located bool(int token, boolean v) {
        return new Located(Type.BOOLEAN, token, v ? 1 : 0, null, null);
    }

    static Located nul(int token) {
        return new Located(Type.NULL, token, 0, null, null);
    }

    String text() { return (String) ref; }

    long integer() { return bits; }

    /** Any number as a double; a BIG_INTEGER becomes infinite or a rounded value. */
    double decimal() {
        switch (type) {
            case INTEGER: return bits;
            case DECIMAL: return Double.longBitsToDouble(bits);
            case BIG_INTEGER: return Double.parseDouble((String) ref);
            default: return Double.NaN;
        }
    }

    boolean bool() { return bits != 0; }

    /** OBJECT: member names in file order; empty for other types. */
    String[] names() { return names == null ? NO_NAMES : names; }

    /** OBJECT: member values, parallel to {@link #names()}; ARRAY: the items; empty otherwise. */
    Located[] values() { return ref instanceof Located[] ? (Located[]) ref : NONE; }

    /** The token of member i's name, which is the one just before its value. */
    int nameToken(int i) { return values()[i].token - 1; }

    /** How the value looks in the file, for "must be a number, not "big"" messages. */
    String shown() {
        switch (type) {
            case OBJECT: return "an object";
            case ARRAY: return "a list";
            case STRING: {
                String s = text();
                return '"' + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"';
            }
            case INTEGER: return Long.toString(bits);
            case BIG_INTEGER: return text().length() > 40 ? text().substring(0, 40) + "..." : text();
            case DECIMAL: return Double.toString(decimal());
            case BOOLEAN: return Boolean.toString(bool());
            default: return "null";
        }
    }
}
