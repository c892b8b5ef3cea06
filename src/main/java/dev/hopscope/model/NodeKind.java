package dev.hopscope.model;

import java.util.Locale;

public enum NodeKind {
    HOST, UNDERLAY, BRIDGE, OVERLAY, NETWORK, CONTAINER, POD, SERVICE, EXTERNAL, INTENT, NETWORK_POLICY, NAMESPACE, INGRESS;

    /** The name used in files and on the command line: host, network-policy, ... */
    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static NodeKind parse(String label) {
        for (NodeKind k : values()) if (k.label().equals(label)) return k;
        throw new IllegalArgumentException("unknown node kind '" + label + "'");
    }

    /**
     * Whether nodes of this kind are boxes on the canvas: intents are arrows; NetworkPolicies,
     * Namespaces and Ingresses are Kubernetes objects that the canvas shows through their effect.
     */
    public boolean drawn() { return this != INTENT && this != NETWORK_POLICY && this != NAMESPACE && this != INGRESS; }

    /** Kinds that send and receive traffic: the rows and columns of the reachability matrix. */
    public boolean isEndpoint() { return this == CONTAINER || this == POD || this == EXTERNAL; }
}
