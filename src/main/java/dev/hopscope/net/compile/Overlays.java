package dev.hopscope.net.compile;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Overlay;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Vxlan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * VXLAN overlays. A Docker overlay is one L2 segment: on each member host a bridge with a VXLAN
 * device enslaved, flooding to the other members' VTEPs (what the swarm or KV-store control plane
 * sets up). A flannel overlay is L3: a flannel.VNI device per node, a route per remote pod CIDR,
 * a permanent neighbour entry and an FDB entry for the remote VTEP.
 */
final class Overlays {
    /** The SPI in our ESP headers: a marker, as the real keys are negotiated by the swarm. */
    static final int SPI = 0x0000_0100;

    private Overlays() {}

    static void compile(Build b) {
        for (Overlay o : b.doc.all(Overlay.class)) {
            if (o.driver() == Overlay.Driver.DOCKER_OVERLAY) docker(b, o);
            else flannel(b, o);
        }
    }

    /** Declared members plus hosts of attached containers: a swarm joins a node when a task attaches to the network. */
    static List<Host> members(Build b, Overlay o) {
        Set<String> ids = new LinkedHashSet<>();
        for (Overlay.Member m : o.members()) ids.add(m.host());
        if (o.driver() == Overlay.Driver.DOCKER_OVERLAY)
            for (Container c : b.doc.all(Container.class))
                for (Attachment a : c.attachments()) if (a.network().equals(o.id())) ids.add(c.host());
        List<Host> out = new ArrayList<>();
        for (String id : ids) b.doc.get(id, Host.class).ifPresent(out::add);
        return out;
    }

    private static void docker(Build b, Overlay o) {
        List<Host> members = members(b, o);
        for (Host h : members) {
            Namespace ns = b.hostNs(h.id());
            Ipv4 local = b.underlayIp(h);
            int mtu = dev.hopscope.net.findings.Encapsulation.effectiveMtu(o, b.underlayMtu(h));
            Iface br = ns.addIface(Build.ifName(ns, "br-" + o.name()), Iface.Kind.BRIDGE, Mac.derive(h.id() + "/" + o.id()), mtu, o.id());
            b.putBridgeDev(o.id(), h.id(), br);
            if (local == null) continue; // no underlay address: no VTEP
            int vni = o.memberVni(h.id());
            Iface vx = ns.addIface(Build.ifName(ns, "vxlan" + vni), Iface.Kind.VXLAN, Mac.derive(h.id() + "/vx/" + o.id()), mtu, o.id());
            Vxlan v = new Vxlan(vni, o.effectivePort(), local, o.encrypted() ? SPI : 0);
            if (o.controlPlane() != Overlay.ControlPlane.NONE)
                for (Host other : members) {
                    Ipv4 remote = b.underlayIp(other);
                    if (other != h && remote != null) v.flood().add(remote);
                }
            vx.setVxlan(v);
            vx.enslaveTo(br);
        }
    }

    /** A k8s node's pod CIDR: the subnet of its CNI bridge. */
    static Optional<Bridge> cniBridge(Build b, String hostId) {
        for (Bridge br : b.doc.all(Bridge.class))
            if (br.host().equals(hostId) && br.bridgeKind() == Bridge.Kind.CNI) return Optional.of(br);
        return Optional.empty();
    }

    private static void flannel(Build b, Overlay o) {
        List<Host> members = members(b, o);
        List<Iface> devs = new ArrayList<>();
        List<Cidr> podCidrs = new ArrayList<>();
        for (Host h : members) {
            Namespace ns = b.hostNs(h.id());
            Ipv4 local = b.underlayIp(h);
            Optional<Bridge> cni = cniBridge(b, h.id());
            if (local == null || cni.isEmpty()) { devs.add(null); podCidrs.add(null); continue; }
            int mtu = dev.hopscope.net.findings.Encapsulation.effectiveMtu(o, b.underlayMtu(h));
            Cidr podCidr = Cidr.parse(cni.get().subnet()).base();
            Iface dev = ns.addIface(Build.ifName(ns, "flannel." + o.memberVni(h.id())), Iface.Kind.VXLAN, Mac.derive(h.id() + "/flannel/" + o.id()), mtu, o.id());
            dev.addAddress(new Cidr(podCidr.network(), 32));
            dev.setVxlan(new Vxlan(o.memberVni(h.id()), o.effectivePort(), local, o.encrypted() ? SPI : 0));
            b.bridgeDev(cni.get().id(), h.id()).setMtu(mtu);
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

    /** Whether two hosts are both nodes of one flannel overlay (then pod routes go through it, not host-gw). */
    static boolean flannelPeers(Build b, String h1, String h2) {
        for (Overlay o : b.doc.all(Overlay.class))
            if (o.driver() == Overlay.Driver.FLANNEL_VXLAN) {
                List<Host> m = members(b, o);
                if (m.stream().anyMatch(h -> h.id().equals(h1)) && m.stream().anyMatch(h -> h.id().equals(h2))) return true;
            }
        return false;
    }
}
