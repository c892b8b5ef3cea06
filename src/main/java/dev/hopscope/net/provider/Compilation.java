package dev.hopscope.net.provider;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One compile of one document: the document, its addresses, the dataplane being built, and what
 * the providers share while they build it (the bridge device a network has on each host, and
 * each provider's own working state for this compile).
 */
public final class Compilation {
    private final Document doc;
    private final Ipam.Addressing addr;
    private final Dataplane dp;
    private final List<NetworkProvider> providers;
    /** network id + "@" + host id -> the device an endpoint's veth joins on that host */
    private final Map<String, Iface> bridgeDevs = new HashMap<>();
    private final Map<String, Optional<Cidr>> subnets = new HashMap<>();
    private final Map<Object, Object> scratch = new HashMap<>();
    /** host id -> what replaces kube-proxy there (Cilium's kube-proxy replacement) */
    private final Map<String, String> kubeProxyReplaced = new HashMap<>();

    public Compilation(Document doc, Ipam.Addressing addr, List<NetworkProvider> providers) {
        this.doc = doc;
        this.addr = addr;
        this.dp = new Dataplane(doc, addr);
        this.providers = List.copyOf(providers);
    }

    public Document doc() { return doc; }
    public Ipam.Addressing addr() { return addr; }
    public Dataplane dp() { return dp; }
    public List<NetworkProvider> providers() { return providers; }

    /** The provider that compiles this network node, if any is registered. */
    public Optional<NetworkProvider> providerOf(Node network) {
        for (NetworkProvider p : providers) if (p.owns(network)) return Optional.of(p);
        return Optional.empty();
    }

    /** A provider's working state for this compile, made on first use. */
    @SuppressWarnings("unchecked")
    public <T> T state(NetworkProvider owner, Class<T> type, Supplier<T> make) {
        return (T) scratch.computeIfAbsent(List.of(owner.name(), type), k -> make.get());
    }

    /**
     * {@code by} (a provider, during {@link NetworkProvider#build}) translates Services on this
     * host itself, so kube-proxy does not run there.
     */
    public void replaceKubeProxy(String hostId, String by) { kubeProxyReplaced.put(hostId, by); }

    /** Whether kube-proxy runs on this host, or something replaces it. */
    public boolean kubeProxyReplaced(String hostId) { return kubeProxyReplaced.containsKey(hostId); }

    /** A pod's address: its node's for a hostNetwork pod, else what IPAM gave it on its pod network (null: none). */
    public Ipv4 podAddress(dev.hopscope.model.Pod p) {
        if (p.hostNetwork()) return doc.get(p.node(), Host.class).map(this::underlayIp).orElse(null);
        return Ipam.podNetwork(doc, p).flatMap(net -> addr.address(p.id(), net.id())).orElse(null);
    }

    /** A network's subnet, parsed once per compile. */
    public Cidr subnet(String networkId) {
        return subnets.computeIfAbsent(networkId, k -> Ipam.subnet(doc, k)).orElseThrow();
    }

    public Namespace hostNs(String hostId) { return dp.namespace(nsName(hostId)); }

    public Iface bridgeDev(String networkId, String hostId) { return bridgeDevs.get(networkId + "@" + hostId); }

    public void putBridgeDev(String networkId, String hostId, Iface dev) { bridgeDevs.put(networkId + "@" + hostId, dev); }

    /** The host's underlay address, or null. */
    public Ipv4 underlayIp(Host h) {
        return h.address() != null && Cidr.isValid(h.address()) ? Cidr.parse(h.address()).address() : null;
    }

    public int underlayMtu(Host h) {
        int mtu = h.mtu();
        if (h.underlay() != null) {
            Underlay u = doc.get(h.underlay(), Underlay.class).orElse(null);
            if (u != null) mtu = Math.min(mtu, u.mtu());
        }
        return mtu;
    }

    /** A veth pair: one end in {@code a}, its peer in {@code b}, each with a MAC derived from its place. */
    public Iface[] vethPair(Namespace a, String aName, String aNode, Namespace b, String bName, String bNode, int mtu) {
        Iface x = a.addIface(aName, Iface.Kind.VETH, Mac.derive(a.name() + "/" + aName), mtu, aNode);
        Iface y = b.addIface(bName, Iface.Kind.VETH, Mac.derive(b.name() + "/" + bName), mtu, bNode);
        Dataplane.veth(x, y);
        return new Iface[] {x, y};
    }

    /** The route the kernel adds with an address: the subnet is on-link on the device. */
    public static void connected(Namespace ns, Iface dev, Cidr cidr) {
        ns.addRoute(new Route(cidr.base(), null, dev, false, cidr.address()));
    }

    /** Namespace names are file names under /run/netns: no slash, never "." or "..". */
    public static String nsName(String nodeId) {
        String n = nodeId.replace('/', '_');
        return n.equals(".") || n.equals("..") ? "_" + n : n;
    }

    /** Linux device names: at most 15 bytes, no slash, colon or white space; unique in the namespace. */
    public static String ifName(Namespace ns, String wanted) {
        StringBuilder sb = new StringBuilder();
        for (char c : wanted.toCharArray()) sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') ? c : '-');
        String base = sb.length() == 0 ? "dev" : sb.toString();
        if (base.length() > 15) base = base.substring(0, 15);
        if (ns.iface(base) == null) return base;
        for (int i = 1; ; i++) {
            String suffix = Integer.toString(i);
            String cand = (base.length() + suffix.length() > 15 ? base.substring(0, 15 - suffix.length()) : base) + suffix;
            if (ns.iface(cand) == null) return cand;
        }
    }

    /** A host-side veth name from a stable hash of the pair: {@code prefix} + 7 hex digits (Docker: veth, Calico: cali). */
    public static String hostVethName(String prefix, String owner, String network) {
        String hex = Integer.toHexString((owner + "|" + network).hashCode() & 0xFFFFFFF);
        return prefix + "0000000".substring(hex.length()) + hex;
    }

    /**
     * The Linux bridge device of a bridge node, in its host: named after the bridge, holding the
     * gateway address with the subnet's connected route, registered as the device its endpoints join.
     */
    public Iface bridgeDevice(dev.hopscope.model.Bridge br) {
        Namespace ns = hostNs(br.host());
        Iface dev = ns.addIface(ifName(ns, br.name()), Iface.Kind.BRIDGE, Mac.derive(br.host() + "/" + br.id()), 1500, br.id());
        Cidr net = Cidr.parse(br.subnet()).base();
        Cidr gw = new Cidr(addr.gateway(br.id()).orElseThrow(), net.prefix());
        dev.addAddress(gw);
        connected(ns, dev, gw);
        putBridgeDev(br.id(), br.host(), dev);
        return dev;
    }

    /** An endpoint's veth into a network's bridge on its host: the inner end gets the address and its subnet's route. */
    public Joined vethIntoBridge(Namespace endpoint, String innerName, String owner, Node network, Iface bridge, Ipv4 address,
                                 Ipv4 gateway, boolean embeddedDns) {
        Namespace host = bridge.ns();
        Cidr subnet = subnet(network.id());
        Iface[] pair = vethPair(endpoint, innerName, owner, host, ifName(host, hostVethName("veth", owner, network.id())), network.id(), bridge.mtu());
        pair[1].enslaveTo(bridge);
        if (network instanceof dev.hopscope.model.Bridge b) pair[1].setHairpin(b.hairpin());
        Cidr cidr = new Cidr(address, subnet.prefix());
        pair[0].addAddress(cidr);
        connected(endpoint, pair[0], cidr);
        return new Joined(pair[0], address, gateway, false, embeddedDns, bridge);
    }
}
