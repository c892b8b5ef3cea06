package dev.hopscope.net.analysis;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Vxlan;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hosts built the same way, proven on the compiled dataplane: the hosts of one class can be
 * permuted freely without changing the dataplane, so a flow between two endpoints ends exactly as
 * the corresponding flow between the corresponding endpoints of any other hosts of the same
 * classes (on one host, or on two different hosts).
 *
 * <p>A host's <em>zone</em> is its namespace and those of its containers and pods, with its
 * document nodes. Addresses that only one device in the whole dataplane holds are the zone's
 * own; they lie in <em>blocks</em> (a subnet on which only the zone has addresses, or else the
 * address alone). Swapping two hosts X and Y of a class means: swap their zones namespace for
 * namespace and device for device, and swap X's blocks with Y's (a bijection of the IPv4 space
 * that keeps every other address). That swap leaves the dataplane unchanged when
 * <ul>
 * <li>X's zone written relative to X (own blocks, devices, MACs and nodes as positions, other
 *     zones' ones as theirs) reads exactly as Y's written relative to Y;</li>
 * <li>every subnet that is not inside one block holds X's block k exactly when it holds Y's
 *     (so the swap maps it onto itself);</li>
 * <li>everything that refers to other hosts refers to all the hosts of a class alike: a route,
 *     neighbour, flood entry, bridge port, or run of rules with one verdict (whose order does not
 *     matter) names each of them the same way; where order matters (a DNAT's endpoints, a rule
 *     between others) the hosts named are kept apart, each a class of its own.</li>
 * </ul>
 * Classes start from the first two and are split until the third holds. Names that are prose
 * (a rule's sentence and subjects, namespace names) and name resolution (the matrix sends to
 * addresses) are left out. The walk decides only from what is written here, so it commutes with
 * the swap; {@code MatrixSoundnessTest} checks the result against fresh traces.
 */
final class HostSymmetry {

    private static final int NONE = -1;

    private final Dataplane dp;
    private final Document doc;
    private final List<String> hosts = new ArrayList<>();
    private final Map<String, Integer> zoneOfHost = new HashMap<>();
    private final List<List<Namespace>> zoneNamespaces = new ArrayList<>();
    private final List<List<String>> zoneNodes = new ArrayList<>();
    private final IdentityHashMap<Namespace, int[]> nsPos = new IdentityHashMap<>();
    private final IdentityHashMap<Iface, Integer> ifIndex = new IdentityHashMap<>();
    private final Map<String, int[]> nodePos = new HashMap<>();
    /** Address bits to the one device holding it (an address several hold is in {@link #shared}). */
    private final Map<Integer, Iface> owner = new HashMap<>();
    private final Set<Integer> shared = new HashSet<>();
    private final Map<Long, Iface> macOwner = new HashMap<>();
    private final Set<Long> sharedMacs = new HashSet<>();
    /** Blocks sorted by first address: [first, last] unsigned, zone, role within the zone. */
    private long[] blockFirst = new long[0], blockLast = new long[0];
    private int[] blockZone = new int[0], blockRole = new int[0];
    private final List<List<Integer>> zoneBlockPrefixes = new ArrayList<>();
    /** Zones that must not be swapped with any other (named where order matters, or a subnet cuts a block). */
    private final Set<Integer> pinned = new HashSet<>();

    /** Unordered collections of items: some items name one other zone each. */
    private static final class ItemSet {
        final String id;
        final int zone;
        final List<String> base = new ArrayList<>();
        final Map<Integer, List<String>> byZone = new HashMap<>();
        ItemSet(String id, int zone) { this.id = id; this.zone = zone; }
        String view(int z) {
            List<String> v = byZone.get(z);
            if (v == null) return null;
            List<String> sorted = new ArrayList<>(v);
            sorted.sort(null);
            return String.join(";", sorted);
        }
    }

    private final List<ItemSet> sets = new ArrayList<>();
    private final List<StringBuilder> zoneText = new ArrayList<>();
    private final Map<Cidr, List<long[]>> containment = new HashMap<>();
    private LiveRules live;

    private int[] classOf;
    private final List<List<Integer>> classes = new ArrayList<>();

    private HostSymmetry(Dataplane dp) {
        this.dp = dp;
        this.doc = dp.document();
    }

    static HostSymmetry of(Dataplane dp) {
        HostSymmetry s = new HostSymmetry(dp);
        s.live = new LiveRules(dp);
        s.zones();
        s.owners();
        s.blocks();
        s.render();
        s.contain();
        s.refine();
        return s;
    }

    // ------------------------------------------------------------------ answers

    /** The classes of hosts (ids, in document order; the first is the representative). */
    List<List<String>> classes() {
        List<List<String>> out = new ArrayList<>();
        for (List<Integer> c : classes) out.add(c.stream().map(hosts::get).toList());
        return out;
    }

    /** The class index of a host, or -1 for a node that is not a host. */
    int classOfHost(String hostId) {
        Integer z = zoneOfHost.get(hostId);
        return z == null ? NONE : classOf[z];
    }

    /** The host of the class's first member. */
    String representative(int cls) { return hosts.get(classes.get(cls).get(0)); }

    /** The host whose zone holds a document node (the host itself, its bridges, containers, pods), or null. */
    String hostOf(String nodeId) {
        int[] p = nodePos.get(nodeId);
        return p == null ? null : hosts.get(p[0]);
    }

    /** A node's place among its host's nodes (document order), or -1. */
    int role(String nodeId) {
        int[] p = nodePos.get(nodeId);
        return p == null ? NONE : p[1];
    }

    /** The node at the same place in another host of the same class (the node itself when already there). */
    String counterpart(String nodeId, String hostId) {
        int[] p = nodePos.get(nodeId);
        Integer z = zoneOfHost.get(hostId);
        if (p == null || z == null) throw new IllegalArgumentException(nodeId + " has no counterpart on " + hostId);
        if (p[0] == z) return nodeId;
        if (classOf[p[0]] != classOf[z]) throw new IllegalArgumentException(nodeId + " and " + hostId + " are not in one class of hosts");
        return zoneNodes.get(z).get(p[1]);
    }

    // ------------------------------------------------------------------ zones

    private void zones() {
        for (Host h : doc.all(Host.class)) {
            zoneOfHost.put(h.id(), hosts.size());
            hosts.add(h.id());
            zoneNamespaces.add(new ArrayList<>());
            zoneNodes.add(new ArrayList<>());
            zoneText.add(new StringBuilder());
            zoneBlockPrefixes.add(new ArrayList<>());
        }
        for (Node n : doc.nodes()) {
            String h = hostOfNode(n, 0);
            Integer z = h == null ? null : zoneOfHost.get(h);
            if (z == null) continue;
            nodePos.put(n.id(), new int[] {z, zoneNodes.get(z).size()});
            zoneNodes.get(z).add(n.id());
        }
        for (Namespace ns : dp.namespaces()) {
            Integer z = ns.host() == null ? null : zoneOfHost.get(ns.host());
            if (z != null) {
                nsPos.put(ns, new int[] {z, zoneNamespaces.get(z).size()});
                zoneNamespaces.get(z).add(ns);
            }
            int i = 0;
            for (Iface f : ns.ifaces()) ifIndex.put(f, i++);
        }
        classOf = new int[hosts.size()];
    }

    private String hostOfNode(Node n, int depth) {
        if (n instanceof Host) return n.id();
        String parent = n.parent();
        if (parent == null || depth > 8) return null;
        return doc.node(parent).map(p -> hostOfNode(p, depth + 1)).orElse(null);
    }

    private void owners() {
        for (Namespace ns : dp.namespaces())
            for (Iface f : ns.ifaces()) {
                for (Cidr c : f.addresses()) {
                    if (c.address().isLoopback()) continue;
                    int bits = c.address().bits();
                    if (shared.contains(bits)) continue;
                    if (owner.containsKey(bits) && owner.get(bits) != f) { owner.remove(bits); shared.add(bits); }
                    else owner.put(bits, f);
                }
                long m = f.mac().bits();
                if (sharedMacs.contains(m)) continue;
                if (macOwner.containsKey(m) && macOwner.get(m) != f) { macOwner.remove(m); sharedMacs.add(m); }
                else macOwner.put(m, f);
            }
    }

    private int zoneOf(Iface f) {
        int[] p = nsPos.get(f.ns());
        return p == null ? NONE : p[0];
    }

    /** Each zone's blocks: a subnet of its devices on which only it has addresses, else the address alone. */
    private void blocks() {
        long[] addrs = new long[owner.size() + shared.size()];
        int[] zoneAt = new int[addrs.length];
        int n = 0;
        Map<Long, Integer> zoneByAddr = new HashMap<>();
        for (var e : owner.entrySet()) zoneByAddr.put(u(e.getKey()), zoneOf(e.getValue()));
        for (int b : shared) zoneByAddr.put(u(b), Integer.MIN_VALUE);
        List<Long> sorted = new ArrayList<>(zoneByAddr.keySet());
        sorted.sort(null);
        for (long a : sorted) { addrs[n] = a; zoneAt[n++] = zoneByAddr.get(a); }
        List<long[]> found = new ArrayList<>();
        for (int z = 0; z < hosts.size(); z++) {
            Set<Long> seen = new HashSet<>();
            List<long[]> mine = new ArrayList<>();
            for (Namespace ns : zoneNamespaces.get(z))
                for (Iface f : ns.ifaces())
                    for (Cidr c : f.addresses()) {
                        int bits = c.address().bits();
                        if (c.address().isLoopback() || owner.get(bits) != f) continue;
                        long first = u(c.network().bits()), last = u(c.broadcast().bits());
                        boolean own = c.prefix() < 32;
                        int lo = lowerBound(addrs, n, first);
                        for (int i = lo; own && i < n && addrs[i] <= last; i++) if (zoneAt[i] != z) own = false;
                        if (!own) { first = u(bits); last = first; }
                        if (seen.add(first << 8 | (last - first == 0 ? 32 : c.prefix()))) mine.add(new long[] {first, last, z, 0});
                    }
            // a single address inside a subnet block of the same zone is part of that block
            List<long[]> kept = new ArrayList<>();
            for (long[] b : mine) {
                boolean inside = false;
                for (long[] o : mine) if (o != b && o[0] <= b[0] && b[1] <= o[1] && (o[1] - o[0]) > (b[1] - b[0])) inside = true;
                if (!inside) { b[3] = kept.size(); kept.add(b); zoneBlockPrefixes.get(z).add(prefixOf(b)); }
            }
            found.addAll(kept);
        }
        found.sort((x, y) -> Long.compare(x[0], y[0]));
        int k = found.size();
        blockFirst = new long[k]; blockLast = new long[k]; blockZone = new int[k]; blockRole = new int[k];
        for (int i = 0; i < k; i++) {
            long[] b = found.get(i);
            blockFirst[i] = b[0]; blockLast[i] = b[1]; blockZone[i] = (int) b[2]; blockRole[i] = (int) b[3];
            if (i > 0 && blockFirst[i] <= blockLast[i - 1]) { pinned.add(blockZone[i]); pinned.add(blockZone[i - 1]); }
        }
    }

    private static int prefixOf(long[] b) { return 32 - Long.numberOfTrailingZeros(b[1] - b[0] + 1); }

    private static long u(int bits) { return bits & 0xFFFF_FFFFL; }

    private static int lowerBound(long[] a, int n, long key) {
        int lo = 0, hi = n;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (a[mid] < key) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /** The block holding an address, or -1. */
    private int block(long a) {
        int i = lowerBound(blockFirst, blockFirst.length, a + 1) - 1;
        return i >= 0 && a <= blockLast[i] ? i : NONE;
    }

    // ------------------------------------------------------------------ rendering

    /** Writes dataplane values relative to the zone a namespace belongs to, noting the other zones named. */
    private final class Writer {
        final int self;
        final Namespace ns;
        final Set<Integer> others = new HashSet<>();
        final StringBuilder sb = new StringBuilder();

        Writer(Namespace ns, int self) { this.ns = ns; this.self = self; }

        Writer zone(int z) {
            if (z == self) sb.append('S');
            else { sb.append('F'); others.add(z); }
            return this;
        }

        Writer text(Object o) { sb.append(o).append(' '); return this; }

        Writer addr(Ipv4 a) {
            if (a == null) return text("-");
            int b = block(u(a.bits()));
            if (b == NONE) return text(a);
            zone(blockZone[b]);
            sb.append(blockRole[b]).append('+').append(u(a.bits()) - blockFirst[b]).append(' ');
            return this;
        }

        Writer cidr(Cidr c) {
            if (c == null) return text("-");
            long first = u(c.network().bits()), last = u(c.broadcast().bits());
            int b = block(first);
            if (b != NONE && last <= blockLast[b]) {
                zone(blockZone[b]);
                sb.append(blockRole[b]).append('+').append(first - blockFirst[b]).append('/').append(c.prefix()).append(' ');
                return this;
            }
            containment.computeIfAbsent(c.base(), k -> new ArrayList<>());
            return text(c.base());
        }

        Writer iface(Iface f) {
            if (f == null) return text("-");
            int z = zoneOf(f);
            if (z != NONE) {
                zone(z);
                sb.append(nsPos.get(f.ns())[1]).append('.').append(ifIndex.get(f)).append(' ');
                return this;
            }
            if (f.kind() == Iface.Kind.VETH && f.peer() != null && zoneOf(f.peer()) != NONE) {
                sb.append("P(");
                iface(f.peer());
                sb.append(") ");
                return this;
            }
            return text(f.ns().name() + "." + ifIndex.get(f));
        }

        Writer mac(Mac m) {
            if (m == null) return text("-");
            Iface o = macOwner.get(m.bits());
            if (o == null) return text(m);
            sb.append("M(");
            iface(o);
            sb.append(") ");
            return this;
        }

        Writer node(String id) {
            if (id == null) return text("-");
            int[] p = nodePos.get(id);
            if (p == null) return text(id);
            zone(p[0]);
            sb.append('n').append(p[1]).append(' ');
            return this;
        }

        /** A device name in a rule: the device's position when this namespace has it. */
        Writer dev(String name) {
            if (name == null) return text("-");
            Iface f = ns.iface(name);
            return f == null ? text("?" + name) : text("d" + ifIndex.get(f));
        }

        Writer chain(Rule.Chain c, List<Rule.Chain> own) {
            if (c == null) return text("-");
            return c.builtin() ? text(c.name()) : text("C" + own.indexOf(c));
        }

        String done() { return sb.toString(); }
    }

    private void render() {
        for (Namespace ns : dp.namespaces()) {
            int[] p = nsPos.get(ns);
            int self = p == null ? NONE : p[0];
            String id = p == null ? "ns " + ns.name() : "ns " + p[1];
            StringBuilder text = self == NONE ? new StringBuilder() : zoneText.get(self);
            text.append('\n').append(id).append(": ");
            positional(ns, self, text, w -> w.text(ns.kind()).text(ns.ipForward()).node(ns.node()));
            ItemSet ports = new ItemSet(id + " veth peers", self);
            for (Iface f : ns.ifaces()) {
                boolean byPeer = self == NONE && f.kind() == Iface.Kind.VETH && f.peer() != null && zoneOf(f.peer()) != NONE;
                if (byPeer) item(ports, new Writer(ns, self), w -> iface(w, f));
                else positional(ns, self, text, w -> iface(w, f));
                if (f.kind() == Iface.Kind.BRIDGE) {
                    // the first port behind a MAC, or holding an address, answers: order matters unless those are unique
                    if (self == NONE && distinctBehind(f.ports(), null)) {
                        ItemSet s = new ItemSet(id + " ports of " + ifIndex.get(f), self);
                        for (Iface port : f.ports()) item(s, new Writer(ns, self), w -> w.iface(port));
                        finish(s, text);
                    } else {
                        for (Iface port : f.ports()) positional(ns, self, text, w -> w.text("port").iface(port));
                    }
                }
                if (f.vxlan() != null) {
                    Vxlan v = f.vxlan();
                    positional(ns, self, text, w -> w.text("vxlan").text(v.vni()).text(v.port()).addr(v.local()).text(v.espSpi()));
                    // remote VTEPs are asked in flood order: it matters unless every MAC and address behind them is unique
                    List<Iface> remotePorts = new ArrayList<>();
                    boolean bridged = true;
                    for (Ipv4 r : v.flood())
                        for (Iface remote : dp.vxlanDevicesAt(r)) {
                            if (remote.master() == null) { bridged = false; continue; }
                            remotePorts.add(remote.master());
                            remotePorts.addAll(remote.master().ports());
                        }
                    if (bridged && distinctBehind(remotePorts, f.master())) {
                        ItemSet flood = new ItemSet(id + " flood of " + ifIndex.get(f), self);
                        for (Ipv4 r : v.flood()) item(flood, new Writer(ns, self), w -> w.addr(r));
                        finish(flood, text);
                    } else {
                        for (Ipv4 r : v.flood()) positional(ns, self, text, w -> w.text("flood").addr(r));
                    }
                    ItemSet fdb = new ItemSet(id + " fdb of " + ifIndex.get(f), self);
                    for (var e : v.fdb().entrySet()) item(fdb, new Writer(ns, self), w -> w.mac(e.getKey()).addr(e.getValue()));
                    finish(fdb, text);
                }
            }
            finish(ports, text);
            routes(ns, self, id, text);
            neighbours(ns, self, id, text);
            rules(ns, self, id, text);
            for (Listener l : ns.listeners()) positional(ns, self, text, w -> record(w, l, ns));
        }
        for (int z = 0; z < hosts.size(); z++) {
            StringBuilder t = zoneText.get(z);
            t.append("\nblocks ").append(zoneBlockPrefixes.get(z)).append("\nnodes");
            for (String id : zoneNodes.get(z)) {
                Namespace ns = dp.namespaceOf(id);
                int[] p = ns == null ? null : nsPos.get(ns);
                t.append(' ').append(doc.node(id).map(nd -> nd.kind().label()).orElse("?"))
                        .append(ns == null ? "-" : p == null ? ns.name() : (p[0] == z ? "S" + p[1] : "F"));
                if (p != null && p[0] != z) pinned.add(z);
            }
        }
    }

    /**
     * Whether no two of these devices (bridges, or bridge ports standing for the device across
     * their veth) answer for the same MAC or address, addresses {@code local} holds aside (it
     * answers for those before anyone else is asked).
     */
    private boolean distinctBehind(List<Iface> devices, Iface local) {
        Set<Long> macs = new HashSet<>();
        Set<Integer> addrs = new HashSet<>();
        for (Iface d : devices) {
            Iface behind = d.kind() == Iface.Kind.VETH && d.peer() != null ? d.peer() : d;
            if (!macs.add(behind.mac().bits()) || !macOwner.containsKey(behind.mac().bits())) return false;
            for (Cidr c : behind.addresses()) {
                int bits = c.address().bits();
                if (c.address().isLoopback() || local != null && local.hasAddress(c.address())) continue;
                if (!addrs.add(bits) || shared.contains(bits)) return false;
            }
        }
        return true;
    }

    private void iface(Writer w, Iface f) {
        w.text(f.kind()).mac(f.mac()).text(f.mtu()).node(f.node()).text("addrs");
        for (Cidr c : f.addresses()) w.addr(c.address()).text("/" + c.prefix());
        w.text("peer").iface(f.peer()).text("master").iface(f.master());
    }

    private void routes(Namespace ns, int self, String id, StringBuilder text) {
        Set<Cidr> dsts = new HashSet<>();
        boolean ties = false;
        for (Route r : ns.routes()) ties |= !dsts.add(r.dst().base());
        ItemSet set = new ItemSet(id + " routes", self);
        for (Route r : ns.routes()) {
            if (ties) positional(ns, self, text, w -> route(w, r));
            else item(set, new Writer(ns, self), w -> route(w, r));
        }
        finish(set, text);
    }

    private static void route(Writer w, Route r) {
        w.text("route").cidr(r.dst()).addr(r.via()).iface(r.dev()).text(r.onlink()).addr(r.src());
    }

    private void neighbours(Namespace ns, int self, String id, StringBuilder text) {
        Set<String> keys = new HashSet<>();
        boolean ties = false;
        for (Neighbour n : ns.neighbours()) ties |= !keys.add(System.identityHashCode(n.dev()) + "/" + n.ip());
        ItemSet set = new ItemSet(id + " neighbours", self);
        for (Neighbour n : ns.neighbours()) {
            if (ties) positional(ns, self, text, w -> w.text("neigh").iface(n.dev()).addr(n.ip()).mac(n.mac()));
            else item(set, new Writer(ns, self), w -> w.text("neigh").iface(n.dev()).addr(n.ip()).mac(n.mac()));
        }
        finish(set, text);
    }

    /**
     * Rules chain by chain, in order; a run of rules with one verdict (ACCEPT, DROP, REJECT or
     * RETURN, no mark) decides the same whichever of them matches first, so it is a set.
     */
    private void rules(Namespace ns, int self, String id, StringBuilder text) {
        List<Rule.Chain> own = ns.ownChains();
        Map<String, List<Integer>> chains = new LinkedHashMap<>();
        List<Rule> all = ns.rules();
        for (int i = 0; i < all.size(); i++) chains.computeIfAbsent(all.get(i).table() + "/" + all.get(i).chain(), k -> new ArrayList<>()).add(i);
        int run = 0;
        for (List<Integer> chain : chains.values()) {
            ItemSet set = null;
            Rule.Target verdict = null;
            for (int i : chain) {
                Rule r = all.get(i);
                if (!live.live(r)) continue;
                boolean unordered = r.setMark() == 0 && (r.target() == Rule.Target.ACCEPT || r.target() == Rule.Target.DROP
                        || r.target() == Rule.Target.REJECT || r.target() == Rule.Target.RETURN);
                if (set != null && (!unordered || r.target() != verdict)) { finish(set, text); set = null; }
                String ruleId = id + " rule " + i;
                if (unordered) {
                    if (set == null) { set = new ItemSet(id + " run " + run++, self); verdict = r.target(); }
                    item(set, new Writer(ns, self), w -> rule(w, r, own, ruleId));
                } else {
                    positional(ns, self, text, w -> rule(w, r, own, ruleId));
                }
            }
            if (set != null) finish(set, text);
        }
    }

    private void rule(Writer w, Rule r, List<Rule.Chain> own, String ruleId) {
        w.text(r.table()).chain(r.chain(), own).text(r.target()).chain(r.jumpTo(), own).text(r.setMark());
        Match m = r.match();
        w.text("src").text(m.notSrc()).cidr(m.src()).text("dst").text(m.notDst()).cidr(m.dst()).text(m.proto()).text(m.dport())
                .text("in").text(m.notIn()).dev(m.in()).text("out").text(m.notOut()).dev(m.out()).text(m.dstLocal()).text(m.mark());
        List<NatTarget> to = r.dnatTargets();
        if (to.isEmpty()) return;
        NatTarget first = to.get(0);
        w.text("to").addr(first.ip()).text(first.port()).node(first.node());
        if (to.size() > 1) {
            // targets the walk may take in any order, or (today) never takes: a set of their own
            ItemSet rest = new ItemSet(ruleId + " targets", w.self);
            for (NatTarget t : to.subList(1, to.size())) item(rest, new Writer(w.ns, w.self), x -> x.text("to").addr(t.ip()).text(t.port()).node(t.node()));
            rest.base.sort(null);
            w.text("rest{" + String.join(";", rest.base) + "}");
            if (!rest.byZone.isEmpty()) sets.add(rest);
        }
    }


    /** Any record, component by component (listeners): addresses, devices, MACs and node ids relative, the rest as is. */
    private void record(Writer w, Record r, Namespace ns) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof Ipv4 a) w.addr(a);
            else if (v instanceof Cidr x) w.cidr(x);
            else if (v instanceof Iface f) w.iface(f);
            else if (v instanceof Mac m) w.mac(m);
            else if (v instanceof String s && nodePos.containsKey(s)) w.node(s);
            else w.text(v);
        }
    }

    private interface Render { void into(Writer w); }

    /** An item whose place matters: it may name other zones only if they are never swapped. */
    private void positional(Namespace ns, int self, StringBuilder text, Render r) {
        Writer w = new Writer(ns, self);
        r.into(w);
        pinned.addAll(w.others);
        text.append(w.done()).append('|');
    }

    private void item(ItemSet set, Writer w, Render r) {
        r.into(w);
        String s = w.done();
        if (w.others.isEmpty()) set.base.add(s);
        else if (w.others.size() == 1) set.byZone.computeIfAbsent(w.others.iterator().next(), k -> new ArrayList<>()).add(s);
        else { pinned.addAll(w.others); set.base.add(s + w.others); }
    }

    private void finish(ItemSet set, StringBuilder text) {
        set.base.sort(null);
        text.append('{').append(String.join(";", set.base)).append('}');
        if (!set.byZone.isEmpty()) sets.add(set);
    }

    // ------------------------------------------------------------------ subnets across blocks

    /** A subnet that is not inside one block must hold a block of every zone of a class alike, or cut none. */
    private void contain() {
        List<Cidr> all = new ArrayList<>(containment.keySet());
        all.sort((a, b) -> a.toString().compareTo(b.toString()));
        List<List<String>> held = new ArrayList<>();
        for (int z = 0; z < hosts.size(); z++) held.add(new ArrayList<>());
        for (Cidr c : all) {
            long first = u(c.network().bits()), last = u(c.broadcast().bits());
            int i = Math.max(0, lowerBound(blockLast, blockLast.length, first));
            for (; i < blockFirst.length && blockFirst[i] <= last; i++) {
                if (blockLast[i] < first) continue;
                if (blockFirst[i] >= first && blockLast[i] <= last) held.get(blockZone[i]).add(c + "#" + blockRole[i]);
                else pinned.add(blockZone[i]);
            }
        }
        for (int z = 0; z < hosts.size(); z++) zoneText.get(z).append("\nholds ").append(held.get(z));
    }

    // ------------------------------------------------------------------ classes

    private void refine() {
        Map<String, Integer> first = new HashMap<>();
        for (int z = 0; z < hosts.size(); z++) {
            String key = pinned.contains(z) ? "pinned " + z : zoneText.get(z).toString();
            classOf[z] = first.computeIfAbsent(key, k -> first.size());
        }
        for (int round = 0; ; round++) {
            int before = (int) Arrays.stream(classOf).distinct().count();
            List<List<String>> extra = new ArrayList<>();
            for (int z = 0; z < hosts.size(); z++) extra.add(new ArrayList<>());
            Map<Integer, List<Integer>> members = membersByClass();
            for (ItemSet s : sets) {
                // every other zone of a class must read alike from here
                Map<Integer, Map<String, List<Integer>>> views = new HashMap<>();
                for (int z : s.byZone.keySet()) views.computeIfAbsent(classOf[z], k -> new HashMap<>()).computeIfAbsent(s.view(z), k -> new ArrayList<>()).add(z);
                for (var e : views.entrySet()) {
                    List<Integer> cls = members.get(e.getKey());
                    int others = cls.size() - (s.zone != NONE && classOf[s.zone] == e.getKey() ? 1 : 0);
                    int seen = e.getValue().values().stream().mapToInt(List::size).sum();
                    boolean uniform = e.getValue().size() == 1 && seen == others;
                    if (uniform) {
                        if (s.zone != NONE) extra.get(s.zone).add(s.id + " sees class " + e.getKey() + " as " + e.getValue().keySet().iterator().next());
                        continue;
                    }
                    for (int z : cls) {
                        String v = z == s.zone ? "self" : s.byZone.containsKey(z) ? s.view(z) : "nothing";
                        extra.get(z).add(s.zone + "/" + s.id + " sees " + v);
                    }
                }
            }
            Map<String, Integer> next = new HashMap<>();
            int[] classes2 = new int[hosts.size()];
            for (int z = 0; z < hosts.size(); z++) {
                List<String> e = extra.get(z);
                e.sort(null);
                classes2[z] = next.computeIfAbsent(classOf[z] + "\n" + String.join("\n", e), k -> next.size());
            }
            System.arraycopy(classes2, 0, classOf, 0, classOf.length);
            if (next.size() == before || round > 64) break;
        }
        // renumber in document order of the first member
        Map<Integer, Integer> renumber = new LinkedHashMap<>();
        for (int z = 0; z < hosts.size(); z++) renumber.computeIfAbsent(classOf[z], k -> renumber.size());
        for (int i = 0; i < renumber.size(); i++) classes.add(new ArrayList<>());
        for (int z = 0; z < hosts.size(); z++) {
            classOf[z] = renumber.get(classOf[z]);
            classes.get(classOf[z]).add(z);
        }
    }

    private Map<Integer, List<Integer>> membersByClass() {
        Map<Integer, List<Integer>> out = new TreeMap<>();
        for (int z = 0; z < hosts.size(); z++) out.computeIfAbsent(classOf[z], k -> new ArrayList<>()).add(z);
        return out;
    }

    @Override public String toString() { return "HostSymmetry" + classes(); }

    /** For tests: the text a zone is compared by. */
    String zoneText(String hostId) { return zoneText.get(zoneOfHost.get(hostId)).toString(); }
}
