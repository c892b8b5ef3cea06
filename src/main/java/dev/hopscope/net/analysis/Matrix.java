package dev.hopscope.net.analysis;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Network;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Target;
import dev.hopscope.net.trace.Trace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Who reaches whom, held compactly. Two short cuts, each exact:
 * <ul>
 * <li><b>Alike hosts</b> ({@link HostSymmetry}): hosts whose dataplanes can be swapped without
 *     changing anything form a class. A flow between endpoints on two hosts of given classes (or
 *     on one host) ends the same, up to the swap, whichever hosts they are, so it is traced once
 *     for each pair of classes, on one host and across two.</li>
 * <li><b>Alike endpoints</b>: on one host, endpoints configured alike — network mode and
 *     networks, listening sockets, published container ports, the pod's node and namespace and
 *     the labels some NodePort Service or NetworkPolicy selects by — are treated alike by the
 *     dataplane (duplicate addresses, a finding of their own, are the one exception).</li>
 * </ul>
 * Endpoints alike on corresponding hosts form one class. For each pair of classes, each of "on
 * one host" and "on different hosts", and each probe, one representative flow is traced to every
 * kind of address the destination can be reached at (its own on a network, its host's published
 * port, a NodePort on its node, the source's node or another node). A row of a member pair takes
 * the outcome of each of its own addresses from there and reports the best, with the member's own
 * address in {@code via}; a member whose addresses do not all match the representative's is
 * traced afresh. Rows are expanded only when asked ({@link #forEach}).
 */
public final class Matrix {

    /** A pair of members on one host, or on different hosts (or one of them on none). */
    private static final int SAME = 0, DIFFERENT = 1;

    /** What one kind of destination address gave the representative flow. */
    record Outcome(Disposition disposition, String reason) {}

    /** The representative flow of a pair of classes and a probe, per kind of destination address. */
    record Cell(Probe probe, Disposition disposition, String reason, Map<Kind, Outcome> byKind, String repVia) {}

    /** Endpoints alike on corresponding hosts of one class of hosts (or one endpoint with no host). */
    static final class EndpointClass {
        final List<Node> members = new ArrayList<>();
        final List<Probe> probes = new ArrayList<>();
        /** Members per host ({@code ""} for none). */
        final Map<String, List<Node>> byHost = new LinkedHashMap<>();
        int hostClass = -1;
    }

    private final Network net;
    private final Document doc;
    private final List<Node> endpoints;
    private volatile Grouping grouping;
    private volatile Cell[][] cells;
    private final AtomicLong retraced = new AtomicLong();

    /** The classes, and where each endpoint is. */
    private record Grouping(HostSymmetry hosts, List<EndpointClass> classes, Map<String, Integer> classOf, Map<String, String> hostOf,
                            Map<Integer, String> hostByAddress) {}

    private Matrix(Network net, List<Node> endpoints) {
        this.net = net;
        this.doc = net.document();
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * Groups and traces on first use, so an analysis that only needs intents and findings (the
     * designer's live flags) never pays for the matrix; call {@link #size()} on a worker thread to
     * have it ready before a view reads it.
     */
    public static Matrix compute(Network net, List<Node> endpoints) { return new Matrix(net, endpoints); }

    // ------------------------------------------------------------------ grouping

    private Grouping grouping() {
        Grouping g = grouping;
        if (g != null) return g;
        synchronized (this) {
            if (grouping == null) grouping = group();
            return grouping;
        }
    }

    private Grouping group() {
        LiveRules live = new LiveRules(net.dataplane());
        HostSymmetry hosts = HostSymmetry.of(net.dataplane(), live);
        NodePortSelectors selectors = new NodePortSelectors(doc);
        Map<String, List<String>> picked = pickedBy(live);
        Map<String, EndpointClass> byKey = new LinkedHashMap<>();
        Map<String, Integer> classOf = new HashMap<>();
        Map<String, String> hostOf = new HashMap<>();
        List<EndpointClass> classes = new ArrayList<>();
        for (Node n : endpoints) {
            Namespace ns = net.dataplane().namespaceOf(n.id());
            String host = ns == null ? null : ns.host();
            int hostClass = host == null ? -1 : hosts.classOfHost(host);
            String key;
            if (hostClass < 0 || hosts.hostOf(n.id()) == null) {
                key = "x|" + n.id();
                host = null;
                hostClass = -1;
            } else {
                Node counterpart = doc.node(hosts.counterpart(n.id(), hosts.representative(hostClass))).orElseThrow();
                key = hostClass + "|" + key(counterpart, selectors) + "|" + picked.getOrDefault(counterpart.id(), List.of());
            }
            EndpointClass c = byKey.get(key);
            if (c == null) {
                c = new EndpointClass();
                c.probes.addAll(probes(n));
                c.hostClass = hostClass;
                byKey.put(key, c);
                classes.add(c);
            }
            c.members.add(n);
            c.byHost.computeIfAbsent(host == null ? "" : host, k -> new ArrayList<>()).add(n);
            if (host != null) hostOf.put(n.id(), host);
        }
        for (int i = 0; i < classes.size(); i++) for (Node n : classes.get(i).members) classOf.put(n.id(), i);
        Map<Integer, String> hostByAddress = new HashMap<>();
        for (Host h : doc.all(Host.class))
            if (h.address() != null && Cidr.isValid(h.address())) hostByAddress.putIfAbsent(Cidr.parse(h.address()).address().bits(), h.id());
        return new Grouping(hosts, classes, classOf, hostOf, hostByAddress);
    }

    /**
     * Where a DNAT with several targets (kube-proxy's endpoints) that a row can meet takes an
     * endpoint: an endpoint it takes is unlike one it does not. The walk follows the branch
     * to the row's endpoint, so every target is taken ({@link LiveRules#FIRST_TARGET_ONLY} is false);
     * one DNAT per endpoint (a published port) is part of the endpoint's own configuration instead.
     */
    private Map<String, List<String>> pickedBy(LiveRules live) {
        Map<String, List<String>> out = new HashMap<>();
        int index = 0;
        for (Namespace ns : net.dataplane().namespaces())
            for (dev.hopscope.net.dataplane.Rule r : ns.rules()) {
                index++;
                if (r.dnatTargets().size() < 2 || !live.live(r)) continue;
                int taken = LiveRules.FIRST_TARGET_ONLY ? 1 : r.dnatTargets().size();
                for (int i = 0; i < taken; i++) {
                    String node = r.dnatTargets().get(i).node();
                    if (node != null) out.computeIfAbsent(node, k -> new ArrayList<>()).add("rule " + index);
                }
            }
        return out;
    }

    /** Labels matter to the dataplane where a NodePort Service or a NetworkPolicy selects by them. */
    static final class NodePortSelectors {
        final TreeSet<String> keys = new TreeSet<>();
        NodePortSelectors(Document doc) {
            for (Service s : doc.all(Service.class)) if (s.type().hasNodePort()) keys.addAll(s.selector().keySet());
            for (dev.hopscope.model.Ingress in : doc.all(dev.hopscope.model.Ingress.class)) keys.addAll(in.controller().keySet());
            for (NetworkPolicy p : doc.all(NetworkPolicy.class)) {
                keys.addAll(p.podSelector().keySet());
                p.podSelectorExpressions().forEach(e -> keys.add(e.key()));
                for (NetworkPolicy.Rule r : p.ingress()) peerKeys(r);
                for (NetworkPolicy.Rule r : p.egress()) peerKeys(r);
            }
        }
        private void peerKeys(NetworkPolicy.Rule r) {
            for (NetworkPolicy.Peer peer : r.peers()) {
                if (peer.podSelector() != null) keys.addAll(peer.podSelector().keySet());
                peer.podExpressions().forEach(e -> keys.add(e.key()));
            }
        }
        Map<String, String> relevant(Map<String, String> labels) {
            Map<String, String> out = new TreeMap<>();
            labels.forEach((k, v) -> { if (keys.contains(k)) out.put(k, v); });
            return out;
        }
    }

    /** Endpoints with the same key, on one host, are configured alike in the dataplane. */
    static String key(Node n, NodePortSelectors selectors) {
        if (n instanceof Container c) {
            TreeSet<String> nets = new TreeSet<>();
            c.attachments().forEach(a -> nets.add(a.network()));
            TreeSet<String> pub = new TreeSet<>();
            c.ports().forEach(p -> pub.add(p.containerPort() + "/" + p.proto() + "@" + p.hostIp()));
            if (c.mode() == Container.Mode.CONTAINER) return "shared:" + c.id();
            return "c|" + c.host() + "|" + c.mode() + "|" + nets + "|" + sockets(c.sockets()) + "|" + pub;
        }
        if (n instanceof Pod p) {
            TreeSet<String> hostPorts = new TreeSet<>();
            p.hostPorts().forEach(h -> hostPorts.add(h.containerPort() + "/" + h.proto() + "@" + h.hostIp()));
            return "p|" + p.node() + "|" + p.network() + "|" + p.hostNetwork() + "|" + p.namespace() + "|" + selectors.relevant(p.labels())
                    + "|" + sockets(p.sockets()) + "|" + hostPorts;
        }
        return "x|" + n.id();
    }

    private static String sockets(List<Socket> s) {
        TreeSet<String> out = new TreeSet<>();
        s.forEach(x -> out.add(x + (x.name() == null ? "" : "~" + x.name())));
        return out.toString();
    }

    /** icmp, then one probe per distinct socket the endpoint listens on. */
    static List<Probe> probes(Node n) {
        List<Probe> out = new ArrayList<>();
        out.add(Probe.icmp());
        List<Socket> sockets = n instanceof Container c ? c.sockets() : n instanceof Pod p ? p.sockets() : n instanceof External e ? e.sockets() : List.of();
        TreeSet<String> seen = new TreeSet<>();
        for (Socket s : sockets)
            if (seen.add(s.proto() + "/" + s.port())) out.add(s.proto() == Proto.UDP ? Probe.udp(s.port()) : Probe.tcp(s.port()));
        return out;
    }

    // ------------------------------------------------------------------ representative flows

    /** The representative flows, per probe, at {@code (from * k + to) * 2 + relation}; null where no pair is so related. */
    private Cell[][] cells() {
        Cell[][] c = cells;
        if (c != null) return c;
        Grouping g = grouping();
        synchronized (this) {
            if (cells == null) {
                int k = g.classes().size();
                Cell[][] out = new Cell[k * k * 2][];
                IntStream.range(0, k * k * 2).parallel().forEach(i -> {
                    int from = i / (2 * k), to = (i / 2) % k, rel = i % 2;
                    Node[] pair = representatives(g, from, to, rel);
                    if (pair != null) out[i] = trace(g, pair[0], pair[1], g.classes().get(to).probes);
                });
                cells = out;
            }
            return cells;
        }
    }

    private Cell[] cell(int from, int to, int rel) {
        return cells()[(from * grouping().classes().size() + to) * 2 + rel];
    }

    /** A source and a destination standing for every pair of members of the two classes in that relation, or null for none. */
    private static Node[] representatives(Grouping g, int from, int to, int rel) {
        EndpointClass a = g.classes().get(from), b = g.classes().get(to);
        if (a.hostClass < 0 || b.hostClass < 0) {
            if (rel == SAME) return null;
            Node src = a.hostClass < 0 ? a.members.get(0) : first(a, g.hosts().representative(a.hostClass));
            Node dst = b.hostClass < 0 ? b.members.get(0) : first(b, g.hosts().representative(b.hostClass));
            return src == dst ? null : new Node[] {src, dst};
        }
        List<String> classHosts = g.hosts().classes().get(a.hostClass);
        if (rel == SAME) {
            if (a.hostClass != b.hostClass) return null;
            String rep = classHosts.get(0);
            List<Node> as = a.byHost.get(rep), bs = b.byHost.get(rep);
            if (as == null || bs == null) return null;
            Node src = as.get(0);
            Node dst = a == b ? (bs.size() > 1 ? bs.get(1) : null) : bs.get(0);
            return dst == null ? null : new Node[] {src, dst};
        }
        if (a.hostClass == b.hostClass) {
            if (classHosts.size() < 2) return null;
            Node src = first(a, classHosts.get(0)), dst = first(b, classHosts.get(1));
            return src == null || dst == null ? null : new Node[] {src, dst};
        }
        Node src = first(a, classHosts.get(0)), dst = first(b, g.hosts().classes().get(b.hostClass).get(0));
        return src == null || dst == null ? null : new Node[] {src, dst};
    }

    private static Node first(EndpointClass c, String host) {
        List<Node> on = c.byHost.get(host);
        return on == null || on.isEmpty() ? null : on.get(0);
    }

    /** Every kind of address of the destination, traced once each. */
    private Cell[] trace(Grouping g, Node src, Node dst, List<Probe> probes) {
        Namespace ns = net.dataplane().namespaceOf(src.id());
        Cell[] out = new Cell[probes.size()];
        String srcHost = g.hostOf().get(src.id());
        for (int p = 0; p < probes.size(); p++) {
            Probe probe = probes.get(p);
            Address[] cands = addresses(g, dst, probe);
            if (ns == null || cands.length == 0) {
                out[p] = new Cell(probe, Disposition.NO_ROUTE, dst.name() + " has no address to send to", Map.of(), "-");
                continue;
            }
            Map<Kind, Outcome> byKind = new LinkedHashMap<>();
            Outcome best = null;
            String bestVia = null;
            for (Address a : cands) {
                Kind kind = a.kind(g, srcHost);
                Outcome o = byKind.get(kind);
                if (o == null) {
                    Trace tr = net.tracer().best(src, ns, dst.id(), List.of(a.target()), probe, false);
                    o = new Outcome(tr.disposition(), tr.reason());
                    byKind.put(kind, o);
                }
                if (best == null || o.disposition().progress() > best.disposition().progress()) { best = o; bestVia = a.via(); }
            }
            out[p] = new Cell(probe, best.disposition(), best.reason(), byKind, bestVia);
        }
        return out;
    }

    /**
     * What kind of address of a destination a target is, seen from a source: the same kind of
     * address of corresponding endpoints on corresponding hosts gives the same outcome. {@code what}
     * says which address (own on a network, a published or node port) independently of the source;
     * {@code where} places a host's address: on the destination's host, the source's, or another
     * host of a class.
     */
    record Kind(String what, int where) {
        static final int NOT_A_HOST = -1, DESTINATION_HOST = -2, SOURCE_HOST = -3;
    }

    /** One address a destination can be reached at, with what of its kind does not depend on the source. */
    record Address(Target target, String what, String host, int hostClass, String destinationHost, String via) {
        Kind kind(Grouping g, String sourceHost) {
            if (host == null) return new Kind(what, Kind.NOT_A_HOST);
            if (host.equals(destinationHost)) return new Kind(what, Kind.DESTINATION_HOST);
            if (host.equals(sourceHost)) return new Kind(what, Kind.SOURCE_HOST);
            return new Kind(what, hostClass);
        }
    }

    /** Every address of a destination for a probe, in the tracer's order, classified by how it stands for the destination. */
    private Address[] addresses(Grouping g, Node dst, Probe probe) {
        List<Target> cands = net.tracer().targets().of(dst, probe);
        Address[] out = new Address[cands.size()];
        String dstHost = g.hostOf().get(dst.id());
        for (int i = 0; i < out.length; i++) {
            Target t = cands.get(i);
            String what, host = null;
            if (t.how() instanceof Target.OwnAddress own) {
                // a network on a host is named by its place there, so corresponding networks of alike hosts match
                what = "own on " + (g.hosts().hostOf(own.network()) == null ? own.network() : "network " + g.hosts().role(own.network()))
                        + " #" + ordinal(cands, i);
            } else if (t.how() instanceof Target.PublishedPort pub) {
                host = pub.host();
                what = "published " + pub.containerPort() + "/" + pub.proto() + (hostAddress(g, t.address(), host) ? "" : " at " + t.address());
            } else if (t.how() instanceof Target.NodePort np) {
                host = np.node();
                what = "node port of " + np.service() + ":" + np.servicePort() + (hostAddress(g, t.address(), host) ? "" : " at " + t.address());
            } else {
                what = t.how().getClass().getSimpleName() + " " + t.via(probe.proto());
            }
            out[i] = new Address(t, what, host, host == null ? Kind.NOT_A_HOST : g.hosts().classOfHost(host), dstHost, t.via(probe.proto()));
        }
        return out;
    }

    /** Which of the target's network's addresses this is (an endpoint holds one per network, a host several on the underlay). */
    private static int ordinal(List<Target> cands, int i) {
        int n = 0;
        for (int j = 0; j < i; j++) if (cands.get(j).how().equals(cands.get(i).how())) n++;
        return n;
    }

    private static boolean hostAddress(Grouping g, Ipv4 address, String host) {
        return host.equals(g.hostByAddress().get(address.bits()));
    }

    // ------------------------------------------------------------------ rows

    private static int relation(String fromHost, String toHost) {
        return fromHost != null && fromHost.equals(toHost) ? SAME : DIFFERENT;
    }

    /** The rows of one pair of members, from their classes' cells; {@code to}'s addresses per probe may be given. */
    private void rows(Grouping g, Node from, int fi, Node to, int ti, Address[][] toAddresses, Consumer<MatrixRow> sink) {
        String fromHost = g.hostOf().get(from.id());
        Cell[] cs = cell(fi, ti, relation(fromHost, g.hostOf().get(to.id())));
        if (cs == null) return;
        for (int p = 0; p < cs.length; p++) {
            Address[] as = toAddresses != null ? toAddresses[p] : cs[p].byKind().isEmpty() ? null : addresses(g, to, cs[p].probe());
            sink.accept(row(g, from, fromHost, to, cs[p], as));
        }
    }

    private MatrixRow row(Grouping g, Node from, String fromHost, Node to, Cell c, Address[] addresses) {
        if (c.byKind().isEmpty()) return new MatrixRow(from.id(), to.id(), c.probe(), c.disposition(), c.repVia(), c.reason());
        Outcome best = null;
        Address chosen = null;
        Kind[] kinds = new Kind[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            Address a = addresses[i];
            kinds[i] = a.kind(g, fromHost);
            Outcome o = c.byKind().get(kinds[i]);
            if (o == null) return retrace(from, to, c);
            if (best == null || o.disposition().progress() > best.disposition().progress()) { best = o; chosen = a; }
        }
        // exactly the kinds of address the representative had (a kind may repeat: several hosts of one class)
        if (best == null || best.disposition() != c.disposition() || distinct(kinds) != c.byKind().size()) return retrace(from, to, c);
        return new MatrixRow(from.id(), to.id(), c.probe(), best.disposition(), chosen.via(), c.reason());
    }

    private static int distinct(Kind[] kinds) {
        if (kinds.length > 8) return new java.util.HashSet<>(java.util.Arrays.asList(kinds)).size();
        int n = 0;
        outer:
        for (int i = 0; i < kinds.length; i++) {
            for (int j = 0; j < i; j++) if (kinds[j].equals(kinds[i])) continue outer;
            n++;
        }
        return n;
    }

    /** A member pair unlike its representatives (should not happen on alike hosts): traced on its own. */
    private MatrixRow retrace(Node from, Node to, Cell c) {
        retraced.incrementAndGet();
        Namespace ns = net.dataplane().namespaceOf(from.id());
        List<Target> cands = net.tracer().targets().of(to, c.probe());
        if (ns == null || cands.isEmpty())
            return new MatrixRow(from.id(), to.id(), c.probe(), Disposition.NO_ROUTE, "-", to.name() + " has no address to send to");
        Trace t = net.tracer().best(from, ns, to.id(), cands, c.probe(), false);
        return new MatrixRow(from.id(), to.id(), c.probe(), t.disposition(), t.via() == null ? "-" : t.via(), t.reason());
    }

    /** How many rows were traced on their own because their endpoints did not match their class's (for tests). */
    long retraced() { return retraced.get(); }

    // ------------------------------------------------------------------ public answers

    public int classCount() { return grouping().classes().size(); }

    /** The host classes found (for tests and the README's figures). */
    List<List<String>> hostClasses() { return grouping().hosts().classes(); }

    /** Pairs of distinct members of two classes in a relation. */
    private static long pairs(EndpointClass a, EndpointClass b, int rel) {
        long same = 0;
        for (var e : a.byHost.entrySet()) {
            if (e.getKey().isEmpty()) continue;
            List<Node> bs = b.byHost.get(e.getKey());
            if (bs == null) continue;
            same += (long) e.getValue().size() * bs.size() - (a == b ? e.getValue().size() : 0);
        }
        if (rel == SAME) return same;
        long all = (long) a.members.size() * b.members.size() - (a == b ? a.members.size() : 0);
        return all - same;
    }

    /** Number of rows (every ordered pair of distinct endpoints times the destination's probes). */
    public long size() {
        Grouping g = grouping();
        cells();
        long n = 0;
        for (int i = 0; i < g.classes().size(); i++)
            for (int j = 0; j < g.classes().size(); j++)
                for (int rel = SAME; rel <= DIFFERENT; rel++)
                    if (cell(i, j, rel) != null) n += pairs(g.classes().get(i), g.classes().get(j), rel) * g.classes().get(j).probes.size();
        return n;
    }

    /** Rows per disposition, without expanding them. */
    public Map<Disposition, Long> counts() {
        Grouping g = grouping();
        cells();
        Map<Disposition, Long> out = new EnumMap<>(Disposition.class);
        for (int i = 0; i < g.classes().size(); i++)
            for (int j = 0; j < g.classes().size(); j++)
                for (int rel = SAME; rel <= DIFFERENT; rel++) {
                    Cell[] cs = cell(i, j, rel);
                    if (cs == null) continue;
                    long pairs = pairs(g.classes().get(i), g.classes().get(j), rel);
                    for (Cell c : cs) out.merge(c.disposition(), pairs, Long::sum);
                }
        return out;
    }

    /** Expands every row: sources class by class, each to every other endpoint class by class. */
    public void forEach(Consumer<MatrixRow> sink) {
        Grouping g = grouping();
        cells();
        List<EndpointClass> cs = g.classes();
        // each destination's addresses, classified once and reused by every source
        Map<Node, Address[][]> addressesOf = new HashMap<>();
        for (int fi = 0; fi < cs.size(); fi++)
            for (Node from : cs.get(fi).members)
                for (int ti = 0; ti < cs.size(); ti++) {
                    List<Probe> probes = cs.get(ti).probes;
                    for (Node to : cs.get(ti).members) {
                        if (to == from) continue;
                        Address[][] as = addressesOf.computeIfAbsent(to, n -> {
                            Address[][] out = new Address[probes.size()][];
                            for (int p = 0; p < out.length; p++) out[p] = addresses(g, n, probes.get(p));
                            return out;
                        });
                        rows(g, from, fi, to, ti, as, sink);
                    }
                }
    }

    public List<MatrixRow> rows() {
        List<MatrixRow> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    /** The rows from one endpoint to another (empty when either is not an endpoint). */
    public List<MatrixRow> between(String from, String to) {
        Grouping g = grouping();
        List<MatrixRow> out = new ArrayList<>();
        if (from.equals(to) || !g.classOf().containsKey(from) || !g.classOf().containsKey(to)) return out;
        rows(g, doc.node(from).orElseThrow(), g.classOf().get(from), doc.node(to).orElseThrow(), g.classOf().get(to), null, out::add);
        return out;
    }

    /** The classes of alike endpoints, with ids c1, c2, ... in the order {@link #forEachClassRow} uses. */
    public List<MatrixClass> classes() {
        List<EndpointClass> cs = grouping().classes();
        List<MatrixClass> out = new ArrayList<>(cs.size());
        for (int i = 0; i < cs.size(); i++) out.add(new MatrixClass(classId(i), cs.get(i).members.stream().map(Node::id).toList()));
        return out;
    }

    /**
     * The matrix by classes: per pair of classes and probe one row for all their pairs of
     * members, or where members on one host and on different hosts fare differently, one row each.
     */
    public void forEachClassRow(Consumer<ClassRow> sink) {
        Grouping g = grouping();
        cells();
        for (int i = 0; i < g.classes().size(); i++)
            for (int j = 0; j < g.classes().size(); j++) {
                Cell[] same = cell(i, j, SAME), diff = cell(i, j, DIFFERENT);
                if (same == null && diff == null) continue;
                Cell[] any = same != null ? same : diff;
                for (int p = 0; p < any.length; p++) {
                    if (same != null && diff != null && same[p].disposition() != diff[p].disposition()) {
                        sink.accept(new ClassRow(classId(i), classId(j), same[p].probe(), same[p].disposition(), ClassRow.Hosts.SAME));
                        sink.accept(new ClassRow(classId(i), classId(j), diff[p].probe(), diff[p].disposition(), ClassRow.Hosts.DIFFERENT));
                    } else {
                        sink.accept(new ClassRow(classId(i), classId(j), any[p].probe(), any[p].disposition(), ClassRow.Hosts.ALL));
                    }
                }
            }
    }

    private static String classId(int i) { return "c" + (i + 1); }
}
