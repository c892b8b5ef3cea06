package dev.hopscope.net.findings;

import dev.hopscope.model.Pod;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Two pods on one node asking for the same hostPort and protocol (on overlapping host addresses:
 * a hostIP left out means every address). The scheduler counts a node's host ports and never
 * places a pod whose hostPort is taken there, so the second pod stays Pending; it is reported at
 * that pod (the later in the document: the design places it, the scheduler would not).
 */
public final class PodHostPortClashCheck implements DesignCheck {

    private record Claim(Pod pod, PublishedPort port) {}

    @Override public void check(Context ctx, Consumer<Finding> out) {
        Map<String, List<Claim>> byNode = new LinkedHashMap<>();
        for (Pod p : ctx.doc().all(Pod.class)) {
            if (p.node() == null || p.hostPorts().isEmpty()) continue;
            List<Claim> claims = byNode.computeIfAbsent(p.node(), k -> new ArrayList<>());
            for (PublishedPort hp : p.hostPorts()) {
                if (hp.hostPort() == 0) continue;
                Claim holder = claims.stream().filter(c -> c.pod() != p && clash(c.port(), hp)).findFirst().orElse(null);
                if (holder == null) { claims.add(new Claim(p, hp)); continue; }
                String port = hp.hostPort() + "/" + hp.proto().label();
                out.accept(new Finding(Finding.Severity.ERROR, Codes.PORT_CLASH, List.of(p.id(), holder.pod().id(), p.node()),
                        "Pods " + holder.pod().name() + " and " + p.name() + " on " + ctx.name(p.node()) + " both ask for hostPort " + port
                                + (hp.hostIp() == null && holder.port().hostIp() == null ? "" : " on overlapping host addresses")
                                + ": the scheduler would never place " + p.name() + " there while " + holder.pod().name()
                                + " holds the port (it stays Pending: \"node(s) didn't have free ports for the requested pod ports\").",
                        "Give " + p.name() + " another hostPort, place it on another node, or reach it through a Service instead of a hostPort."));
            }
        }
    }

    /** Same port and protocol, and host addresses that overlap (none or 0.0.0.0 is every address). */
    private static boolean clash(PublishedPort a, PublishedPort b) {
        if (a.hostPort() != b.hostPort() || a.proto() != b.proto()) return false;
        return any(a.hostIp()) || any(b.hostIp()) || a.hostIp().equals(b.hostIp());
    }

    private static boolean any(String ip) { return ip == null || ip.equals("0.0.0.0"); }
}
