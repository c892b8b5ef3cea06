package dev.hopscope.net.findings;

import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.net.Finding;

import java.util.List;
import java.util.function.Consumer;

/**
 * Things that are drawn but not wired: a bridge-mode container with no network has only its
 * loopback, and a host with no underlay has no eth0 to reach other hosts or externals. Both are
 * legal, so they are information, not errors.
 */
final class UnattachedCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Container c : ctx.doc().all(Container.class)) {
            if (c.mode() != Container.Mode.BRIDGE || !c.attachments().isEmpty()) continue;
            out.accept(new Finding(Finding.Severity.INFO, Codes.UNATTACHED_CONTAINER, List.of(c.id()),
                    "Container " + c.name() + " is in bridge mode but attached to no network: it has only the loopback "
                            + "interface and reaches nothing outside its own namespace.",
                    "Connect " + c.name() + " to a bridge or an overlay (or set its network mode to none if that is intended)."));
        }
        for (Host h : ctx.doc().all(Host.class)) {
            if (h.underlay() != null) continue;
            out.accept(new Finding(Finding.Severity.INFO, Codes.UNATTACHED_HOST, List.of(h.id()),
                    "Host " + h.name() + " is on no underlay: its containers reach each other but no other host or external endpoint.",
                    "Connect " + h.name() + " to an underlay and give it an address there."));
        }
    }
}
