package dev.hopscope.io;

import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Endpoint;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.analysis.Matrix;
import dev.hopscope.net.analysis.MatrixClass;
import dev.hopscope.net.trace.Narrator;
import dev.hopscope.net.trace.Trace;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.Writer;

/**
 * The JSON the command line prints for {@code analyze --json} and {@code trace --json} (SPEC
 * section 3), written as a stream so a matrix of millions of rows never sits in memory.
 */
public final class ReportJson {
    /** The caller owns the writer: it may print more after the object (a newline), so the generator must not close it. */
    private static final JsonMapper MAPPER = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private ReportJson() {}

    /** How {@code analyze --json} prints the reachability matrix (SPEC section 3, {@code --matrix}). */
    public enum MatrixForm {
        /** {@code "matrix"}: one row per ordered pair of endpoints and probe, with {@code via}. */
        PAIRS,
        /** {@code "matrixClasses"}: classes of alike endpoints and one row per pair of classes and probe. */
        CLASSES,
        /** no matrix at all (and none is computed). */
        NONE
    }

    public static void writeAnalysis(Analysis a, Writer out) { writeAnalysis(a, MatrixForm.PAIRS, out); }

    /** The analysis as one JSON object, streamed: memory does not grow with the number of matrix rows. */
    public static void writeAnalysis(Analysis a, MatrixForm form, Writer out) {
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
            if (form == MatrixForm.PAIRS) pairs(g, a.matrix());
            else if (form == MatrixForm.CLASSES) classes(g, a.matrix());
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

    private static void pairs(JsonGenerator g, Matrix m) {
        g.writeName("matrix");
        g.writeStartArray();
        m.forEach(row -> {
            g.writeStartObject();
            g.writeStringProperty("from", row.from());
            g.writeStringProperty("to", row.to());
            g.writeStringProperty("probe", row.probe().toString());
            g.writeStringProperty("disposition", row.disposition().name());
            g.writeStringProperty("via", row.via());
            g.writeEndObject();
        });
        g.writeEndArray();
    }

    private static void classes(JsonGenerator g, Matrix m) {
        g.writeName("matrixClasses");
        g.writeStartObject();
        g.writeName("classes");
        g.writeStartArray();
        for (MatrixClass c : m.classes()) {
            g.writeStartObject();
            g.writeStringProperty("id", c.id());
            g.writeName("members");
            g.writeStartArray();
            for (String member : c.members()) g.writeString(member);
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("rows");
        g.writeStartArray();
        m.forEachClassRow(row -> {
            g.writeStartObject();
            g.writeStringProperty("from", row.from());
            g.writeStringProperty("to", row.to());
            g.writeStringProperty("probe", row.probe().toString());
            g.writeStringProperty("disposition", row.disposition().name());
            if (row.hosts().label() != null) g.writeStringProperty("hosts", row.hosts().label());
            g.writeEndObject();
        });
        g.writeEndArray();
        g.writeEndObject();
    }

    public static void writeTrace(Trace t, Writer out) { writeTrace(t, null, out); }

    /** With the narrator, the target also says, in a sentence, why it was chosen over the ways that failed. */
    public static void writeTrace(Trace t, Narrator narrator, Writer out) {
        try (JsonGenerator g = MAPPER.writerWithDefaultPrettyPrinter().createGenerator(out)) {
            TraceJson.write(g, t, narrator);
        }
    }
}
