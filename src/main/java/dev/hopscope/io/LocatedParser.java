package dev.hopscope.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads one JSON value from Jackson's streaming parser into {@link Located} values. One pass over
 * the tokens, no reflection: the format is small and fixed, and this keeps loading close to the
 * cost of a bare parse. Duplicate names are rejected here, where the name's position is known.
 */
final class LocatedParser {

    private final JsonParser parser;
    private final String source;

    LocatedParser(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Reads the current token's value (the parser must stand on its first token). */
    Located value() {
        JsonToken t = parser.currentToken();
        TokenStreamLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, Located.Member> members = new LinkedHashMap<>();
                for (JsonToken n = parser.nextToken(); n != JsonToken.END_OBJECT; n = parser.nextToken()) {
                    String name = parser.currentName();
                    TokenStreamLocation nameAt = parser.currentTokenLocation();
                    parser.nextToken();
                    Located.Member m = new Located.Member(name, nameAt.getLineNr(), nameAt.getColumnNr(), value());
                    if (members.putIfAbsent(name, m) != null)
                        throw new DocumentException(source, m.line(), m.column(), "\"" + name + "\" appears twice in this object");
                }
                return Located.object(line, col, members);
            }
            case START_ARRAY: {
                List<Located> items = new ArrayList<>();
                for (JsonToken n = parser.nextToken(); n != JsonToken.END_ARRAY; n = parser.nextToken()) items.add(value());
                return Located.array(line, col, items);
            }
            case VALUE_STRING:
                return Located.string(line, col, parser.getString());
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
                    return Located.bigInteger(line, col, parser.getText());
                return Located.integer(line, col, parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return Located.decimal(line, col, parser.getDoubleValue());
            case VALUE_TRUE:
                return Located.bool(line, col, true);
            case VALUE_FALSE:
                return Located.bool(line, col, false);
            case VALUE_NULL:
                return Located.nul(line, col);
            default:
                throw new DocumentException(source, line, col, "unexpected " + t + " in the JSON");
        }
    }
}
