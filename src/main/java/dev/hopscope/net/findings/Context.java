package dev.hopscope.net.findings;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Labels;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every check reads: the document, its addressing, and lookups the checks share (a pod's
 * bridge, a container's namespace, who owns an address), computed once per run.
 */
public final class Context {
    private final Document doc;
    private final Ipam.Addressing addressing;
    private final Map<String, Bridge> podBridges = new HashMap<>();
    private final Map<String, List<Pod>> podsByBridge = new HashMap<>();
    private Map<String, Node> byName;
    private Map<Ipv4, List<String>> owners;
    private Map<String, Integer> positions;
    private Map<String, Set<Ipv4>> heldByNetwork;
    private final Map<String, Set<Host>> vteps = new HashMap<>();

    public Context(Document doc, Ipam.Addressing addressing) {
        this.doc = doc;
        this.addressing = addressing;
        for (Pod p : doc.all(Pod.class))
            if (!p.hostNetwork()) Ipam.podNetwork(doc, p).filter(n -> n instanceof Bridge).map(n -> (Bridge) n).ifPresent(b -> {
                podBridges.put(p.id(), b);
                podsByBridge.computeIfAbsent(b.id(), k -> new ArrayList<>()).add(p);
            });
    }

    /** A node by id, else by name (the first with that name), like {@link Document#find} but indexed. */
    public Optional<Node> find(String ref) {
        if (ref == null) return Optional.empty();
        Optional<Node> byId = doc.node(ref);
        if (byId.isPresent()) return byId;
        if (byName == null) {
            Map<String, Node> m = new HashMap<>();
            for (Node n : doc.nodes()) if (n.name() != null) m.putIfAbsent(n.name(), n);
            byName = m;
        }
        return Optional.ofNullable(byName.get(ref));
    }

    public Document doc() { return doc; }

    public Ipam.Addressing addressing() { return addressing; }

    /** A node's display name, or the id itself when the node is unknown. */
    public String name(String id) {
        return doc.node(id).map(Node::name).filter(n -> !n.isBlank()).orElse(id);
    }

    public Optional<Host> host(String id) { return id == null ? Optional.empty() : doc.get(id, Host.class); }

    /** The bridge a pod's interface sits on, or empty for a hostNetwork pod or a node without bridges. */
    public Optional<Bridge> podBridge(Pod pod) { return Optional.ofNullable(podBridges.get(pod.id())); }

    /** Pods attached to the bridge, in document order. */
    public List<Pod> podsOn(Bridge bridge) {
        return podsByBridge.getOrDefault(bridge.id(), List.of());
    }

    /** The hosts with a VTEP on an overlay (see {@link Encapsulation#vtepHosts}), computed once per overlay. */
    public Set<Host> vtepHosts(dev.hopscope.model.Overlay overlay) {
        return vteps.computeIfAbsent(overlay.id(), k -> Encapsulation.vtepHosts(doc, overlay));
    }

    /** A CIDR that parses, or empty. */
    public static Optional<Cidr> cidr(String text) {
        return text != null && Cidr.isValid(text) ? Optional.of(Cidr.parse(text)) : Optional.empty();
    }

    /**
     * True for a dotted-quad IPv4 address. Names are screened out before parsing, because the
     * parser reports failure by exception and intents are mostly names: thousands of exceptions
     * would dominate a run.
     */
    public static boolean isAddress(String text) {
        if (text == null || text.isEmpty()) return false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '.' && (ch < '0' || ch > '9')) return false;
        }
        return Ipv4.isValid(text);
    }

    /** An underlay address written as a CIDR (192.168.50.11/24) or a bare address. */
    public static Optional<Ipv4> address(String text) {
        if (text == null) return Optional.empty();
        if (Cidr.isValid(text)) return Optional.of(Cidr.parse(text).address());
        return Ipv4.isValid(text) ? Optional.of(Ipv4.parse(text)) : Optional.empty();
    }

    /** A node's place in the document (unknown ids last): the order findings list their subjects in. */
    public int position(String id) {
        if (positions == null) {
            Map<String, Integer> m = new HashMap<>();
            List<Node> nodes = doc.nodes();
            for (int i = 0; i < nodes.size(); i++) m.putIfAbsent(nodes.get(i).id(), i);
            positions = m;
        }
        return positions.getOrDefault(id, Integer.MAX_VALUE);
    }

    /**
     * The container whose namespace this one runs in: itself, or the end of its chain of
     * {@code container:NAME} modes (a cycle or a dangling name stops at the last container found).
     */
    public Container namespaceOwner(Container c) {
        Container at = c;
        Set<String> seen = new HashSet<>();
        while (at.mode() == Container.Mode.CONTAINER && at.modeTarget() != null && seen.add(at.id())) {
            Container next = containerNamed(at.modeTarget(), at.host()).orElse(null);
            if (next == null) break;
            at = next;
        }
        return at;
    }

    /** A container by id, or by name preferring one on the given host (names are per host in Docker). */
    public Optional<Container> containerNamed(String ref, String hostId) {
        Optional<Container> byId = doc.get(ref, Container.class);
        if (byId.isPresent()) return byId;
        Container any = null;
        for (Container c : doc.all(Container.class)) {
            if (!ref.equals(c.name())) continue;
            if (c.host() != null && c.host().equals(hostId)) return Optional.of(c);
            if (any == null) any = c;
        }
        return Optional.ofNullable(any);
    }

    /** The bridges and overlays an endpoint has an interface on (through its namespace owner for container:NAME). */
    public List<String> networksOf(Node endpoint) {
        List<String> out = new ArrayList<>();
        if (endpoint instanceof Container c) {
            Container owner = namespaceOwner(c);
            if (owner.mode() == Container.Mode.BRIDGE) for (Attachment a : owner.attachments()) out.add(a.network());
        } else if (endpoint instanceof Pod p) {
            podBridge(p).ifPresent(b -> out.add(b.id()));
        }
        return out;
    }

    /** The host an endpoint runs on (null for externals). */
    public String hostOf(Node endpoint) {
        return endpoint instanceof External ? null : endpoint.parent();
    }

    /**
     * What an intent's destination denotes: the node it names (a Service stands for the pods it
     * selects), or the nodes that own the address it gives. Empty for an unknown DNS name.
     */
    public List<Node> targets(Intent intent) {
        if (intent.to() == null || intent.to().isBlank()) return List.of();
        String ref = destinationRef(intent.to());
        Optional<Node> named = find(ref);
        if (named.isPresent()) {
            if (named.get() instanceof Service s) return new ArrayList<>(selected(s));
            return List.of(named.get());
        }
        if (isAddress(ref)) {
            List<Node> out = new ArrayList<>();
            for (String id : owners().getOrDefault(Ipv4.parse(ref), List.of())) doc.node(id).ifPresent(out::add);
            return out;
        }
        return List.of();
    }

    /** An intent's destination without a trailing {@code :PORT} (as written when it does not parse). */
    public static String destinationRef(String to) {
        return dev.hopscope.model.Destination.tryParse(to.strip()).map(dev.hopscope.model.Destination::host).orElse(to.strip());
    }

    /** Pods a Service selects: same namespace, every selector label matches; an empty selector selects none. */
    public List<Pod> selected(Service s) {
        // found once per Service: every intent to a Service asks (thousands on a big cluster)
        return new ArrayList<>(selectedBy.computeIfAbsent(s.id(), k -> {
            List<Pod> out = new ArrayList<>();
            if (s.selector().isEmpty()) return out;
            for (Pod p : doc.all(Pod.class))
                if (p.namespace().equals(s.namespace()) && Labels.matches(s.selector(), p.labels())) out.add(p);
            return out;
        }));
    }

    private final Map<String, List<Pod>> selectedBy = new java.util.concurrent.ConcurrentHashMap<>();

    /** True when someone on the network (an attachment or the gateway) holds the address. */
    public boolean held(String network, Ipv4 ip) {
        if (heldByNetwork == null) {
            Map<String, Set<Ipv4>> m = new HashMap<>();
            addressing.addresses().forEach((k, v) -> m.computeIfAbsent(k.network(), x -> new HashSet<>()).add(v));
            addressing.gateways().forEach((net, v) -> m.computeIfAbsent(net, x -> new HashSet<>()).add(v));
            heldByNetwork = m;
        }
        return heldByNetwork.getOrDefault(network, Set.of()).contains(ip);
    }

    /** Who holds each address: containers and pods (by IPAM), bridges (their gateway), hosts and externals. */
    public Map<Ipv4, List<String>> owners() {
        if (owners == null) {
            Map<Ipv4, List<String>> m = new LinkedHashMap<>();
            addressing.addresses().forEach((k, ip) -> add(m, ip, k.node()));
            addressing.gateways().forEach((net, ip) -> add(m, ip, net));
            for (Host h : doc.all(Host.class)) address(h.address()).ifPresent(ip -> add(m, ip, h.id()));
            for (External e : doc.all(External.class)) address(e.address()).ifPresent(ip -> add(m, ip, e.id()));
            // IPAM's maps have no stable order: list owners in document order so findings are deterministic
            for (List<String> ids : m.values()) ids.sort(java.util.Comparator.comparingInt(this::position));
            owners = m;
        }
        return owners;
    }

    private static void add(Map<Ipv4, List<String>> m, Ipv4 ip, String id) {
        List<String> ids = m.computeIfAbsent(ip, k -> new ArrayList<>());
        if (!ids.contains(id)) ids.add(id);
    }
}
