package dev.hopscope.io;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;

/**
 * One entry per line for the outer two levels (the document object, the nodes list, the layout)
 * and everything deeper on that line: a node is one line, so diffs of saved files read like
 * "this container changed". Two-space indent and "\n" on every platform keep output identical.
 */
final class LinePrettyPrinter implements PrettyPrinter {

    private static final int BROKEN_LEVELS = 2;
    private int depth;

    private boolean broken() { return depth <= BROKEN_LEVELS; }

    private void newline(JsonGenerator g, int level) {
        StringBuilder sb = new StringBuilder(1 + 2 * level).append('\n');
        for (int i = 0; i < level; i++) sb.append("  ");
        g.writeRaw(sb.toString());
    }

    @Override public void writeRootValueSeparator(JsonGenerator g) { g.writeRaw('\n'); }

    @Override public void writeStartObject(JsonGenerator g) { g.writeRaw('{'); depth++; }

    @Override public void beforeObjectEntries(JsonGenerator g) { if (broken()) newline(g, depth); }

    @Override public void writeObjectNameValueSeparator(JsonGenerator g) { g.writeRaw(": "); }

    @Override public void writeObjectEntrySeparator(JsonGenerator g) {
        g.writeRaw(',');
        if (broken()) newline(g, depth); else g.writeRaw(' ');
    }

    @Override public void writeEndObject(JsonGenerator g, int entries) {
        if (broken() && entries > 0) newline(g, depth - 1);
        depth--;
        g.writeRaw('}');
    }

    @Override public void writeStartArray(JsonGenerator g) { g.writeRaw('['); depth++; }

    @Override public void beforeArrayValues(JsonGenerator g) { if (broken()) newline(g, depth); }

    @Override public void writeArrayValueSeparator(JsonGenerator g) {
        g.writeRaw(',');
        if (broken()) newline(g, depth); else g.writeRaw(' ');
    }

    @Override public void writeEndArray(JsonGenerator g, int values) {
        if (broken() && values > 0) newline(g, depth - 1);
        depth--;
        g.writeRaw(']');
    }
}
