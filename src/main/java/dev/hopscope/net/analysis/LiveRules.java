package dev.hopscope.net.analysis;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Rule;

import java.util.Arrays;

/**
 * The rules a matrix row can meet. A row is sent to an address some device holds (an endpoint's
 * own, a host's for a published port or a NodePort) and a DNAT may turn it into one of its
 * targets; replies go back to such addresses. A rule that only matches destinations outside all
 * of these (a Service's ClusterIP, which no device holds) never decides a row, so the matrix's
 * short cuts may leave it out.
 */
final class LiveRules {
    /**
     * Whether the walk DNATs to a rule's first target only. It does not: a trace branches over
     * every endpoint and a matrix row follows the branch to its own endpoint (else the first), so
     * every target of a DNAT is taken by some row and their order sets no endpoint apart.
     */
    static final boolean FIRST_TARGET_ONLY = false;

    private final long[] addresses;

    LiveRules(Dataplane dp) {
        long[] all = new long[1024];
        int n = 0;
        for (Namespace ns : dp.namespaces()) {
            for (Iface f : ns.ifaces())
                for (Cidr c : f.addresses()) {
                    if (n == all.length) all = Arrays.copyOf(all, n * 2);
                    all[n++] = u(c.address());
                }
            for (Rule r : ns.rules())
                for (NatTarget t : r.dnatTargets()) {
                    if (n == all.length) all = Arrays.copyOf(all, n * 2);
                    all[n++] = u(t.ip());
                }
        }
        Arrays.sort(all, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (distinct == 0 || all[i] != all[distinct - 1]) all[distinct++] = all[i];
        addresses = Arrays.copyOf(all, distinct);
    }

    private static long u(Ipv4 a) { return a.bits() & 0xFFFF_FFFFL; }

    /** Whether some row can match this rule's destination. */
    boolean live(Rule r) {
        Cidr dst = r.match().dst();
        if (dst == null || r.match().notDst()) return true;
        long first = u(dst.network()), last = u(dst.broadcast());
        int i = Arrays.binarySearch(addresses, first);
        if (i >= 0) return true;
        int next = -i - 1;
        return next < addresses.length && addresses[next] <= last;
    }
}
