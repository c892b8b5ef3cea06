package dev.hopscope.io;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads one JSON value from Jackson's streaming parser into {@link Located} values. One pass over
 * the tokens, no reflection: the format is small and fixed, and this keeps loading close to the
 * cost of a bare parse. Each value records the number of its token rather than its line and
 * column, which Jackson would build an object for; {@link #locate} recovers them on error.
 * Duplicate names are rejected here, while the parser still knows where the name is.
 */
final class LocatedParser {

    private final JsonParser parser;
    private int tokens;
    // members and items of the containers being read, innermost last: one growing buffer
    // instead of a list per container, copied out at exact size when the container ends
    private String[] names = new String[256];
    private Located[] values = new Located[256];
    private int top;

    LocatedParser(JsonParser parser) {
        this.parser = parser;
    }

    private void push(String name, Located value) {
        if (top == values.length) {
            names = Arrays.copyOf(names, top * 2);
            values = Arrays.copyOf(values, top * 2);
        }
        names[top] = name;
        values[top++] = value;
    }

    private void pop(int base) {
        Arrays.fill(names, base, top, null);
        Arrays.fill(values, base, top, null);
        top = base;
    }

    /** Advances to the next token, counting it; null at the end of the input. */
    JsonToken next() {
        JsonToken t = parser.nextToken();
        if (t != null) tokens++;
        return t;
    }

    /** Reads the current token's value (after {@link #next()} stood on its first token). */
    Located value() {
        JsonToken t = parser.currentToken();
        int at = tokens;
        switch (t) {
            case START_OBJECT: {
                int base = top;
                Set<String> seen = null;
                for (JsonToken n = next(); n != JsonToken.END_OBJECT; n = next()) {
                    String name = parser.currentName();
                    int count = top - base;
                    boolean twice = false;
                    // the factory interns names, so equal names are the same string; a scan is
                    // cheapest for the small objects of a document, big maps get a set
                    if (count < 16) {
                        for (int i = base; i < top; i++) if (names[i] == name) { twice = true; break; }
                    } else {
                        if (seen == null) {
                            seen = new HashSet<>();
                            for (int i = base; i < top; i++) seen.add(names[i]);
                        }
                        twice = !seen.add(name);
                    }
                    if (twice) throw new Misplaced(tokens, "\"" + name + "\" appears twice in this object");
                    checkText(tokens, name);
                    next();
                    Located value = value();
                    push(name, value);
                }
                Located object = Located.object(at, Arrays.copyOfRange(names, base, top), Arrays.copyOfRange(values, base, top));
                pop(base);
                return object;
            }
            case START_ARRAY: {
                int base = top;
                for (JsonToken n = next(); n != JsonToken.END_ARRAY; n = next()) {
                    Located value = value();
                    push(null, value);
                }
                Located array = Located.array(at, Arrays.copyOfRange(values, base, top));
                pop(base);
                return array;
            }
            case VALUE_STRING: {
                String s = parser.getString();
                checkText(at, s);
                return Located.string(at, s);
            }
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
                    return Located.bigInteger(at, parser.getText());
                return Located.integer(at, parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return Located.decimal(at, parser.getDoubleValue());
            case VALUE_TRUE:
                return Located.bool(at, true);
            case VALUE_FALSE:
                return Located.bool(at, false);
            case VALUE_NULL:
                return Located.nul(at);
            default:
                throw new Misplaced(at, "unexpected " + t + " in the JSON");
        }
    }

    /**
     * JSON escapes can write what is not text: a NUL (which ends a string in C, a shell and the
     * kernel's names) or half of a UTF-16 surrogate pair (no character at all; exporters to XML
     * and other tools fail on it). Refused here, at their token, rather than deep in an export.
     */
    static void checkText(int token, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && (c < 0xD800 || c > 0xDFFF)) continue;
            if (c == 0) throw new Misplaced(token, "the text " + shown(s) + " holds a NUL character (\\u0000); remove it");
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (c >= 0xD800)
                throw new Misplaced(token, "the text " + shown(s) + " holds a lone UTF-16 surrogate (\\u"
                        + Integer.toHexString(c) + "), which is not a character; remove it or write the whole pair");
        }
    }

    private static String shown(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append(s.length() > 40 ? "...\"" : "\"").toString();
    }

    /**
     * Where token number {@code token} starts, found by reading a fresh parser of the same input
     * that far. The input parsed fine up to there the first time, so it does again.
     */
    static TokenStreamLocation locate(JsonParser fresh, int token) {
        int n = 0;
        while (fresh.nextToken() != null) {
            if (++n == token) return fresh.currentTokenLocation();
        }
        return fresh.currentLocation();
    }
}
