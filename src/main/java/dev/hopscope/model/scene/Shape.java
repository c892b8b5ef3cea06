package dev.hopscope.model.scene;

/** How a node is drawn; each shape has its own view class and CSS class. */
public enum Shape {
    HOST, BRIDGE, CONTAINER, POD, SERVICE, EXTERNAL, UNDERLAY, OVERLAY,
    /** A network of a registered kind that lives in one host (macvlan, ipvlan): a bar like a bridge's. */
    NETWORK_BAR,
    /** A network of a registered kind that spans the cluster (Calico): a band like an overlay's. */
    NETWORK_BAND;

    /** Bars and bands: long, thin, horizontal; links meet them on their top or bottom edge. */
    public boolean isBar() { return this == BRIDGE || this == UNDERLAY || this == OVERLAY || this == NETWORK_BAR || this == NETWORK_BAND; }

    /** Containers and pods: the cards that live in a host. */
    public boolean isCard() { return this == CONTAINER || this == POD; }
}
