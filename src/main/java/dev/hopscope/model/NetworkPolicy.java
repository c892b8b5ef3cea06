package dev.hopscope.model;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes NetworkPolicy. Pods selected by {@code podSelector} in {@code namespace} are
 * isolated for each listed direction and admit only what a rule allows.
 */
public record NetworkPolicy(String id, String name, String namespace, Map<String, String> podSelector,
                            boolean ingressIsolated, boolean egressIsolated,
                            List<Rule> ingress, List<Rule> egress) implements Node {

    /** An empty peers list means every peer; an empty ports list means every port. */
    public record Rule(List<Peer> peers, List<PortSpec> ports) {
        public Rule {
            peers = Labels.list(peers);
            ports = Labels.list(ports);
        }
    }

    /** One of podSelector / namespaceSelector (both null = unset) or an ipBlock CIDR. */
    public record Peer(Map<String, String> podSelector, Map<String, String> namespaceSelector, String ipBlock) {}

    public record PortSpec(Proto proto, int port) {
        public PortSpec {
            if (proto == null) proto = Proto.TCP;
        }
    }

    public NetworkPolicy {
        if (namespace == null || namespace.isBlank()) namespace = "default";
        podSelector = Labels.map(podSelector);
        ingress = Labels.list(ingress);
        egress = Labels.list(egress);
    }

    @Override public NodeKind kind() { return NodeKind.NETWORK_POLICY; }
}
