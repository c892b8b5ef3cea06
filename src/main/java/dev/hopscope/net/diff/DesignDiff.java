package dev.hopscope.net.diff;

import dev.hopscope.model.Intent;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Endpoint;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.analysis.MatrixRow;
import dev.hopscope.net.trace.Disposition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two analyses of a design: every reachability-matrix row whose disposition
 * changed ({@link #changed}), every intent whose verdict changed ({@link #intents}), the findings
 * that appeared and those that went away, and the endpoints that exist on one side only (their
 * rows are not listed: a flow to a container that is gone did not change, it is gone).
 *
 * <p>Rows are matched by endpoint ids and probe, intents by id, findings by severity, code,
 * subjects and message. A row present on one side only, between endpoints present on both, means
 * the destination stopped (or started) listening on that port; it is listed with a null
 * disposition on the side that lacks it.
 */
public record DesignDiff(List<FlowChange> changed, List<IntentChange> intents, List<Finding> added, List<Finding> removed,
                         List<String> endpointsAdded, List<String> endpointsRemoved, Map<String, String> names) {

    public DesignDiff {
        changed = List.copyOf(changed);
        intents = List.copyOf(intents);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        endpointsAdded = List.copyOf(endpointsAdded);
        endpointsRemoved = List.copyOf(endpointsRemoved);
        names = Map.copyOf(names);
    }

    /** True when a flow that worked breaks: a delivered row that is not any more, or an intent that held and does not. */
    public boolean breaksAFlow() {
        return changed.stream().anyMatch(FlowChange::broke) || intents.stream().anyMatch(IntentChange::broke);
    }

    /** True when the two designs behave the same (endpoints added or removed aside). */
    public boolean isEmpty() { return changed.isEmpty() && intents.isEmpty() && added.isEmpty() && removed.isEmpty(); }

    /** An endpoint's name as the second design (or else the first) calls it; the id when it is not an endpoint. */
    public String name(String id) { return names.getOrDefault(id, id); }

    public static DesignDiff of(Analysis before, Analysis after) {
        Map<String, String> names = new HashMap<>();
        for (Endpoint e : before.endpoints()) names.put(e.id(), e.name());
        for (Endpoint e : after.endpoints()) names.put(e.id(), e.name());
        Set<String> was = ids(before), is = ids(after);
        List<String> added = is.stream().filter(id -> !was.contains(id)).toList();
        List<String> gone = was.stream().filter(id -> !is.contains(id)).toList();
        List<FlowChange> rows = new RowDiff(was, is, names).compare(before, after);
        return new DesignDiff(rows, intents(before, after), minus(after.findings(), before.findings()),
                minus(before.findings(), after.findings()), added, gone, names);
    }

    private static Set<String> ids(Analysis a) {
        Set<String> out = new LinkedHashSet<>();
        for (Endpoint e : a.endpoints()) out.add(e.id());
        return out;
    }

    private static List<IntentChange> intents(Analysis before, Analysis after) {
        Map<String, IntentResult> old = new LinkedHashMap<>();
        for (IntentResult r : before.intents()) old.put(r.intent().id(), r);
        List<IntentChange> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (IntentResult now : after.intents()) {
            seen.add(now.intent().id());
            IntentResult then = old.get(now.intent().id());
            if (then != null && then.disposition() == now.disposition() && then.ok() == now.ok()) continue;
            String reason = then == null ? "a new intent: " + now.reason() : now.reason();
            out.add(new IntentChange(now.intent(), then == null ? null : then.disposition(), then == null ? null : then.ok(),
                    now.disposition(), now.ok(), reason));
        }
        for (IntentResult then : before.intents()) {
            if (seen.contains(then.intent().id())) continue;
            Intent i = then.intent();
            out.add(new IntentChange(i, then.disposition(), then.ok(), null, null, "the intent " + i.name() + " was removed"));
        }
        return out;
    }

    /** The findings of {@code a} that {@code b} does not have, counting duplicates. */
    private static List<Finding> minus(List<Finding> a, List<Finding> b) {
        Map<List<Object>, Integer> left = new HashMap<>();
        for (Finding f : b) left.merge(key(f), 1, Integer::sum);
        List<Finding> out = new ArrayList<>();
        for (Finding f : a) {
            Integer n = left.get(key(f));
            if (n != null && n > 0) left.put(key(f), n - 1);
            else out.add(f);
        }
        return out;
    }

    private static List<Object> key(Finding f) { return List.of(f.severity(), f.code(), f.subjects(), String.valueOf(f.message())); }

    /**
     * Compares two matrices row by row without holding either as objects: each row of the first
     * becomes one long (endpoint and probe indices, disposition), sorted, and the second's rows are
     * looked up in it. A 5,000-endpoint design has tens of millions of rows.
     */
    private static final class RowDiff {
        private static final int ID_BITS = 21, PROBE_BITS = 17, DISPOSITION_BITS = 4;
        private static final Disposition[] DISPOSITIONS = Disposition.values();

        private final Set<String> was, is;
        private final Map<String, String> names;
        private final Map<String, Integer> idIndex = new HashMap<>();
        private final List<String> idList = new ArrayList<>();
        private final Map<Probe, Integer> probeIndex = new HashMap<>();
        private final List<Probe> probeList = new ArrayList<>();

        RowDiff(Set<String> was, Set<String> is, Map<String, String> names) {
            this.was = was;
            this.is = is;
            this.names = names;
        }

        List<FlowChange> compare(Analysis before, Analysis after) {
            long[][] holder = {new long[1024]};
            int[] n = {0};
            before.matrix().forEach(r -> {
                if (n[0] == holder[0].length) holder[0] = Arrays.copyOf(holder[0], n[0] * 2);
                holder[0][n[0]++] = (key(r) << DISPOSITION_BITS) | (r.disposition().ordinal() + 1);
            });
            long[] old = holder[0];
            int count = n[0];
            Arrays.sort(old, 0, count);
            boolean[] matched = new boolean[count];

            // changes keyed by row, with the new side filled in; the old reasons are fetched after
            Map<Long, Pending> pending = new LinkedHashMap<>();
            after.matrix().forEach(r -> {
                long k = key(r);
                int at = find(old, count, k);
                if (at >= 0) {
                    matched[at] = true;
                    Disposition then = DISPOSITIONS[(int) (old[at] & ((1 << DISPOSITION_BITS) - 1)) - 1];
                    if (then != r.disposition()) pending.put(k, new Pending(r.from(), r.to(), r.probe(), then, r.disposition(), r.reason()));
                } else if (was.contains(r.from()) && was.contains(r.to())) {
                    pending.put(k, new Pending(r.from(), r.to(), r.probe(), null, r.disposition(), r.reason()));
                }
            });
            for (int i = 0; i < count; i++) {
                if (matched[i]) continue;
                long k = old[i] >>> DISPOSITION_BITS;
                String from = idList.get((int) (k >>> (ID_BITS + PROBE_BITS)));
                String to = idList.get((int) ((k >>> PROBE_BITS) & ((1L << ID_BITS) - 1)));
                if (!is.contains(from) || !is.contains(to)) continue;
                Probe probe = probeList.get((int) (k & ((1L << PROBE_BITS) - 1)));
                pending.put(k, new Pending(from, to, probe, DISPOSITIONS[(int) (old[i] & ((1 << DISPOSITION_BITS) - 1)) - 1], null, null));
            }
            if (!pending.isEmpty()) before.matrix().forEach(r -> {
                Pending p = pending.get(key(r));
                if (p != null) p.beforeReason = r.reason();
            });
            List<FlowChange> out = new ArrayList<>();
            for (Pending p : pending.values()) out.add(new FlowChange(p.from, p.to, p.probe, p.before, p.after, p.reason()));
            out.sort(Comparator.comparing((FlowChange c) -> names.getOrDefault(c.from(), c.from()))
                    .thenComparing(c -> names.getOrDefault(c.to(), c.to()))
                    .thenComparing(c -> c.probe().toString()));
            return out;
        }

        private final class Pending {
            final String from, to;
            final Probe probe;
            final Disposition before, after;
            final String afterReason;
            String beforeReason;

            Pending(String from, String to, Probe probe, Disposition before, Disposition after, String afterReason) {
                this.from = from;
                this.to = to;
                this.probe = probe;
                this.before = before;
                this.after = after;
                this.afterReason = afterReason;
            }

            String reason() {
                String dest = names.getOrDefault(to, to);
                if (after == null) return dest + " no longer listens on " + probe;
                if (before == null) return dest + " now listens on " + probe + ": " + afterReason;
                if (after == Disposition.DELIVERED)
                    return "delivered now; before it was " + before + (beforeReason == null ? "" : ": " + beforeReason);
                return afterReason;
            }
        }

        private long key(MatrixRow r) {
            long f = index(r.from()), t = index(r.to());
            long p = probeIndex.computeIfAbsent(r.probe(), x -> {
                probeList.add(x);
                return probeList.size() - 1;
            });
            if (f >= (1L << ID_BITS) || t >= (1L << ID_BITS) || p >= (1L << PROBE_BITS))
                throw new IllegalStateException("too many endpoints or probes to compare");
            return (f << (ID_BITS + PROBE_BITS)) | (t << PROBE_BITS) | p;
        }

        private int index(String id) {
            return idIndex.computeIfAbsent(id, x -> {
                idList.add(x);
                return idList.size() - 1;
            });
        }

        /** The position of the row with this key in the sorted packed rows, or -1. */
        private static int find(long[] rows, int count, long key) {
            int r = Arrays.binarySearch(rows, 0, count, key << DISPOSITION_BITS);
            int at = r >= 0 ? r : -r - 1;
            return at < count && (rows[at] >>> DISPOSITION_BITS) == key ? at : -1;
        }
    }
}
