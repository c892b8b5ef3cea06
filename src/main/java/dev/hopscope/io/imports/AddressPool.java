package dev.hopscope.io.imports;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * Subnets handed out the way Docker's default address pools do: local networks take the next
 * free /16 of 172.17.0.0/12 (172.17 is docker0's, so user networks start at 172.18), then /20s
 * of 192.168.0.0/16; swarm overlays take /24s of 10.0.0.0/8. Subnets already pinned in the file
 * are skipped, as Docker skips subnets in use.
 */
final class AddressPool {

    private final List<Cidr> used = new ArrayList<>();

    static AddressPool docker() {
        AddressPool pool = new AddressPool();
        pool.reserve(Cidr.parse("172.17.0.0/16"));
        return pool;
    }

    void reserve(Cidr c) { used.add(c.base()); }

    /** The next free local (bridge) subnet, or null when the pools are exhausted. */
    Cidr nextLocal() {
        for (int b = 17; b <= 31; b++) {
            Cidr c = Cidr.parse("172." + b + ".0.0/16");
            if (free(c)) return take(c);
        }
        for (int i = 0; i < 16; i++) {
            Cidr c = new Cidr(Ipv4.parse("192.168.0.0").plus(i << 12), 20);
            if (free(c)) return take(c);
        }
        return null;
    }

    /** The next free overlay subnet (Docker swarm's default pool). */
    Cidr nextOverlay() {
        for (int i = 0; i < 65536; i++) {
            Cidr c = new Cidr(Ipv4.parse("10.0.0.0").plus(i << 8), 24);
            if (free(c)) return take(c);
        }
        return null;
    }

    private boolean free(Cidr c) {
        for (Cidr u : used) if (u.overlaps(c)) return false;
        return true;
    }

    private Cidr take(Cidr c) {
        used.add(c);
        return c;
    }
}
