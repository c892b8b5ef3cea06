package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What sits behind a bridge's own ports (its veths, not its tunnels): who answers ARP for each
 * address, and which MACs a frame reaches there. Built once per bridge from the complete
 * dataplane: on one large L2 segment (Weave's 5,000 pods behind 50 peers' bridges) each ARP
 * request used to walk every port of every peer's bridge, 80 % of an analysis.
 *
 * <p>Answers are the ones the walk port by port gave: a port's own address before a macvlan or
 * ipvlan child's, the first port in the bridge's order first, and a tunnel port before a later
 * local port (see {@link BridgeDevice#arpInBridge}).
 */
final class BridgePorts {
    /** Who answers for an address, and behind which port, with that port's place among the bridge's ports. */
    record Answer(Iface who, Iface port, int position) {}

    private final Map<Ipv4, Answer> arp = new HashMap<>();
    private final Set<Mac> macs = new HashSet<>();
    /** The bridge's tunnel ports in order, with their places. */
    private final List<Iface> tunnels = new ArrayList<>();
    private final List<Integer> tunnelPositions = new ArrayList<>();

    private BridgePorts(Iface br) {
        List<Iface> ports = br.ports();
        for (int i = 0; i < ports.size(); i++) {
            Iface port = ports.get(i);
            if (Device.of(port).tunnel()) {
                tunnels.add(port);
                tunnelPositions.add(i);
                continue;
            }
            int at = i;
            Device.of(port).behind(port, (ip, who) -> arp.putIfAbsent(ip, new Answer(who, port, at)), macs::add);
        }
    }

    static BridgePorts of(Walk w, Iface br) {
        return w.dataplane().derived(new Key(br), k -> new BridgePorts(k.bridge()));
    }

    /** Identity of the bridge device (Iface keeps Object's equality). */
    private record Key(Iface bridge) {}

    /** The first local answer for {@code ip}, or null. */
    Answer local(Ipv4 ip) { return arp.get(ip); }

    /** Whether a frame for {@code mac} reaches a device behind one of the bridge's own ports. */
    boolean reaches(Mac mac) { return macs.contains(mac); }

    List<Iface> tunnels() { return tunnels; }

    int tunnelPosition(int k) { return tunnelPositions.get(k); }
}
