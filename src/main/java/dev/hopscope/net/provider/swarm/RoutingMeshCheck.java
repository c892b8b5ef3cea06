package dev.hopscope.net.provider.swarm;

import dev.hopscope.model.Container;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.net.Finding;
import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the routing mesh costs: a task behind it sees the ingress sandbox's address as the
 * source of every connection, never the client's — which breaks access logs, rate limits and
 * allow-lists by client address. Publishing in host mode keeps the client's address.
 */
public final class RoutingMeshCheck implements DesignCheck {
    public static final String CODE = "SWARM_MESH_HIDES_CLIENT";

    @Override public void check(Context ctx, Consumer<Finding> out) {
        List<String> tasks = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (Container c : ctx.doc().all(Container.class)) {
            if (c.ports().isEmpty() || c.mode() != Container.Mode.BRIDGE) continue;
            boolean swarm = c.attachments().stream().anyMatch(a -> ctx.doc().node(a.network()).filter(SwarmProvider::swarmOverlay).isPresent());
            if (!swarm) continue;
            tasks.add(c.id());
            for (PublishedPort p : c.ports()) if (!ports.contains(p.hostPort() + "/" + p.proto().label())) ports.add(p.hostPort() + "/" + p.proto().label());
        }
        if (tasks.isEmpty()) return;
        out.accept(new Finding(Finding.Severity.INFO, CODE, tasks,
                "Published through the swarm's ingress routing mesh (" + String.join(", ", ports) + "): every node answers, and IPVS in its "
                        + "ingress sandbox may send the connection to a task on another node — masqueraded, so "
                        + String.join(", ", tasks.stream().map(ctx::name).toList()) + " see the sandbox's 10.0.0.x address, never the client's.",
                "Where the client's address matters (logs, allow-lists), publish in host mode (docker service create --publish mode=host,...): "
                        + "each node then answers only for its own tasks, and keeps the client's address."));
    }
}
