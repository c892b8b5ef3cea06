package dev.hopscope.net.provider.dockeroverlay;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;
import dev.hopscope.net.findings.Encapsulation;

import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An overlay whose inner MTU does not fit the smallest underlay of its VTEP hosts once VXLAN (and
 * ESP) is added. The kernel's vxlan device leaves DF unset on the outer header, so a full-size
 * inner packet still arrives, but as two outer fragments: half the throughput, and lost on any
 * path that filters fragments (common in clouds), so large transfers stall while pings work. Either the MTU is set too high, or it is
 * left to the default, which each host derives from its own underlay: then hosts with a larger
 * underlay MTU send packets that do not fit the smaller one.
 */
public final class OverlayMtuCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        for (Overlay o : ctx.doc().all(Overlay.class)) {
            Host smallest = null, largest = null;
            int minUnderlay = Integer.MAX_VALUE, maxInner = Integer.MIN_VALUE;
            for (Host h : ctx.vtepHosts(o)) {
                int underlay = Encapsulation.underlayMtu(ctx.doc(), h);
                int inner = Encapsulation.effectiveMtu(o, underlay);
                if (underlay < minUnderlay) { minUnderlay = underlay; smallest = h; }
                if (inner > maxInner) { maxInner = inner; largest = h; }
            }
            if (smallest == null) continue;
            int max = Encapsulation.defaultMtu(o, minUnderlay);
            if (maxInner <= max) continue;
            List<String> subjects = new ArrayList<>(List.of(o.id(), smallest.id()));
            if (o.mtu() <= 0 && !largest.equals(smallest)) subjects.add(largest.id());
            String cost = o.encrypted()
                    ? "VXLAN adds " + Encapsulation.VXLAN_OVERHEAD + " bytes and IPsec ESP up to " + Encapsulation.ESP_OVERHEAD
                    : "VXLAN adds " + Encapsulation.VXLAN_OVERHEAD + " bytes";
            int wire = maxInner + Encapsulation.overhead(o);
            String setting = o.mtu() > 0
                    ? "Overlay " + o.name() + " has MTU " + o.mtu()
                    : "Overlay " + o.name() + " has no MTU set, so each host derives it from its own underlay: " + maxInner
                            + " on " + largest.name();
            out.accept(new Finding(Finding.Severity.WARNING, Codes.OVERLAY_MTU_TOO_LARGE, subjects,
                    setting + ", but host " + smallest.name() + " can carry only " + minUnderlay + " bytes on its underlay; " + cost
                            + ", so the inner MTU must be at most " + max + ". A " + maxInner + "-byte packet becomes " + wire
                            + " bytes on the wire, more than " + minUnderlay + ": the kernel must fragment the outer UDP packet "
                            + "(VXLAN leaves DF unset by default), which costs throughput and loses the packet wherever "
                            + "fragments are filtered; with DF set on the outer header it is dropped.",
                    "Set " + o.name() + "'s MTU to " + max + " or less" + (o.mtu() > 0 ? " (or leave it empty for the default)" : "")
                            + ", or raise " + smallest.name() + "'s underlay MTU to " + wire + "."));
        }
    }
}
