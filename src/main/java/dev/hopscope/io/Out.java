package dev.hopscope.io;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import tools.jackson.core.JsonGenerator;

/** Null-omitting property writers over Jackson's generator; empty lists and maps are omitted too. */
final class Out {
    private final JsonGenerator g;

    Out(JsonGenerator g) { this.g = g; }

    JsonGenerator generator() { return g; }

    Out str(String name, String value) {
        if (value != null) g.writeStringProperty(name, value);
        return this;
    }

    Out num(String name, int value) {
        g.writeNumberProperty(name, value);
        return this;
    }

    Out num(String name, Integer value) {
        if (value != null) g.writeNumberProperty(name, value.intValue());
        return this;
    }

    Out num(String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("\"" + name + "\" is " + value + ", which JSON cannot hold");
        g.writeNumberProperty(name, value);
        return this;
    }

    Out bool(String name, Boolean value) {
        if (value != null) g.writeBooleanProperty(name, value);
        return this;
    }

    <T> Out list(String name, List<T> items, BiConsumer<Out, T> item) {
        if (items == null || items.isEmpty()) return this;
        g.writeArrayPropertyStart(name);
        for (T t : items) {
            g.writeStartObject();
            item.accept(this, t);
            g.writeEndObject();
        }
        g.writeEndArray();
        return this;
    }

    Out strings(String name, List<String> items) {
        if (items == null || items.isEmpty()) return this;
        g.writeArrayPropertyStart(name);
        for (String s : items) g.writeString(s);
        g.writeEndArray();
        return this;
    }

    /** Labels and selectors, sorted by key; {@code keepEmpty} for peers, where {} and unset differ. */
    Out map(String name, Map<String, String> map, boolean keepEmpty) {
        if (map == null || (map.isEmpty() && !keepEmpty)) return this;
        g.writeObjectPropertyStart(name);
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) g.writeStringProperty(e.getKey(), e.getValue());
        g.writeEndObject();
        return this;
    }

    /** One nested object, written by {@code body}. */
    Out obj(String name, java.util.function.Consumer<Out> body) {
        g.writeObjectPropertyStart(name);
        body.accept(this);
        g.writeEndObject();
        return this;
    }
}
