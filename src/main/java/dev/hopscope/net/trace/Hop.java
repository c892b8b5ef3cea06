package dev.hopscope.net.trace;

import java.util.List;

/**
 * One step of a trace: where (host, namespace, device, and the document node a packet glyph
 * stands on), what happened, the packet as a header stack after the step, the fields this step
 * changed ("ipv4.dst", "outer.udp.dport", ...) and one plain sentence that teaches it.
 */
public record Hop(int n, String host, String namespace, String device, String node, StepKind step,
                  List<Layer> packet, List<String> changed, String note) {
    public Hop {
        packet = List.copyOf(packet);
        changed = List.copyOf(changed);
    }
}
