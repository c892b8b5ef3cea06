package dev.hopscope.net.provider.dockerbridge;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;
import dev.hopscope.net.findings.Binding;

import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Port clashes in a host's own namespace: host-network-mode containers, hostNetwork pods, the
 * host ports that Docker publishes (docker-proxy binds each one) and pods' hostPorts (the portmap
 * plugin DNATs the node's port away from any listener) all share the host's port space.
 * The second bind fails: "Address already in use", or from Docker "port is already allocated".
 */
public final class HostPortClashCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        Map<String, List<Binding>> byHost = new LinkedHashMap<>();
        for (Node n : ctx.doc().nodes()) {
            if (n instanceof Container c) container(ctx, c, byHost);
            else if (n instanceof Pod p && p.hostNetwork() && p.node() != null)
                for (Pod.PodContainer pc : p.containers())
                    for (Socket s : pc.sockets())
                        byHost.computeIfAbsent(p.node(), k -> new ArrayList<>()).add(new Binding(p.id(), s.proto(), s.port(), s.bind(),
                                "hostNetwork pod " + p.name() + " (container " + pc.name() + ") listening on " + s));
            else if (n instanceof Pod p && !p.hostNetwork() && p.node() != null)
                // a hostPort takes the node's port as well (the portmap plugin's DNAT comes before any listener of the node;
                // the scheduler counts a hostNetwork pod's ports as host ports and will not place both on one node)
                for (PublishedPort hp : p.hostPorts()) {
                    if (hp.hostPort() == 0) continue;
                    String ip = hp.hostIp() == null ? Binding.ANY : hp.hostIp();
                    byHost.computeIfAbsent(p.node(), k -> new ArrayList<>()).add(new Binding(p.id(), hp.proto(), hp.hostPort(), ip,
                            "pod " + p.name() + " publishing hostPort " + ip + ":" + hp.hostPort() + "/" + hp.proto().label()));
                }
        }
        byHost.forEach((hostId, bindings) -> {
            for (List<Binding> clash : Binding.clashes(bindings)) {
                // two hostPorts alone are the Validator's (engineer matrix's hostPort check), not a port of the node's namespace
                if (clash.stream().allMatch(b -> b.description().contains("publishing hostPort"))) continue;
                report(ctx, hostId, clash, out);
            }
        });
    }

    private static void container(Context ctx, Container c, Map<String, List<Binding>> byHost) {
        Container owner = ctx.namespaceOwner(c);
        if (owner.mode() == Container.Mode.HOST && owner.host() != null) {
            List<Binding> list = byHost.computeIfAbsent(owner.host(), k -> new ArrayList<>());
            for (Socket s : c.sockets())
                list.add(new Binding(c.id(), s.proto(), s.port(), s.bind(), "host-mode container " + c.name() + " listening on " + s));
        }
        if (c.mode() == Container.Mode.BRIDGE && c.host() != null) {
            List<Binding> list = byHost.computeIfAbsent(c.host(), k -> new ArrayList<>());
            for (PublishedPort p : c.ports()) {
                String ip = p.hostIp() == null ? Binding.ANY : p.hostIp();
                list.add(new Binding(c.id(), p.proto(), p.hostPort(), ip, "container " + c.name() + " publishing " + ip + ":"
                        + p.hostPort() + "->" + p.containerPort() + "/" + p.proto().label()));
            }
        }
    }

    private static void report(Context ctx, String hostId, List<Binding> clash, Consumer<Finding> out) {
        Binding first = clash.get(0);
        Binding last = clash.get(clash.size() - 1);
        String host = ctx.host(hostId).map(Host::name).orElse(hostId);
        List<String> subjects = new ArrayList<>(Binding.owners(clash));
        subjects.add(hostId);
        String port = first.proto().label() + "/" + first.port();
        out.accept(new Finding(Finding.Severity.ERROR, Codes.PORT_CLASH, subjects,
                "On host " + host + ", " + port + " is bound " + Binding.times(clash.size()) + " in the host's namespace: "
                        + Binding.describe(clash) + ". Only the first bind succeeds; the next fails with "
                        + "\"Address already in use\" (Docker: \"port is already allocated\").",
                "Move " + ctx.name(last.owner()) + " to another port on " + host + " (e.g. " + (last.description().contains("publishing")
                        ? "publish host port " + free(clash) + " instead of " + first.port() : "listen on " + free(clash))
                        + "), or bind the listeners to different host addresses, none of them 0.0.0.0."));
    }

    /** A nearby port none of the clashing binds use, for the suggested fix. */
    private static int free(List<Binding> clash) {
        int p = clash.get(0).port() == 80 ? 8080 : clash.get(0).port() + 1;
        while (p <= 65535) {
            int candidate = p;
            if (clash.stream().noneMatch(b -> b.port() == candidate)) return candidate;
            p++;
        }
        return 1024;
    }
}
