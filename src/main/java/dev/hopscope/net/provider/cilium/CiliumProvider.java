package dev.hopscope.net.provider.cilium;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.kinds.CiliumKind;
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

/** Networks of driver cilium ({@link CiliumKind}). */
public final class CiliumProvider implements NetworkProvider {
    /** Cilium's tunnel ports: VXLAN on 8472 (as flannel, not IANA's 4789), Geneve on IANA's 6081. */
    public static final int VXLAN_PORT = 8472, GENEVE_PORT = 6081;
    /** What either tunnel adds: outer Ethernet, IPv4, UDP and the 8-byte VXLAN or Geneve header. */
    public static final int TUNNEL_OVERHEAD = 50;
    /**
     * The VNI of Cilium's tunnel devices. Real Cilium runs them in collect-metadata mode and puts the
     * sender's security identity in the VNI of each packet; the dataplane here has one VNI per device,
     * so it shows 0 (no identity) rather than a number that would name the wrong one.
     */
    static final int VNI = 0;

    /** Per compile: each node's tunnel device and router address, each pod's lxc device. */
    private static final class State {
        final Map<String, Iface> tunnelByHost = new HashMap<>();
        final Map<String, Iface> lxcByPod = new HashMap<>();
    }

    @Override public String name() { return "cilium"; }

    @Override public boolean owns(Node network) { return network instanceof Network w && CiliumKind.DRIVER.equals(w.driver()); }

    static boolean tunnelMode(Network w) { return CiliumKind.TUNNEL.equals(w.option(CiliumKind.ROUTING_MODE)); }

    static boolean geneve(Network w) { return CiliumKind.GENEVE.equals(w.option(CiliumKind.TUNNEL_PROTOCOL)); }

    static boolean kubeProxyReplacement(Network w) { return Boolean.parseBoolean(w.option(CiliumKind.KUBE_PROXY_REPLACEMENT)); }

    static int overhead(Network w) { return tunnelMode(w) ? TUNNEL_OVERHEAD : 0; }

    /** The pods' MTU: as set, else the node's underlay MTU less the tunnel's bytes. */
    static int podMtu(Compilation c, Network w, Host h) {
        int set = Integer.parseInt(w.option(CiliumKind.MTU));
        return set > 0 ? set : c.underlayMtu(h) - overhead(w);
    }

    /** The node's router address: the first of its podCIDR, held by cilium_host. */
    static Ipv4 routerAddress(Compilation c, Network w, Host h) { return c.addr().address(h.id(), w.id()).orElse(null); }

    /**
     * Per node: the {@code cilium_host}/{@code cilium_net} veth pair with the router address on
     * cilium_host, and in tunnel mode the tunnel device ({@code cilium_vxlan} or {@code cilium_geneve},
     * no address). With kube-proxy replacement the node's Services are Cilium's (see {@link Services}).
     */
    @Override public void build(Compilation c) {
        State st = c.state(this, State.class, State::new);
        for (Network w : c.doc().all(Network.class)) {
            if (!owns(w)) continue;
            for (Host h : Ipam.hostsOf(c.doc(), w)) {
                Ipv4 router = routerAddress(c, w, h);
                if (router == null) continue;
                Namespace ns = c.hostNs(h.id());
                Iface[] pair = c.vethPair(ns, Compilation.ifName(ns, "cilium_host"), w.id(), ns, Compilation.ifName(ns, "cilium_net"), w.id(),
                        c.underlayMtu(h));
                pair[0].addAddress(new Cidr(router, 32));
                // the kernel's local route for the router address: ARP for it on an lxc device is answered (arp_ignore 0)
                ns.addRoute(new Route(Cidr.host(router), null, pair[0], false, router));
                c.putBridgeDev(w.id(), h.id(), pair[0]);
                if (kubeProxyReplacement(w)) c.replaceKubeProxy(h.id(), "Cilium");
                Ipv4 local = c.underlayIp(h);
                if (!tunnelMode(w) || local == null) continue;
                boolean gen = geneve(w);
                Iface tunnel = ns.addIface(Compilation.ifName(ns, gen ? "cilium_geneve" : "cilium_vxlan"), gen ? Iface.Kind.GENEVE : Iface.Kind.VXLAN,
                        Mac.derive(h.id() + "/cilium-tunnel/" + w.id()), c.underlayMtu(h) - TUNNEL_OVERHEAD, w.id());
                tunnel.setVxlan(new Vxlan(VNI, gen ? GENEVE_PORT : VXLAN_PORT, local, 0));
                st.tunnelByHost.put(h.id(), tunnel);
            }
        }
    }

    /**
     * A pod joins as a Cilium endpoint: a veth whose pod end holds the pod's /32 with a default
     * route to the node's router address (on-link), and whose node end ({@code lxc…}) holds no
     * address and answers ARP for the router with its own MAC; the node routes the pod's /32 to it.
     */
    @Override public Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) {
        Network w = (Network) network;
        if (endpoint.host() == null) return null;
        Host h = c.doc().get(endpoint.host(), Host.class).orElse(null);
        Ipv4 router = h == null ? null : routerAddress(c, w, h);
        if (router == null) return null;
        Namespace node = c.hostNs(h.id());
        Iface[] pair = c.vethPair(endpoint, "eth0", owner.id(), node, Compilation.ifName(node, Compilation.hostVethName("lxc", owner.id(), w.id())),
                w.id(), podMtu(c, w, h));
        pair[0].addAddress(new Cidr(address, 32));
        pair[1].setProxyArp(true);
        node.addRoute(new Route(Cidr.host(address), null, pair[1], false, router, null, "endpoint " + owner.name() + " of Cilium"));
        c.state(this, State.class, State::new).lxcByPod.put(owner.id(), pair[1]);
        return new Joined(pair[0], address, router, true, false, pair[1]);
    }

    @Override public void connect(Compilation c) {
        State st = c.state(this, State.class, State::new);
        for (Network w : c.doc().all(Network.class)) {
            if (!owns(w)) continue;
            List<Host> nodes = Ipam.hostsOf(c.doc(), w);
            for (Host a : nodes)
                for (Host b : nodes)
                    if (a != b) routeToPodCidr(c, st, w, a, b);
            if (Boolean.parseBoolean(w.option(CiliumKind.MASQUERADE)) && Cidr.isValid(w.subnet())) masquerade(c, w, nodes);
            if (kubeProxyReplacement(w)) Services.compile(c, w, nodes);
        }
    }

    /** Policy at each endpoint: traffic to the pod leaves the node by its lxc device, traffic from the pod enters by it. */
    @Override public void finish(Compilation c) {
        Map<String, Iface> lxc = c.state(this, State.class, State::new).lxcByPod;
        PodPolicies.compile(c, p -> lxc.containsKey(p.id()), new PodPolicies.Hook() {
            @Override public Match match(Pod pod, Ipv4 address, boolean ingress) {
                return ingress ? Match.ANY.outDev(lxc.get(pod.id()).name()) : Match.ANY.inDev(lxc.get(pod.id()).name());
            }

            @Override public String dropped(Pod pod, List<NetworkPolicy> policies, boolean ingress, String usual) {
                return Hubble.policyDenied(pod, lxc.get(pod.id()).name(), policies, ingress);
            }
        });
    }

    /**
     * How node {@code a} reaches node {@code b}'s podCIDR: through the tunnel (a route to b's router
     * address on-link on the tunnel device, with the permanent neighbour and FDB entries Cilium's
     * tunnel map stands for), or natively (auto-direct-node-routes, nodes in one subnet).
     */
    private static void routeToPodCidr(Compilation c, State st, Network w, Host a, Host b) {
        Cidr podCidr = c.addr().block(b.id(), w.id()).orElse(null);
        Ipv4 mine = routerAddress(c, w, a), theirs = routerAddress(c, w, b), peer = c.underlayIp(b);
        Namespace ns = c.hostNs(a.id());
        if (podCidr == null || mine == null || theirs == null || peer == null || ns.iface("eth0") == null) return;
        if (tunnelMode(w)) {
            Iface tunnel = st.tunnelByHost.get(a.id()), far = st.tunnelByHost.get(b.id());
            if (tunnel == null || far == null) return;
            ns.addRoute(new Route(podCidr, theirs, tunnel, true, mine, null, "Cilium's tunnel map: " + b.name() + "'s pods are behind " + peer));
            ns.neighbours().add(new Neighbour(tunnel, theirs, far.mac()));
            tunnel.vxlan().fdb().put(far.mac(), far.vxlan().local());
        } else if (Boolean.parseBoolean(w.option(CiliumKind.AUTO_DIRECT_NODE_ROUTES)) && sameSubnet(a, b)) {
            ns.addRoute(new Route(podCidr, peer, ns.iface("eth0"), false, null, null,
                    "auto-direct-node-routes: " + b.name() + "'s podCIDR is reached at " + b.name() + " itself"));
        }
        // natively routed otherwise: the underlay (BGP, a cloud router) must know the podCIDRs; a finding says so
    }

    /** Both nodes' underlay addresses in one subnet of one underlay. */
    static boolean sameSubnet(Host a, Host b) {
        if (a.underlay() == null || !a.underlay().equals(b.underlay()) || a.address() == null || b.address() == null) return false;
        if (!Cidr.isValid(a.address()) || !Cidr.isValid(b.address())) return false;
        return Cidr.parse(a.address()).base().contains(Cidr.parse(b.address()).address());
    }

    /** enable-ipv4-masquerade: pod traffic leaving the cluster pool leaves with the node's address; between pods, never. */
    private static void masquerade(Compilation c, Network w, List<Host> nodes) {
        Cidr pool = Cidr.parse(w.subnet()).base();
        for (Host h : nodes) {
            Namespace ns = c.hostNs(h.id());
            ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pool).toNet(pool), Target.RETURN,
                    "traffic between Cilium endpoints is never NATed (the Kubernetes network model)", List.of(w.id())));
            ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pool).notToNet(pool), Target.MASQUERADE,
                    "Cilium masquerades pod traffic leaving the cluster pool " + pool + " (enable-ipv4-masquerade): the source becomes the node's address",
                    List.of(w.id())));
        }
    }

    @Override public List<DesignCheck> checks() { return List.of(new CiliumChecks()); }
}
