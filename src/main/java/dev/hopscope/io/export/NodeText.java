package dev.hopscope.io.export;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a diagram export (Mermaid, draw.io) writes under a node's name: addresses and the facts that tell it apart. */
final class NodeText {
    private final Addresses addresses;

    NodeText(Document doc) { this.addresses = new Addresses(doc); }

    List<String> details(Node n) {
        List<String> out = new ArrayList<>();
        List<String> addrs = addresses.of(n);
        if (n instanceof Host h) {
            if (h.address() != null) out.add("eth0 " + h.address());
            if (h.role() != null) out.add(h.role().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        } else if (n instanceof Underlay u) {
            add(out, u.subnet());
            out.add("MTU " + u.mtu());
        } else if (n instanceof Bridge b) {
            add(out, b.subnet());
            String gw = addresses.gateway(b.id());
            if (gw != null) out.add("gw " + gw);
            if (Boolean.TRUE.equals(b.internal())) out.add("internal");
        } else if (n instanceof Overlay o) {
            out.add("VNI " + o.vni());
            add(out, o.subnet());
            out.add(o.driver().label() + (Boolean.TRUE.equals(o.encrypted()) ? ", ESP" : ""));
        } else if (n instanceof Container c) {
            if (!addrs.isEmpty()) out.add(String.join(", ", addrs));
            else if (c.mode() != Container.Mode.BRIDGE) out.add(c.mode().label() + " mode");
            add(out, c.image());
        } else if (n instanceof Pod p) {
            out.add(Boolean.TRUE.equals(p.hostNetwork()) ? "hostNetwork" : String.join(", ", addrs));
        } else if (n instanceof Service s) {
            out.add(s.type().label() + (addrs.isEmpty() ? "" : " " + addrs.get(0)));
            List<String> ports = new ArrayList<>();
            for (Service.ServicePort p : s.ports()) {
                int node = addresses.ipam().nodePort(s.id(), p.port());
                ports.add(p.port() + (node != 0 ? ":" + node : "") + "/" + p.proto().label());
            }
            if (!ports.isEmpty()) out.add(String.join(" ", ports));
        } else if (n instanceof External e) {
            add(out, e.address());
        }
        out.removeIf(String::isBlank);
        return out;
    }

    private static void add(List<String> out, String v) { if (v != null && !v.isBlank()) out.add(v); }
}
