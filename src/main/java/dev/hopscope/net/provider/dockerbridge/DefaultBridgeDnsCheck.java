package dev.hopscope.net.provider.dockerbridge;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Node;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An expected flow that addresses its destination by name from a container that sits only on the
 * default bridge. Docker's embedded DNS (127.0.0.11) serves user-defined networks only; on docker0
 * the container gets the host's resolv.conf, which knows no container names, so the lookup fails
 * before a packet is sent. Legacy links are the exception: they write the name into /etc/hosts.
 */
public final class DefaultBridgeDnsCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Intent intent : ctx.doc().all(Intent.class)) {
            if (intent.expect() != Intent.Expect.REACHABLE || intent.from() == null || intent.to() == null) continue;
            Container from = ctx.find(intent.from()).filter(n -> n instanceof Container).map(n -> (Container) n).orElse(null);
            if (from == null) continue;
            String ref = Context.destinationRef(intent.to());
            if (ref.isEmpty() || Context.isAddress(ref) || "localhost".equals(ref)) continue;
            Optional<Node> target = ctx.find(ref);
            // a name outside the design, a host or an external: the host's resolver (resolv.conf) may know it
            if (target.isEmpty() || target.get() instanceof Host || target.get() instanceof External) continue;
            Container ns = ctx.namespaceOwner(from);
            List<Bridge> bridges = onlyDefaultBridges(ctx, ns);
            if (bridges.isEmpty() || linked(from, ref) || linked(ns, ref)) continue;
            List<String> subjects = new ArrayList<>(List.of(from.id(), intent.id()));
            if (!subjects.contains(target.get().id())) subjects.add(target.get().id());
            String bridge = bridges.get(0).name();
            out.accept(new Finding(Finding.Severity.ERROR, Codes.DEFAULT_BRIDGE_NO_DNS, subjects,
                    "Intent " + intent.name() + " expects " + from.name() + " to reach " + ref + " by name, but "
                            + from.name() + " is only on the default bridge " + bridge + ", which has no embedded DNS: "
                            + "the name does not resolve (NAME_NOT_RESOLVED).",
                    "Put " + from.name() + " and " + target.get().name() + " on a user-defined network (docker network create), "
                            + "or link them (--link " + ref + "), or address " + ref + " by IP."));
        }
    }

    /** The bridges of a bridge-mode container when every one of them is a default bridge; else empty. */
    private static List<Bridge> onlyDefaultBridges(Context ctx, Container c) {
        if (c.mode() != Container.Mode.BRIDGE || c.attachments().isEmpty()) return List.of();
        List<Bridge> out = new ArrayList<>();
        for (Attachment a : c.attachments()) {
            Bridge b = ctx.doc().get(a.network(), Bridge.class).orElse(null);
            if (b == null || b.bridgeKind() != Bridge.Kind.DEFAULT) return List.of();
            out.add(b);
        }
        return out;
    }

    /** {@code --link name[:alias]}: both the name and the alias land in /etc/hosts. */
    private static boolean linked(Container c, String ref) {
        for (String link : c.links()) {
            for (String part : link.split(":")) if (part.trim().equals(ref)) return true;
        }
        return false;
    }
}
