package dev.hopscope.model;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes NetworkPolicy. Pods selected by {@code podSelector} (and its
 * {@code podSelectorExpressions}) in {@code namespace} are isolated for each listed direction and
 * admit only what a rule allows.
 */
public record NetworkPolicy(String id, String name, String namespace, Map<String, String> podSelector,
                            boolean ingressIsolated, boolean egressIsolated,
                            List<Rule> ingress, List<Rule> egress, List<LabelExpression> podSelectorExpressions) implements Node {

    /** A policy whose pod selector is labels only. */
    public NetworkPolicy(String id, String name, String namespace, Map<String, String> podSelector,
                         boolean ingressIsolated, boolean egressIsolated, List<Rule> ingress, List<Rule> egress) {
        this(id, name, namespace, podSelector, ingressIsolated, egressIsolated, ingress, egress, List.of());
    }

    /** An empty peers list means every peer; an empty ports list means every port. */
    public record Rule(List<Peer> peers, List<PortSpec> ports) {
        public Rule {
            peers = Labels.list(peers);
            ports = Labels.list(ports);
        }
    }

    /**
     * One peer: a pod selector and/or a namespace selector (both null = unset; both set = pods
     * matching the one in namespaces matching the other; a pod selector alone = the policy's own
     * namespace), each with its match expressions, or an ipBlock CIDR without its {@code except}
     * ranges.
     */
    public record Peer(Map<String, String> podSelector, Map<String, String> namespaceSelector, String ipBlock,
                       List<LabelExpression> podExpressions, List<LabelExpression> namespaceExpressions, List<String> except) {
        public Peer(Map<String, String> podSelector, Map<String, String> namespaceSelector, String ipBlock) {
            this(podSelector, namespaceSelector, ipBlock, List.of(), List.of(), List.of());
        }

        public Peer {
            podExpressions = Labels.list(podExpressions);
            namespaceExpressions = Labels.list(namespaceExpressions);
            except = Labels.list(except);
            if (podSelector == null && !podExpressions.isEmpty()) podSelector = Map.of();
            if (namespaceSelector == null && !namespaceExpressions.isEmpty()) namespaceSelector = Map.of();
        }

        /** An ipBlock peer, with the ranges it leaves out. */
        public static Peer block(String cidr, List<String> except) {
            return new Peer(null, null, cidr, List.of(), List.of(), except);
        }
    }

    /**
     * A port: a number ({@code port}, up to {@code endPort} for a range; 0 with no name = every port
     * of the protocol) or a name ({@code portName}), which means the port of that name on whichever
     * pod the traffic goes to.
     */
    public record PortSpec(Proto proto, int port, String portName, int endPort) {
        public PortSpec(Proto proto, int port) { this(proto, port, null, 0); }

        public PortSpec {
            if (proto == null) proto = Proto.TCP;
            if (portName != null && portName.isBlank()) portName = null;
        }

        public static PortSpec named(Proto proto, String name) { return new PortSpec(proto, 0, name, 0); }

        /** The last port of the range (the port itself when there is no range). */
        public int lastPort() { return endPort > port ? endPort : port; }
    }

    public NetworkPolicy {
        if (namespace == null || namespace.isBlank()) namespace = "default";
        podSelector = Labels.map(podSelector);
        ingress = Labels.list(ingress);
        egress = Labels.list(egress);
        podSelectorExpressions = Labels.list(podSelectorExpressions);
    }

    /** Whether this policy selects the pod: same namespace, and its pod selector matches. */
    public boolean selects(Pod p) {
        return p.namespace().equals(namespace) && Labels.matches(podSelector, podSelectorExpressions, p.labels());
    }

    @Override public NodeKind kind() { return NodeKind.NETWORK_POLICY; }
}
