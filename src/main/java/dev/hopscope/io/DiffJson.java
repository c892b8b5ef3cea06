package dev.hopscope.io;

import dev.hopscope.net.Finding;
import dev.hopscope.net.diff.DesignDiff;
import dev.hopscope.net.diff.FlowChange;
import dev.hopscope.net.diff.IntentChange;
import dev.hopscope.net.trace.Disposition;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.Writer;
import java.util.List;

/**
 * The JSON of {@code hopscope diff --json} (SPEC section 3):
 * {@code {"changed":[{"from","to","probe","before","after","reason"}],"intents":[...],
 * "findings":{"added":[...],"removed":[...]}}}, plus {@code "endpoints":{"added","removed"}} and
 * {@code "breaks"}. A side where a row or intent does not exist is JSON null.
 */
public final class DiffJson {
    // the caller's writer stays open: it prints a final newline after the object
    private static final JsonMapper MAPPER = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private DiffJson() {}

    public static void write(DesignDiff d, Writer out) {
        try (JsonGenerator g = MAPPER.writerWithDefaultPrettyPrinter().createGenerator(out)) {
            g.writeStartObject();
            g.writeName("changed");
            g.writeStartArray();
            for (FlowChange c : d.changed()) {
                g.writeStartObject();
                g.writeStringProperty("from", c.from());
                g.writeStringProperty("to", c.to());
                g.writeStringProperty("probe", c.probe().toString());
                g.writeStringProperty("before", name(c.before()));
                g.writeStringProperty("after", name(c.after()));
                g.writeStringProperty("reason", c.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("intents");
            g.writeStartArray();
            for (IntentChange c : d.intents()) {
                g.writeStartObject();
                g.writeStringProperty("id", c.intent().id());
                g.writeStringProperty("from", c.intent().from());
                g.writeStringProperty("to", c.intent().to());
                g.writeStringProperty("probe", c.intent().probe().toString());
                g.writeStringProperty("expect", c.intent().expect().label());
                g.writeStringProperty("before", name(c.before()));
                g.writeStringProperty("after", name(c.after()));
                bool(g, "okBefore", c.okBefore());
                bool(g, "okAfter", c.okAfter());
                g.writeStringProperty("reason", c.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("findings");
            g.writeStartObject();
            findings(g, "added", d.added());
            findings(g, "removed", d.removed());
            g.writeEndObject();
            g.writeName("endpoints");
            g.writeStartObject();
            strings(g, "added", d.endpointsAdded());
            strings(g, "removed", d.endpointsRemoved());
            g.writeEndObject();
            g.writeBooleanProperty("breaks", d.breaksAFlow());
            g.writeEndObject();
        }
    }

    private static String name(Disposition d) { return d == null ? null : d.name(); }

    private static void bool(JsonGenerator g, String name, Boolean b) {
        if (b == null) g.writeNullProperty(name);
        else g.writeBooleanProperty(name, b);
    }

    private static void strings(JsonGenerator g, String name, List<String> items) {
        g.writeName(name);
        g.writeStartArray();
        for (String s : items) g.writeString(s);
        g.writeEndArray();
    }

    private static void findings(JsonGenerator g, String name, List<Finding> list) {
        g.writeName(name);
        g.writeStartArray();
        for (Finding f : list) {
            g.writeStartObject();
            g.writeStringProperty("severity", f.severity().label());
            g.writeStringProperty("code", f.code());
            strings(g, "subjects", f.subjects());
            g.writeStringProperty("message", f.message());
            g.writeStringProperty("fix", f.fix());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
