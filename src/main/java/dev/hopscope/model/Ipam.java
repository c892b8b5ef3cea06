package dev.hopscope.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Address allocation as Docker's and CNI's IPAM do it: on each network the gateway takes the
 * first address, then each attachment without a pinned address gets the next free one, in
 * document order. Pinned addresses are never handed out twice. Services get clusterIPs from
 * 10.96.0.0/12 (from 10.96.0.10) and NodePorts from 30000 up.
 */
public final class Ipam {

    public static final Cidr SERVICE_CIDR = Cidr.parse("10.96.0.0/12");
    public static final int FIRST_NODE_PORT = 30000;

    /** Where a node is attached: a container's attachment or a pod's interface. */
    public record Key(String node, String network) {}

    /**
     * The result: every attachment's address, every network's gateway, every Service's clusterIP
     * and NodePorts, and on networks that hand out per-node blocks each node's block (by
     * Key(host, network)); where such a network gives the node an address of its own (Cilium's
     * cilium_host), it is in {@code addresses} under Key(host, network) too.
     */
    public record Addressing(Map<Key, Ipv4> addresses, Map<String, Ipv4> gateways,
                             Map<String, Ipv4> clusterIps, Map<String, Integer> nodePorts, Map<Key, Cidr> blocks) {
        public Addressing(Map<Key, Ipv4> addresses, Map<String, Ipv4> gateways, Map<String, Ipv4> clusterIps, Map<String, Integer> nodePorts) {
            this(addresses, gateways, clusterIps, nodePorts, Map.of());
        }
        public Optional<Ipv4> address(String node, String network) { return Optional.ofNullable(addresses.get(new Key(node, network))); }
        /** A node's block of a per-node-block network (Calico, Cilium). */
        public Optional<Cidr> block(String host, String network) { return Optional.ofNullable(blocks.get(new Key(host, network))); }
        public Optional<Ipv4> gateway(String network) { return Optional.ofNullable(gateways.get(network)); }
        /** NodePort of a Service's port, by "serviceId/port". */
        public int nodePort(String service, int port) { return nodePorts.getOrDefault(service + "/" + port, 0); }
    }

    private Ipam() {}

    /**
     * The network a pod is attached to (a bridge, or a {@link Network} that pods join): its own
     * choice; else its node's CNI bridge; else a cluster network of a kind pods join that reaches
     * its node (Calico, Cilium, ...); else the node's first bridge.
     */
    public static Optional<Node> podNetwork(Document doc, Pod pod) {
        if (pod.network() != null) {
            Optional<Node> n = doc.node(pod.network());
            return n.filter(x -> x instanceof Bridge || x instanceof Network);
        }
        Bridge first = null;
        for (Bridge b : doc.all(Bridge.class)) {
            // a bridge without a host (a problem the validator reports) belongs to no node
            if (b.host() == null || !b.host().equals(pod.node())) continue;
            if (b.bridgeKind() == Bridge.Kind.CNI) return Optional.of(b);
            if (first == null) first = b;
        }
        for (Network w : doc.all(Network.class))
            if (w.reaches(pod.node()) && w.networkKind().map(k -> k.joiners().contains(NodeKind.POD)).orElse(false)) return Optional.of(w);
        return Optional.ofNullable(first);
    }

    /** The subnet of a network (a bridge, an overlay or a network of another kind), if it has a valid one. */
    public static Optional<Cidr> subnet(Document doc, String network) {
        return doc.node(network).flatMap(n -> {
            String s = n instanceof Bridge b ? b.subnet() : n instanceof Overlay o ? o.subnet() : n instanceof Network w ? w.subnet() : null;
            return s != null && Cidr.isValid(s) ? Optional.of(Cidr.parse(s).base()) : Optional.empty();
        });
    }

    /** How a network hands out addresses; bridges and overlays are Docker's next-free with a gateway. */
    private static dev.hopscope.model.kinds.NetworkKind.Addressing addressingOf(Network w) {
        return w.networkKind().map(k -> k.addressing(w))
                .orElse(new dev.hopscope.model.kinds.NetworkKind.Addressing.NextFree(false));
    }

    /** The hosts a network reaches, in document order: its host, its members, or (none listed) every Kubernetes node, else every host. */
    public static java.util.List<Host> hostsOf(Document doc, Network w) {
        java.util.List<Host> all = doc.all(Host.class);
        if (w.host() != null) return all.stream().filter(h -> h.id().equals(w.host())).toList();
        if (!w.members().isEmpty()) return all.stream().filter(h -> w.members().contains(h.id())).toList();
        java.util.List<Host> k8s = all.stream().filter(h -> h.role() == Host.Role.K8S_NODE).toList();
        return k8s.isEmpty() ? all : k8s;
    }

    public static Addressing allocate(Document doc) {
        Map<String, Optional<Cidr>> subnets = new HashMap<>();
        java.util.function.Function<String, Optional<Cidr>> subnetOf = id -> subnets.computeIfAbsent(id, k -> subnet(doc, k));
        Map<String, Integer> cursor = new HashMap<>();
        Map<String, Set<Integer>> taken = new HashMap<>();
        Map<String, Ipv4> gateways = new LinkedHashMap<>();
        Map<Key, Ipv4> addresses = new LinkedHashMap<>();
        Map<Key, Cidr> blocks = new LinkedHashMap<>();

        // gateways first: bridges (pinned or .1) and Docker overlays (.1 on the overlay's br0)
        for (Node n : doc.nodes()) {
            if (n instanceof Bridge b && Cidr.isValid(b.subnet())) {
                Cidr net = Cidr.parse(b.subnet()).base();
                Ipv4 gw = b.gateway() != null && Ipv4.isValid(b.gateway()) ? Ipv4.parse(b.gateway()) : net.network().plus(1);
                gateways.put(b.id(), gw);
                taken.computeIfAbsent(b.id(), k -> new HashSet<>()).add(gw.bits());
            } else if (n instanceof Overlay o && o.driver() == Overlay.Driver.DOCKER_OVERLAY && Cidr.isValid(o.subnet())) {
                Ipv4 gw = Cidr.parse(o.subnet()).network().plus(1);
                gateways.put(o.id(), gw);
                taken.computeIfAbsent(o.id(), k -> new HashSet<>()).add(gw.bits());
            } else if (n instanceof Network w && Cidr.isValid(w.subnet())) {
                Cidr net = Cidr.parse(w.subnet()).base();
                var how = addressingOf(w);
                if (how instanceof dev.hopscope.model.kinds.NetworkKind.Addressing.NextFree nf) {
                    if (nf.gatewayTaken() || w.gateway() != null) {
                        Ipv4 gw = w.gateway() != null && Ipv4.isValid(w.gateway()) ? Ipv4.parse(w.gateway()) : net.network().plus(1);
                        gateways.put(w.id(), gw);
                        taken.computeIfAbsent(w.id(), k -> new HashSet<>()).add(gw.bits());
                    }
                    String range = nf.rangeOption() == null ? null : w.option(nf.rangeOption());
                    if (range != null && Cidr.isValid(range) && net.contains(Cidr.parse(range).network()))
                        subnets.put(w.id(), Optional.of(Cidr.parse(range).base())); // --ip-range: endpoints take addresses from here only
                } else if (how instanceof dev.hopscope.model.kinds.NetworkKind.Addressing.NodeBlocks nb && nb.prefix() >= net.prefix()) {
                    // a node whose pod pins an address owns the block that holds it (Calico claims it so);
                    // every other host the network reaches owns the next free block of the pool, in document order
                    long size = 1L << (32 - nb.prefix());
                    long count = net.size() / size;
                    Map<String, Cidr> claimed = new LinkedHashMap<>();
                    Set<Integer> used = new HashSet<>();
                    for (Pod p : doc.all(Pod.class)) {
                        if (p.hostNetwork() || p.ip() == null || !Ipv4.isValid(p.ip()) || claimed.containsKey(p.node())) continue;
                        if (!w.id().equals(p.network()) && !(p.network() == null && podNetwork(doc, p).map(x -> x == w).orElse(false))) continue;
                        Ipv4 ip = Ipv4.parse(p.ip());
                        if (!net.contains(ip)) continue;
                        Cidr block = new Cidr(ip, nb.prefix()).base();
                        if (used.add(block.network().bits())) claimed.put(p.node(), block);
                    }
                    int i = 0;
                    for (Host h : hostsOf(doc, w)) {
                        Cidr block = claimed.get(h.id());
                        while (block == null && i < count) {
                            Cidr next = new Cidr(net.network().plus((int) (i++ * size)), nb.prefix());
                            if (used.add(next.network().bits())) block = next;
                        }
                        if (block == null) break; // the pool is exhausted: later nodes get no block (a finding says so)
                        blocks.put(new Key(h.id(), w.id()), block);
                        String pool = blockPool(w.id(), h.id());
                        subnets.put(pool, Optional.of(block));
                        if (nb.firstForNode()) {
                            Ipv4 own = block.network().plus(1);
                            taken.computeIfAbsent(pool, k -> new HashSet<>()).add(own.bits());
                            addresses.put(new Key(h.id(), w.id()), own);
                        }
                    }
                }
            }
        }
        // pinned addresses are reserved before anything is handed out
        for (Node n : doc.nodes()) {
            if (n instanceof Container c && c.mode() == Container.Mode.BRIDGE) {
                for (Attachment a : c.attachments())
                    if (a.ip() != null && Ipv4.isValid(a.ip())) {
                        taken.computeIfAbsent(pool(blocks, a.network(), c.host()), k -> new HashSet<>()).add(Ipv4.parse(a.ip()).bits());
                        addresses.put(new Key(c.id(), a.network()), Ipv4.parse(a.ip()));
                    }
            } else if (n instanceof Pod p && !p.hostNetwork() && p.ip() != null && Ipv4.isValid(p.ip())) {
                podNetwork(doc, p).ifPresent(b -> {
                    taken.computeIfAbsent(pool(blocks, b.id(), p.node()), k -> new HashSet<>()).add(Ipv4.parse(p.ip()).bits());
                    addresses.put(new Key(p.id(), b.id()), Ipv4.parse(p.ip()));
                });
            }
        }
        for (Node n : doc.nodes()) {
            if (n instanceof Container c && c.mode() == Container.Mode.BRIDGE) {
                for (Attachment a : c.attachments()) {
                    Key key = new Key(c.id(), a.network());
                    // on a per-node-block network (Weave) a container takes its address from its host's share
                    String pool = pool(blocks, a.network(), c.host());
                    if (!addresses.containsKey(key)) next(subnetOf.apply(pool), pool, taken, cursor).ifPresent(ip -> addresses.put(key, ip));
                }
            } else if (n instanceof Pod p && !p.hostNetwork()) {
                podNetwork(doc, p).ifPresent(b -> {
                    Key key = new Key(p.id(), b.id());
                    String pool = pool(blocks, b.id(), p.node());
                    if (!addresses.containsKey(key)) next(subnetOf.apply(pool), pool, taken, cursor).ifPresent(ip -> addresses.put(key, ip));
                });
            }
        }
        return new Addressing(Map.copyOf(addresses), Map.copyOf(gateways), clusterIps(doc), nodePorts(doc), Map.copyOf(blocks));
    }

    /** The key IPAM counts a network's addresses under: the network, or on a per-node-block network the node's block. */
    private static String pool(Map<Key, Cidr> blocks, String network, String host) {
        return blocks.containsKey(new Key(host, network)) ? blockPool(network, host) : network;
    }

    private static String blockPool(String network, String host) { return network + "\u0000" + host; }

    /** The next free address on a network, as Docker's IPAM hands them out (null-safe for bad subnets). */
    public static Optional<Ipv4> nextFree(Document doc, String network) {
        Addressing current = allocate(doc);
        Map<String, Set<Integer>> taken = new HashMap<>();
        current.gateways().forEach((net, ip) -> taken.computeIfAbsent(net, k -> new HashSet<>()).add(ip.bits()));
        current.addresses().forEach((k, ip) -> taken.computeIfAbsent(k.network(), x -> new HashSet<>()).add(ip.bits()));
        return next(subnet(doc, network), network, taken, new HashMap<>());
    }

    /**
     * The next free address after the last one handed out on this network ({@code cursor}), as
     * Docker's IPAM walks its bitmap; addresses below the cursor are all taken or reserved.
     */
    private static Optional<Ipv4> next(Optional<Cidr> subnet, String network, Map<String, Set<Integer>> taken, Map<String, Integer> cursor) {
        if (subnet.isEmpty()) return Optional.empty();
        Cidr net = subnet.get();
        Set<Integer> used = taken.computeIfAbsent(network, k -> new HashSet<>());
        long last = net.size() - 1; // the broadcast address is never handed out
        for (long i = cursor.getOrDefault(network, 1); i < last; i++) {
            Ipv4 ip = net.network().plus((int) i);
            if (used.add(ip.bits())) {
                cursor.put(network, (int) i + 1);
                return Optional.of(ip);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Ipv4> clusterIps(Document doc) {
        Map<String, Ipv4> out = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        for (Service s : doc.all(Service.class))
            if (s.clusterIp() != null && Ipv4.isValid(s.clusterIp())) {
                out.put(s.id(), Ipv4.parse(s.clusterIp()));
                used.add(Ipv4.parse(s.clusterIp()).bits());
            }
        Ipv4 next = SERVICE_CIDR.network().plus(10);
        for (Service s : doc.all(Service.class)) {
            if (out.containsKey(s.id()) || !s.hasClusterIp()) continue;
            while (!used.add(next.bits())) next = next.plus(1);
            out.put(s.id(), next);
        }
        return Map.copyOf(out);
    }

    /**
     * Every LoadBalancer Service's address: its {@code loadBalancerIp} when given, else the next
     * free address of the pool, in document order. The pool is what MetalLB's documentation
     * configures as its example: addresses 240 to 250 of the LAN the cluster's nodes are on (the
     * top eleven below its broadcast address on a LAN smaller than a /24); a cloud load balancer
     * takes its address from the same range. Addresses of hosts, externals and the LAN's gateway
     * are never handed out.
     */
    public static Map<String, Ipv4> loadBalancerIps(Document doc) {
        Map<String, Ipv4> out = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        for (Host h : doc.all(Host.class)) if (h.address() != null && Cidr.isValid(h.address())) used.add(Cidr.parse(h.address()).address().bits());
        for (External e : doc.all(External.class)) if (e.address() != null && Cidr.isValid(e.address())) used.add(Cidr.parse(e.address()).address().bits());
        for (Underlay u : doc.all(Underlay.class)) if (u.gateway() != null && Ipv4.isValid(u.gateway())) used.add(Ipv4.parse(u.gateway()).bits());
        for (Service s : doc.all(Service.class))
            if (s.type() == Service.Type.LOAD_BALANCER && s.loadBalancerIp() != null && Ipv4.isValid(s.loadBalancerIp())) {
                out.put(s.id(), Ipv4.parse(s.loadBalancerIp()));
                used.add(Ipv4.parse(s.loadBalancerIp()).bits());
            }
        AddressRange pool = loadBalancerPool(doc).orElse(null);
        if (pool == null) return Map.copyOf(out);
        Ipv4 next = pool.first();
        for (Service s : doc.all(Service.class)) {
            if (s.type() != Service.Type.LOAD_BALANCER || out.containsKey(s.id())) continue;
            while (pool.contains(next) && used.contains(next.bits())) next = next.plus(1);
            if (!pool.contains(next)) break; // the pool is exhausted: the Service stays <pending>, as kubectl shows it
            Ipv4 ip = next;
            next = next.plus(1);
            used.add(ip.bits());
            out.put(s.id(), ip);
        }
        return Map.copyOf(out);
    }

    /** Addresses from {@code first} to {@code last}, both included. */
    public record AddressRange(Ipv4 first, Ipv4 last) {
        public boolean contains(Ipv4 a) {
            long x = a.bits() & 0xFFFF_FFFFL;
            return x >= (first.bits() & 0xFFFF_FFFFL) && x <= (last.bits() & 0xFFFF_FFFFL);
        }
        @Override public String toString() { return first + "-" + last; }
    }

    /**
     * The pool LoadBalancer addresses come from (see {@link #loadBalancerIps}): addresses 240 to
     * 250 of the nodes' LAN, or its top eleven below the broadcast address on a LAN smaller than a
     * /24; empty when there is no LAN.
     */
    public static Optional<AddressRange> loadBalancerPool(Document doc) {
        return loadBalancerLan(doc).map(lan -> {
            long first = lan.size() >= 256 ? 240 : Math.max(1, lan.size() - 12), last = lan.size() >= 256 ? 250 : lan.size() - 2;
            return new AddressRange(lan.network().plus((int) first), lan.network().plus((int) last));
        });
    }

    /** The LAN a load balancer's pool is taken from: the subnet of the first Kubernetes node's address (else the first host's). */
    public static Optional<Cidr> loadBalancerLan(Document doc) {
        Host first = null;
        for (Host h : doc.all(Host.class)) {
            if (h.address() == null || !Cidr.isValid(h.address())) continue;
            if (h.role() == Host.Role.K8S_NODE) return Optional.of(Cidr.parse(h.address()).base());
            if (first == null) first = h;
        }
        return first == null ? Optional.empty() : Optional.of(Cidr.parse(first.address()).base());
    }

    private static Map<String, Integer> nodePorts(Document doc) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Set<Integer> used = new HashSet<>();
        for (Service s : doc.all(Service.class))
            for (Service.ServicePort p : s.ports())
                if (p.nodePort() != 0) { out.put(s.id() + "/" + p.port(), p.nodePort()); used.add(p.nodePort()); }
        int next = FIRST_NODE_PORT;
        for (Service s : doc.all(Service.class)) {
            if (!s.type().hasNodePort()) continue;
            for (Service.ServicePort p : s.ports()) {
                if (p.nodePort() != 0) continue;
                while (!used.add(next)) next++;
                out.put(s.id() + "/" + p.port(), next);
            }
        }
        return Map.copyOf(out);
    }
}
