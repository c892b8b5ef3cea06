package dev.hopscope.net.provider.weave;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Network;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.kinds.WeaveKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.PodNetworkChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What goes wrong with Weave Net by design: a range that overlaps a route the host already has
 * (Weave refuses to launch with its default range, and warns with one you chose), encryption asked
 * for without a password (Weave then sends in clear), and an MTU the fast datapath cannot carry
 * (its heartbeats fail and the peers fall back to sleeve).
 */
public final class WeaveChecks implements DesignCheck {
    public static final String RANGE_OVERLAPS_HOST_ROUTE = "WEAVE_RANGE_OVERLAPS_HOST_ROUTE";
    public static final String ENCRYPTION_WITHOUT_PASSWORD = "WEAVE_ENCRYPTION_WITHOUT_PASSWORD";
    public static final String MTU_TOO_LARGE = "WEAVE_MTU_TOO_LARGE";

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Network w : ctx.doc().all(Network.class)) {
            if (!WeaveKind.DRIVER.equals(w.driver())) continue;
            List<Host> peers = Ipam.hostsOf(ctx.doc(), w);
            overlaps(w, peers, out);
            password(w, out);
            mtu(ctx, w, peers, out);
        }
    }

    /** The routes a host has before Weave launches: its LAN's, and any drawn (the default route aside). */
    static List<Cidr> hostRoutes(Host h) {
        List<Cidr> out = new ArrayList<>();
        if (h.address() != null && Cidr.isValid(h.address())) out.add(Cidr.parse(h.address()).base());
        for (StaticRoute r : h.routes())
            if (Cidr.isValid(r.destination()) && Cidr.parse(r.destination()).prefix() > 0) out.add(Cidr.parse(r.destination()).base());
        return out;
    }

    /** Whether Weave refuses to launch on {@code h}: its default range overlaps a route there. */
    static boolean refusesToLaunch(Network w, Host h) {
        if (!Cidr.isValid(w.subnet()) || !Cidr.parse(w.subnet()).base().equals(Cidr.parse(WeaveKind.INSTANCE.defaultSubnet()))) return false;
        Cidr range = Cidr.parse(w.subnet()).base();
        return hostRoutes(h).stream().anyMatch(range::overlaps);
    }

    private static void overlaps(Network w, List<Host> peers, Consumer<Finding> out) {
        if (!Cidr.isValid(w.subnet())) return;
        Cidr range = Cidr.parse(w.subnet()).base();
        boolean dflt = range.equals(Cidr.parse(WeaveKind.INSTANCE.defaultSubnet()));
        for (Host h : peers)
            for (Cidr route : hostRoutes(h)) {
                if (!range.overlaps(route)) continue;
                String said = "Network " + range + " overlaps with existing route " + route + " on host.";
                out.accept(dflt
                        ? new Finding(Finding.Severity.ERROR, RANGE_OVERLAPS_HOST_ROUTE, List.of(w.id(), h.id()),
                                "Weave refuses to launch on " + h.name() + ": \"" + said + " ERROR: Default --ipalloc-range " + range
                                        + " overlaps with existing route on host.\" Its containers and pods get no Weave interface.",
                                "Pick a range clear of the hosts' networks (IPALLOC_RANGE, e.g. 10.32.0.0/16 if only " + route + " is in the way) and set it on all hosts.")
                        : new Finding(Finding.Severity.WARNING, RANGE_OVERLAPS_HOST_ROUTE, List.of(w.id(), h.id()),
                                "Weave launches on " + h.name() + " with a warning (\"" + said + "\"): on " + h.name() + " the more specific route wins, so Weave addresses inside "
                                        + route + " are sent to the LAN instead of the weave bridge.",
                                "Unless this is deliberate, pick another range and set it on all hosts."));
            }
    }

    private static void password(Network w, Consumer<Finding> out) {
        if (!Boolean.parseBoolean(w.option(WeaveKind.ENCRYPTED)) || w.option(WeaveKind.PASSWORD_SECRET) != null) return;
        out.accept(new Finding(Finding.Severity.ERROR, ENCRYPTION_WITHOUT_PASSWORD, List.of(w.id()),
                "Weave network " + w.name() + " is meant to be encrypted, but names no password: Weave encrypts only when WEAVE_PASSWORD is set, so its peers "
                        + "send every frame in clear (weave status shows \"Encryption: disabled\").",
                "Give the weave-net DaemonSet WEAVE_PASSWORD from a Secret (and name it under 'Password from'), the same on every host."));
    }

    private static void mtu(Context ctx, Network w, List<Host> peers, Consumer<Finding> out) {
        int mtu = WeaveProvider.mtu(w), overhead = WeaveProvider.overhead(w);
        boolean sleeve = WeaveProvider.sleeve(w);
        PodNetworkChecks.mtuTooLarge(ctx, peers, mtu, overhead, (h, lower) ->
            out.accept(new Finding(Finding.Severity.WARNING, MTU_TOO_LARGE, List.of(w.id(), h.id()),
                    "Weave network " + w.name() + " has an MTU of " + mtu + ", and " + (sleeve ? "sleeve" : "the fast datapath")
                            + (WeaveProvider.encrypted(w) ? " with encryption" : "") + " adds " + overhead + " bytes, more than " + h.name() + "'s underlay carries ("
                            + lower + "): " + (sleeve ? "the weave router has to fragment full-size frames itself, slowly"
                                    : "the fast datapath's heartbeat (a frame of the MTU) never arrives, so the peers fall back to sleeve, in user space and much slower") + ".",
                    "Set the MTU (WEAVE_MTU) to " + (lower - overhead) + " or less.")));
    }
}
