package dev.hopscope.net.trace;

import java.util.Optional;

/**
 * One way to reach the destination that a trace considered, with how far it got when tried
 * ({@code outcome} empty: not tried, an earlier one already delivered). {@code label} reads like
 * "web via h1:8080" or "web's own address 172.17.0.2:80". The trace answers the first that got
 * furthest; a user interface can offer the others: trace one with {@link Tracer#trace(String, Target, dev.hopscope.model.Probe)}.
 */
public record Alternative(Target target, Optional<Disposition> outcome, String label) {}
