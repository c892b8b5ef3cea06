package dev.hopscope.net.provider.dockerbridge;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Container;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A published port whose container port has no listener: the host DNATs hostPort to the
 * container's address, and the container answers with a RST (TCP) or port unreachable (UDP).
 * Usually the two numbers of {@code -p HOST:CONTAINER} are swapped or the app listens elsewhere.
 * A listener on 127.0.0.1 does not count: the DNAT'd packet is addressed to the container's IP.
 */
public final class PublishedPortClosedCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Container c : ctx.doc().all(Container.class)) {
            if (c.mode() != Container.Mode.BRIDGE) continue;
            List<String> closed = new ArrayList<>();
            List<String> open = new ArrayList<>();
            for (PublishedPort p : c.ports()) {
                if (listens(c, p)) continue;
                closed.add(p.toString());
                open.add(c.sockets().stream().filter(s -> s.proto() == p.proto() && !s.loopbackOnly())
                        .map(s -> String.valueOf(s.port())).findFirst().orElse(null));
            }
            if (closed.isEmpty()) continue;
            String listening = c.sockets().isEmpty() ? c.name() + " listens on nothing"
                    : c.name() + " listens on " + String.join(", ", c.sockets().stream().map(Socket::toString).toList());
            String hint = open.get(0) == null ? "" : " (e.g. -p " + c.ports().stream().filter(p -> closed.get(0).equals(p.toString()))
                    .findFirst().map(p -> p.hostPort() + ":" + open.get(0)).orElse("") + ")";
            out.accept(new Finding(Finding.Severity.WARNING, Codes.PUBLISHED_PORT_CLOSED, List.of(c.id()),
                    "Container " + c.name() + " publishes " + String.join(", ", closed) + ", but " + listening
                            + ": connections DNAT'd to it are refused (NO_LISTENER).",
                    "Publish the port " + c.name() + " really listens on" + hint + ", or make it listen on the published container port."));
        }
    }

    private static boolean listens(Container c, PublishedPort p) {
        for (Socket s : c.sockets())
            if (s.port() == p.containerPort() && s.proto() == p.proto() && !s.loopbackOnly()) return true;
        return false;
    }
}
