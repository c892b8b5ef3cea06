package dev.hopscope.ui.canvas;

/** A container or a pod: a card with name, address and ports; a pod lists its containers. */
public final class CardView extends NodeView {
    public CardView(String id, boolean pod) {
        super(id, pod ? "pod" : "container", pod ? "mdi2h-hexagon-multiple-outline" : "mdi2p-package-variant-closed");
    }
}
