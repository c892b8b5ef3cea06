package dev.hopscope.net.provider.flannel;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;
import dev.hopscope.net.findings.ClusterNodes;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Host;
import dev.hopscope.model.Pod;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pods on a Docker bridge (default or user-defined) with masquerade on, in a cluster of several
 * nodes. Docker's rule {@code -s SUBNET ! -o BRIDGE -j MASQUERADE} catches everything that leaves
 * the node, so a pod talking to a pod or node elsewhere arrives with its node's address: the
 * Kubernetes network model (pods reach pods without NAT) is broken. A CNI bridge is left alone:
 * its ipMasq rule exempts the cluster's pod CIDR.
 */
public final class PodNatCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        if (ClusterNodes.of(ctx).size() < 2) return; // on a single node, pod-to-pod never leaves the bridge
        for (Bridge b : ctx.doc().all(Bridge.class)) {
            List<Pod> pods = ctx.podsOn(b);
            if (pods.isEmpty() || b.bridgeKind() == Bridge.Kind.CNI || !b.masquerade()) continue;
            Host host = ctx.host(b.host()).orElse(null);
            if (host == null) continue;
            List<String> subjects = new ArrayList<>(List.of(b.id(), host.id()));
            List<String> names = new ArrayList<>();
            for (Pod p : pods) { subjects.add(p.id()); names.add(p.name()); }
            String nodeIp = Context.address(host.address()).map(Object::toString).orElse("its underlay address");
            String kind = b.bridgeKind() == Bridge.Kind.DEFAULT ? "Docker's default bridge" : "a user-defined Docker bridge";
            out.accept(new Finding(Finding.Severity.ERROR, Codes.K8S_POD_NAT, subjects,
                    (names.size() == 1 ? "Pod " : "Pods ") + String.join(", ", names) + " on node " + host.name() + " sit on "
                            + b.name() + " (" + b.subnet() + "), " + kind + " with masquerade on: traffic to pods and nodes "
                            + "elsewhere leaves " + host.name() + "'s eth0 through MASQUERADE, so the far end sees " + nodeIp
                            + " instead of the pod's address. Kubernetes requires pod-to-pod traffic without NAT.",
                    "Put the pods on a CNI bridge (cni0) carrying " + host.name() + "'s pod CIDR, or turn masquerade off on "
                            + b.name() + " (dockerd --ip-masq=false) and route the pod CIDRs between the nodes."));
        }
    }
}
