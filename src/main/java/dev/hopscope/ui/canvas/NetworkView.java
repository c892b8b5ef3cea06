package dev.hopscope.ui.canvas;

import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.kinds.NetworkKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A network of a registered kind ({@link Network}): a host-scope kind (macvlan, ipvlan) is a bar
 * inside its host like a bridge, a cluster-scope kind (Calico) a band over its hosts like an
 * overlay. Both read on one line: name, driver and where it sits, pool, and the settings that
 * are set away from their defaults ("macnet · macvlan on eth0 · 192.168.50.0/24 · shim 192.168.50.250").
 * Style classes {@code network}, {@code network-host} or {@code network-cluster}, and
 * {@code driver-NAME}.
 */
public final class NetworkView extends NodeView {

    public NetworkView(String id, boolean hostScope) {
        super(id, "network", hostScope ? "mdi2l-lan-connect" : "mdi2h-hub-outline");
        getStyleClass().add(hostScope ? "network-host" : "network-cluster");
        content.getStyleClass().add("inline");
        content.getChildren().remove(subtitle);
        ((javafx.scene.layout.HBox) content.getChildren().get(0)).getChildren().add(subtitle);
        // the name and driver stay whole; the pool and settings after them give way on a short bar
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    /** Whether a network is drawn as a bar in its host (else as a band over the cluster). */
    public static boolean hostScope(Network w) {
        return w.networkKind().map(k -> k.scope() == NetworkKind.Scope.HOST).orElse(w.host() != null);
    }

    @Override public void show(Node node, NodeText ignored) {
        Network w = (Network) node;
        getStyleClass().removeIf(c -> c.startsWith("driver-"));
        getStyleClass().add("driver-" + w.driver());
        super.show(node, text(w));
    }

    /** The words on the bar or band, from the network and its kind's options. */
    public static NodeText text(Network w) {
        String parent = w.networkKind().flatMap(k -> k.option("parent")).isPresent() ? w.option("parent") : null;
        // a network named after its driver ("calico") is not told twice
        String title = (w.name().equals(w.driver()) ? w.name() : w.name() + " · " + w.driver()) + (parent == null ? "" : " on " + parent);
        List<String> facts = new ArrayList<>();
        facts.add(w.subnet() == null ? "no subnet" : w.subnet());
        w.networkKind().ifPresent(k -> {
            for (NetworkKind.Option o : k.options()) {
                if (o.key().equals("parent")) continue;
                String v = w.options().get(o.key());
                // only what is set away from its default is worth a word on the canvas; the
                // inspector lists every setting
                if (v == null || v.equals(o.defaultValue())) continue;
                facts.add(word(o, v));
            }
        });
        return new NodeText(title, String.join(" · ", facts), List.of());
    }

    private static String word(NetworkKind.Option o, String v) {
        if (o.type() == NetworkKind.Type.BOOLEAN) return ("true".equals(v) ? "" : "no ") + o.label();
        String label = o.label().replaceFirst(" \\(.*\\)$", "").toLowerCase(java.util.Locale.ROOT);
        if (label.equals("address range")) label = "range";
        if (label.startsWith("host ")) label = label.substring(5);
        if (label.endsWith(" address")) label = label.substring(0, label.length() - 8);
        return label + " " + v;
    }
}
