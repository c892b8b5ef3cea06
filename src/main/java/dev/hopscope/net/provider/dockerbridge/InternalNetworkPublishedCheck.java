package dev.hopscope.net.provider.dockerbridge;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A container that publishes ports but sits only on internal bridges: Docker writes no DNAT rule
 * for an internal network (it has no route out and no gateway NAT), so the published port is
 * silently dead.
 */
public final class InternalNetworkPublishedCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Container c : ctx.doc().all(Container.class)) {
            if (c.ports().isEmpty() || c.mode() != Container.Mode.BRIDGE || c.attachments().isEmpty()) continue;
            List<String> bridges = new ArrayList<>();
            List<String> names = new ArrayList<>();
            boolean allInternal = true;
            for (Attachment a : c.attachments()) {
                Bridge b = ctx.doc().get(a.network(), Bridge.class).orElse(null);
                if (b == null || !b.internal()) { allInternal = false; break; }
                bridges.add(b.id());
                names.add(b.name());
            }
            if (!allInternal) continue;
            List<String> subjects = new ArrayList<>(List.of(c.id()));
            subjects.addAll(bridges);
            List<String> ports = c.ports().stream().map(PublishedPort::toString).toList();
            out.accept(new Finding(Finding.Severity.WARNING, Codes.INTERNAL_NETWORK_PUBLISHED, subjects,
                    "Container " + c.name() + " publishes " + String.join(", ", ports) + " but is attached only to internal "
                            + (names.size() == 1 ? "network " : "networks ") + String.join(", ", names)
                            + ": Docker writes no port mapping for an internal network, so nothing outside reaches these ports.",
                    "Also attach " + c.name() + " to a non-internal network (or turn internal off), or remove the published ports."));
        }
    }
}
