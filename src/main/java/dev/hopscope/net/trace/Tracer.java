package dev.hopscope.net.trace;

import dev.hopscope.model.Destination;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Traces flows through one compiled dataplane: resolves the source and the {@link Destination}
 * (a node, an address or a name, as the source would resolve it), walks the request, and if it
 * arrives, walks the reply back through conntrack. Where a node can be reached at several
 * addresses (its own, a published port, a NodePort) every one is tried and the one that gets
 * furthest is answered, with the others listed as {@link Trace#alternatives()}.
 */
public final class Tracer {
    private final Dataplane dp;
    private final Resolver resolver;
    private final Targets targets;
    private final Narrator narrator;

    public Tracer(Dataplane dp) {
        this.dp = dp;
        this.resolver = new Resolver(dp.document(), dp.addressing());
        this.targets = new Targets(dp);
        this.narrator = new Narrator(dp);
    }

    public Targets targets() { return targets; }

    public Narrator narrator() { return narrator; }

    /** {@code to} as typed: a node's id or name, an address or a DNS name, optionally with {@code :PORT}. */
    public Trace trace(String from, String to, Probe probe) { return trace(from, Destination.parse(to.strip()), probe, true); }

    public Trace trace(String from, String to, Probe probe, boolean recordHops) {
        return trace(from, Destination.parse(to.strip()), probe, recordHops);
    }

    public Trace trace(String from, Destination to, Probe probe) { return trace(from, to, probe, true); }

    /**
     * One flow from {@code from} (a node's id or name) to {@code to}; a port in {@code to} sets the
     * probe's port (and makes an ICMP probe TCP). {@code recordHops} false skips building hops:
     * the analysis needs only outcomes.
     */
    public Trace trace(String from, Destination to, Probe probe, boolean recordHops) {
        return trace(from, to, probe, recordHops, null);
    }

    /**
     * One flow, recorded, following the branch that ends at {@code endpoint} (a node's id or name)
     * where the flow passes a Service with several endpoints.
     *
     * @throws IllegalArgumentException when {@code endpoint} is no node, or not an endpoint of this
     *         flow (the message lists the flow's endpoints)
     */
    public Trace trace(String from, Destination to, Probe probe, String endpoint) {
        Node wanted = dp.document().find(endpoint)
                .orElseThrow(() -> new IllegalArgumentException("--endpoint " + endpoint + ": no node called '" + endpoint + "' in this document"));
        Trace t = trace(from, to, probe, true, wanted.id());
        if (t.branches().stream().anyMatch(b -> b.endpoint().equals(wanted.id()))) return t;
        if (t.branches().isEmpty() && deliveredTo(t, wanted.id())) return t;
        if (t.branches().isEmpty())
            throw new IllegalArgumentException("--endpoint " + endpoint + ": this flow passes no Service with several endpoints"
                    + (t.disposition().isSuccessful() ? ", and it ends at " + narrator.name(deliveredNode(t)) : "") + "; leave --endpoint out");
        throw new IllegalArgumentException("--endpoint " + endpoint + ": " + wanted.name() + " is not an endpoint of this flow; its endpoints are "
                + String.join(", ", t.branches().stream().map(b -> narrator.name(b.endpoint())).distinct().toList()));
    }

    private static boolean deliveredTo(Trace t, String node) { return node.equals(deliveredNode(t)); }

    private static String deliveredNode(Trace t) {
        Outcome o = t.request().outcome();
        if (o instanceof StepDetail.SocketReached s) return s.socket().owner();
        if (o instanceof StepDetail.PingAnswered) {
            List<Hop> hops = t.hops();
            return hops.isEmpty() ? null : hops.get(hops.size() - 1).node();
        }
        return null;
    }

    /**
     * A request for {@code NAME/PATH} is an HTTP request for PATH: its {@code Host} is the name (or
     * the address) sent to, and where it reaches an Ingress controller, the controller carries it
     * on ({@link Proxied}).
     */
    private Trace trace(String from, Destination to, Probe probe, boolean recordHops, String prefer) {
        String path = "/";
        if (to instanceof Destination.Named n && n.name().indexOf('/') > 0) {
            path = n.name().substring(n.name().indexOf('/'));
            to = Destination.parse(n.name().substring(0, n.name().indexOf('/'))).withPort(n.port());
        }
        Trace t = direct(from, to, probe, recordHops, prefer);
        return ingresses.carryOn(t, to.host(), path, recordHops);
    }

    /** Second connections through an Ingress controller: traced from the controller with this tracer. */
    private final Ingresses ingresses = new Ingresses(this);

    Dataplane dataplane() { return dp; }

    /** A connection the tracer opens on a node's behalf (an Ingress controller's to its backend). */
    Trace connect(Node src, String to, Target t, Probe probe, boolean recordHops) {
        return traceTo(src, dp.namespaceOf(src.id()), to, t, probe, recordHops, null);
    }

    private Trace direct(String from, Destination to, Probe probe, boolean recordHops, String prefer) {
        Node src = source(from);
        Namespace ns = dp.namespaceOf(src.id());
        if (to.hasPort())
            probe = new Probe(probe.proto() == Proto.ICMP ? Proto.TCP : probe.proto(), to.port(), probe.size());
        String shown = to.host();
        if (to instanceof Destination.Address a)
            return traceTo(src, ns, shown, Target.address(a.address(), probe.port()), probe, recordHops, prefer);

        String name = ((Destination.Named) to).name();
        Node named = dp.document().find(name).orElse(null);
        // a host-mode container asks the host's resolver, which knows no container names (Docker's DNS serves user-defined networks)
        if (ns.dns() != DnsConfig.NONE || named == null || src instanceof dev.hopscope.model.Container) {
            DnsLookup lookup = resolver.resolve(ns, name);
            Optional<Trace> query = clusterDnsQuery(src, ns, lookup, recordHops);
            if (query.isPresent() && !query.get().disposition().isSuccessful()) {
                Trace q = query.get();
                DropCause failed = new DropCause.DnsQueryFailed(q.via(), q.disposition(), q.reason());
                return unresolved(src, ns, shown, probe, failed, null, recordHops).withDnsQuery(query);
            }
            return resolved(src, ns, shown, named, name, lookup, probe, recordHops, prefer).withDnsQuery(query);
        }
        List<Target> ts = targets.typed(named, probe);
        if (ts.isEmpty()) return unresolved(src, ns, shown, probe, new DropCause.NoAddress(named.id(), src.id()), null, recordHops);
        return best(src, ns, shown, ts, probe, recordHops, prefer);
    }

    /**
     * Cluster DNS as a packet: when a pod's name was asked of cluster DNS and the design has pods
     * behind the kube-dns Service that listen on UDP 53, the query is traced from the pod to the
     * ClusterIP (kube-proxy sends it on to a DNS pod) and back. Empty otherwise: the resolver's
     * answer stands as a modelled lookup.
     */
    private Optional<Trace> clusterDnsQuery(Node src, Namespace ns, DnsLookup lookup, boolean recordHops) {
        if (!(lookup.server() instanceof DnsLookup.ClusterDns c) || c.address().isEmpty()) return Optional.empty();
        dev.hopscope.model.Service kubeDns = dp.document().all(dev.hopscope.model.Service.class).stream()
                .filter(s -> s.name().equals("kube-dns") && s.namespace().equals("kube-system")).findFirst().orElse(null);
        if (kubeDns == null || kubeDns.ports().stream().noneMatch(p -> p.proto() == Proto.UDP && p.port() == 53)) return Optional.empty();
        boolean dnsPods = !kubeDns.selector().isEmpty() && dp.document().all(dev.hopscope.model.Pod.class).stream()
                .anyMatch(p -> p.namespace().equals("kube-system") && dev.hopscope.model.Labels.matches(kubeDns.selector(), p.labels())
                        && p.sockets().stream().anyMatch(k -> k.proto() == Proto.UDP));
        if (!dnsPods) return Optional.empty();
        Target t = new Target(c.address().get(), 53, new Target.ClusterIp(kubeDns.id(), 53), Optional.empty(), Optional.empty());
        return Optional.of(traceTo(src, ns, "kube-dns", t, Probe.udp(53), recordHops, null));
    }

    /** A name the resolver answered (or did not). */
    private Trace resolved(Node src, Namespace ns, String shown, Node named, String name, DnsLookup lookup, Probe probe,
                           boolean recordHops, String prefer) {
        if (lookup.address().isEmpty() && (named instanceof External || named instanceof Host)) {
            List<Target> ts = new ArrayList<>();
            for (Target t : targets.typed(named, probe)) ts.add(t.withLookup(Resolver.knownNode(ns, name, t.address(), named.id())));
            if (!ts.isEmpty()) return best(src, ns, shown, ts, probe, recordHops, prefer);
        }
        if (lookup.address().isEmpty()) return unresolved(src, ns, shown, probe, new DropCause.NotResolved(lookup), lookup, recordHops);
        Target t = new Target(lookup.address().get(), probe.port(), new Target.Given(), Optional.empty(), Optional.of(lookup));
        return traceTo(src, ns, shown, t, probe, recordHops, prefer);
    }

    /** One flow to a given target: for instance one of another trace's {@link Trace#alternatives()}. */
    public Trace trace(String from, Target target, Probe probe) {
        Node src = source(from);
        Probe p = probe.proto() == Proto.ICMP ? probe : new Probe(probe.proto(), target.port(), probe.size());
        return traceTo(src, dp.namespaceOf(src.id()), target.via(p.proto()), target, p, true);
    }

    private Node source(String from) {
        Node src = dp.document().find(from).orElseThrow(() -> new IllegalArgumentException("no node called '" + from + "' in this document"));
        if (dp.namespaceOf(src.id()) == null)
            throw new IllegalArgumentException("'" + from + "' (a " + src.kind().label() + ") does not send traffic; trace from a container, pod, external or host");
        return src;
    }

    /** Traces to each candidate and answers the one that gets furthest (the first on ties), listing every one as an alternative. */
    public Trace best(Node src, Namespace ns, String to, List<Target> candidates, Probe probe) {
        return best(src, ns, to, candidates, probe, true);
    }

    /**
     * {@code recordHops} false skips building hops and stops at the first candidate that delivers
     * (the analysis); true tries every candidate, so the alternatives all say how far they get.
     */
    public Trace best(Node src, Namespace ns, String to, List<Target> candidates, Probe probe, boolean recordHops) {
        return best(src, ns, to, candidates, probe, recordHops, null);
    }

    private Trace best(Node src, Namespace ns, String to, List<Target> candidates, Probe probe, boolean recordHops, String prefer) {
        Trace best = null;
        List<Trace> tried = new ArrayList<>(candidates.size());
        for (Target t : candidates) {
            if (!recordHops && best != null && best.disposition().isSuccessful()) break;
            Trace tr = traceTo(src, ns, to, t, probe, recordHops, prefer);
            tried.add(tr);
            if (best == null || tr.disposition().progress() > best.disposition().progress()) best = tr;
        }
        if (best == null) throw new IllegalArgumentException("no address to send to");
        List<Alternative> alternatives = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Target t = candidates.get(i);
            alternatives.add(new Alternative(t, i < tried.size() ? Optional.of(tried.get(i).disposition()) : Optional.empty(),
                    narrator.label(endpointOf(t), t, probe.proto())));
        }
        return new Trace(best.from(), best.to(), best.probe(), best.target(), best.disposition(), best.reason(), best.request(), best.reply(),
                alternatives, best.branches());
    }

    private static String endpointOf(Target t) {
        if (t.endpoint().isPresent()) return t.endpoint().get();
        Target.How h = t.how();
        if (h instanceof Target.ClusterIp c) return c.service();
        if (h instanceof Target.LoadBalancer l) return l.service();
        if (h instanceof Target.NodePort n) return n.service();
        return t.lookup().map(l -> l.answer() instanceof DnsLookup.Found f && f.record() instanceof DnsLookup.NodeName nn ? nn.node() : null)
                .orElse(null);
    }

    private Trace unresolved(Node src, Namespace ns, String to, Probe probe, DropCause cause, DnsLookup lookup, boolean recordHops) {
        List<Hop> hops = List.of();
        if (recordHops) {
            HopRecorder rec = new HopRecorder(dp, narrator, new HopRecorder.Neighbours());
            Packet p = initial(null, probe, 0);
            if (lookup != null) rec.step(ns, "-", src.id(), p, lookup);
            else rec.step(ns, "-", src.id(), p, new StepDetail.Dropped(cause));
            hops = rec.hops();
        }
        String why = narrator.reason(cause);
        return new Trace(src.id(), to, probe, Optional.empty(), cause.disposition(), why, new Leg(cause.disposition(), why, hops, cause), null,
                List.of(), List.of());
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
        boolean icmp = probe.proto() == Proto.ICMP;
        return Packet.request(d, probe.proto(), icmp ? 0 : sport, icmp ? 0 : port, length, df);
    }

    /**
     * What the analysis remembers of a request traced without hops, to answer other destinations
     * that take exactly the same decisions ({@code checks}) without walking again.
     */
    private sealed interface Memo {
        List<WalkObserver.DestinationCheck> checks();

        /** The request ended (dropped) before anything depended on who owns its destination {@code dst}. */
        record Ended(List<WalkObserver.DestinationCheck> checks, Ipv4 dst, DropCause cause) implements Memo {}

        /** The request arrived at {@code at}, which owns the destination: only a target meant elsewhere can reuse it (as shadowed). */
        record Arrived(List<WalkObserver.DestinationCheck> checks, Namespace at) implements Memo {}
    }

    private record MemoKey(Namespace ns, Probe probe, int port) {}

    private final Map<MemoKey, List<Memo>> memos = new ConcurrentHashMap<>();

    /** At most this many branches are explored for one target (a Service of 64 endpoints, or nested choices). */
    static final int MAX_BRANCHES = 64;

    private Trace traceTo(Node src, Namespace ns, String to, Target t, Probe probe, boolean recordHops) {
        return traceTo(src, ns, to, t, probe, recordHops, null);
    }

    /**
     * One target. Unrecorded (the analysis): the branch that leads to the target's endpoint (or the
     * first), reusing remembered outcomes. Recorded: the branch that leads to {@code prefer} (a node
     * id), else to the target's endpoint, else the first, with every branch explored and listed.
     */
    private Trace traceTo(Node src, Namespace ns, String to, Target t, Probe probe, boolean recordHops, String prefer) {
        String toward = prefer != null ? prefer : t.endpoint().orElse(null);
        if (!recordHops) {
            MemoKey key = new MemoKey(ns, probe, t.port());
            for (Memo m : memos.getOrDefault(key, List.of())) {
                if (!m.checks().stream().allMatch(c -> c.holds(t.address()))) continue;
                if (m instanceof Memo.Arrived a) {
                    Namespace meant = t.endpoint().map(dp::namespaceOf).orElse(null);
                    if (meant == null || meant == a.at()) break; // it arrives where it should: trace it whole
                    return ended(src, to, probe, t, shadowed(t, a.at()), List.of());
                }
                Memo.Ended e = (Memo.Ended) m;
                return ended(src, to, probe, t, e.cause().retarget(e.dst(), t.address()), List.of());
            }
            return walk(src, ns, to, t, probe, false, key, Choices.toward(toward)).trace();
        }
        Walked followed = walk(src, ns, to, t, probe, true, null, Choices.toward(toward));
        List<StepDetail.Choice> made = followed.choices().made();
        if (made.isEmpty()) return followed.trace();
        List<Walked> runs = new ArrayList<>();
        runs.add(followed);
        java.util.ArrayDeque<List<Integer>> todo = new java.util.ArrayDeque<>();
        alternativesOf(followed.choices(), 0, todo);
        while (!todo.isEmpty() && runs.size() < MAX_BRANCHES) {
            List<Integer> path = todo.poll();
            Walked w = walk(src, ns, to, t, probe, false, null, Choices.path(path));
            runs.add(w);
            alternativesOf(w.choices(), path.size(), todo);
        }
        List<Branch> branches = new ArrayList<>(runs.size());
        for (Walked w : runs) {
            List<StepDetail.Choice> cs = w.choices().made();
            StepDetail.Choice last = cs.get(cs.size() - 1);
            String endpoint = last.endpoint() != null ? last.endpoint() : last.address() + (last.port() != 0 ? ":" + last.port() : "");
            branches.add(new Branch(cs, endpoint, w.trace().disposition(), w == followed));
        }
        branches.sort(Tracer::byChoices);
        Trace f = followed.trace();
        return new Trace(f.from(), f.to(), f.probe(), f.target(), f.disposition(), f.reason(), f.request(), f.reply(), f.alternatives(), branches);
    }

    /** Queues every path that differs from {@code c}'s choices at one choice from {@code from} on. */
    private static void alternativesOf(Choices c, int from, java.util.Deque<List<Integer>> todo) {
        List<StepDetail.Choice> made = c.made();
        for (int i = from; i < made.size(); i++)
            for (int j = 0; j < made.get(i).of(); j++) {
                if (j == made.get(i).index()) continue;
                List<Integer> path = new ArrayList<>(c.prefix(i));
                path.add(j);
                todo.add(path);
            }
    }

    private static int byChoices(Branch a, Branch b) {
        for (int i = 0; i < Math.min(a.choices().size(), b.choices().size()); i++) {
            int d = Integer.compare(a.choices().get(i).index(), b.choices().get(i).index());
            if (d != 0) return d;
        }
        return Integer.compare(a.choices().size(), b.choices().size());
    }

    /** Whether a Service's choice (a branch taken on purpose) sent the packet to {@code ns}. */
    private boolean ledThereByChoice(Choices choices, Namespace ns) {
        if (choices.missedToward()) return false;
        List<StepDetail.Choice> made = choices.made();
        return !made.isEmpty() && made.get(made.size() - 1).endpoint() != null && dp.namespaceOf(made.get(made.size() - 1).endpoint()) == ns;
    }

    /** One walk of the request (and the reply, if it arrives) along the given choices. */
    private record Walked(Trace trace, Choices choices) {}

    private Walked walk(Node src, Namespace ns, String to, Target t, Probe probe, boolean recordHops, MemoKey key, Choices choices) {
        ConntrackTable ct = new ConntrackTable();
        HopRecorder.Neighbours neighbours = new HopRecorder.Neighbours();
        HopRecorder requestHops = recordHops ? new HopRecorder(dp, narrator, neighbours) : null;
        MemoRecorder memo = key != null ? new MemoRecorder() : null;
        Walk req = new Walk(dp, false, ct, requestHops != null ? requestHops : memo != null ? memo : WalkObserver.NONE, choices);
        Packet p = initial(t.address(), probe, t.port());
        if (t.lookup().isPresent()) req.step(ns, "-", src.id(), p, t.lookup().get());
        Walk.Ending e = req.originate(ns, p);
        if (memo != null && memo.reusable() && e.outcome() instanceof DropCause cause)
            memos.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Memo.Ended(memo.checks(), t.address(), cause));
        else if (memo != null && memo.arrivedAt() != null)
            memos.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Memo.Arrived(memo.checks(), memo.arrivedAt()));
        List<Hop> requestList = requestHops == null ? List.of() : requestHops.hops();
        Leg request = new Leg(e.disposition(), narrator.reason(e.outcome()), requestList, e.outcome());
        if (e.disposition() != Disposition.DELIVERED) return new Walked(trace(src, to, probe, t, e.outcome(), request, null), choices);
        Namespace meant = t.endpoint().map(dp::namespaceOf).orElse(null);
        if (meant != null && e.ns() != meant && !ledThereByChoice(choices, e.ns())) {
            // a Service's rule sent it to another endpoint; or the address is shadowed: another namespace owns it too
            // (overlapping subnets), and the kernel delivers there
            DropCause why = choices.missedToward() ? new DropCause.OtherEndpoint(t.address(), t.port(), t.endpoint().get(), e.ns().node(),
                    choices.made().isEmpty() ? null : choices.made().get(choices.made().size() - 1).by())
                    : shadowed(t, e.ns());
            return new Walked(new Trace(src.id(), to, probe, Optional.of(t), why.disposition(), narrator.reason(why), request, null,
                    List.of(), List.of()), choices);
        }
        HopRecorder replyHops = recordHops ? new HopRecorder(dp, narrator, neighbours) : null;
        Walk rep = new Walk(dp, true, ct, replyHops != null ? replyHops : WalkObserver.NONE).expectingClient(ns, req.connectedAs(p));
        Walk.Ending r = rep.originate(e.ns(), Packet.answer(e.packet()));
        Leg reply = new Leg(r.disposition(), narrator.reason(r.outcome()), replyHops == null ? List.of() : replyHops.hops(), r.outcome());
        return new Walked(trace(src, to, probe, t, e.outcome(), request, reply), choices);
    }

    private Trace trace(Node src, String to, Probe probe, Target t, Outcome request, Leg requestLeg, Leg reply) {
        Disposition d = reply == null ? request.disposition()
                : reply.disposition() == Disposition.DELIVERED ? Disposition.DELIVERED : Disposition.NO_RETURN_PATH;
        return new Trace(src.id(), to, probe, Optional.of(t), d, narrator.traceReason(request, reply == null ? null : reply.outcome()),
                requestLeg, reply, List.of(), List.of());
    }

    private Trace ended(Node src, String to, Probe probe, Target t, DropCause cause, List<Hop> hops) {
        String why = narrator.reason(cause);
        return new Trace(src.id(), to, probe, Optional.of(t), cause.disposition(), why, new Leg(cause.disposition(), why, hops, cause), null,
                List.of(), List.of());
    }

    private DropCause shadowed(Target t, Namespace owner) {
        return new DropCause.Shadowed(t.address(), owner.name(), t.endpoint().orElse(null));
    }
}
