package dev.hopscope.net.findings;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Underlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Suggests a subnet nobody in the design uses, so a fix can name a concrete value. */
public final class FreeSubnet {
    private FreeSubnet() {}

    /** The next block of the same size after {@code like} that overlaps no subnet in the design. */
    static Optional<Cidr> after(Context ctx, Cidr like) {
        List<Cidr> used = new ArrayList<>();
        used.add(Ipam.SERVICE_CIDR);
        for (Bridge b : ctx.doc().all(Bridge.class)) Context.cidr(b.subnet()).ifPresent(used::add);
        for (Overlay o : ctx.doc().all(Overlay.class)) Context.cidr(o.subnet()).ifPresent(used::add);
        for (Underlay u : ctx.doc().all(Underlay.class)) Context.cidr(u.subnet()).ifPresent(used::add);
        for (Host h : ctx.doc().all(Host.class)) Context.cidr(h.address()).ifPresent(used::add);
        Cidr base = like.base();
        long step = base.size();
        long start = Integer.toUnsignedLong(base.network().bits());
        for (int i = 1; i <= 4096; i++) {
            long at = start + i * step;
            if (at > 0xFFFF_FFFFL) break;
            Cidr candidate = new Cidr(new Ipv4((int) at), base.prefix());
            if (used.stream().noneMatch(candidate::overlaps)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** " (e.g. 172.18.0.0/16)" or nothing. */
    public static String example(Context ctx, Cidr like) {
        return after(ctx, like).map(c -> " (e.g. " + c + ")").orElse("");
    }
}
