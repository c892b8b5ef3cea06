package dev.hopscope.net;

import dev.hopscope.model.Document;
import dev.hopscope.net.compile.DataplaneCompiler;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.trace.Tracer;

/**
 * A document compiled once, ready to answer questions: traces, and (through
 * {@link dev.hopscope.net.analysis.Analyzer}) the whole-design analysis.
 */
public final class Network {
    private final Dataplane dataplane;
    private final Tracer tracer;

    private Network(Dataplane dp) {
        this.dataplane = dp;
        this.tracer = new Tracer(dp);
    }

    /** Compiles a structurally valid document (see {@link dev.hopscope.model.Validator}); throws IllegalArgumentException otherwise. */
    public static Network compile(Document doc) { return new Network(DataplaneCompiler.compile(doc)); }

    public Dataplane dataplane() { return dataplane; }

    public Document document() { return dataplane.document(); }

    public Tracer tracer() { return tracer; }

    /** One flow, both ways: {@code to} is a node id or name, an address, or a DNS name, optionally with ":PORT". */
    public dev.hopscope.net.trace.Trace trace(String from, String to, dev.hopscope.model.Probe probe) {
        return tracer.trace(from, to, probe);
    }

    /** One flow, both ways, to a parsed destination (see {@link dev.hopscope.model.Destination#parse}). */
    public dev.hopscope.net.trace.Trace trace(String from, dev.hopscope.model.Destination to, dev.hopscope.model.Probe probe) {
        return tracer.trace(from, to, probe);
    }
}
