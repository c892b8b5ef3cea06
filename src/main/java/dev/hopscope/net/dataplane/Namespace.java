package dev.hopscope.net.dataplane;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Linux network namespace: its devices, routing table, iptables rules, listening sockets,
 * permanent neighbours and resolver. {@code host} is the document host it lives on (null for
 * externals and underlay switches); {@code node} the document node it stands for.
 */
public final class Namespace {
    /** SWITCH: an underlay's L2 segment; ROUTER: the underlay's gateway, which knows only its LAN. */
    public enum Kind { HOST, CONTAINER, POD, EXTERNAL, SWITCH, ROUTER }

    private final String name;
    private final Kind kind;
    private final String node;
    private final String host;
    private final boolean ipForward;
    private final Map<String, Iface> ifaces = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Neighbour> neighbours = new ArrayList<>();
    private DnsConfig dns = DnsConfig.NONE;
    private SocketLb socketLb;

    public Namespace(String name, Kind kind, String node, String host, boolean ipForward) {
        this.name = name;
        this.kind = kind;
        this.node = node;
        this.host = host;
        this.ipForward = ipForward;
        Iface lo = addIface("lo", Iface.Kind.LOOPBACK, new Mac(0), 65536, node);
        lo.addAddress(Cidr.parse("127.0.0.1/8"));
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public String node() { return node; }
    public String host() { return host; }
    public boolean ipForward() { return ipForward; }
    public Collection<Iface> ifaces() { return ifaces.values(); }
    public Iface iface(String dev) { return ifaces.get(dev); }
    public List<Route> routes() { return routes; }
    public List<Rule> rules() { return rules; }
    public List<Listener> listeners() { return listeners; }
    public List<Neighbour> neighbours() { return neighbours; }
    public DnsConfig dns() { return dns; }
    public void setDns(DnsConfig d) { this.dns = d; }

    /** The socket load balancer of the node this namespace is on (Cilium's kube-proxy replacement), or null. */
    public SocketLb socketLb() { return socketLb; }
    public void setSocketLb(SocketLb lb) { this.socketLb = lb; }

    public Iface addIface(String dev, Iface.Kind k, Mac mac, int mtu, String forNode) {
        if (ifaces.containsKey(dev)) throw new IllegalStateException(name + " already has a device " + dev);
        Iface i = new Iface(this, dev, k, mac, mtu, forNode);
        ifaces.put(dev, i);
        return i;
    }

    /** A device name not yet used in this namespace, from a prefix: eth0, eth1, ... */
    public String freeName(String prefix) {
        for (int i = 0; ; i++) if (!ifaces.containsKey(prefix + i)) return prefix + i;
    }

    public void addRoute(Route r) { routes.add(r); }

    public void addRule(Rule r) { rules.add(r); chains = null; }

    /** A rule ahead of every other of its table and chain ({@code iptables -I}: kube-proxy puts its jumps first). */
    public void insertRule(Rule r) {
        int at = 0;
        while (at < rules.size() && !(rules.get(at).table() == r.table() && rules.get(at).chain().equals(r.chain()))) at++;
        rules.add(at, r);
        chains = null;
    }

    /** Rules per table and chain, indexed on first use (a compiled dataplane no longer changes). */
    private volatile Map<String, List<Rule>> chains;
    private volatile java.util.Set<Integer> local;

    public List<Rule> chain(Rule.Table t, Rule.Chain c) {
        Map<String, List<Rule>> m = chains;
        if (m == null) {
            m = new java.util.HashMap<>();
            for (Rule r : rules) m.computeIfAbsent(r.table() + "/" + r.chain(), k -> new ArrayList<>()).add(r);
            chains = m;
        }
        return m.getOrDefault(t + "/" + c, List.of());
    }

    /**
     * What a chain decides for a packet, as iptables walks it: the first matching rule that
     * ACCEPTs, DROPs or REJECTs, following JUMPs into chains of our own (a RETURN there, or
     * falling off their end, goes on after the jump). Null when nothing decides (falling off a
     * hook, or a RETURN in it): the hook's policy, ACCEPT.
     */
    public Rule decide(Rule.Table table, Rule.Chain chain, java.util.function.Predicate<Match> matches) {
        return decide(table, chain, matches, 0);
    }

    private static final Rule RETURNED = Rule.filter(Rule.Chain.INPUT, Match.ANY, Rule.Target.RETURN, "", List.of());

    private Rule decide(Rule.Table table, Rule.Chain chain, java.util.function.Predicate<Match> matches, int depth) {
        if (depth > 16) return null; // iptables refuses jump loops; never compiled, but never followed for ever either
        for (Rule r : chain(table, chain)) {
            if (!matches.test(r.match())) continue;
            switch (r.target()) {
                case ACCEPT: case DROP: case REJECT: return r;
                case RETURN: return depth == 0 ? null : RETURNED;
                case JUMP: {
                    Rule inner = decide(table, r.jumpTo(), matches, depth + 1);
                    if (inner != null && inner != RETURNED) return inner;
                    break;
                }
                default: break; // NAT targets do not decide a filter verdict
            }
        }
        return depth == 0 ? null : RETURNED;
    }

    /** Every chain of our own that some rule here jumps to, in the order first used (the lab creates them first). */
    public List<Rule.Chain> ownChains() {
        List<Rule.Chain> out = new ArrayList<>();
        for (Rule r : rules) {
            if (!r.chain().builtin() && !out.contains(r.chain())) out.add(r.chain());
            if (r.jumpTo() != null && !out.contains(r.jumpTo())) out.add(r.jumpTo());
        }
        return out;
    }

    void addressesChanged() { local = null; }

    /** Whether {@code ip} is one of this namespace's own addresses (127/8 counts: the kernel's local table). */
    public boolean isLocal(Ipv4 ip) {
        if (ip.isLoopback()) return true;
        java.util.Set<Integer> s = local;
        if (s == null) {
            s = new java.util.HashSet<>();
            for (Iface i : ifaces.values()) for (Cidr c : i.addresses()) s.add(c.address().bits());
            local = s;
        }
        return s.contains(ip.bits());
    }

    /** Longest-prefix match over the routing table (first wins on ties, as added). */
    public Route lookup(Ipv4 dst) {
        Route best = null;
        for (Route r : routes)
            if (r.dst().contains(dst) && (best == null || r.dst().prefix() > best.dst().prefix())) best = r;
        return best;
    }

    public Neighbour neighbour(Iface dev, Ipv4 ip) {
        for (Neighbour n : neighbours) if (n.dev() == dev && n.ip().equals(ip)) return n;
        return null;
    }

    @Override public String toString() { return name; }
}
