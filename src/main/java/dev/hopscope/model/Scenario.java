package dev.hopscope.model;

import java.util.Locale;

/**
 * A saved flow of a design, replayable from the simulation panel: a name, the flow (from an
 * endpoint to an endpoint, address or DNS name, with a probe) and the outcome it is expected to
 * end in, written as a disposition's name ({@code DELIVERED}, {@code NO_ROUTE}, ...; the reader
 * checks it against the engine's list). {@code expect} null means no expectation was stated.
 */
public record Scenario(String name, String from, String to, Probe probe, String expect, String note) {

    public Scenario {
        if (from == null || from.isBlank()) throw new IllegalArgumentException("a scenario needs \"from\"");
        if (to == null || to.isBlank()) throw new IllegalArgumentException("a scenario needs \"to\"");
        if (probe == null) probe = Probe.icmp();
        if (name == null || name.isBlank()) name = from + " → " + to + " " + probe;
        if (expect != null) expect = expect.isBlank() ? null : expect.trim().toUpperCase(Locale.ROOT);
        if (note != null && note.isBlank()) note = null;
    }

    /** A lesson's preset trace as a scenario (no expectation: a lesson does not state one); null without a flow. */
    public static Scenario ofLesson(Lesson l) {
        if (l == null || l.from() == null || l.to() == null || l.from().isBlank() || l.to().isBlank()) return null;
        String title = l.title() == null || l.title().isBlank() ? "Lesson" : l.title();
        return new Scenario(title, l.from(), l.to(), l.probe(), null, null);
    }

    /** True when both describe the same flow (names and expectations aside). */
    public boolean sameFlow(Scenario o) {
        return o != null && from.equals(o.from) && sent(to, probe).equals(sent(o.to, o.probe));
    }

    /**
     * What is sent where, as the tracer reads it: a port in the destination sets the probe's port
     * (ICMP becoming TCP), so "h1" with tcp/8080 and "h1:8080" with tcp/8080 are one flow.
     */
    private static String sent(String to, Probe probe) {
        return Destination.tryParse(to).filter(Destination::hasPort)
                .map(d -> d.host() + " " + (probe.proto() == Proto.ICMP ? Probe.tcp(d.port()) : new Probe(probe.proto(), d.port(), probe.size())))
                .orElse(to + " " + probe);
    }

    public Scenario withName(String v) { return new Scenario(v, from, to, probe, expect, note); }
    public Scenario withExpect(String v) { return new Scenario(name, from, to, probe, v, note); }
    public Scenario withNote(String v) { return new Scenario(name, from, to, probe, expect, v); }
}
