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
 * own; they lie in <em>blocks</em> (a subnet of a device's address, or a subnet some route names,
 * on which only the zone has addresses; or else the address alone). Swapping two hosts X and Y of a class means: swap their zones namespace for
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
    /** Every device, numbered. */
    private final List<Iface> ifaces = new ArrayList<>();
    /** Address (unsigned) to the number of the one device holding it, or {@link #SHARED} when several do. */
    private LongIntMap owner;
    /** MAC to the number of the one device holding it, or {@link #SHARED}. */
    private LongIntMap macOwner;
    private static final int SHARED = -2;
    /** Blocks sorted by first address: [first, last] unsigned, zone, role within the zone. */
    private long[] blockFirst = new long[0], blockLast = new long[0];
    private int[] blockZone = new int[0], blockRole = new int[0];
    private final List<List<Integer>> zoneBlockPrefixes = new ArrayList<>();
    /** Zones that must not be swapped with any other (named where order matters, or a subnet cuts a block). */
    private final Set<Integer> pinned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Unordered collections of items (each a run of tokens): some items name one other zone each. */
    private static final class ItemSet {
        final SetId id;
        final int zone;
        final List<long[]> base = new ArrayList<>();
        final Map<Integer, List<long[]>> byZone = new HashMap<>();
        ItemSet(SetId id, int zone) { this.id = id; this.zone = zone; }
        Tokens view(int z) {
            List<long[]> v = byZone.get(z);
            return v == null ? null : Tokens.join(v);
        }
    }

    /** Where a set is: a namespace (by place in its zone, or by name outside zones), what it holds and which of those. */
    private record SetId(int ns, String nsName, String what, int index) {}

    private final List<ItemSet> sets = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<TokenList> zoneText = new ArrayList<>();
    private final Set<Cidr> containment = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Literal values (names, enum constants, other objects) numbered as met, so a text is a run of longs. */
    private final Map<Object, Integer> literals = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger literalCount = new java.util.concurrent.atomic.AtomicInteger();
    private LiveRules live;

    /** Per zone: each socket load balancer and the place of the first of the zone's namespaces that holds it. */
    private final List<IdentityHashMap<dev.hopscope.net.dataplane.SocketLb, Integer>> socketLbHolder = new ArrayList<>();

    private int[] classOf;
    private final List<List<Integer>> classes = new ArrayList<>();

    private HostSymmetry(Dataplane dp) {
        this.dp = dp;
        this.doc = dp.document();
    }

    static HostSymmetry of(Dataplane dp) { return of(dp, new LiveRules(dp)); }

    static HostSymmetry of(Dataplane dp, LiveRules live) {
        HostSymmetry s = new HostSymmetry(dp);
        s.live = live;
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
            zoneText.add(new TokenList());
            zoneBlockPrefixes.add(new ArrayList<>());
            socketLbHolder.add(new IdentityHashMap<>());
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
            for (Iface f : ns.ifaces()) {
                ifIndex.put(f, i++);
                ifaces.add(f);
            }
        }
        classOf = new int[hosts.size()];
    }

    private String hostOfNode(Node n, int depth) {
        if (n instanceof Host) return n.id();
        String parent = n.parent();
        if (parent == null || depth > 8) return null;
        if (zoneOfHost.containsKey(parent)) return parent; // a host's own child: the usual case
        Node p = doc.node(parent).orElse(null);
        return p == null ? null : hostOfNode(p, depth + 1);
    }

    private void owners() {
        owner = new LongIntMap(ifaces.size() * 2);
        macOwner = new LongIntMap(ifaces.size());
        for (int i = 0; i < ifaces.size(); i++) {
            Iface f = ifaces.get(i);
            for (Cidr c : f.addresses()) {
                if (c.address().isLoopback()) continue;
                long a = u(c.address().bits());
                int o = owner.get(a);
                owner.put(a, o == LongIntMap.MISSING || o == i ? i : SHARED);
            }
            int o = macOwner.get(f.mac().bits());
            macOwner.put(f.mac().bits(), o == LongIntMap.MISSING || o == i ? i : SHARED);
        }
    }

    /** The one device holding an address, or null when none or several do. */
    private Iface ownerOf(Ipv4 a) {
        int o = owner.get(u(a.bits()));
        return o >= 0 ? ifaces.get(o) : null;
    }

    private boolean sharedAddress(Ipv4 a) { return owner.get(u(a.bits())) == SHARED; }

    private Iface macOwnerOf(Mac m) {
        int o = macOwner.get(m.bits());
        return o >= 0 ? ifaces.get(o) : null;
    }

    private int zoneOf(Iface f) {
        int[] p = nsPos.get(f.ns());
        return p == null ? NONE : p[0];
    }

    /** Each zone's blocks: a subnet of its devices on which only it has addresses, else the address alone. */
    private void blocks() {
        long[] addrs = owner.sortedKeys();
        int n = addrs.length;
        int[] zoneAt = new int[n];
        for (int i = 0; i < n; i++) {
            int o = owner.get(addrs[i]);
            zoneAt[i] = o == SHARED ? Integer.MIN_VALUE : zoneOf(ifaces.get(o));
        }
        Map<Integer, List<long[]>> routedBlocks = routedBlocks(addrs, zoneAt);
        List<long[]> found = new ArrayList<>();
        for (int z = 0; z < hosts.size(); z++) {
            Set<Long> seen = new HashSet<>();
            List<long[]> mine = new ArrayList<>();
            for (Namespace ns : zoneNamespaces.get(z))
                for (Iface f : ns.ifaces())
                    for (Cidr c : f.addresses()) {
                        int bits = c.address().bits();
                        if (c.address().isLoopback() || ownerOf(c.address()) != f) continue;
                        long first = u(c.network().bits()), last = u(c.broadcast().bits());
                        boolean own = c.prefix() < 32;
                        int lo = lowerBound(addrs, n, first);
                        for (int i = lo; own && i < n && addrs[i] <= last; i++) if (zoneAt[i] != z) own = false;
                        if (!own) { first = u(bits); last = first; }
                        if (seen.add(first << 8 | (last - first == 0 ? 32 : c.prefix()))) mine.add(new long[] {first, last, z, 0});
                    }
            List<long[]> routed = routedBlocks.get(z);
            if (routed != null) {
                routed.sort((x, y) -> Long.compare(x[0], y[0]));
                for (long[] b : routed) if (seen.add(b[0] << 8 | prefixOf(b))) mine.add(b);
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

    /**
     * Subnets routed somewhere that hold addresses of one zone only (no other zone's, no shared
     * one, none outside zones): a node's pod block that no device holds as a whole, as Calico's
     * /26 that other nodes route to by BGP while the node routes each pod's /32. Such a subnet is
     * a block of that zone, so that the routes to it read alike from every other host.
     */
    private Map<Integer, List<long[]>> routedBlocks(long[] addrs, int[] zoneAt) {
        Set<Cidr> dsts = new HashSet<>();
        for (Namespace ns : dp.namespaces())
            for (Route r : ns.routes()) if (r.dst().prefix() >= 8 && r.dst().prefix() < 32) dsts.add(r.dst().base());
        Map<Integer, List<long[]>> out = new HashMap<>();
        for (Cidr c : dsts) {
            long first = u(c.network().bits()), last = u(c.broadcast().bits());
            int i = lowerBound(addrs, addrs.length, first), zone = NONE;
            boolean one = true;
            for (; one && i < addrs.length && addrs[i] <= last; i++) {
                if (zoneAt[i] < 0 || zone != NONE && zoneAt[i] != zone) one = false;
                zone = zoneAt[i];
            }
            if (one && zone != NONE) out.computeIfAbsent(zone, k -> new ArrayList<>()).add(new long[] {first, last, zone, 0});
        }
        return out;
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

    // Token tags (the top byte of each long); the rest is the value, relative to the zone where that applies.
    private static final long LIT = 1L << 56, INT = 2L << 56, IP = 3L << 56, CIDR = 4L << 56, MAC = 5L << 56, SELF = 6L << 56,
            FOREIGN = 7L << 56, BLOCK = 8L << 56, IF = 9L << 56, IF_OUTSIDE = 10L << 56, PEER = 11L << 56, MAC_OF = 12L << 56,
            NODE = 13L << 56, DEV = 14L << 56, CHAIN = 15L << 56, NULL = 16L << 56, SEP = 17L << 56, SET = 18L << 56, END = 19L << 56,
            NS = 20L << 56, BLOCKS = 21L << 56, NODES = 22L << 56, HOLDS = 23L << 56;

    private long literal(Object o) {
        if (o == null) return NULL;
        if (o instanceof Integer i) return INT | (i & 0xFFFF_FFFFL);
        if (o instanceof Boolean b) return INT | (b ? 1 : 0) | 1L << 40;
        return LIT | literals.computeIfAbsent(o, k -> literalCount.getAndIncrement());
    }

    /** Writes dataplane values relative to the zone a namespace belongs to, noting the other zones named. */
    private final class Writer {
        final int self;
        final Namespace ns;
        final TokenList out;
        /** The other zones named (almost always none or one). */
        int other = NONE;
        Set<Integer> more;

        Writer(Namespace ns, int self, TokenList out) { this.ns = ns; this.self = self; this.out = out; }

        boolean namesOthers() { return other != NONE; }

        Set<Integer> others() {
            Set<Integer> o = new java.util.TreeSet<>();
            if (other != NONE) o.add(other);
            if (more != null) o.addAll(more);
            return o;
        }

        Writer zone(int z) {
            if (z == self) { out.add(SELF); return this; }
            out.add(FOREIGN);
            if (other == NONE) other = z;
            else if (other != z) { if (more == null) more = new HashSet<>(); more.add(z); }
            return this;
        }

        Writer text(Object o) { out.add(literal(o)); return this; }

        Writer addr(Ipv4 a) {
            if (a == null) { out.add(NULL); return this; }
            int b = block(u(a.bits()));
            if (b == NONE) { out.add(IP | u(a.bits())); return this; }
            zone(blockZone[b]);
            out.add(BLOCK | (long) blockRole[b] << 32 | (u(a.bits()) - blockFirst[b]));
            return this;
        }

        Writer cidr(Cidr c) {
            if (c == null) { out.add(NULL); return this; }
            long first = u(c.network().bits()), last = u(c.broadcast().bits());
            int b = block(first);
            if (b != NONE && last <= blockLast[b]) {
                zone(blockZone[b]);
                out.add(BLOCK | (long) blockRole[b] << 32 | (first - blockFirst[b]));
                out.add(INT | c.prefix());
                return this;
            }
            containment.add(c.base());
            out.add(CIDR | first << 8 | c.prefix());
            return this;
        }

        Writer iface(Iface f) {
            if (f == null) { out.add(NULL); return this; }
            int z = zoneOf(f);
            if (z != NONE) {
                zone(z);
                out.add(IF | (long) nsPos.get(f.ns())[1] << 24 | ifIndex.get(f));
                return this;
            }
            if (f.kind() == Iface.Kind.VETH && f.peer() != null && zoneOf(f.peer()) != NONE) {
                out.add(PEER);
                return iface(f.peer());
            }
            out.add(IF_OUTSIDE | (literal(f.ns().name()) & 0xFF_FFFF_FFFFL) << 24 | ifIndex.get(f));
            return this;
        }

        Writer mac(Mac m) {
            if (m == null) { out.add(NULL); return this; }
            Iface o = macOwnerOf(m);
            if (o == null) { out.add(MAC | m.bits()); return this; }
            out.add(MAC_OF);
            return iface(o);
        }

        Writer node(String id) {
            if (id == null) { out.add(NULL); return this; }
            int[] p = nodePos.get(id);
            if (p == null) return text(id);
            zone(p[0]);
            out.add(NODE | p[1]);
            return this;
        }

        /** A device name in a rule: the device's position when this namespace has it. */
        Writer dev(String name) {
            if (name == null) { out.add(NULL); return this; }
            Iface f = ns.iface(name);
            if (f == null) return text(name);
            out.add(DEV | ifIndex.get(f));
            return this;
        }

        Writer chain(Rule.Chain c, List<Rule.Chain> own) {
            if (c == null) { out.add(NULL); return this; }
            if (c.builtin()) return text(c.name());
            out.add(CHAIN | own.indexOf(c));
            return this;
        }
    }

    /** Zones are written in parallel (each into its own text); the namespaces outside zones after them. */
    private void render() {
        java.util.stream.IntStream.range(0, hosts.size()).parallel().forEach(z -> {
            for (Namespace ns : zoneNamespaces.get(z)) render(ns);
            TokenList t = zoneText.get(z);
            t.add(BLOCKS);
            for (int prefix : zoneBlockPrefixes.get(z)) t.add(INT | prefix);
            t.add(NODES);
            for (String id : zoneNodes.get(z)) {
                Namespace ns = dp.namespaceOf(id);
                int[] p = ns == null ? null : nsPos.get(ns);
                t.add(literal(doc.node(id).map(nd -> nd.kind()).orElse(null)));
                if (ns == null) t.add(NULL);
                else if (p == null) t.add(literal(ns.name()));
                else if (p[0] == z) t.add(NS | p[1]);
                else { t.add(FOREIGN); pinned.add(z); }
            }
        });
        for (Namespace ns : dp.namespaces()) if (!nsPos.containsKey(ns)) render(ns);
    }

    private void render(Namespace ns) {
        int[] p = nsPos.get(ns);
        int self = p == null ? NONE : p[0];
        int role = p == null ? NONE : p[1];
        String name = p == null ? ns.name() : null;
        TokenList text = self == NONE ? new TokenList() : zoneText.get(self);
        text.add(NS | (role & 0xFFFF_FFFFL));
        positional(ns, self, text, w -> w.text(ns.kind()).text(ns.ipForward()).node(ns.node()));
        ItemSet ports = new ItemSet(new SetId(role, name, "veth peers", 0), self);
        for (Iface f : ns.ifaces()) {
            boolean byPeer = self == NONE && f.kind() == Iface.Kind.VETH && f.peer() != null && zoneOf(f.peer()) != NONE;
            if (byPeer) item(ports, ns, w -> iface(w, f));
            else positional(ns, self, text, w -> iface(w, f));
            if (f.kind() == Iface.Kind.BRIDGE) {
                // the first port behind a MAC, or holding an address, answers: order matters unless those are unique
                if (self == NONE && distinctBehind(f.ports(), null)) {
                    ItemSet s = new ItemSet(new SetId(role, name, "ports", ifIndex.get(f)), self);
                    for (Iface port : f.ports()) item(s, ns, w -> w.iface(port));
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
                    ItemSet flood = new ItemSet(new SetId(role, name, "flood", ifIndex.get(f)), self);
                    for (Ipv4 r : v.flood()) item(flood, ns, w -> w.addr(r));
                    finish(flood, text);
                } else {
                    for (Ipv4 r : v.flood()) positional(ns, self, text, w -> w.text("flood").addr(r));
                }
                ItemSet fdb = new ItemSet(new SetId(role, name, "fdb", ifIndex.get(f)), self);
                for (var e : v.fdb().entrySet()) item(fdb, ns, w -> w.mac(e.getKey()).addr(e.getValue()));
                finish(fdb, text);
            }
        }
        finish(ports, text);
        routes(ns, self, role, name, text);
        neighbours(ns, self, role, name, text);
        rules(ns, self, role, name, text);
        Integer sameLbAs = ns.socketLb() == null || self == NONE ? null : socketLbHolder.get(self).putIfAbsent(ns.socketLb(), role);
        if (sameLbAs != null) {
            // every namespace of a node shares one socket load balancer: written once, at its first holder in the zone
            positional(ns, self, text, w -> w.text("socket lb of").text(sameLbAs));
        } else if (ns.socketLb() != null) {
            // Cilium's socket load balancer: entries in lookup order, applied where a socket connects; when no two
            // entries can match one packet (one frontend address, protocol and port each), the first match is the
            // only one, so the order does not matter (every node's NodePort frontend names that node)
            List<Rule> entries = ns.socketLb().rules();
            boolean disjoint = disjointFrontends(entries);
            ItemSet set = new ItemSet(new SetId(role, name, "socket lb", 0), self);
            for (int i = 0; i < entries.size(); i++) {
                Rule r = entries.get(i);
                SetId targets = new SetId(role, name, "socket lb targets", i);
                if (disjoint) item(set, ns, w -> rule(w.text("socket lb"), r, List.of(), targets));
                else positional(ns, self, text, w -> rule(w.text("socket lb"), r, List.of(), targets));
            }
            finish(set, text);
        }
        for (Listener l : ns.listeners()) positional(ns, self, text, w -> record(w, l));
    }

    /**
     * Whether each entry matches exactly one frontend (a destination address, a protocol and a
     * port, nothing else) and no two the same one: then at most one entry matches any packet.
     */
    private static boolean disjointFrontends(List<Rule> entries) {
        Set<List<Object>> frontends = new HashSet<>();
        for (Rule r : entries) {
            Match m = r.match();
            boolean exact = m.dst() != null && m.dst().prefix() == 32 && !m.notDst() && m.proto() != null && m.dport() != 0 && m.dportLast() == 0
                    && m.src() == null && m.in() == null && m.out() == null && !m.dstLocal() && m.mark() == 0;
            if (!exact || !frontends.add(List.of(m.dst().address(), m.proto(), m.dport()))) return false;
        }
        return true;
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
            if (!macs.add(behind.mac().bits()) || macOwnerOf(behind.mac()) == null) return false;
            for (Cidr c : behind.addresses()) {
                int bits = c.address().bits();
                if (c.address().isLoopback() || local != null && local.hasAddress(c.address())) continue;
                if (!addrs.add(bits) || sharedAddress(c.address())) return false;
            }
        }
        return true;
    }

    private void iface(Writer w, Iface f) {
        w.text(f.kind()).mac(f.mac()).text(f.mtu()).node(f.node()).text(f.hairpin()).text("addrs");
        for (Cidr c : f.addresses()) w.addr(c.address()).text(c.prefix());
        w.text("peer").iface(f.peer()).text("master").iface(f.master())
                .text("lower").iface(f.lower()).text(f.linkMode()).text(f.proxyArp()).text("uppers");
        for (Iface up : f.uppers()) w.iface(up);
        if (f.ipip() != null) w.text("ipip").addr(f.ipip().local()).addr(f.ipip().remote());
    }

    private void routes(Namespace ns, int self, int role, String name, TokenList text) {
        Set<Cidr> dsts = new HashSet<>();
        boolean ties = false;
        for (Route r : ns.routes()) ties |= !dsts.add(r.dst().base());
        ItemSet set = new ItemSet(new SetId(role, name, "routes", 0), self);
        for (Route r : ns.routes()) {
            if (ties) positional(ns, self, text, w -> route(w, r));
            else item(set, ns, w -> route(w, r));
        }
        finish(set, text);
    }

    /** A route; its {@code origin} is prose ("BGP from n2") the walk never decides by. */
    private static void route(Writer w, Route r) {
        w.text("route").cidr(r.dst()).addr(r.via()).iface(r.dev()).text(r.onlink()).addr(r.src()).text(r.proto());
    }

    private void neighbours(Namespace ns, int self, int role, String name, TokenList text) {
        Set<String> keys = new HashSet<>();
        boolean ties = false;
        for (Neighbour n : ns.neighbours()) ties |= !keys.add(System.identityHashCode(n.dev()) + "/" + n.ip());
        ItemSet set = new ItemSet(new SetId(role, name, "neighbours", 0), self);
        for (Neighbour n : ns.neighbours()) {
            if (ties) positional(ns, self, text, w -> w.text("neigh").iface(n.dev()).addr(n.ip()).mac(n.mac()));
            else item(set, ns, w -> w.text("neigh").iface(n.dev()).addr(n.ip()).mac(n.mac()));
        }
        finish(set, text);
    }

    /**
     * Rules chain by chain, in order; a run of rules with one verdict (ACCEPT, DROP, REJECT or
     * RETURN, no mark) decides the same whichever of them matches first, so it is a set.
     */
    private void rules(Namespace ns, int self, int role, String name, TokenList text) {
        List<Rule.Chain> own = ns.ownChains();
        Map<Object, List<Integer>> chains = new LinkedHashMap<>();
        List<Rule> all = ns.rules();
        for (int i = 0; i < all.size(); i++) chains.computeIfAbsent(List.of(all.get(i).table(), all.get(i).chain()), k -> new ArrayList<>()).add(i);
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
                SetId targets = new SetId(role, name, "targets of rule", i);
                if (unordered) {
                    if (set == null) { set = new ItemSet(new SetId(role, name, "run", run++), self); verdict = r.target(); }
                    item(set, ns, w -> rule(w, r, own, targets));
                } else {
                    positional(ns, self, text, w -> rule(w, r, own, targets));
                }
            }
            if (set != null) finish(set, text);
        }
    }

    private void rule(Writer w, Rule r, List<Rule.Chain> own, SetId targets) {
        w.text(r.table()).chain(r.chain(), own).text(r.target()).chain(r.jumpTo(), own).text(r.setMark());
        Match m = r.match();
        w.text("src").text(m.notSrc()).cidr(m.src()).text("dst").text(m.notDst()).cidr(m.dst()).text(m.proto()).text(m.dport()).text(m.dportLast())
                .text("in").text(m.notIn()).dev(m.in()).text("out").text(m.notOut()).dev(m.out()).text(m.dstLocal()).text(m.mark());
        List<NatTarget> to = r.dnatTargets();
        if (to.isEmpty()) return;
        // a single target is the DNAT's; of several, the walk follows the branch to the row's endpoint, so their order
        // does not matter (while it took the first only, the first stood apart)
        int ordered = to.size() == 1 || LiveRules.FIRST_TARGET_ONLY ? 1 : 0;
        for (NatTarget t : to.subList(0, ordered)) w.text("to").addr(t.ip()).text(t.port()).node(t.node()).text(t.selfMark());
        if (to.size() > 1) {
            ItemSet rest = new ItemSet(targets, w.self);
            for (NatTarget t : to.subList(ordered, to.size())) item(rest, w.ns, x -> x.text("to").addr(t.ip()).text(t.port()).node(t.node()).text(t.selfMark()));
            w.out.add(SET);
            w.out.addAll(Tokens.join(rest.base).tokens());
            w.out.add(END);
            if (!rest.byZone.isEmpty()) sets.add(rest);
        }
    }

    /** Any record, component by component (listeners): addresses, devices, MACs and node ids relative, the rest as is. */
    private void record(Writer w, Record r) {
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
    private void positional(Namespace ns, int self, TokenList text, Render r) {
        Writer w = new Writer(ns, self, text);
        r.into(w);
        text.add(SEP);
        if (w.namesOthers()) pinned.addAll(w.others());
    }

    private void item(ItemSet set, Namespace ns, Render r) {
        Writer w = new Writer(ns, set.zone, new TokenList());
        r.into(w);
        long[] item = w.out.toArray();
        if (!w.namesOthers()) set.base.add(item);
        else if (w.more == null) set.byZone.computeIfAbsent(w.other, k -> new ArrayList<>()).add(item);
        else { pinned.addAll(w.others()); set.base.add(item); }
    }

    private void finish(ItemSet set, TokenList text) {
        text.add(SET);
        text.addAll(Tokens.join(set.base).tokens());
        text.add(END);
        if (!set.byZone.isEmpty()) sets.add(set);
    }

    // ------------------------------------------------------------------ subnets across blocks

    /** A subnet that is not inside one block must hold a block of every zone of a class alike, or cut none. */
    private void contain() {
        List<Cidr> all = new ArrayList<>(containment);
        all.sort(java.util.Comparator.comparingLong((Cidr c) -> u(c.network().bits())).thenComparingInt(Cidr::prefix));
        List<TokenList> held = new ArrayList<>();
        for (int z = 0; z < hosts.size(); z++) held.add(new TokenList());
        for (Cidr c : all) {
            long first = u(c.network().bits()), last = u(c.broadcast().bits());
            int i = Math.max(0, lowerBound(blockLast, blockLast.length, first));
            for (; i < blockFirst.length && blockFirst[i] <= last; i++) {
                if (blockLast[i] < first) continue;
                if (blockFirst[i] >= first && blockLast[i] <= last) {
                    held.get(blockZone[i]).add(CIDR | first << 8 | c.prefix());
                    held.get(blockZone[i]).add(INT | blockRole[i]);
                } else {
                    pinned.add(blockZone[i]);
                }
            }
        }
        for (int z = 0; z < hosts.size(); z++) {
            zoneText.get(z).add(HOLDS);
            zoneText.get(z).addAll(held.get(z).toArray());
        }
    }

    // ------------------------------------------------------------------ classes

    /** A class of hosts sees a set of another zone's alike: its members by the same view. */
    private record Sees(SetId set, int cls, Tokens view) {}

    /** A set that does not see a class alike: which of its members it sees how. */
    private record SplitBy(int zone, SetId set, Object view) {}

    private void refine() {
        Map<Object, Integer> first = new HashMap<>();
        for (int z = 0; z < hosts.size(); z++) {
            Object key = pinned.contains(z) ? "pinned " + z : new Tokens(zoneText.get(z).toArray());
            classOf[z] = first.computeIfAbsent(key, k -> first.size());
        }
        List<ItemSet> all = new ArrayList<>(sets);
        for (int round = 0; ; round++) {
            int before = (int) Arrays.stream(classOf).distinct().count();
            List<Map<Object, Integer>> extra = new ArrayList<>();
            for (int z = 0; z < hosts.size(); z++) extra.add(new HashMap<>());
            Map<Integer, List<Integer>> members = membersByClass();
            for (ItemSet s : all) {
                // every other zone of a class must read alike from here
                Map<Integer, Map<Tokens, List<Integer>>> views = new HashMap<>();
                for (int z : s.byZone.keySet()) views.computeIfAbsent(classOf[z], k -> new HashMap<>()).computeIfAbsent(s.view(z), k -> new ArrayList<>()).add(z);
                for (var e : views.entrySet()) {
                    List<Integer> cls = members.get(e.getKey());
                    int others = cls.size() - (s.zone != NONE && classOf[s.zone] == e.getKey() ? 1 : 0);
                    int seen = e.getValue().values().stream().mapToInt(List::size).sum();
                    boolean uniform = e.getValue().size() == 1 && seen == others;
                    if (uniform) {
                        if (s.zone != NONE) extra.get(s.zone).merge(new Sees(s.id, e.getKey(), e.getValue().keySet().iterator().next()), 1, Integer::sum);
                        continue;
                    }
                    for (int z : cls) {
                        Object v = z == s.zone ? "self" : s.byZone.containsKey(z) ? s.view(z) : "nothing";
                        extra.get(z).merge(new SplitBy(s.zone, s.id, v), 1, Integer::sum);
                    }
                }
            }
            Map<Object, Integer> next = new HashMap<>();
            int[] classes2 = new int[hosts.size()];
            for (int z = 0; z < hosts.size(); z++) classes2[z] = next.computeIfAbsent(List.of(classOf[z], extra.get(z)), k -> next.size());
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

    /** For tests: the tokens a zone is compared by. */
    long[] zoneText(String hostId) { return zoneText.get(zoneOfHost.get(hostId)).toArray(); }
}
