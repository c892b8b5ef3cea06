package dev.hopscope.model.edit;

import dev.hopscope.model.NodeKind;

/** What the palette offers: a node kind with the defaults a user expects of that entry. */
public enum Blueprint {
    HOST(NodeKind.HOST, "Docker host"),
    K8S_NODE(NodeKind.HOST, "Kubernetes node"),
    DOCKER0(NodeKind.BRIDGE, "Bridge docker0"),
    USER_BRIDGE(NodeKind.BRIDGE, "User network"),
    CNI_BRIDGE(NodeKind.BRIDGE, "CNI bridge cni0"),
    CONTAINER(NodeKind.CONTAINER, "Container"),
    POD(NodeKind.POD, "Pod"),
    SERVICE(NodeKind.SERVICE, "Service"),
    OVERLAY(NodeKind.OVERLAY, "Overlay (VXLAN)"),
    UNDERLAY(NodeKind.UNDERLAY, "Underlay"),
    EXTERNAL(NodeKind.EXTERNAL, "External");

    private final NodeKind kind;
    private final String title;

    Blueprint(NodeKind kind, String title) {
        this.kind = kind;
        this.title = title;
    }

    public NodeKind kind() { return kind; }

    public String title() { return title; }

    /** Bridges, containers and pods exist only inside a host. */
    public boolean needsHost() {
        return kind == NodeKind.BRIDGE || kind == NodeKind.CONTAINER || kind == NodeKind.POD;
    }
}
