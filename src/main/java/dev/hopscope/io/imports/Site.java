package dev.hopscope.io.imports;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.External;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Underlay;
import java.util.List;

/**
 * What every import puts around the hosts: one LAN 192.168.50.0/24 (hosts from .11 up) and one
 * external client named {@code external} at .100, so published ports and NodePorts can be
 * checked from outside. When a compose file's macvlan or ipvlan network names the LAN's subnet, the
 * LAN is that subnet, as the containers on such a network sit on the host's LAN.
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

    /**
     * A LAN on {@code subnet} (the one a macvlan or ipvlan network puts its containers on): the host
     * from the subnet's .11 and the client from its .100 up, each skipping what {@code taken} holds;
     * null when the subnet has no room for both.
     */
    record OnSubnet(Underlay lan, String hostAddress, String clientAddress) {
        External client(String id) { return new External(id, EXTERNAL, lan.id(), clientAddress, List.of(), List.of()); }
    }

    static OnSubnet lanOn(String id, Cidr subnet, java.util.function.Predicate<Ipv4> taken) {
        Cidr base = subnet.base();
        Ipv4 host = free(base, 11, taken, null), client = free(base, 100, taken, host);
        if (host == null || client == null) return null;
        return new OnSubnet(new Underlay(id, "lan", base.toString(), 1500), host + "/" + base.prefix(), client + "/" + base.prefix());
    }

    /** The first address from {@code from} on (then from .1 on) strictly inside the subnet, not taken and not {@code also}. */
    private static Ipv4 free(Cidr subnet, int from, java.util.function.Predicate<Ipv4> taken, Ipv4 also) {
        long usable = subnet.size() - 2;
        for (long k = 0; k < Math.min(usable, 4096); k++) {
            long offset = ((from - 1 + k) % usable + usable) % usable + 1;
            Ipv4 a = subnet.network().plus((int) offset);
            if (!a.equals(also) && !taken.test(a)) return a;
        }
        return null;
    }
}
