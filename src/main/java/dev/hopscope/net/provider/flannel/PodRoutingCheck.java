package dev.hopscope.net.provider.flannel;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;
import dev.hopscope.net.findings.ClusterNodes;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Kubernetes nodes that cannot route to each other's pod CIDR. The network model says every node
 * (and every pod) reaches every pod without NAT; that takes a route per remote pod CIDR: host-gw
 * routes between nodes on one underlay, a flannel VXLAN overlay, or a static route. Without one,
 * the kernel sends the packet to the default gateway or drops it (NO_ROUTE), and only NAT'd paths
 * such as NodePorts remain. Overlapping pod CIDRs are reported as OVERLAPPING_SUBNETS instead.
 */
public final class PodRoutingCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        List<Host> nodes = ClusterNodes.of(ctx);
        if (nodes.size() < 2) return;
        Map<Host, List<Cidr>> podCidrs = new LinkedHashMap<>();
        for (Host n : nodes) podCidrs.put(n, podCidrs(ctx, n));
        for (int i = 0; i < nodes.size(); i++)
            for (int j = i + 1; j < nodes.size(); j++) {
                Host a = nodes.get(i), b = nodes.get(j);
                List<String> broken = new ArrayList<>();
                unrouted(ctx, a, b, podCidrs, broken);
                unrouted(ctx, b, a, podCidrs, broken);
                if (!broken.isEmpty()) report(a, b, broken, out);
            }
    }

    /** Adds "a has no route to b's pods (CIDR)" for each of b's pod CIDRs that a cannot reach. */
    private static void unrouted(Context ctx, Host a, Host b, Map<Host, List<Cidr>> podCidrs, List<String> broken) {
        if (sameUnderlay(a, b) || flannel(ctx, a, b)) return;
        for (Cidr c : podCidrs.get(b)) {
            if (podCidrs.get(a).stream().anyMatch(c::overlaps)) continue;
            if (staticRoute(a, c)) continue;
            broken.add(a.name() + " has no route to " + b.name() + "'s pods (" + c + ")");
        }
    }

    private static void report(Host a, Host b, List<String> broken, Consumer<Finding> out) {
        String why = a.underlay() == null || b.underlay() == null ? "a node without an underlay"
                : "they are on different underlays";
        out.accept(new Finding(Finding.Severity.ERROR, Codes.K8S_NODE_POD_NAT, List.of(a.id(), b.id()),
                "Kubernetes nodes " + a.name() + " and " + b.name() + " cannot route each other's pod CIDRs: "
                        + String.join("; ", broken) + ". " + capitalized(why) + " and no flannel overlay joins them, so the "
                        + "kernel finds no route (NO_ROUTE) and only NAT'd paths such as NodePorts remain; Kubernetes requires "
                        + "every node and pod to reach every pod directly, without NAT.",
                "Put " + a.name() + " and " + b.name() + " on one underlay (host-gw routes), add both to a flannel-vxlan overlay, "
                        + "or add static routes for each other's pod CIDR via a router that reaches the other node."));
    }

    private static String capitalized(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }

    /** The subnets of the node's bridges that carry pods (or are its CNI bridge). */
    private static List<Cidr> podCidrs(Context ctx, Host n) {
        List<Cidr> out = new ArrayList<>();
        for (Bridge b : ctx.doc().all(Bridge.class)) {
            if (!n.id().equals(b.host())) continue;
            if (ctx.podsOn(b).isEmpty() && b.bridgeKind() != Bridge.Kind.CNI) continue;
            Context.cidr(b.subnet()).map(Cidr::base).ifPresent(out::add);
        }
        return out;
    }

    private static boolean sameUnderlay(Host a, Host b) {
        return a.underlay() != null && Objects.equals(a.underlay(), b.underlay());
    }

    private static boolean flannel(Context ctx, Host a, Host b) {
        for (Overlay o : ctx.doc().all(Overlay.class))
            if (o.driver() == Overlay.Driver.FLANNEL_VXLAN && o.hasMember(a.id()) && o.hasMember(b.id())) return true;
        return false;
    }

    private static boolean staticRoute(Host a, Cidr c) {
        for (StaticRoute r : a.routes()) {
            Cidr dest = Context.cidr(r.destination()).orElse(null);
            if (dest != null && dest.prefix() <= c.prefix() && dest.contains(c.network())) return true;
        }
        return false;
    }
}
