package dev.hopscope.net.trace;

import java.util.List;

/** One direction of a flow: its hops and how it ended. */
public record Leg(Disposition disposition, String reason, List<Hop> hops) {
    public Leg {
        hops = List.copyOf(hops);
    }
}
