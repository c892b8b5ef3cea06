package dev.hopscope.net.trace;

import java.util.List;

/**
 * One direction of a flow: its hops and how it ended ({@code outcome}, typed; {@code reason} is
 * the narrator's sentence for it). Hops are empty when the leg was not recorded.
 */
public record Leg(Disposition disposition, String reason, List<Hop> hops, Outcome outcome) {
    public Leg {
        hops = List.copyOf(hops);
        if (outcome == null || outcome.disposition() != disposition)
            throw new IllegalArgumentException("a leg's disposition is its outcome's");
    }
}
