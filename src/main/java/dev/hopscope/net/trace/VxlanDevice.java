package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.findings.Encapsulation;

import java.util.ArrayList;
import java.util.List;

/**
 * A VXLAN device: an inner frame sent out of it is wrapped in outer IPv4 / UDP / VXLAN (and ESP
 * for an encrypted overlay) to the remote VTEP that holds the destination MAC, found in its FDB
 * (flannel) or behind the bridge of a VTEP on its flood list (a Docker overlay); the device on
 * the far side with the same VNI and port takes it and unwraps it.
 */
final class VxlanDevice implements Device {
    static final VxlanDevice VXLAN = new VxlanDevice(TunnelKind.VXLAN);
    /** Geneve (Cilium's tunnel, UDP 6081) moves frames the same way, under a Geneve header. */
    static final VxlanDevice GENEVE = new VxlanDevice(TunnelKind.GENEVE);
    /**
     * Weave's sleeve moves frames between the peers' weave bridges the same way, though the weave
     * router does it in user space: it captures the frame from its bridge port and sends it in UDP
     * 6783 to the peer whose bridge holds the destination MAC, which injects it into its own bridge.
     */
    static final VxlanDevice SLEEVE = new VxlanDevice(TunnelKind.SLEEVE);

    private final TunnelKind kind;

    private VxlanDevice(TunnelKind kind) { this.kind = kind; }

    @Override public boolean tunnel() { return true; }

    @Override public Walk.Ending transmit(Walk w, Iface vx, Packet frame) {
        w.observer().dependsOnOwner(); // the outer destination follows from the inner frame's exact owner
        Namespace ns = vx.ns();
        Ipv4 remote;
        if (vx.master() == null) {
            remote = vx.vxlan().fdb().get(frame.ethDst());
        } else {
            Iface r = remoteVtepFor(w, vx, frame.ethDst());
            remote = r == null ? null : r.vxlan().local();
        }
        if (remote == null) return w.drop(ns, vx.name(), vx.node(), frame, new DropCause.NoRemoteEndpoint(vx.name(), frame.ethDst()));
        int sport = 32768 + Math.floorMod(frame.flow().hashCode(), 28000);
        Packet outer = frame.encapsulate(kind, vx.vxlan().local(), remote, sport, vx.vxlan().port(), vx.vxlan().vni(),
                vx.vxlan().espSpi(), Encapsulation.ESP_OVERHEAD);
        w.step(ns, vx.name(), vx.node(), outer, new StepDetail.Encapsulated(kind, vx.name(), vx.vxlan().local(), remote,
                vx.vxlan().port(), vx.vxlan().vni(), vx.vxlan().encrypted(), outer.length() - frame.length()));
        return w.originate(ns, outer);
    }

    @Override public boolean decapsulates(Iface vx, Packet outer) {
        return outer.tunnel().kind() == kind && vx.vxlan().port() == outer.dport() && vx.vxlan().local().equals(outer.dst())
                && vx.vxlan().vni() == outer.vni();
    }

    /** Split horizon: a frame that came in through a tunnel never leaves through another. */
    @Override public boolean leadsTo(Walk w, Iface port, Mac mac, Iface inPort) {
        boolean fromTunnel = inPort != null && Device.of(inPort).tunnel();
        return !fromTunnel && remoteVtepFor(w, port, mac) != null;
    }

    @Override public Iface arpBehind(Walk w, Iface port, Ipv4 ip, boolean crossTunnels) {
        if (!crossTunnels) return null;
        for (Iface remote : remoteVteps(w, port)) {
            if (remote.master() == null) continue;
            Iface m = BridgeDevice.arpInBridge(w, remote.master(), ip, remote, false);
            if (m != null) return m;
        }
        return null;
    }

    /** The remote VXLAN device (same VNI and UDP port, on a flooded VTEP) whose bridge holds {@code mac}. */
    private static Iface remoteVtepFor(Walk w, Iface vx, Mac mac) {
        for (Iface remote : remoteVteps(w, vx)) {
            Iface rb = remote.master();
            if (rb == null) continue;
            if (rb.mac().equals(mac)) return remote;
            // its other tunnels never lead on (split horizon): only what sits behind its own ports
            if (BridgePorts.of(w, rb).reaches(mac)) return remote;
        }
        return null;
    }

    private static List<Iface> remoteVteps(Walk w, Iface vx) {
        List<Iface> out = new ArrayList<>();
        for (Ipv4 ip : vx.vxlan().flood())
            for (Iface i : w.dataplane().vxlanDevicesAt(ip))
                if (i != vx && i.kind() == vx.kind() && i.vxlan().vni() == vx.vxlan().vni() && i.vxlan().port() == vx.vxlan().port()) out.add(i);
        return out;
    }
}
