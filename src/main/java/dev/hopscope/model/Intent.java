package dev.hopscope.model;

import java.util.Locale;

/**
 * An expected flow: {@code from} an endpoint (id or name) {@code to} an endpoint, an address
 * or a DNS name, with a probe, expected reachable or isolated.
 */
public record Intent(String id, String name, String from, String to, Probe probe, Expect expect) implements Node {

    public enum Expect {
        REACHABLE, ISOLATED;
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    public Intent {
        if (probe == null) probe = Probe.icmp();
        if (expect == null) expect = Expect.REACHABLE;
        if (name == null) name = id;
    }

    @Override public NodeKind kind() { return NodeKind.INTENT; }

    /** {@code to} parsed (see {@link Destination#parse}); empty while it does not parse (the validator says why). */
    public java.util.Optional<Destination> destination() {
        return to == null ? java.util.Optional.empty() : Destination.tryParse(to.strip());
    }

    /** The node {@code to} names (by id or name), if it names one rather than an address or a DNS name. */
    public java.util.Optional<Node> destinationNode(Document doc) {
        return destination().filter(d -> d instanceof Destination.Named).flatMap(d -> doc.find(d.host()));
    }

    public Intent withFrom(String v) { return new Intent(id, name, v, to, probe, expect); }
    public Intent withTo(String v) { return new Intent(id, name, from, v, probe, expect); }
    public Intent withProbe(Probe v) { return new Intent(id, name, from, to, v, expect); }
    public Intent withExpect(Expect v) { return new Intent(id, name, from, to, probe, v); }
    public Intent withName(String v) { return new Intent(id, v, from, to, probe, expect); }
    public Intent withId(String v) { return new Intent(v, name, from, to, probe, expect); }
}
