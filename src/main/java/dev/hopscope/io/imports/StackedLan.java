package dev.hopscope.io.imports;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.External;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Underlay;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The LAN that a macvlan or ipvlan network's segment gives an import. Containers on such a network
 * sit on the host's LAN, so the LAN is the network's subnet, and the host and the outside client
 * need addresses there that neither the network's gateway (the LAN's router), its ip_range (where
 * Docker's IPAM hands out addresses) nor a container holds. Imports of files (compose, docker
 * network inspect) put them from .11 and .100 on, the addresses every import uses; the live import
 * at the two highest free addresses, as the engine does not say the host's own address. One place
 * for the compose, inspect and live imports.
 */
public record StackedLan(Cidr subnet, Ipv4 host, Ipv4 client) {

    /** Where the host and the client go on the segment. */
    public enum Placement {
        /** The host from the subnet's .11 on, the client from .100 on (each wrapping round to .1). */
        USUAL,
        /** The host at the highest free address, the client at the next free one below it. */
        HIGHEST
    }

    /** At most this many addresses are tried from .11 and .100: a segment that full is imported on the usual LAN. */
    private static final int USUAL_TRIES = 4096;

    /**
     * The segment of a macvlan or ipvlan network on {@code subnet}, or null when it has no room for
     * both the host and the client. {@code gateway} null is the subnet's first address, which
     * Docker's IPAM gives the gateway; {@code ipRange} may be null.
     */
    public static StackedLan place(Cidr subnet, Ipv4 gateway, Cidr ipRange, Collection<Ipv4> containers, Placement placement) {
        Cidr base = subnet.base();
        Set<Ipv4> taken = new java.util.HashSet<>(containers);
        taken.add(gateway != null ? gateway : base.network().plus(1));
        java.util.function.Predicate<Ipv4> free = a -> !taken.contains(a) && (ipRange == null || !ipRange.contains(a));
        Ipv4 host, client;
        if (placement == Placement.HIGHEST) {
            host = highest(base, free, null);
            client = host == null ? null : highest(base, free, host);
        } else {
            host = from(base, 11, free, null);
            client = from(base, 100, free, host);
        }
        return host == null || client == null ? null : new StackedLan(base, host, client);
    }

    /** The first free address from {@code start} on (then from .1 on) strictly inside the subnet, other than {@code also}. */
    private static Ipv4 from(Cidr subnet, int start, java.util.function.Predicate<Ipv4> free, Ipv4 also) {
        long usable = subnet.size() - 2;
        for (long k = 0; k < Math.min(usable, USUAL_TRIES); k++) {
            long offset = ((start - 1 + k) % usable + usable) % usable + 1;
            Ipv4 a = subnet.network().plus((int) offset);
            if (!a.equals(also) && free.test(a)) return a;
        }
        return null;
    }

    /** The highest free address strictly inside the subnet, below {@code below} when given. */
    private static Ipv4 highest(Cidr subnet, java.util.function.Predicate<Ipv4> free, Ipv4 below) {
        for (Ipv4 a = below != null ? below.plus(-1) : subnet.broadcast().plus(-1); subnet.contains(a) && !a.equals(subnet.network()); a = a.plus(-1))
            if (free.test(a)) return a;
        return null;
    }

    public String hostAddress() { return host + "/" + subnet.prefix(); }

    public String clientAddress() { return client + "/" + subnet.prefix(); }

    /** The LAN as the document's underlay. */
    public Underlay lan(String id) { return new Underlay(id, "lan", subnet.toString(), 1500); }

    /** The outside client every import adds, on this LAN. */
    public External client(String id, String lanId) { return new External(id, Site.EXTERNAL, lanId, clientAddress(), List.of(), List.of()); }
}
