package dev.hopscope.net.findings;

import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Service;
import dev.hopscope.net.Finding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A LoadBalancer Service's pinned address ({@code loadBalancerIp}) that the load balancer will
 * not give it: outside MetalLB's pool (MetalLB assigns only addresses of a pool it has, so the
 * Service stays {@code <pending>}), or already asked for by another Service (the first keeps it,
 * the second stays pending). The API server stores both: only the load balancer refuses, so
 * these are findings, not document problems. (An address that is not one is a problem:
 * {@link dev.hopscope.model.Validator}.)
 */
public final class LoadBalancerAddressCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        Ipam.AddressRange pool = Ipam.loadBalancerPool(ctx.doc()).orElse(null);
        Map<Ipv4, Service> first = new LinkedHashMap<>();
        for (Service s : ctx.doc().all(Service.class)) {
            if (s.type() != Service.Type.LOAD_BALANCER || s.loadBalancerIp() == null || !Ipv4.isValid(s.loadBalancerIp())) continue;
            Ipv4 ip = Ipv4.parse(s.loadBalancerIp());
            Service holder = first.putIfAbsent(ip, s);
            if (holder != null) {
                boolean metallb = s.loadBalancerMode() == Service.LoadBalancerMode.METALLB_L2;
                out.accept(new Finding(Finding.Severity.ERROR, Codes.DUPLICATE_ADDRESS, List.of(s.id(), holder.id()),
                        "LoadBalancer Service " + s.name() + " asks for address " + ip + ", which Service " + holder.name() + " asks for first: "
                                + (metallb ? "MetalLB gives an address to one Service (unless both carry the same metallb.universe.tf/allow-shared-ip key and use different ports)"
                                           : "a cloud gives one address to one load balancer")
                                + ", so " + s.name() + " stays <pending> and gets no external address.",
                        "Clear loadBalancerIp of " + s.name() + " so that one is taken from the pool" + (pool == null ? "" : " (" + pool + ")")
                                + ", or pin another free address."));
                continue;
            }
            if (s.loadBalancerMode() == Service.LoadBalancerMode.METALLB_L2 && pool != null && !pool.contains(ip))
                out.accept(new Finding(Finding.Severity.ERROR, Codes.LOAD_BALANCER_IP_OUTSIDE_POOL, List.of(s.id()),
                        "LoadBalancer Service " + s.name() + " asks for address " + ip + ", which lies outside every MetalLB address pool (" + pool
                                + "): MetalLB assigns only addresses of its pools, so the Service stays <pending> (event AllocationFailed) and no node answers ARP for "
                                + ip + ".",
                        "Pin an address of the pool (" + pool + "), clear loadBalancerIp so that MetalLB picks one, or give MetalLB a pool that holds " + ip + "."));
        }
    }
}
