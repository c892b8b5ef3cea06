package dev.hopscope.io.imports;

import dev.hopscope.model.External;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Underlay;
import java.util.List;

/**
 * What every import puts around the hosts: one LAN 192.168.50.0/24 (hosts from .11 up) and one
 * external client named {@code external} at .100, so published ports and NodePorts can be
 * checked from outside. When a macvlan or ipvlan network names the LAN's subnet, the LAN is that
 * subnet instead ({@link StackedLan}), as the containers on such a network sit on the host's LAN.
 */
final class Site {
    static final String LAN_SUBNET = "192.168.50.0/24";
    static final String EXTERNAL = "external";
    /** The LAN's router, where an import gives the LAN one (.1, as home and office LANs have it). */
    static final String LAN_ROUTER = "192.168.50.1";
    private static final Ipv4 FIRST_HOST = Ipv4.parse("192.168.50.11");

    private Site() {}

    static Underlay lan(String id) { return new Underlay(id, "lan", LAN_SUBNET, 1500); }

    /** The address of the n-th host (0-based): .11, .12, ... */
    static String hostAddress(int n) { return FIRST_HOST.plus(n) + "/24"; }

    static External client(String id, String lan) {
        return new External(id, EXTERNAL, lan, "192.168.50.100/24", List.of(), List.of());
    }
}
