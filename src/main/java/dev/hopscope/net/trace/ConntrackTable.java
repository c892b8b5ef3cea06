package dev.hopscope.net.trace;

import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Namespace;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections one flow's request set up in each namespace's conntrack: every NAT applied on
 * the way, so the reply gets the original addresses back in the namespace that translated them.
 */
final class ConntrackTable {

    /** One translation: in {@code ns}, the packet before and after NAT. */
    record Entry(Namespace ns, Packet before, Packet after) {}

    private final List<Entry> entries = new ArrayList<>(4);

    void add(Namespace ns, Packet before, Packet after) { entries.add(new Entry(ns, before, after)); }

    /**
     * The reply {@code p} with every translation made in {@code ns} undone, newest first, so a
     * DNAT followed by a masquerade (a NodePort) both unwind. Returns {@code p} itself when none applies.
     */
    Packet undo(Namespace ns, Packet p) {
        Packet q = p;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry c = entries.get(i);
            if (c.ns() != ns) continue;
            Packet a = c.after();
            if (!q.src().equals(a.dst()) || !q.dst().equals(a.src())) continue;
            if (q.proto() != Proto.ICMP && (q.sport() != a.dport() || q.dport() != a.sport())) continue;
            Packet b = c.before();
            Packet r = q.withSrc(b.dst()).withDst(b.src());
            if (q.proto() != Proto.ICMP) r = r.withSport(b.dport()).withDport(b.sport());
            q = r;
        }
        return q;
    }
}
