package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;

/**
 * A Linux bridge: a frame sent out of the bridge device itself is switched to the port behind
 * which its destination lives; ARP is answered by the bridge or by whoever sits behind a port.
 */
final class BridgeDevice implements Device {
    static final BridgeDevice INSTANCE = new BridgeDevice();

    @Override public Walk.Ending transmit(Walk w, Iface dev, Packet p) { return w.bridge(dev, p, null); }

    @Override public Iface arpAnswer(Walk w, Iface dev, Ipv4 ip) { return arpInBridge(w, dev, ip, null, true); }

    /** Who answers ARP for {@code ip} on bridge {@code br}: the bridge, or a device behind one of its ports except {@code except}. */
    static Iface arpInBridge(Walk w, Iface br, Ipv4 ip, Iface except, boolean crossTunnels) {
        if (br.hasAddress(ip)) return br;
        BridgePorts ports = BridgePorts.of(w, br);
        BridgePorts.Answer local = ports.local(ip);
        if (local != null && local.port() == except) return scan(w, br, ip, except, crossTunnels); // the asker's own address: rare
        // the ports in the bridge's order: a tunnel before the local answer's port is asked first
        if (crossTunnels)
            for (int k = 0; k < ports.tunnels().size(); k++) {
                if (local != null && ports.tunnelPosition(k) > local.position()) break;
                Iface tunnel = ports.tunnels().get(k);
                if (tunnel == except) continue;
                Iface answer = Device.of(tunnel).arpBehind(w, tunnel, ip, true);
                if (answer != null) return answer;
            }
        return local == null ? null : local.who();
    }

    /** The same question asked port by port, without the index. */
    private static Iface scan(Walk w, Iface br, Ipv4 ip, Iface except, boolean crossTunnels) {
        for (Iface port : br.ports()) {
            if (port == except) continue;
            Iface answer = Device.of(port).arpBehind(w, port, ip, crossTunnels);
            if (answer != null) return answer;
        }
        return null;
    }
}
