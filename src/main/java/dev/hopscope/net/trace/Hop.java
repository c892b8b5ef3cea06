package dev.hopscope.net.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of a trace: where (host, namespace, device, and the document node a packet glyph
 * stands on), the packet after the step (the typed {@link Packet}, and its header stack as
 * {@link #layers()}), what the step did ({@link #detail()}, typed; its {@link #step()} kind is
 * SPEC's), the header fields it changed, the ARP or neighbour answer that let it send its frame
 * (on the hop that sends the first frame to a new neighbour), and one plain sentence that teaches
 * it, written by the {@link Narrator} from the detail.
 */
public record Hop(int n, String host, String namespace, String device, String node, Packet packet, List<Layer> layers,
                  StepDetail detail, List<HeaderChange> changes, Optional<NeighbourLookup> arp, String note) {
    public Hop {
        layers = List.copyOf(layers);
        changes = List.copyOf(changes);
        if (packet == null || detail == null) throw new IllegalArgumentException("a hop needs its packet and its detail");
    }

    /** What happened, as SPEC names it. */
    public StepKind step() { return detail.step(); }

    /** The changed fields as SPEC's JSON writes them: {@code 0:ipv4.dst}, and {@code 3:vxlan.*} for a header pushed. */
    public List<String> changed() {
        List<String> out = new ArrayList<>(changes.size());
        for (HeaderChange c : changes) if (c.legacyText() != null) out.add(c.legacyText());
        return out;
    }
}
