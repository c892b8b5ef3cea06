package dev.hopscope.net.provider.weave;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.kinds.WeaveKind;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.dataplane.Vxlan;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Encapsulation;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;
import dev.hopscope.net.provider.policy.PodPolicies;

import java.util.ArrayList;
import java.util.List;

/** Networks of driver weave ({@link WeaveKind}). */
public final class WeaveProvider implements NetworkProvider {
    /** The fast datapath's VXLAN port, and sleeve's (also the peers' TCP control port). */
    public static final int FASTDP_PORT = 6784, SLEEVE_PORT = 6783;
    /**
     * The fast datapath's VNI. Weave writes the sending and the receiving peer's 12-bit short IDs
     * into the VNI of each packet; the dataplane here has one VNI per device, so it shows 0.
     */
    static final int VNI = 0;
    /** The SPI in our ESP headers: a marker (Weave negotiates the real SAs per peer pair). */
    static final int SPI = 0x0000_0200;
    /** Sleeve's bytes around a frame: IPv4 and UDP (28), the sending peer's name (6), the frame's header (6 + 6 + 2), the inner Ethernet (14). */
    public static final int SLEEVE_OVERHEAD = 62;
    /** NaCl adds a 2-byte nonce offset and Poly1305's 16-byte tag. */
    public static final int NACL_OVERHEAD = 18;

    @Override public String name() { return "weave"; }

    @Override public boolean owns(Node network) { return network instanceof Network w && WeaveKind.DRIVER.equals(w.driver()); }

    static boolean sleeve(Network w) { return WeaveKind.SLEEVE.equals(w.option(WeaveKind.DATAPATH)); }

    static boolean encrypted(Network w) { return Boolean.parseBoolean(w.option(WeaveKind.ENCRYPTED)) && w.option(WeaveKind.PASSWORD_SECRET) != null; }

    static boolean exposed(Network w) { return Boolean.parseBoolean(w.option(WeaveKind.EXPOSE)); }

    static int mtu(Network w) { return Integer.parseInt(w.option(WeaveKind.MTU)); }

    /** What the peers' encapsulation adds to a frame of the bridge's MTU. */
    static int overhead(Network w) {
        if (sleeve(w)) return SLEEVE_OVERHEAD + (encrypted(w) ? NACL_OVERHEAD : 0);
        return Encapsulation.VXLAN_OVERHEAD + (encrypted(w) ? Encapsulation.ESP_OVERHEAD : 0);
    }

    /**
     * Per host: the {@code weave} bridge (with the host's address of the range when exposed, and
     * the range's route) and, as its port toward every other peer, the fast datapath's VXLAN device
     * on UDP 6784 or sleeve's port on UDP 6783.
     */
    @Override public void build(Compilation c) {
        for (Network w : c.doc().all(Network.class)) {
            if (!owns(w) || !Cidr.isValid(w.subnet())) continue;
            Cidr range = Cidr.parse(w.subnet()).base();
            List<Host> peers = Ipam.hostsOf(c.doc(), w).stream().filter(h -> !WeaveChecks.refusesToLaunch(w, h)).toList();
            for (Host h : peers) {
                Namespace ns = c.hostNs(h.id());
                Iface br = ns.addIface(Compilation.ifName(ns, "weave"), Iface.Kind.BRIDGE, Mac.derive(h.id() + "/weave/" + w.id()), mtu(w), w.id());
                c.putBridgeDev(w.id(), h.id(), br);
                Ipv4 own = c.addr().address(h.id(), w.id()).orElse(null);
                if (exposed(w) && own != null) {
                    Cidr cidr = new Cidr(own, range.prefix());
                    br.addAddress(cidr);
                    Compilation.connected(ns, br, cidr);
                }
                Ipv4 local = c.underlayIp(h);
                if (local == null) continue;
                // fastdp: the kernel's VXLAN port vxlan-6784; sleeve: the weave router's own port on the bridge
                // (vethwe-bridge, whose other end the router captures), carrying frames in UDP 6783 from user space
                Iface vx = sleeve(w)
                        ? ns.addIface(Compilation.ifName(ns, "vethwe-bridge"), Iface.Kind.SLEEVE, Mac.derive(h.id() + "/weave-sleeve/" + w.id()), mtu(w), w.id())
                        : ns.addIface(Compilation.ifName(ns, "vxlan-" + FASTDP_PORT), Iface.Kind.VXLAN, Mac.derive(h.id() + "/weave-fastdp/" + w.id()),
                                mtu(w), w.id());
                // sleeve's NaCl encryption is no header of its own here: its 18 bytes count in the MTU check only
                Vxlan v = new Vxlan(VNI, sleeve(w) ? SLEEVE_PORT : FASTDP_PORT, local, encrypted(w) && !sleeve(w) ? SPI : 0);
                for (Host other : peers) {
                    Ipv4 remote = c.underlayIp(other);
                    if (other != h && remote != null) v.flood().add(remote);
                }
                vx.setVxlan(v);
                vx.enslaveTo(br);
            }
        }
    }

    /**
     * A container ({@code ethwe}, beside whatever else it has: Weave gives it no default route) or a
     * pod ({@code eth0}, its default route through the host's weave bridge when exposed) joins the
     * bridge on its host by a veth, with an address of its host's share and the whole range on-link.
     */
    @Override public Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) {
        Network w = (Network) network;
        Iface bridge = endpoint.host() == null ? null : c.bridgeDev(w.id(), endpoint.host());
        if (bridge == null) return null;
        boolean pod = owner instanceof Pod;
        String inner = pod ? "eth0" : endpoint.iface("ethwe") == null ? "ethwe" : endpoint.freeName("ethwe");
        Ipv4 gateway = pod && exposed(w) ? bridge.primaryAddress() : null;
        // Weave names the host end vethwepl…, as its CNI plugin and 'weave attach' do
        Namespace host = bridge.ns();
        Iface[] pair = c.vethPair(endpoint, inner, owner.id(), host, Compilation.ifName(host, Compilation.hostVethName("vethwepl", owner.id(), w.id())),
                w.id(), bridge.mtu());
        pair[1].enslaveTo(bridge);
        pair[1].setHairpin(pod); // Weave's CNI configuration (10-weave.conflist) sets "hairpinMode": true
        Cidr cidr = new Cidr(address, c.subnet(w.id()).prefix());
        pair[0].addAddress(cidr);
        Compilation.connected(endpoint, pair[0], cidr);
        return new Joined(pair[0], address, gateway, false, false, bridge);
    }

    /** Exposed: traffic from the range to anywhere else leaves with the host's address (weave's WEAVE chain). */
    @Override public void connect(Compilation c) {
        for (Network w : c.doc().all(Network.class)) {
            if (!owns(w) || !exposed(w) || !Cidr.isValid(w.subnet())) continue;
            Cidr range = Cidr.parse(w.subnet()).base();
            for (Host h : Ipam.hostsOf(c.doc(), w)) {
                Namespace ns = c.hostNs(h.id());
                Iface br = c.bridgeDev(w.id(), h.id());
                if (br == null) continue;
                ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(range).toNet(range), Target.RETURN,
                        "traffic inside the Weave range is never NATed", List.of(w.id())));
                ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(range).notToNet(range).notOutDev(br.name()), Target.MASQUERADE,
                        "Weave masquerades traffic leaving its range " + range + ": the source becomes the host's address", List.of(w.id())));
            }
        }
    }

    /** weave-npc: NetworkPolicy by pod address in the hosts' FORWARD chain (bridged traffic passes it). */
    @Override public void finish(Compilation c) {
        List<String> weaveNets = new ArrayList<>();
        for (Network w : c.doc().all(Network.class)) if (owns(w)) weaveNets.add(w.id());
        if (weaveNets.isEmpty()) return;
        PodPolicies.compile(c, p -> Ipam.podNetwork(c.doc(), p).map(n -> weaveNets.contains(n.id())).orElse(false), PodPolicies::byAddress);
    }

    @Override public List<DesignCheck> checks() { return List.of(new WeaveChecks()); }
}
