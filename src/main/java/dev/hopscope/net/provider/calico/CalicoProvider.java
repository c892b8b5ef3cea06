package dev.hopscope.net.provider.calico;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.kinds.CalicoKind;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.dataplane.Vxlan;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;
import dev.hopscope.net.provider.policy.PodPolicies;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Networks of driver calico ({@link CalicoKind}). */
public final class CalicoProvider implements NetworkProvider {
    /** The pods' gateway: a link-local address no device holds, answered by proxy ARP on the cali veth. */
    public static final Ipv4 GATEWAY = Ipv4.parse("169.254.1.1");
    /** Calico's VXLAN device: VNI 4096 on UDP 4789. */
    static final int VXLAN_VNI = 4096, VXLAN_PORT = 4789;
    static final int IPIP_OVERHEAD = 20, VXLAN_OVERHEAD = 50;

    /** Per compile: each pod's cali device, for policies hooked at the pod's interface. */
    private static final class Cali { final Map<String, Iface> byPod = new HashMap<>(); }

    @Override public String name() { return "calico"; }

    @Override public boolean owns(Node network) { return network instanceof Network w && CalicoKind.DRIVER.equals(w.driver()); }

    static String encapsulation(Network w) { return w.option(CalicoKind.ENCAPSULATION); }

    static boolean vxlanMode(Network w) { return encapsulation(w).startsWith("vxlan"); }

    static boolean ipipMode(Network w) { return encapsulation(w).startsWith("ipip"); }

    static int overhead(Network w) { return vxlanMode(w) ? VXLAN_OVERHEAD : ipipMode(w) ? IPIP_OVERHEAD : 0; }

    /** The pods' MTU: as set, else the node's underlay MTU less the encapsulation. */
    static int podMtu(Compilation c, Network w, Host h) {
        int set = Integer.parseInt(w.option(CalicoKind.MTU));
        return set > 0 ? set : c.underlayMtu(h) - overhead(w);
    }

    /** The node's tunnel device: tunl0 (IPIP) or vxlan.calico (VXLAN), holding the first address of its block. */
    @Override public void build(Compilation c) {
        for (Network w : c.doc().all(Network.class)) {
            if (!owns(w) || (!ipipMode(w) && !vxlanMode(w))) continue;
            for (Host h : Ipam.hostsOf(c.doc(), w)) {
                Ipv4 local = c.underlayIp(h);
                Ipv4 tunnelAddress = c.addr().address(h.id(), w.id()).orElse(null);
                if (local == null || tunnelAddress == null) continue;
                Namespace ns = c.hostNs(h.id());
                Iface dev;
                if (vxlanMode(w)) {
                    dev = ns.addIface(Compilation.ifName(ns, "vxlan.calico"), Iface.Kind.VXLAN, Mac.derive(h.id() + "/vxlan.calico/" + w.id()),
                            c.underlayMtu(h) - VXLAN_OVERHEAD, w.id());
                    dev.setVxlan(new Vxlan(VXLAN_VNI, VXLAN_PORT, local, 0));
                } else {
                    dev = ns.addIface(Compilation.ifName(ns, "tunl0"), Iface.Kind.IPIP, Mac.derive(h.id() + "/tunl0"), c.underlayMtu(h) - IPIP_OVERHEAD, w.id());
                    dev.setIpip(new Iface.Ipip(null, null));
                }
                dev.addAddress(new Cidr(tunnelAddress, 32));
                c.putBridgeDev(w.id(), h.id(), dev);
            }
        }
    }

    /**
     * A pod joins with a veth: the pod's end holds its /32 and a default route to 169.254.1.1
     * (on-link), the node's end ({@code cali…}) holds no address, answers ARP by proxy, and the
     * node routes the pod's /32 to it.
     */
    @Override public Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) {
        Network w = (Network) network;
        if (endpoint.host() == null) return null;
        Host h = c.doc().get(endpoint.host(), Host.class).orElse(null);
        if (h == null || c.addr().block(h.id(), w.id()).isEmpty()) return null;
        Namespace node = c.hostNs(h.id());
        String inner = owner instanceof Pod ? "eth0" : endpoint.freeName("eth");
        Iface[] pair = c.vethPair(endpoint, inner, owner.id(), node, Compilation.ifName(node, Compilation.hostVethName("cali", owner.id(), w.id())),
                w.id(), podMtu(c, w, h));
        pair[0].addAddress(new Cidr(address, 32));
        pair[1].setProxyArp(true);
        node.addRoute(new Route(Cidr.host(address), null, pair[1], false, null));
        c.state(this, Cali.class, Cali::new).byPod.put(owner.id(), pair[1]);
        return new Joined(pair[0], address, GATEWAY, true, false, pair[1]);
    }

    @Override public void connect(Compilation c) {
        for (Network w : c.doc().all(Network.class)) {
            if (!owns(w)) continue;
            List<Host> nodes = Ipam.hostsOf(c.doc(), w);
            for (Host a : nodes)
                for (Host b : nodes)
                    if (a != b) routeToBlock(c, w, a, b);
            if (Boolean.parseBoolean(w.option(CalicoKind.NAT_OUTGOING)) && Cidr.isValid(w.subnet())) natOutgoing(c, w, nodes);
        }
    }

    /** NetworkPolicy at the pod's cali interface: traffic to the pod leaves the node by it, traffic from the pod enters by it. */
    @Override public void finish(Compilation c) {
        Map<String, Iface> cali = c.state(this, Cali.class, Cali::new).byPod;
        PodPolicies.compile(c, p -> cali.containsKey(p.id()),
                (pod, address, ingress) -> ingress ? Match.ANY.outDev(cali.get(pod.id()).name()) : Match.ANY.inDev(cali.get(pod.id()).name()));
    }

    /** How node {@code a} reaches node {@code b}'s block, if it learns it at all (see {@link Peering}). */
    private static void routeToBlock(Compilation c, Network w, Host a, Host b) {
        Cidr block = c.addr().block(b.id(), w.id()).orElse(null);
        Ipv4 peer = c.underlayIp(b);
        Namespace ns = c.hostNs(a.id());
        if (block == null || peer == null || ns.iface("eth0") == null) return;
        Peering learned = Peering.between(c.doc(), w, a, b);
        if (learned == null) return; // no BGP session carries the block: a finding says so
        boolean encapsulate = Peering.encapsulates(c.doc(), w, a, b);
        if (encapsulate && vxlanMode(w)) {
            Iface mine = c.bridgeDev(w.id(), a.id()), theirs = c.bridgeDev(w.id(), b.id());
            if (mine == null || theirs == null) return;
            Ipv4 theirTunnel = theirs.primaryAddress();
            ns.addRoute(new Route(block, theirTunnel, mine, true, null, null, learned.origin()));
            ns.neighbours().add(new Neighbour(mine, theirTunnel, theirs.mac()));
            mine.vxlan().fdb().put(theirs.mac(), theirs.vxlan().local());
        } else if (encapsulate && ipipMode(w)) {
            Iface tunl = c.bridgeDev(w.id(), a.id());
            if (tunl == null) return;
            ns.addRoute(new Route(block, peer, tunl, true, null, "bird", learned.origin()));
        } else if (Peering.sameSubnet(c.doc(), a, b)) {
            ns.addRoute(new Route(block, peer, ns.iface("eth0"), false, null, "bird", learned.origin()));
        }
        // natively across subnets the next hop is not on-link: the kernel refuses the route (a finding says so)
    }

    /** The IPPool's natOutgoing: pod traffic to anywhere outside the pool leaves with the node's address. */
    private static void natOutgoing(Compilation c, Network w, List<Host> nodes) {
        Cidr pool = Cidr.parse(w.subnet()).base();
        for (Host h : nodes) {
            Namespace ns = c.hostNs(h.id());
            ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pool).toNet(pool), Target.RETURN,
                    "traffic between Calico pods is never NATed (the Kubernetes network model)", List.of(w.id())));
            ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pool).notToNet(pool), Target.MASQUERADE,
                    "Calico's natOutgoing masquerades pod traffic leaving the pool " + pool + ": the source becomes the node's address", List.of(w.id())));
        }
    }

    @Override public List<DesignCheck> checks() { return List.of(new CalicoChecks()); }
}
