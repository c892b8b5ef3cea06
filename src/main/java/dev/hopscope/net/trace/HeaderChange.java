package dev.hopscope.net.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What a hop changed in the packet compared with the hop before it on the same leg: a field
 * rewritten, a header pushed (encapsulation, a new Ethernet header) or popped. Layers are matched
 * from the innermost outwards, so a tunnel's outer headers read as pushed and the inner packet's
 * fields keep their identity. {@code layer} indexes {@link Hop#layers()} (for a popped header, the
 * previous hop's layers).
 */
public sealed interface HeaderChange permits HeaderChange.Field, HeaderChange.Pushed, HeaderChange.Popped {

    int layer();

    /** The header's layer name: ethernet, ipv4, tcp, udp, icmp, vxlan, esp, ... */
    String header();

    /** {@code 0:ipv4.dst} or {@code 3:vxlan.*}: the text SPEC's JSON {@code changed} list carries (popped headers have none). */
    String legacyText();

    /** A field rewritten: {@code before} and {@code after} as the layers show them. */
    record Field(int layer, String header, String field, String before, String after) implements HeaderChange {
        @Override public String legacyText() { return layer + ":" + header + "." + field; }
    }

    /** A header this hop put on (an outer header of a tunnel, or an Ethernet header for the next link). */
    record Pushed(int layer, String header) implements HeaderChange {
        @Override public String legacyText() { return layer + ":" + header + ".*"; }
    }

    /** A header this hop took off; {@code layer} indexes the previous hop's layers. */
    record Popped(int layer, String header) implements HeaderChange {
        @Override public String legacyText() { return null; }
    }

    /** The changes from {@code before} to {@code after} (none for the first hop of a leg). */
    static List<HeaderChange> between(List<Layer> before, List<Layer> after) {
        List<HeaderChange> out = new ArrayList<>();
        if (before.isEmpty()) return out;
        int k = 1;
        for (; k <= after.size(); k++) {
            int ai = after.size() - k, bi = before.size() - k;
            Layer a = after.get(ai);
            if (bi < 0 || !before.get(bi).layer().equals(a.layer())) {
                out.add(new Pushed(ai, a.layer()));
                continue;
            }
            Layer b = before.get(bi);
            for (var e : a.fields().entrySet()) {
                String was = b.fields().get(e.getKey());
                if (!e.getValue().equals(was)) out.add(new Field(ai, a.layer(), e.getKey(), was, e.getValue()));
            }
        }
        for (; k <= before.size(); k++) {
            int bi = before.size() - k;
            out.add(new Popped(bi, before.get(bi).layer()));
        }
        return out;
    }
}
