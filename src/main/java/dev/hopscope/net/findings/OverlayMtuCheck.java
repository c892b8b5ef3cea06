package dev.hopscope.net.findings;

import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An overlay whose inner MTU does not fit the smallest underlay of its VTEP hosts once VXLAN (and
 * ESP) is added: a full-size packet with DF set is dropped, and without DF the outer packet is
 * fragmented, so large transfers stall while pings work.
 */
final class OverlayMtuCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Overlay o : ctx.doc().all(Overlay.class)) {
            if (o.mtu() <= 0) continue; // the default is derived from the smallest underlay, so it always fits
            Host smallest = null;
            int underlay = Integer.MAX_VALUE;
            for (Host h : ctx.vtepHosts(o)) {
                int mtu = Encapsulation.underlayMtu(ctx.doc(), h);
                if (mtu < underlay) { underlay = mtu; smallest = h; }
            }
            if (smallest == null) continue;
            int max = Encapsulation.defaultMtu(o, underlay);
            if (o.mtu() <= max) continue;
            List<String> subjects = new ArrayList<>(List.of(o.id(), smallest.id()));
            String cost = o.encrypted()
                    ? "VXLAN adds " + Encapsulation.VXLAN_OVERHEAD + " bytes and IPsec ESP up to " + Encapsulation.ESP_OVERHEAD
                    : "VXLAN adds " + Encapsulation.VXLAN_OVERHEAD + " bytes";
            out.accept(new Finding(Finding.Severity.WARNING, Codes.OVERLAY_MTU_TOO_LARGE, subjects,
                    "Overlay " + o.name() + " has MTU " + o.mtu() + ", but host " + smallest.name() + " can carry only "
                            + underlay + " bytes on its underlay; " + cost + ", so the inner MTU must be at most " + max
                            + ". A " + o.mtu() + "-byte packet becomes " + (o.mtu() + Encapsulation.overhead(o))
                            + " bytes on the wire: with Don't Fragment set it is dropped.",
                    "Set " + o.name() + "'s MTU to " + max + " or less (or leave it empty for the default), or raise the underlay MTU to "
                            + (o.mtu() + Encapsulation.overhead(o)) + " (jumbo frames)."));
        }
    }
}
