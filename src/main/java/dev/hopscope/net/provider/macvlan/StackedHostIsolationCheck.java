package dev.hopscope.net.provider.macvlan;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Network;
import dev.hopscope.model.kinds.MacvlanKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The classic macvlan surprise: a host and the containers it runs on a macvlan (or ipvlan)
 * network cannot reach each other, because the kernel never hands the parent device's own
 * traffic to its children, nor theirs to it. The usual fix is a shim interface on the host.
 */
public final class StackedHostIsolationCheck implements DesignCheck {
    public static final String CODE = "MACVLAN_HOST_ISOLATION";

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Network w : ctx.doc().all(Network.class)) {
            if (!MacvlanProvider.ipvlanOrMacvlan(w) || w.option(MacvlanKind.SHIM) != null) continue;
            List<String> members = new ArrayList<>();
            for (Container c : ctx.doc().all(Container.class))
                for (Attachment a : c.attachments()) if (a.network().equals(w.id())) members.add(c.id());
            if (members.isEmpty()) continue;
            String kind = w.driver();
            String host = ctx.name(w.host());
            List<String> subjects = new ArrayList<>(List.of(w.id(), w.host()));
            subjects.addAll(members);
            out.accept(new Finding(Finding.Severity.WARNING, CODE, subjects,
                    host + " cannot reach its own containers on the " + kind + " network " + w.name() + " (" + String.join(", ",
                            members.stream().map(ctx::name).toList()) + "), and they cannot reach " + host + ": the kernel never hands "
                            + w.option(MacvlanKind.PARENT) + "'s own traffic to its " + kind + " children, nor theirs to it. "
                            + "Other machines on the LAN reach them directly.",
                    "Give " + host + " a " + kind + " shim: set " + w.name() + "'s host shim address to a free address of " + w.subnet()
                            + (suggestion(w) == null ? "" : " (e.g. " + suggestion(w) + ")") + ". Hopscope then adds the shim on "
                            + w.option(MacvlanKind.PARENT) + " and a route to the containers through it, as you would by hand: "
                            + "ip link add " + w.name() + "-shim link " + w.option(MacvlanKind.PARENT) + " type " + kind
                            + (MacvlanKind.MACVLAN.equals(kind) ? " mode bridge" : "") + "; ip addr add ADDRESS/32 dev " + w.name() + "-shim; "
                            + "ip route add " + (w.option(MacvlanKind.IP_RANGE) != null ? w.option(MacvlanKind.IP_RANGE) : w.subnet()) + " dev " + w.name() + "-shim."));
        }
    }

    /** The subnet's last usable address, a common choice for the shim (not handed out to containers first). */
    private static String suggestion(Network w) {
        if (!Cidr.isValid(w.subnet())) return null;
        Cidr net = Cidr.parse(w.subnet()).base();
        return net.size() < 4 ? null : net.network().plus((int) net.size() - 2).toString();
    }
}
