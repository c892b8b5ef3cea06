package dev.hopscope.ui.canvas;

/** A Kubernetes Service: its own pill shape with type, clusterIP and ports. */
public final class ServiceView extends NodeView {
    public ServiceView(String id) {
        super(id, "service", "mdi2t-transit-connection-variant");
    }
}
