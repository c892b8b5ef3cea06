package dev.hopscope.io;

import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Endpoint;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.trace.Trace;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.Writer;

/**
 * The JSON the command line prints for {@code analyze --json} and {@code trace --json} (SPEC
 * section 3), written as a stream so a matrix of millions of rows never sits in memory.
 */
public final class ReportJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ReportJson() {}

    public static void writeAnalysis(Analysis a, Writer out) {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("topology", a.topology());
            g.writeName("endpoints");
            g.writeStartArray();
            for (Endpoint e : a.endpoints()) {
                g.writeStartObject();
                g.writeStringProperty("id", e.id());
                g.writeStringProperty("name", e.name());
                g.writeStringProperty("kind", e.kind());
                g.writeName("addresses");
                g.writeStartArray();
                for (String ad : e.addresses()) g.writeString(ad);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("intents");
            g.writeStartArray();
            for (IntentResult r : a.intents()) {
                g.writeStartObject();
                g.writeStringProperty("id", r.intent().id());
                g.writeStringProperty("from", r.intent().from());
                g.writeStringProperty("to", r.intent().to());
                g.writeStringProperty("probe", r.intent().probe().toString());
                g.writeStringProperty("expect", r.intent().expect().label());
                g.writeStringProperty("disposition", r.disposition().name());
                g.writeBooleanProperty("ok", r.ok());
                g.writeStringProperty("reason", r.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("matrix");
            g.writeStartArray();
            a.matrix().forEach(row -> {
                g.writeStartObject();
                g.writeStringProperty("from", row.from());
                g.writeStringProperty("to", row.to());
                g.writeStringProperty("probe", row.probe().toString());
                g.writeStringProperty("disposition", row.disposition().name());
                g.writeStringProperty("via", row.via());
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writeName("findings");
            g.writeStartArray();
            for (Finding f : a.findings()) {
                g.writeStartObject();
                g.writeStringProperty("severity", f.severity().label());
                g.writeStringProperty("code", f.code());
                g.writeName("subjects");
                g.writeStartArray();
                for (String s : f.subjects()) g.writeString(s);
                g.writeEndArray();
                g.writeStringProperty("message", f.message());
                g.writeStringProperty("fix", f.fix());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static void writeTrace(Trace t, Writer out) {
        try (JsonGenerator g = MAPPER.writerWithDefaultPrettyPrinter().createGenerator(out)) {
            TraceJson.write(g, t);
        }
    }
}
