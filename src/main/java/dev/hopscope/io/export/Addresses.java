package dev.hopscope.io.export;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;

import java.util.ArrayList;
import java.util.List;

/** The addresses an exported node is labelled with, as IPAM hands them out (pinned or allocated). */
final class Addresses {
    private final Document doc;
    private final Ipam.Addressing ipam;

    Addresses(Document doc) {
        this.doc = doc;
        this.ipam = Ipam.allocate(doc);
    }

    /** Addresses (interfaces, clusterIP) or, for networks, the subnet; empty when there is none. */
    List<String> of(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof Host h) add(out, h.address());
        else if (n instanceof External e) add(out, e.address());
        else if (n instanceof Underlay u) add(out, u.subnet());
        else if (n instanceof Bridge b) add(out, b.subnet());
        else if (n instanceof Overlay o) add(out, o.subnet());
        else if (n instanceof Container c) {
            for (Attachment a : c.attachments()) ipam.address(c.id(), a.network()).ifPresent(ip -> out.add(ip.toString()));
        } else if (n instanceof Pod p && !p.hostNetwork()) {
            Ipam.podNetwork(doc, p).flatMap(b -> ipam.address(p.id(), b.id())).ifPresent(ip -> out.add(ip.toString()));
        } else if (n instanceof Service s) {
            Ipv4 ip = ipam.clusterIps().get(s.id());
            if (ip != null) out.add(ip.toString());
        }
        return out;
    }

    /** A bridge's or Docker overlay's gateway. */
    String gateway(String network) { return ipam.gateway(network).map(Ipv4::toString).orElse(null); }

    Ipam.Addressing ipam() { return ipam; }

    private static void add(List<String> out, String v) { if (v != null && !v.isBlank()) out.add(v); }
}
