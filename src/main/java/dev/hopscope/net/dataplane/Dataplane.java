package dev.hopscope.net.dataplane;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.hopscope.model.Ipv4;

/**
 * A document compiled to Linux: every namespace with its devices, routes, rules and sockets.
 * The tracer, the analysis and the Linux-lab export all read this one structure.
 */
public final class Dataplane {
    private final Document document;
    private final Ipam.Addressing addressing;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final Map<String, Namespace> byNode = new LinkedHashMap<>();

    public Dataplane(Document document, Ipam.Addressing addressing) {
        this.document = document;
        this.addressing = addressing;
    }

    public Document document() { return document; }
    public Ipam.Addressing addressing() { return addressing; }
    public Collection<Namespace> namespaces() { return namespaces.values(); }
    public Namespace namespace(String name) { return namespaces.get(name); }

    /** The namespace a document node sends from: its own, its host's (host mode) or another container's. */
    public Namespace namespaceOf(String nodeId) { return byNode.get(nodeId); }

    /** The key of the VTEP index among the derived values. */
    private enum Index { VTEPS }

    /** Tunnel devices with a {@link Vxlan} config (VXLAN, Geneve, sleeve) whose local VTEP address is {@code ip} (indexed on first use: the dataplane is complete by then). */
    public List<Iface> vxlanDevicesAt(Ipv4 ip) {
        Map<Ipv4, List<Iface>> m = derived(Index.VTEPS, k -> {
            Map<Ipv4, List<Iface>> byLocal = new java.util.HashMap<>();
            for (Namespace ns : namespaces.values())
                for (Iface i : ns.ifaces())
                    if (i.vxlan() != null) byLocal.computeIfAbsent(i.vxlan().local(), x -> new java.util.ArrayList<>()).add(i);
            return byLocal;
        });
        return m.getOrDefault(ip, List.of());
    }

    private final Map<Object, Object> derived = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A value derived from the complete dataplane once and kept with it (the tracer's index of a
     * bridge's ports): made by {@code make} on first use of {@code key}, which must not itself ask
     * for a derived value. Analyses walk in parallel, hence the concurrent map.
     */
    @SuppressWarnings("unchecked")
    public <K, T> T derived(K key, java.util.function.Function<K, T> make) {
        return (T) derived.computeIfAbsent(key, k -> make.apply((K) k));
    }

    public Namespace add(Namespace ns) {
        if (namespaces.putIfAbsent(ns.name(), ns) != null) throw new IllegalStateException("two namespaces named " + ns.name());
        return ns;
    }

    public void bind(String nodeId, Namespace ns) { byNode.put(nodeId, ns); }

    /** Joins two new devices as a veth pair. */
    public static void veth(Iface a, Iface b) {
        if (a.kind() != Iface.Kind.VETH || b.kind() != Iface.Kind.VETH) throw new IllegalArgumentException("veth needs two veth ends");
        a.peerWith(b);
    }
}
