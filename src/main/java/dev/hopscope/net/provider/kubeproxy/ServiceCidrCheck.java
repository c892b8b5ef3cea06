package dev.hopscope.net.provider.kubeproxy;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;
import dev.hopscope.net.findings.FreeSubnet;
import dev.hopscope.net.findings.ClusterNodes;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Service;
import dev.hopscope.net.Finding;

import java.util.List;
import java.util.function.Consumer;

/**
 * Kubernetes nodes whose bridge overlaps the Service CIDR (OVERLAPPING_SUBNETS, a warning):
 * kube-proxy DNATs ClusterIPs out of that range before routing, so a pod holding one of those
 * addresses is shadowed by a Service, and the two IPAMs hand out the same addresses. Only when
 * the design has Services: without them nothing is DNAT'd.
 */
public final class ServiceCidrCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        if (ctx.doc().all(Service.class).isEmpty()) return;
        Cidr services = Ipam.SERVICE_CIDR;
        for (Host node : ClusterNodes.of(ctx))
            for (Bridge b : ctx.doc().all(Bridge.class)) {
                if (!node.id().equals(b.host())) continue;
                Cidr subnet = Context.cidr(b.subnet()).map(Cidr::base).orElse(null);
                if (subnet == null || !subnet.overlaps(services)) continue;
                out.accept(new Finding(Finding.Severity.WARNING, Codes.OVERLAPPING_SUBNETS, List.of(b.id(), node.id()),
                        "Bridge " + b.name() + " on Kubernetes node " + node.name() + " uses " + subnet
                                + ", which overlaps the Service CIDR " + services + ": Service ClusterIPs and addresses on this bridge "
                                + "come from the same range, and kube-proxy's DNAT takes any address that is also a ClusterIP.",
                        "Move " + b.name() + " out of " + services + FreeSubnet.example(ctx, subnet) + "."));
            }
    }
}
