package dev.hopscope.ui.canvas;

/**
 * A network of a registered kind ({@link Network}): a host-scope kind (macvlan, ipvlan) is a bar
 * inside its host like a bridge, a cluster-scope kind (Calico) a band over its hosts like an
 * overlay. Both read on one line: name, driver and where it sits, pool, and the settings that
 * are set away from their defaults ("macnet · macvlan on eth0 · 192.168.50.0/24 · shim 192.168.50.250"),
 * which {@link dev.hopscope.model.scene.NodeText} writes. Style classes {@code network}, and
 * {@code network-host} or {@code network-cluster}.
 */
public final class NetworkView extends NodeView {

    /** {@code hostScope}: a bar in its host (macvlan), else a band over the cluster (Calico). */
    public NetworkView(String id, boolean hostScope) {
        super(id, "network", hostScope ? "mdi2l-lan-connect" : "mdi2h-hub-outline");
        getStyleClass().add(hostScope ? "network-host" : "network-cluster");
        content.getStyleClass().add("inline");
        content.getChildren().remove(subtitle);
        ((javafx.scene.layout.HBox) content.getChildren().get(0)).getChildren().add(subtitle);
        // the name and driver stay whole; the pool and settings after them give way on a short bar
    }

}
