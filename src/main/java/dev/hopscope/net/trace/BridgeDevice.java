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
        for (Iface port : br.ports()) {
            if (port == except) continue;
            Iface answer = Device.of(port).arpBehind(w, port, ip, crossTunnels);
            if (answer != null) return answer;
        }
        return null;
    }
}
