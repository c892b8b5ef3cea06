package dev.hopscope.net.trace;

import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.DnsConfig;
import dev.hopscope.net.dataplane.Namespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Traces flows through one compiled dataplane: resolves the source and the destination (a node,
 * an address or a name, as the source would resolve it), walks the request, and if it arrives,
 * walks the reply back through conntrack. Where a node can be reached at several addresses (its
 * own, a published port, a NodePort) every one is tried and the best outcome is reported.
 */
public final class Tracer {
    private final Dataplane dp;
    private final Resolver resolver;
    private final Targets targets;

    public Tracer(Dataplane dp) {
        this.dp = dp;
        this.resolver = new Resolver(dp.document(), dp.addressing());
        this.targets = new Targets(dp);
    }

    public Targets targets() { return targets; }

    public Trace trace(String from, String to, Probe probe) { return trace(from, to, probe, true); }

    public Trace trace(String from, String to, Probe probe, boolean recordHops) {
        Node src = dp.document().find(from).orElseThrow(() -> new IllegalArgumentException("no node called '" + from + "' in this document"));
        Namespace ns = dp.namespaceOf(src.id());
        if (ns == null) throw new IllegalArgumentException("'" + from + "' (a " + src.kind().label() + ") does not send traffic; trace from a container, pod, external or host");
        String dest = to.trim();
        int colon = dest.lastIndexOf(':');
        if (colon > 0 && dest.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < dest.length() - 1) {
            int port = Integer.parseInt(dest.substring(colon + 1));
            dest = dest.substring(0, colon);
            if (probe.proto() == Proto.ICMP) probe = new Probe(Proto.TCP, port, probe.size());
            else probe = new Probe(probe.proto(), port, probe.size());
        }
        if (Ipv4.isValid(dest)) return traceTo(src, ns, to, new Targets.Target(Ipv4.parse(dest), probe.port(), null), probe, recordHops);

        Node named = dp.document().find(dest).orElse(null);
        boolean usesDns = ns.dns() != DnsConfig.NONE;
        if (usesDns || named == null) {
            Resolver.Answer a = resolver.resolve(ns, dest);
            if (a.address() == null && named != null && (named instanceof External || named instanceof Host)) {
                List<Targets.Target> ts = targets.of(named, probe, "the host's resolver knows " + dest);
                if (!ts.isEmpty()) return best(src, ns, to, ts, probe, recordHops);
            }
            if (a.address() == null) return unresolved(src, ns, to, dest, probe, a.note());
            return traceTo(src, ns, to, new Targets.Target(a.address(), probe.port(), a.note()), probe, recordHops);
        }
        List<Targets.Target> ts = targets.of(named, probe, null);
        if (ts.isEmpty())
            return unresolved(src, ns, to, dest, probe, named.name() + " has no address " + src.name() + " could send to");
        return best(src, ns, to, ts, probe, recordHops);
    }

    /** Traces to each candidate and keeps the one that gets furthest (the first on ties). */
    public Trace best(Node src, Namespace ns, String to, List<Targets.Target> candidates, Probe probe) {
        return best(src, ns, to, candidates, probe, true);
    }

    /** {@code recordHops} false skips building the hop list: the matrix needs only the outcome. */
    public Trace best(Node src, Namespace ns, String to, List<Targets.Target> candidates, Probe probe, boolean recordHops) {
        Trace best = null;
        for (Targets.Target t : candidates) {
            Trace tr = traceTo(src, ns, to, t, probe, recordHops);
            if (best == null || tr.disposition().progress() > best.disposition().progress()) best = tr;
            if (best.disposition().isSuccessful()) break;
        }
        return best;
    }

    private Trace unresolved(Node src, Namespace ns, String to, String name, Probe probe, String why) {
        Walk w = new Walk(dp, false, new ArrayList<>());
        w.hop(ns, "-", src.id(), StepKind.DNS, initial(null, probe, 0), why);
        return new Trace(src.id(), to, probe, null, Disposition.NAME_NOT_RESOLVED, why,
                new Leg(Disposition.NAME_NOT_RESOLVED, why, w.hops()), null);
    }

    static Packet initial(Ipv4 dst, Probe probe, int port) {
        int sport = 40000 + Math.floorMod((dst == null ? 0 : dst.bits()) * 31 + port, 20000);
        boolean df = probe.size() > 0 || probe.proto() == Proto.TCP;
        int length;
        switch (probe.proto()) {
            case ICMP: length = 28 + (probe.size() > 0 ? probe.size() : 56); break;
            case UDP: length = 28 + (probe.size() > 0 ? probe.size() : 32); break;
            default: length = probe.size() > 0 ? 40 + probe.size() : 60;
        }
        Ipv4 d = dst == null ? Ipv4.parse("0.0.0.0") : dst;
        return new Packet(null, null, null, d, 64, probe.proto(), probe.proto() == Proto.ICMP ? 0 : sport, probe.proto() == Proto.ICMP ? 0 : port,
                Packet.ECHO_REQUEST, length, df, 0, 0, 0, null);
    }

    Trace traceTo(Node src, Namespace ns, String to, Targets.Target t, Probe probe) {
        return traceTo(src, ns, to, t, probe, true);
    }

    /** Outcomes of requests that ended before anything depended on exactly who owns the destination. */
    /** {@code arrivedAt} non-null: the request arrived there, and only a target elsewhere can reuse it (as shadowed). */
    private record Memo(List<Walk.DstCheck> checks, Ipv4 dst, Disposition disposition, String reason, Namespace arrivedAt) {}

    private record MemoKey(Namespace ns, Probe probe, int port) {}

    private final Map<MemoKey, List<Memo>> memos = new ConcurrentHashMap<>();

    Trace traceTo(Node src, Namespace ns, String to, Targets.Target t, Probe probe, boolean recordHops) {
        String via = t.address() + (probe.proto() == Proto.ICMP ? "" : ":" + t.port());
        MemoKey key = recordHops ? null : new MemoKey(ns, probe, t.port());
        if (key != null)
            for (Memo m : memos.getOrDefault(key, List.of()))
                if (m.checks().stream().allMatch(c -> c.holds(t.address()))) {
                    if (m.arrivedAt() != null) {
                        Namespace target = t.node() == null ? null : dp.namespaceOf(t.node());
                        if (target == null || target == m.arrivedAt()) break; // it arrives where it should: trace it whole
                        String why = shadowed(t, m.arrivedAt());
                        return new Trace(src.id(), to, probe, via, Disposition.NO_ROUTE, why, new Leg(Disposition.NO_ROUTE, why, List.of()), null);
                    }
                    String reason = m.reason().replaceAll("(?<![\\d.])" + Pattern.quote(m.dst().toString()) + "(?![\\d])",
                            Matcher.quoteReplacement(t.address().toString()));
                    return new Trace(src.id(), to, probe, via, m.disposition(), reason, new Leg(m.disposition(), reason, List.of()), null);
                }
        List<Walk.Conntrack> ct = new ArrayList<>();
        Walk req = new Walk(dp, false, ct).recording(recordHops);
        if (key != null) req.memoizing();
        Packet p = initial(t.address(), probe, t.port());
        if (t.dnsNote() != null) req.hop(ns, "-", src.id(), StepKind.DNS, p, t.dnsNote());
        Walk.Ending e = req.originate(ns, p);
        if (key != null && req.reusable() && e.disposition() != Disposition.DELIVERED)
            memos.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Memo(List.copyOf(req.checks()), t.address(), e.disposition(), e.reason(), null));
        else if (key != null && req.arrivedAt() != null)
            memos.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Memo(List.copyOf(req.checks()), t.address(), null, null, req.arrivedAt()));
        Leg request = new Leg(e.disposition(), e.reason(), req.hops());
        if (e.disposition() != Disposition.DELIVERED)
            return new Trace(src.id(), to, probe, via, e.disposition(), e.reason(), request, null);
        if (t.node() != null && dp.namespaceOf(t.node()) != null && e.ns() != dp.namespaceOf(t.node())) {
            // the address is shadowed: another namespace owns it too (overlapping subnets), and the kernel delivers there
            String why = shadowed(t, e.ns());
            return new Trace(src.id(), to, probe, via, Disposition.NO_ROUTE, why, request, null);
        }
        Packet got = e.packet();
        Packet back = new Packet(null, null, got.dst(), got.src(), 64, got.proto(), got.dport(), got.sport(), Packet.ECHO_REPLY,
                got.proto() == Proto.TCP ? 60 : got.length(), got.df(), 0, 0, 0, null);
        Walk rep = new Walk(dp, true, ct).recording(recordHops).expectingClient(ns, p);
        Walk.Ending r = rep.originate(e.ns(), back);
        Leg reply = new Leg(r.disposition(), r.reason(), rep.hops());
        if (r.disposition() == Disposition.DELIVERED)
            return new Trace(src.id(), to, probe, via, Disposition.DELIVERED, e.reason() + ", and the reply came back", request, reply);
        String why = "the request arrives (" + e.reason() + "), but the reply is lost: " + r.reason();
        return new Trace(src.id(), to, probe, via, Disposition.NO_RETURN_PATH, why, request, reply);
    }

    private String shadowed(Targets.Target t, Namespace owner) {
        return t.address() + " is also an address of " + owner.name() + ": the packet is delivered there and never reaches "
                + dp.document().node(t.node()).map(Node::name).orElse(t.node()) + " (overlapping subnets)";
    }

}
