package dev.hopscope.net.provider.kubeproxy;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Service;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cluster-wide allocations that Services pin by hand: two Services with one clusterIP
 * (DUPLICATE_ADDRESS) or one NodePort (PORT_CLASH). The API server refuses the second ("provided
 * IP/port is already allocated"); drawn anyway, kube-proxy would send both to one backend set.
 */
public final class ServiceAllocationCheck implements DesignCheck {

    private record Use(Service service, Service.ServicePort port) {}

    /** One Service may reuse a NodePort for TCP and UDP; anything else sharing it is refused. */
    private static boolean clash(List<Use> uses) {
        for (int i = 0; i < uses.size(); i++)
            for (int j = i + 1; j < uses.size(); j++)
                if (uses.get(i).service() != uses.get(j).service() || uses.get(i).port().proto() == uses.get(j).port().proto()) return true;
        return false;
    }

    @Override public void check(Context ctx, Consumer<Finding> out) {
        Map<Ipv4, List<Service>> byIp = new LinkedHashMap<>();
        Map<Integer, List<Use>> byNodePort = new LinkedHashMap<>();
        for (Service s : ctx.doc().all(Service.class)) {
            Ipv4 ip = ctx.addressing().clusterIps().get(s.id());
            if (ip != null) byIp.computeIfAbsent(ip, k -> new ArrayList<>()).add(s);
            for (Service.ServicePort p : s.ports()) {
                int np = ctx.addressing().nodePort(s.id(), p.port());
                if (np == 0) continue;
                byNodePort.computeIfAbsent(np, k -> new ArrayList<>()).add(new Use(s, p));
            }
        }
        byIp.forEach((ip, services) -> {
            if (services.size() < 2) return;
            List<String> ids = services.stream().map(Service::id).toList();
            List<String> names = services.stream().map(Service::name).toList();
            out.accept(new Finding(Finding.Severity.ERROR, Codes.DUPLICATE_ADDRESS, ids,
                    "Services " + String.join(" and ", names) + " both have clusterIP " + ip + ": the API server refuses the second "
                            + "(\"provided IP is already allocated\"), and kube-proxy cannot tell their traffic apart.",
                    "Clear the clusterIP of " + names.get(names.size() - 1) + " so one is allocated, or pin another free address."));
        });
        byNodePort.forEach((port, uses) -> {
            if (!clash(uses)) return;
            List<String> ids = uses.stream().map(u -> u.service().id()).distinct().toList();
            List<String> users = uses.stream().map(u -> u.service().name() + " (port " + u.port().port() + "/" + u.port().proto().label() + ")").toList();
            out.accept(new Finding(Finding.Severity.ERROR, Codes.PORT_CLASH, ids,
                    "NodePort " + port + " is used by " + String.join(" and ", users) + ": a NodePort is opened on "
                            + "every node, so only one Service port may have it; the API server refuses the second "
                            + "(\"provided port is already allocated\").",
                    "Clear the nodePort of " + ctx.name(ids.get(ids.size() - 1)) + " so one is allocated from 30000-32767, or pin another."));
        });
    }
}
