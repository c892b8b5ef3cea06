package dev.hopscope.net.provider.cilium;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Service;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.kinds.CiliumKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.PodNetworkChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What goes wrong with Cilium by design: native routing that no one routes (auto-direct-node-routes
 * off, or nodes in different subnets), a cluster pool with fewer podCIDRs than nodes, a podCIDR
 * holding a Service's ClusterIP, and an MTU the tunnel cannot carry.
 */
public final class CiliumChecks implements DesignCheck {
    public static final String NO_ROUTE_TO_POD_CIDR = "CILIUM_NO_ROUTE_TO_POD_CIDR";
    public static final String POOL_EXHAUSTED = "CILIUM_POOL_EXHAUSTED";
    public static final String POD_CIDR_HOLDS_CLUSTER_IP = "CILIUM_POD_CIDR_HOLDS_CLUSTER_IP";
    public static final String MTU_TOO_LARGE = "CILIUM_MTU_TOO_LARGE";

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Network w : ctx.doc().all(Network.class)) {
            if (!CiliumKind.DRIVER.equals(w.driver())) continue;
            List<Host> nodes = Ipam.hostsOf(ctx.doc(), w);
            nativeRoutes(ctx, w, nodes, out);
            pool(ctx, w, nodes, out);
            clusterIps(ctx, w, nodes, out);
            mtu(ctx, w, nodes, out);
        }
    }

    private static void nativeRoutes(Context ctx, Network w, List<Host> nodes, Consumer<Finding> out) {
        if (CiliumProvider.tunnelMode(w)) return;
        boolean auto = Boolean.parseBoolean(w.option(CiliumKind.AUTO_DIRECT_NODE_ROUTES));
        PodNetworkChecks.MissingRoutes routes = PodNetworkChecks.missingRoutes(ctx, w, nodes, (a, b, podCidr) ->
                auto && CiliumProvider.sameSubnet(a, b) || drawnRoute(a, podCidr) ? PodNetworkChecks.Reach.ROUTED
                        : auto ? PodNetworkChecks.Reach.MISSING_ACROSS_SUBNETS : PodNetworkChecks.Reach.MISSING);
        if (routes.none()) return;
        boolean acrossSubnets = routes.acrossSubnets();
        String why = acrossSubnets
                ? "auto-direct-node-routes routes a podCIDR to its node only when the node is in the same subnet: across a router the next hop is not on-link"
                : "routing-mode is native and auto-direct-node-routes is off, so Cilium installs no route between nodes and leaves them to the network (BGP, a cloud route table), which knows none here";
        out.accept(new Finding(Finding.Severity.ERROR, NO_ROUTE_TO_POD_CIDR, routes.subjects(),
                "Cilium network " + w.name() + ": these nodes have no route to another node's podCIDR (" + String.join(", ", routes.missing()) + "): " + why
                        + ". Pods on different nodes cannot reach each other.",
                acrossSubnets ? "Use routing-mode tunnel (VXLAN or Geneve), or put the nodes in one subnet, or route the podCIDRs on the network's router."
                        : "Turn on auto-direct-node-routes (the nodes share a subnet), use routing-mode tunnel, or add a route to each podCIDR on the nodes."));
    }

    /** A route drawn on the host (a static route) that covers the podCIDR. */
    private static boolean drawnRoute(Host a, Cidr podCidr) {
        for (StaticRoute r : a.routes())
            if (Cidr.isValid(r.destination()) && Cidr.parse(r.destination()).prefix() > 0 && Cidr.parse(r.destination()).base().contains(podCidr.network()))
                return true;
        return false;
    }

    private static void pool(Context ctx, Network w, List<Host> nodes, Consumer<Finding> out) {
        List<Host> without = nodes.stream().filter(h -> ctx.addressing().block(h.id(), w.id()).isEmpty()).toList();
        if (without.isEmpty() || !Cidr.isValid(w.subnet())) return;
        Cidr pool = Cidr.parse(w.subnet()).base();
        int mask = Integer.parseInt(w.option(CiliumKind.MASK_SIZE));
        long cidrs = mask < pool.prefix() ? 0 : 1L << (mask - pool.prefix());
        List<String> subjects = new ArrayList<>(List.of(w.id()));
        without.forEach(h -> subjects.add(h.id()));
        out.accept(new Finding(Finding.Severity.ERROR, POOL_EXHAUSTED, subjects,
                "Cilium's cluster pool " + pool + " holds " + cidrs + " podCIDR" + (cidrs == 1 ? "" : "s") + " of /" + mask + " for " + nodes.size()
                        + " nodes: " + String.join(", ", without.stream().map(Host::name).toList())
                        + " get" + (without.size() == 1 ? "s" : "") + " none, and pods scheduled there get no address (the Cilium agent waits for a podCIDR).",
                "Widen cluster-pool-ipv4-cidr or raise cluster-pool-ipv4-mask-size (smaller podCIDRs, more of them)."));
    }

    private static void clusterIps(Context ctx, Network w, List<Host> nodes, Consumer<Finding> out) {
        for (Host h : nodes) {
            Cidr podCidr = ctx.addressing().block(h.id(), w.id()).orElse(null);
            if (podCidr == null) continue;
            for (Service s : ctx.doc().all(Service.class)) {
                Ipv4 cip = ctx.addressing().clusterIps().get(s.id());
                if (cip == null || !podCidr.contains(cip)) continue;
                out.accept(new Finding(Finding.Severity.ERROR, POD_CIDR_HOLDS_CLUSTER_IP, List.of(w.id(), h.id(), s.id()),
                        "Service " + s.name() + "'s ClusterIP " + cip + " lies in " + h.name() + "'s podCIDR " + podCidr
                                + ": a pod may get the same address, and the Service's translation shadows it.",
                        "Keep cluster-pool-ipv4-cidr clear of the Service CIDR " + Ipam.SERVICE_CIDR + "."));
            }
        }
    }

    private static void mtu(Context ctx, Network w, List<Host> nodes, Consumer<Finding> out) {
        int set = Integer.parseInt(w.option(CiliumKind.MTU));
        if (set == 0) return;
        int overhead = CiliumProvider.overhead(w);
        PodNetworkChecks.mtuTooLarge(ctx, nodes, set, overhead, (h, lower) ->
            out.accept(new Finding(Finding.Severity.ERROR, MTU_TOO_LARGE, List.of(w.id(), h.id()),
                    "Cilium network " + w.name() + " gives pods an MTU of " + set + ", but " + h.name() + "'s underlay carries " + lower + " bytes"
                            + (overhead > 0 ? " and the " + w.option(CiliumKind.TUNNEL_PROTOCOL) + " tunnel adds " + overhead : "")
                            + ": full-size packets between nodes are dropped, small ones pass.",
                    "Set the MTU to " + (lower - overhead) + " or less (or 0: auto).")));
    }
}
