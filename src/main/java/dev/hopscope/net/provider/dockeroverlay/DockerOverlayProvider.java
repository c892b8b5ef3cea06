package dev.hopscope.net.provider.dockeroverlay;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Vxlan;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Encapsulation;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A Docker overlay ({@link Overlay} with driver docker-overlay). */
public final class DockerOverlayProvider implements NetworkProvider {
    /** The SPI in our ESP headers: a marker, as the real keys are negotiated by the swarm. */
    public static final int SPI = 0x0000_0100;

    @Override public String name() { return "docker-overlay"; }

    @Override public boolean owns(Node network) {
        return network instanceof Overlay o && o.driver() == Overlay.Driver.DOCKER_OVERLAY;
    }

    /** Declared members plus hosts of attached containers: a swarm joins a node when a task attaches to the network. */
    static List<Host> members(Compilation c, Overlay o) {
        Set<String> ids = new LinkedHashSet<>();
        for (Overlay.Member m : o.members()) ids.add(m.host());
        for (Container ct : c.doc().all(Container.class))
            for (Attachment a : ct.attachments()) if (a.network().equals(o.id())) ids.add(ct.host());
        List<Host> out = new ArrayList<>();
        for (String id : ids) c.doc().get(id, Host.class).ifPresent(out::add);
        return out;
    }

    @Override public void build(Compilation c) {
        for (Overlay o : c.doc().all(Overlay.class)) if (owns(o)) overlay(c, o);
    }

    private static void overlay(Compilation c, Overlay o) {
        List<Host> members = members(c, o);
        for (Host h : members) {
            Namespace ns = c.hostNs(h.id());
            Ipv4 local = c.underlayIp(h);
            int mtu = Encapsulation.effectiveMtu(o, c.underlayMtu(h));
            Iface br = ns.addIface(Compilation.ifName(ns, "br-" + o.name()), Iface.Kind.BRIDGE, Mac.derive(h.id() + "/" + o.id()), mtu, o.id());
            c.putBridgeDev(o.id(), h.id(), br);
            if (local == null) continue; // no underlay address: no VTEP
            int vni = o.memberVni(h.id());
            Iface vx = ns.addIface(Compilation.ifName(ns, "vxlan" + vni), Iface.Kind.VXLAN, Mac.derive(h.id() + "/vx/" + o.id()), mtu, o.id());
            Vxlan v = new Vxlan(vni, o.effectivePort(), local, o.encrypted() ? SPI : 0);
            if (o.controlPlane() != Overlay.ControlPlane.NONE)
                for (Host other : members) {
                    Ipv4 remote = c.underlayIp(other);
                    if (other != h && remote != null) v.flood().add(remote);
                }
            vx.setVxlan(v);
            vx.enslaveTo(br);
        }
    }

    /** A container joins the overlay's bridge on its host; Docker's embedded DNS answers there; no default route (that is docker_gwbridge's). */
    @Override public Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) {
        String host = endpoint.host();
        Iface bridge = host == null ? null : c.bridgeDev(network.id(), host);
        if (bridge == null) return null; // the endpoint's host is not a member of the overlay
        return c.vethIntoBridge(endpoint, endpoint.freeName("eth"), owner.id(), network, bridge, address, null, true);
    }

    /** A container whose only networks are overlays leaves through docker_gwbridge, as Docker gives it an eth on it. */
    @Override public Joined egress(Compilation c, Namespace endpoint, Container container) {
        boolean onOverlay = container.attachments().stream()
                .anyMatch(a -> c.doc().node(a.network()).filter(this::owns).isPresent() && c.bridgeDev(a.network(), container.host()) != null);
        if (!onOverlay || container.host() == null) return null;
        return Gwbridge.join(c, this, container.host(), endpoint, endpoint.freeName("eth"), container.id());
    }

    /**
     * {@code -p} on a container of a classic (key-value store) overlay: Docker publishes it through
     * docker_gwbridge, DNAT to the container's gwbridge address. On a swarm overlay a task's ports
     * go to the ingress routing mesh instead (the swarm provider).
     */
    @Override public void publish(Compilation c, Container ct, Joined through) {
        boolean swarm = ct.attachments().stream().map(a -> c.doc().node(a.network()).orElse(null))
                .anyMatch(n -> n instanceof Overlay o && owns(o) && o.controlPlane() == Overlay.ControlPlane.SWARM);
        if (swarm) return;
        Namespace host = through.hostSide().ns();
        for (dev.hopscope.model.PublishedPort p : ct.ports()) {
            dev.hopscope.net.dataplane.Match m = dev.hopscope.net.dataplane.Match.ANY.toLocal().withProto(p.proto(), p.hostPort());
            String why = "Docker publishes " + ct.name() + "'s port " + p.containerPort() + " on the host's port " + p.hostPort()
                    + " through docker_gwbridge: DNAT to " + through.address() + ":" + p.containerPort();
            host.addRule(dev.hopscope.net.dataplane.Rule.dnat(dev.hopscope.net.dataplane.Rule.Chain.PREROUTING, m.notInDev(through.hostSide().name()),
                    through.address(), p.containerPort(), 0, why, List.of(ct.id())));
        }
    }

    @Override public List<DesignCheck> checks() {
        return List.of(new OverlayMtuCheck(), new VniMismatchCheck(), new OverlayControlPlaneCheck());
    }
}
