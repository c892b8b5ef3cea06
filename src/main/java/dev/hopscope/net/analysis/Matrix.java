package dev.hopscope.net.analysis;

import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Network;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Target;
import dev.hopscope.net.trace.Targets;
import dev.hopscope.net.trace.Trace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Who reaches whom, held compactly. Endpoints that the dataplane treats alike — same host, same
 * network mode and networks, same listening sockets and published container ports, same pod
 * labels — form one class; one representative flow is traced per pair of classes and probe, and
 * rows are expanded per member only when asked ({@link #forEach}), with the member's own
 * address or published port in {@code via}. Duplicate addresses (a finding of their own) are the
 * one case where members of a class could behave differently.
 */
public final class Matrix {

    /** How to name the address a member was reached at: its own address on a network, its host's published port, or as traced. */
    record Via(String network, int publishedPort, String literal) {}

    record Cell(Probe probe, Disposition disposition, String reason, Via via) {}

    static final class EndpointClass {
        final List<Node> members = new ArrayList<>();
        final List<Probe> probes = new ArrayList<>();
    }

    private final Network net;
    private final Document doc;
    private final Ipam.Addressing addr;
    private final List<EndpointClass> classes;
    private volatile Cell[][][] cells;

    private Matrix(Network net, List<EndpointClass> classes) {
        this.net = net;
        this.doc = net.document();
        this.addr = net.dataplane().addressing();
        this.classes = classes;
    }

    /**
     * Groups the endpoints into classes now and traces the class pairs on first use, so an
     * analysis that only needs intents and findings (the designer's live flags) never pays for the
     * matrix; call {@link #size()} on a worker thread to have it ready before a view reads it.
     */
    public static Matrix compute(Network net, List<Node> endpoints) {
        Map<String, EndpointClass> byKey = new LinkedHashMap<>();
        for (Node n : endpoints) {
            EndpointClass c = byKey.computeIfAbsent(key(n), k -> new EndpointClass());
            if (c.members.isEmpty()) c.probes.addAll(probes(n));
            c.members.add(n);
        }
        return new Matrix(net, new ArrayList<>(byKey.values()));
    }

    private Cell[][][] cells() {
        Cell[][][] c = cells;
        if (c != null) return c;
        synchronized (this) {
            if (cells == null) {
                int k = classes.size();
                Cell[][][] out = new Cell[k][k][];
                IntStream.range(0, k * k).parallel().forEach(i -> {
                    EndpointClass s = classes.get(i / k), d = classes.get(i % k);
                    Node src = s.members.get(0);
                    Node dst = s == d ? (d.members.size() > 1 ? d.members.get(1) : null) : d.members.get(0);
                    if (dst == null) return;
                    out[i / k][i % k] = trace(net, src, dst, d.probes);
                });
                cells = out;
            }
            return cells;
        }
    }

    private static Cell[] trace(Network net, Node src, Node dst, List<Probe> probes) {
        Namespace ns = net.dataplane().namespaceOf(src.id());
        Targets targets = net.tracer().targets();
        Cell[] out = new Cell[probes.size()];
        for (int p = 0; p < probes.size(); p++) {
            Probe probe = probes.get(p);
            List<Target> cands = targets.of(dst, probe);
            if (ns == null || cands.isEmpty()) {
                out[p] = new Cell(probe, Disposition.NO_ROUTE, dst.name() + " has no address to send to", new Via(null, 0, "-"));
                continue;
            }
            Trace t = net.tracer().best(src, ns, dst.id(), cands, probe, false);
            out[p] = new Cell(probe, t.disposition(), t.reason(), viaOf(net, dst, t.via()));
        }
        return out;
    }

    /** Turns the representative's via into a rule that names each member's own address. */
    private static Via viaOf(Network net, Node dst, String via) {
        String ip = via.contains(":") ? via.substring(0, via.indexOf(':')) : via;
        int port = via.contains(":") ? Integer.parseInt(via.substring(via.indexOf(':') + 1)) : 0;
        Ipam.Addressing a = net.dataplane().addressing();
        List<String> networks = new ArrayList<>();
        if (dst instanceof Container c) c.attachments().forEach(at -> networks.add(at.network()));
        if (dst instanceof Pod p && !p.hostNetwork()) Ipam.podNetwork(net.document(), p).ifPresent(b -> networks.add(b.id()));
        for (String network : networks)
            if (a.address(dst.id(), network).map(x -> x.toString().equals(ip)).orElse(false)) return new Via(network, 0, null);
        if (dst instanceof Container c)
            for (PublishedPort pp : c.ports()) if (pp.hostPort() == port) return new Via(null, pp.containerPort(), via.substring(0, via.indexOf(':')));
        return new Via(null, 0, via);
    }

    /** Endpoints with the same key are configured alike in the dataplane. */
    static String key(Node n) {
        if (n instanceof Container c) {
            TreeSet<String> nets = new TreeSet<>();
            c.attachments().forEach(a -> nets.add(a.network()));
            TreeSet<String> pub = new TreeSet<>();
            c.ports().forEach(p -> pub.add(p.containerPort() + "/" + p.proto() + "@" + p.hostIp()));
            if (c.mode() == Container.Mode.CONTAINER) return "shared:" + c.id();
            return "c|" + c.host() + "|" + c.mode() + "|" + nets + "|" + sockets(c.sockets()) + "|" + pub;
        }
        if (n instanceof Pod p) {
            return "p|" + p.node() + "|" + p.network() + "|" + p.hostNetwork() + "|" + p.namespace() + "|" + p.labels() + "|" + sockets(p.sockets());
        }
        return "x|" + n.id();
    }

    private static String sockets(List<Socket> s) {
        TreeSet<String> out = new TreeSet<>();
        s.forEach(x -> out.add(x.toString()));
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

    public int classCount() { return classes.size(); }

    /** Number of rows (every ordered pair of distinct endpoints times the destination's probes). */
    public long size() {
        cells();
        long n = 0;
        for (EndpointClass s : classes)
            for (EndpointClass d : classes) {
                long pairs = s == d ? (long) s.members.size() * (s.members.size() - 1) : (long) s.members.size() * d.members.size();
                n += pairs * d.probes.size();
            }
        return n;
    }

    /** Rows per disposition, without expanding them. */
    public Map<Disposition, Long> counts() {
        Cell[][][] cells = cells();
        Map<Disposition, Long> out = new EnumMap<>(Disposition.class);
        for (int i = 0; i < classes.size(); i++)
            for (int j = 0; j < classes.size(); j++) {
                Cell[] cs = cells[i][j];
                if (cs == null) continue;
                EndpointClass s = classes.get(i), d = classes.get(j);
                long pairs = i == j ? (long) s.members.size() * (s.members.size() - 1) : (long) s.members.size() * d.members.size();
                for (Cell c : cs) out.merge(c.disposition(), pairs, Long::sum);
            }
        return out;
    }

    /** Expands every row, in endpoint order within classes. */
    public void forEach(Consumer<MatrixRow> sink) {
        Cell[][][] cells = cells();
        for (int i = 0; i < classes.size(); i++)
            for (Node from : classes.get(i).members)
                for (int j = 0; j < classes.size(); j++) {
                    Cell[] cs = cells[i][j];
                    if (cs == null) continue;
                    for (Node to : classes.get(j).members) {
                        if (to == from) continue;
                        for (Cell c : cs) sink.accept(new MatrixRow(from.id(), to.id(), c.probe(), c.disposition(), via(to, c), c.reason()));
                    }
                }
    }

    /** The classes of alike endpoints, with ids c1, c2, ... in the order {@link #forEachClassRow} uses. */
    public List<MatrixClass> classes() {
        List<MatrixClass> out = new ArrayList<>(classes.size());
        for (int i = 0; i < classes.size(); i++)
            out.add(new MatrixClass(classId(i), classes.get(i).members.stream().map(Node::id).toList()));
        return out;
    }

    /** The matrix by classes: one row per pair of classes (with pairs of distinct members) and probe. */
    public void forEachClassRow(Consumer<ClassRow> sink) {
        Cell[][][] cells = cells();
        for (int i = 0; i < classes.size(); i++)
            for (int j = 0; j < classes.size(); j++) {
                Cell[] cs = cells[i][j];
                if (cs == null) continue;
                for (Cell c : cs) sink.accept(new ClassRow(classId(i), classId(j), c.probe(), c.disposition(), ClassRow.Hosts.ALL));
            }
    }

    private static String classId(int i) { return "c" + (i + 1); }

    public List<MatrixRow> rows() {
        List<MatrixRow> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    /** The rows from one endpoint to another (empty when either is not an endpoint). */
    public List<MatrixRow> between(String from, String to) {
        Cell[][][] cells = cells();
        List<MatrixRow> out = new ArrayList<>();
        int fi = classOf(from), ti = classOf(to);
        if (fi < 0 || ti < 0 || from.equals(to) || cells[fi][ti] == null) return out;
        Node toNode = doc.node(to).orElseThrow();
        for (Cell c : cells[fi][ti]) out.add(new MatrixRow(from, to, c.probe(), c.disposition(), via(toNode, c), c.reason()));
        return out;
    }

    private int classOf(String id) {
        for (int i = 0; i < classes.size(); i++) for (Node n : classes.get(i).members) if (n.id().equals(id)) return i;
        return -1;
    }

    private String via(Node to, Cell c) {
        Via v = c.via();
        String port = c.probe().proto() == Proto.ICMP ? "" : ":" + c.probe().port();
        if (v.network() != null) return addr.address(to.id(), v.network()).map(Ipv4::toString).orElse("-") + port;
        if (v.publishedPort() != 0 && to instanceof Container ct)
            for (PublishedPort pp : ct.ports())
                if (pp.containerPort() == v.publishedPort() && pp.proto() == c.probe().proto()) return v.literal() + ":" + pp.hostPort();
        return v.literal();
    }
}
