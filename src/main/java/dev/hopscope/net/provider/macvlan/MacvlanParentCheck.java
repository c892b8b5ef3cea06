package dev.hopscope.net.provider.macvlan;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Network;
import dev.hopscope.model.kinds.MacvlanKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;

import java.util.List;
import java.util.function.Consumer;

/**
 * A macvlan or ipvlan network whose parent device the host does not have: Docker refuses to
 * create it ("-o parent interface was not found"), so its containers get no interface on it.
 * The host's LAN device is {@code eth0} once the host is on an underlay.
 */
public final class MacvlanParentCheck implements DesignCheck {
    public static final String CODE = "MACVLAN_NO_PARENT";

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Network w : ctx.doc().all(Network.class)) {
            if (!MacvlanProvider.ipvlanOrMacvlan(w)) continue;
            Host h = ctx.host(w.host()).orElse(null);
            if (h == null) continue;
            String parent = w.option(MacvlanKind.PARENT);
            boolean onLan = h.underlay() != null && h.address() != null;
            if (onLan && "eth0".equals(parent)) continue;
            boolean used = ctx.doc().all(Container.class).stream().anyMatch(c -> c.attachments().stream().map(Attachment::network).anyMatch(w.id()::equals));
            out.accept(new Finding(used ? Finding.Severity.ERROR : Finding.Severity.WARNING, CODE, List.of(w.id(), h.id()),
                    !onLan ? h.name() + " is on no underlay, so it has no LAN device for the " + w.driver() + " network " + w.name()
                             + " to stack its containers on: Docker refuses to create it"
                           : h.name() + " has no device \"" + parent + "\" (its LAN device is eth0): Docker refuses to create the "
                             + w.driver() + " network " + w.name() + " (\"-o parent interface was not found\")",
                    !onLan ? "Connect " + h.name() + " to an underlay (its eth0 becomes the parent)." : "Set " + w.name() + "'s parent device to eth0."));
        }
    }
}
