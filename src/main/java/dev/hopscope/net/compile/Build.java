package dev.hopscope.net.compile;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;

import java.util.HashMap;
import java.util.Map;

/** What the compile steps share: the document, its addresses, and the devices made so far. */
final class Build {
    final Document doc;
    final Ipam.Addressing addr;
    final Dataplane dp;
    /** bridge or overlay id + "@" + host id -> the bridge device a port joins */
    final Map<String, Iface> bridgeDevs = new HashMap<>();

    Build(Document doc, Ipam.Addressing addr) {
        this.doc = doc;
        this.addr = addr;
        this.dp = new Dataplane(doc, addr);
    }

    private final Map<String, java.util.Optional<Cidr>> subnets = new HashMap<>();

    /** A network's subnet, parsed once per compile. */
    Cidr subnet(String networkId) {
        return subnets.computeIfAbsent(networkId, k -> dev.hopscope.model.Ipam.subnet(doc, k)).orElseThrow();
    }

    Namespace hostNs(String hostId) { return dp.namespace(nsName(hostId)); }

    Iface bridgeDev(String networkId, String hostId) { return bridgeDevs.get(networkId + "@" + hostId); }

    void putBridgeDev(String networkId, String hostId, Iface dev) { bridgeDevs.put(networkId + "@" + hostId, dev); }

    /** The host's underlay address, or null. */
    Ipv4 underlayIp(Host h) {
        return h.address() != null && Cidr.isValid(h.address()) ? Cidr.parse(h.address()).address() : null;
    }

    int underlayMtu(Host h) {
        int mtu = h.mtu();
        if (h.underlay() != null) {
            Underlay u = doc.get(h.underlay(), Underlay.class).orElse(null);
            if (u != null) mtu = Math.min(mtu, u.mtu());
        }
        return mtu;
    }

    /** A veth pair: {@code inner} in one namespace, its peer in another, with a deterministic host-side name. */
    Iface[] vethPair(Namespace a, String aName, String aNode, Namespace b, String bName, String bNode, int mtu) {
        Iface x = a.addIface(aName, Iface.Kind.VETH, Mac.derive(a.name() + "/" + aName), mtu, aNode);
        Iface y = b.addIface(bName, Iface.Kind.VETH, Mac.derive(b.name() + "/" + bName), mtu, bNode);
        Dataplane.veth(x, y);
        return new Iface[] {x, y};
    }

    static void connected(Namespace ns, Iface dev, Cidr cidr) {
        ns.addRoute(new Route(cidr.base(), null, dev, false, cidr.address()));
    }

    /** Namespace names are file names under /run/netns: no slash, never "." or "..". */
    static String nsName(String nodeId) {
        String n = nodeId.replace('/', '_');
        return n.equals(".") || n.equals("..") ? "_" + n : n;
    }

    /** Linux device names: at most 15 bytes, no slash, colon or white space; unique in the namespace. */
    static String ifName(Namespace ns, String wanted) {
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

    /** Docker names the host end of a container's veth vethXXXXXXX; ours is a stable hash of the pair. */
    static String hostVethName(String owner, String network) {
        String hex = Integer.toHexString((owner + "|" + network).hashCode() & 0xFFFFFFF);
        return "veth" + "0000000".substring(hex.length()) + hex;
    }
}
