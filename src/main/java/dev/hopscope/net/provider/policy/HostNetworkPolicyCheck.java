package dev.hopscope.net.provider.policy;

import dev.hopscope.model.Host;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Pod;
import dev.hopscope.net.Finding;
import dev.hopscope.net.findings.Codes;
import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A NetworkPolicy whose selectors match a hostNetwork pod. Such a pod runs in its node's network
 * namespace, and Kubernetes leaves NetworkPolicy undefined for it ("NetworkPolicies and hostNetwork
 * pods"); the most common implementation, and this simulator's, cannot tell its traffic from the
 * node's: the policy neither isolates the pod (its podSelector selects it in vain) nor admits it as
 * a peer (a podSelector or namespaceSelector that names it lets nothing in: its packets carry the
 * node's address).
 */
public final class HostNetworkPolicyCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        List<Pod> hostNetwork = ctx.doc().all(Pod.class).stream().filter(Pod::hostNetwork).toList();
        if (hostNetwork.isEmpty()) return;
        Map<String, Map<String, String>> namespaces = PodPolicies.namespaceLabels(ctx.doc());
        for (NetworkPolicy np : ctx.doc().all(NetworkPolicy.class)) {
            List<Pod> selected = new ArrayList<>(), admitted = new ArrayList<>();
            for (Pod p : hostNetwork) {
                if (np.selects(p)) selected.add(p);
                if (admits(np, p, namespaces)) admitted.add(p);
            }
            if (!selected.isEmpty())
                out.accept(new Finding(Finding.Severity.WARNING, Codes.NETWORK_POLICY_HOST_NETWORK, subjects(np, selected),
                        "NetworkPolicy " + np.name() + " selects " + names(ctx, selected) + ", which run" + (selected.size() == 1 ? "s" : "")
                                + " on the host network (hostNetwork: true): " + (selected.size() == 1 ? "its" : "their")
                                + " traffic is the node's, which the network plugin cannot tell apart, so the policy does not isolate "
                                + (selected.size() == 1 ? "it" : "them") + " (Kubernetes leaves NetworkPolicy for hostNetwork pods undefined; "
                                + "most plugins ignore them).",
                        "Protect " + names(ctx, selected) + " on the node itself (a host firewall), or run "
                                + (selected.size() == 1 ? "it" : "them") + " on the pod network, where " + np.name() + " applies."));
            if (!admitted.isEmpty())
                out.accept(new Finding(Finding.Severity.WARNING, Codes.NETWORK_POLICY_HOST_NETWORK, subjects(np, admitted),
                        "NetworkPolicy " + np.name() + " admits " + names(ctx, admitted) + " by labels, but "
                                + (admitted.size() == 1 ? "it runs" : "they run") + " on the host network: " + (admitted.size() == 1 ? "its" : "their")
                                + " packets carry the node's address (" + nodeAddresses(ctx, admitted) + "), which no pod or namespace selector matches, "
                                + "so the policy does not let them in (only a pod's own node may always reach it).",
                        "Admit the node's address with an ipBlock peer (" + nodeAddresses(ctx, admitted) + "), or run "
                                + names(ctx, admitted) + " on the pod network."));
        }
    }

    private static boolean admits(NetworkPolicy np, Pod p, Map<String, Map<String, String>> namespaces) {
        List<NetworkPolicy.Rule> rules = new ArrayList<>();
        if (np.ingressIsolated()) rules.addAll(np.ingress());
        if (np.egressIsolated()) rules.addAll(np.egress());
        for (NetworkPolicy.Rule r : rules)
            for (NetworkPolicy.Peer peer : r.peers())
                if (PodPolicies.peerMatches(np, peer, p, namespaces)) return true;
        return false;
    }

    private static List<String> subjects(NetworkPolicy np, List<Pod> pods) {
        List<String> out = new ArrayList<>();
        out.add(np.id());
        for (Pod p : pods) out.add(p.id());
        return out;
    }

    private static String names(Context ctx, List<Pod> pods) {
        List<String> out = new ArrayList<>();
        for (Pod p : pods) out.add(p.name());
        return (pods.size() == 1 ? "pod " : "pods ") + String.join(", ", out);
    }

    private static String nodeAddresses(Context ctx, List<Pod> pods) {
        List<String> out = new ArrayList<>();
        for (Pod p : pods)
            ctx.host(p.node()).map(Host::address).filter(a -> a != null && !a.isBlank()).map(a -> a.replaceAll("/\\d+$", "/32"))
                    .filter(a -> !out.contains(a)).ifPresent(out::add);
        return out.isEmpty() ? "its node's address" : String.join(", ", out);
    }
}
