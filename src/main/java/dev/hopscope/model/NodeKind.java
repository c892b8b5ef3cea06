package dev.hopscope.model;

import java.util.Locale;

public enum NodeKind {
    HOST, UNDERLAY, BRIDGE, OVERLAY, NETWORK, CONTAINER, POD, SERVICE, EXTERNAL, INTENT, NETWORK_POLICY;

    /** The name used in files and on the command line: host, network-policy, ... */
    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static NodeKind parse(String label) {
        for (NodeKind k : values()) if (k.label().equals(label)) return k;
        throw new IllegalArgumentException("unknown node kind '" + label + "'");
    }

    /** Kinds that send and receive traffic: the rows and columns of the reachability matrix. */
    public boolean isEndpoint() { return this == CONTAINER || this == POD || this == EXTERNAL; }
}
