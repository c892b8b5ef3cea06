package dev.hopscope.net.provider.dockeroverlay;

import dev.hopscope.net.findings.Context;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Codes;

import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * VXLAN VNIs that do not line up. A VTEP drops every frame whose VNI it has no device for, so
 * members of one overlay with different VNIs cannot talk (error). Two overlays on one host with
 * the same VNI and UDP port are one VXLAN segment to the kernel (the second device is refused or
 * the segments merge), which is a warning when their subnets say they are meant to be separate.
 */
public final class VniMismatchCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        List<Overlay> overlays = ctx.doc().all(Overlay.class);
        for (Overlay o : overlays) members(ctx, o, out);
        for (int i = 0; i < overlays.size(); i++)
            for (int j = i + 1; j < overlays.size(); j++) shared(ctx, overlays.get(i), overlays.get(j), out);
    }

    private void members(Context ctx, Overlay o, Consumer<Finding> out) {
        Map<Integer, List<String>> byVni = new LinkedHashMap<>();
        for (Overlay.Member m : o.members()) byVni.computeIfAbsent(o.memberVni(m.host()), k -> new ArrayList<>()).add(m.host());
        if (byVni.size() < 2) return;
        List<String> subjects = new ArrayList<>(List.of(o.id()));
        List<String> parts = new ArrayList<>();
        for (var e : byVni.entrySet()) {
            List<String> names = new ArrayList<>();
            for (String h : e.getValue()) {
                names.add(ctx.name(h));
                if (e.getKey() != o.vni()) subjects.add(h);
            }
            parts.add(String.join(", ", names) + " use" + (names.size() == 1 ? "s" : "") + " VNI " + e.getKey());
        }
        out.accept(new Finding(Finding.Severity.ERROR, Codes.VNI_MISMATCH, subjects,
                "Overlay " + o.name() + " is one segment, but its VTEPs disagree on the VNI: " + String.join("; ", parts)
                        + ". A VTEP drops VXLAN frames whose VNI it does not know, so these hosts' containers cannot reach each other.",
                "Use VNI " + o.vni() + " on every member of " + o.name() + " (clear the per-host VNI)."));
    }

    private void shared(Context ctx, Overlay a, Overlay b, Consumer<Finding> out) {
        if (a.effectivePort() != b.effectivePort() || Objects.equals(Context.cidr(a.subnet()).map(c -> c.base().toString()),
                Context.cidr(b.subnet()).map(c -> c.base().toString()))) return;
        Set<String> common = new LinkedHashSet<>();
        for (Host h : ctx.vtepHosts(a))
            if (ctx.vtepHosts(b).contains(h) && a.memberVni(h.id()) == b.memberVni(h.id())) common.add(h.id());
        if (common.isEmpty()) return;
        String first = common.iterator().next();
        int vni = a.memberVni(first);
        List<String> subjects = new ArrayList<>(List.of(a.id(), b.id()));
        subjects.addAll(common);
        List<String> names = common.stream().map(ctx::name).toList();
        out.accept(new Finding(Finding.Severity.WARNING, Codes.VNI_MISMATCH, subjects,
                "Overlays " + a.name() + " (" + a.subnet() + ") and " + b.name() + " (" + b.subnet() + ") both use VNI " + vni
                        + " on UDP port " + a.effectivePort() + " on " + String.join(", ", names)
                        + ": the kernel keys VXLAN devices by VNI and port, so the second device cannot be created "
                        + "or the two networks leak into one segment.",
                "Give " + b.name() + " its own VNI (e.g. " + freeVni(ctx) + ")."));
    }

    /** The smallest VNI above every VNI in use, so the suggestion never collides. */
    private static int freeVni(Context ctx) {
        int max = 0;
        for (Overlay o : ctx.doc().all(Overlay.class)) {
            max = Math.max(max, o.vni());
            for (Overlay.Member m : o.members()) if (m.vni() != null) max = Math.max(max, m.vni());
        }
        return max + 1;
    }
}
