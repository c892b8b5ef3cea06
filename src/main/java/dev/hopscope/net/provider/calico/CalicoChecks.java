package dev.hopscope.net.provider.calico;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Network;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.kinds.CalicoKind;
import dev.hopscope.net.Finding;
import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.PodNetworkChecks;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What goes wrong with Calico by design: a node that learns no route to another node's block
 * (BGP off, a route reflector that is no Calico node, native routing across subnets), a node
 * with no default route (proxy ARP for 169.254.1.1 answers only when the node routes that
 * address out of another device, so its pods have no gateway), and an MTU the encapsulation
 * cannot carry.
 */
public final class CalicoChecks implements DesignCheck {
    public static final String NO_ROUTE_TO_BLOCK = "CALICO_NO_ROUTE_TO_BLOCK";
    public static final String NO_DEFAULT_ROUTE = "CALICO_NO_DEFAULT_ROUTE";
    public static final String MTU_TOO_LARGE = "CALICO_MTU_TOO_LARGE";

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Network w : ctx.doc().all(Network.class)) {
            if (!CalicoKind.DRIVER.equals(w.driver())) continue;
            List<Host> nodes = Ipam.hostsOf(ctx.doc(), w);
            blocks(ctx, w, nodes, out);
            gateways(ctx, w, nodes, out);
            mtu(ctx, w, nodes, out);
        }
    }

    private static void blocks(Context ctx, Network w, List<Host> nodes, Consumer<Finding> out) {
        PodNetworkChecks.MissingRoutes routes = PodNetworkChecks.missingRoutes(ctx, w, nodes, (a, b, block) -> {
            boolean learned = Peering.between(ctx.doc(), w, a, b) != null;
            boolean native_ = !Peering.encapsulates(ctx.doc(), w, a, b);
            boolean unroutable = learned && native_ && !Peering.sameSubnet(ctx.doc(), a, b);
            return learned && !unroutable ? PodNetworkChecks.Reach.ROUTED
                    : unroutable ? PodNetworkChecks.Reach.MISSING_ACROSS_SUBNETS : PodNetworkChecks.Reach.MISSING;
        });
        if (routes.none()) return;
        boolean acrossSubnets = routes.acrossSubnets();
        String bgp = w.option(CalicoKind.BGP);
        String why = acrossSubnets
                ? "with encapsulation " + w.option(CalicoKind.ENCAPSULATION) + ", BGP's next hop for a block is the other node's address, which is not on-link across subnets, so the kernel refuses the route"
                : CalicoKind.NO_BGP.equals(bgp) ? "BGP is off, and only VXLAN mode routes without it"
                : CalicoKind.REFLECTOR.equals(bgp) ? "BGP peers only with the route reflector " + (w.option(CalicoKind.ROUTE_REFLECTOR) == null ? "(none set)"
                        : ctx.name(w.option(CalicoKind.ROUTE_REFLECTOR)) + ", which is not a node of " + w.name()) + ", so no node hears another's blocks"
                : "no BGP session carries it";
        out.accept(new Finding(Finding.Severity.ERROR, NO_ROUTE_TO_BLOCK, routes.subjects(),
                "Calico network " + w.name() + ": these nodes have no route to another node's pod block (" + String.join(", ", routes.missing()) + "): " + why
                        + ". Pods on different nodes cannot reach each other (calicoctl node status shows no Established peer).",
                acrossSubnets ? "Use encapsulation ipip-crosssubnet or vxlan-crosssubnet (encapsulate only across subnets), or put the nodes in one subnet."
                        : "Set BGP to full-mesh (every node peers with every other), or to route-reflector with a node of " + w.name()
                          + " as the reflector, or use VXLAN encapsulation, whose routes Felix programs without BGP."));
    }

    private static void gateways(Context ctx, Network w, List<Host> nodes, Consumer<Finding> out) {
        Set<String> withPods = PodNetworkChecks.nodesWithPods(ctx.doc(), w);
        for (Host h : nodes) {
            if (!withPods.contains(h.id()) || hasDefaultRoute(ctx, h)) continue;
            out.accept(new Finding(Finding.Severity.ERROR, NO_DEFAULT_ROUTE, List.of(w.id(), h.id()),
                    h.name() + " has no default route, so its Calico pods have no gateway: a pod sends everything to 169.254.1.1, and the "
                            + "node's cali interface answers that ARP by proxy only when the node routes 169.254.1.1 out of another device — "
                            + "with no default route it stays silent and the pods reach nothing, not even each other.",
                    "Give " + ctx.name(h.underlay()) + " a gateway (its router), or draw a default route on " + h.name() + "."));
        }
    }

    private static void mtu(Context ctx, Network w, List<Host> nodes, Consumer<Finding> out) {
        int set = Integer.parseInt(w.option(CalicoKind.MTU));
        int overhead = CalicoProvider.overhead(w);
        if (set == 0) return;
        PodNetworkChecks.mtuTooLarge(ctx, nodes, set, overhead, (h, lower) ->
            out.accept(new Finding(Finding.Severity.ERROR, MTU_TOO_LARGE, List.of(w.id(), h.id()),
                    "Calico network " + w.name() + " gives pods an MTU of " + set + ", but " + h.name() + "'s underlay carries " + lower
                            + " bytes and " + w.option(CalicoKind.ENCAPSULATION) + " adds " + overhead
                            + ": full-size packets between nodes are dropped (or fragmented), and small ones pass — the classic 'ping works, downloads hang'.",
                    "Set the MTU to " + (lower - overhead) + " or less (or 0: auto).")));
    }

    private static boolean hasDefaultRoute(Context ctx, Host h) {
        for (StaticRoute r : h.routes()) if (Cidr.isValid(r.destination()) && Cidr.parse(r.destination()).prefix() == 0) return true;
        return h.underlay() != null && ctx.doc().get(h.underlay(), Underlay.class).map(u -> u.gateway() != null).orElse(false);
    }
}
