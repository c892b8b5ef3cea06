package dev.hopscope.net.provider.flannel;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
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
import dev.hopscope.net.findings.Encapsulation;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;
import dev.hopscope.net.provider.policy.PodPolicies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** CNI bridges ({@link Bridge} of kind cni) and flannel VXLAN overlays; host-gw where nodes share an underlay and no flannel overlay. */
public final class FlannelProvider implements NetworkProvider {
    /** The SPI in our ESP headers, as for the Docker overlay: a marker for "encrypted". */
    private static final int SPI = 0x0000_0100;

    @Override public String name() { return "flannel"; }

    @Override public boolean owns(Node network) {
        return network instanceof Bridge b && b.bridgeKind() == Bridge.Kind.CNI
                || network instanceof Overlay o && o.driver() == Overlay.Driver.FLANNEL_VXLAN;
    }

    @Override public void build(Compilation c) {
        for (Bridge br : c.doc().all(Bridge.class)) if (owns(br)) c.bridgeDevice(br);
        for (Overlay o : c.doc().all(Overlay.class)) if (owns(o)) vxlan(c, o);
    }

    /** A node's pod CIDR: the subnet of its CNI bridge. */
    static Optional<Bridge> cniBridge(Compilation c, String hostId) {
        for (Bridge br : c.doc().all(Bridge.class))
            if (br.host().equals(hostId) && br.bridgeKind() == Bridge.Kind.CNI) return Optional.of(br);
        return Optional.empty();
    }

    static List<Host> members(Compilation c, Overlay o) {
        List<Host> out = new ArrayList<>();
        for (Overlay.Member m : o.members()) c.doc().get(m.host(), Host.class).ifPresent(out::add);
        return out;
    }

    /**
     * The vxlan backend: a flannel.VNI device per node holding the node's pod network address, a
     * route per remote pod CIDR through it (onlink, via the remote's flannel address), and the
     * permanent neighbour and FDB entries flanneld writes for each remote VTEP.
     */
    private static void vxlan(Compilation c, Overlay o) {
        List<Host> members = members(c, o);
        List<Iface> devs = new ArrayList<>();
        List<Cidr> podCidrs = new ArrayList<>();
        for (Host h : members) {
            Namespace ns = c.hostNs(h.id());
            Ipv4 local = c.underlayIp(h);
            Optional<Bridge> cni = cniBridge(c, h.id());
            if (local == null || cni.isEmpty()) { devs.add(null); podCidrs.add(null); continue; }
            int mtu = Encapsulation.effectiveMtu(o, c.underlayMtu(h));
            Cidr podCidr = Cidr.parse(cni.get().subnet()).base();
            Iface dev = ns.addIface(Compilation.ifName(ns, "flannel." + o.memberVni(h.id())), Iface.Kind.VXLAN, Mac.derive(h.id() + "/flannel/" + o.id()), mtu, o.id());
            dev.addAddress(new Cidr(podCidr.network(), 32));
            dev.setVxlan(new Vxlan(o.memberVni(h.id()), o.effectivePort(), local, o.encrypted() ? SPI : 0));
            c.bridgeDev(cni.get().id(), h.id()).setMtu(mtu); // flannel lowers cni0's MTU before pods attach
            devs.add(dev);
            podCidrs.add(podCidr);
        }
        for (int i = 0; i < members.size(); i++) {
            Iface dev = devs.get(i);
            if (dev == null) continue;
            Namespace ns = dev.ns();
            for (int j = 0; j < members.size(); j++) {
                Iface remote = devs.get(j);
                if (j == i || remote == null) continue;
                Ipv4 gw = podCidrs.get(j).network();
                ns.addRoute(new Route(podCidrs.get(j), gw, dev, true, null));
                if (o.controlPlane() != Overlay.ControlPlane.NONE) {
                    ns.neighbours().add(new Neighbour(dev, gw, remote.mac()));
                    dev.vxlan().fdb().put(remote.mac(), remote.vxlan().local());
                }
            }
        }
    }

    /** A pod (or a container) joins its node's cni0 by a veth; the bridge's address is its default gateway. */
    @Override public Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) {
        if (!(network instanceof Bridge br)) return null; // a flannel overlay is routed through, never joined
        Iface bridge = c.bridgeDev(br.id(), br.host());
        if (bridge == null) return null;
        String inner = owner instanceof Pod ? "eth0" : endpoint.freeName("eth");
        return c.vethIntoBridge(endpoint, inner, owner.id(), br, bridge, address, c.addr().gateway(br.id()).orElseThrow(),
                owner instanceof Container);
    }

    @Override public void connect(Compilation c) {
        hostGw(c);
        masquerade(c);
    }

    /** NetworkPolicies of the pods on CNI bridges, by pod address on each node (after kube-proxy's rules, as before). */
    @Override public void finish(Compilation c) {
        PodPolicies.compile(c, p -> onCniBridge(c, p), PodPolicies::byAddress);
    }

    private static boolean onCniBridge(Compilation c, Pod p) {
        return dev.hopscope.model.Ipam.podNetwork(c.doc(), p).map(n -> n instanceof Bridge).orElse(false);
    }

    /** host-gw: each node routes every other node's pod CIDR via that node's underlay address. */
    private static void hostGw(Compilation c) {
        for (Host a : c.doc().all(Host.class)) {
            if (a.role() != Host.Role.K8S_NODE || a.underlay() == null) continue;
            for (Host b : c.doc().all(Host.class)) {
                if (b == a || b.role() != Host.Role.K8S_NODE || !a.underlay().equals(b.underlay())) continue;
                if (vxlanPeers(c, a.id(), b.id())) continue;
                Ipv4 via = c.underlayIp(b);
                var cni = cniBridge(c, b.id());
                if (via == null || cni.isEmpty()) continue;
                Namespace ns = c.hostNs(a.id());
                ns.addRoute(new Route(Cidr.parse(cni.get().subnet()).base(), via, ns.iface("eth0"), false, null));
            }
        }
    }

    /** Whether two hosts are both nodes of one flannel overlay (then pod routes go through it, not host-gw). */
    private static boolean vxlanPeers(Compilation c, String h1, String h2) {
        for (Overlay o : c.doc().all(Overlay.class))
            if (o.driver() == Overlay.Driver.FLANNEL_VXLAN) {
                List<Host> m = members(c, o);
                if (m.stream().anyMatch(h -> h.id().equals(h1)) && m.stream().anyMatch(h -> h.id().equals(h2))) return true;
            }
        return false;
    }

    /** Every pod CIDR and flannel network of the cluster: traffic inside it is never masqueraded. */
    private static List<Cidr> clusterCidrs(Compilation c) {
        List<Cidr> out = new ArrayList<>();
        for (Overlay o : c.doc().all(Overlay.class))
            if (o.driver() == Overlay.Driver.FLANNEL_VXLAN) out.add(Cidr.parse(o.subnet()).base());
        for (Bridge br : c.doc().all(Bridge.class))
            if (br.bridgeKind() == Bridge.Kind.CNI && out.stream().noneMatch(x -> x.contains(Cidr.parse(br.subnet()).network())))
                out.add(Cidr.parse(br.subnet()).base());
        return out;
    }

    private static void masquerade(Compilation c) {
        List<Cidr> cluster = clusterCidrs(c);
        for (Bridge br : c.doc().all(Bridge.class)) {
            if (br.bridgeKind() != Bridge.Kind.CNI || !br.masquerade()) continue;
            Namespace ns = c.hostNs(br.host());
            Cidr pods = Cidr.parse(br.subnet()).base();
            for (Cidr x : cluster)
                ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pods).toNet(x), Target.RETURN,
                        "traffic between pods is never NATed (the Kubernetes network model)", List.of(br.id())));
            ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(pods).notOutDev(c.bridgeDev(br.id(), br.host()).name()), Target.MASQUERADE,
                    "the CNI masquerades pod traffic leaving the cluster: the source becomes the node's address", List.of(br.id())));
        }
    }

    @Override public List<DesignCheck> checks() { return List.of(new PodNatCheck(), new PodRoutingCheck()); }
}
