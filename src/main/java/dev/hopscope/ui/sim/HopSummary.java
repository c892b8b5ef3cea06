package dev.hopscope.ui.sim;

import dev.hopscope.net.trace.HeaderChange;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The short words of an event-list row and the names of header layers: formatting only. */
public final class HopSummary {
    private HopSummary() {}

    /** "10.0.9.2 → 10.0.9.3 · tcp 41261 → 80", or what this hop changed, or the encapsulation. */
    public static String of(Step s) {
        Hop h = s.hop();
        switch (s.kind()) {
            case ARP_REQUEST: {
                var l = h.arp().orElseThrow();
                return "who has " + l.target() + "? tell " + (l.senderAddress() == null ? l.namespace() : l.senderAddress());
            }
            case ARP_REPLY: {
                var l = h.arp().orElseThrow();
                var r = (dev.hopscope.net.trace.NeighbourLookup.ArpReply) l.answer();
                return l.target() + " is at " + r.mac() + (r.proxy() ? " (proxy ARP)" : "");
            }
            case DNS_QUERY: {
                var l = (dev.hopscope.net.trace.DnsLookup) h.detail();
                return "A? " + l.question() + " → " + LayerRows.server(l);
            }
            case DNS_ANSWER: {
                var l = (dev.hopscope.net.trace.DnsLookup) h.detail();
                return l.address().map(a -> l.question() + " is " + a).orElse(l.question() + ": no answer");
            }
            case PROXY:
                return s.sentence();
            default: break;
        }
        List<Layer> p = h.layers();
        String changes = changes(h);
        switch (h.step()) {
            case ENCAP: {
                Layer vx = find(p, "vxlan");
                Layer outer = find(p, "ipv4");
                String vni = vx == null ? "" : "VNI " + vx.fields().getOrDefault("vni", "?") + " ";
                return "wrapped: " + vni + (outer == null ? "" : "→ " + outer.fields().getOrDefault("dst", "?"));
            }
            case DNS: {
                Layer ip = find(p, "ipv4");
                return "name lookup" + (ip == null || !ip.fields().containsKey("dst") ? "" : " → " + ip.fields().get("dst"));
            }
            case DECAP:
                return "unwrapped: inner " + flow(p);
            case DROP:
                return s.end() == null ? "dropped" : "dropped: " + label(s.end().name());
            default:
                return changes.isEmpty() ? flow(p) : changes;
        }
    }

    /** The innermost IPv4 and transport header in a few words. */
    static String flow(List<Layer> p) {
        Layer ip = null, l4 = null;
        for (Layer l : p) {
            if (l.layer().equals("ipv4")) { ip = l; l4 = null; }
            else if (l.layer().equals("tcp") || l.layer().equals("udp") || l.layer().equals("icmp")) l4 = l;
        }
        StringBuilder b = new StringBuilder();
        if (ip != null) b.append(ip.fields().getOrDefault("src", "?")).append(" → ").append(ip.fields().getOrDefault("dst", "?"));
        if (l4 != null) {
            b.append(b.length() > 0 ? " · " : "").append(l4.layer());
            if (l4.fields().containsKey("dport")) b.append(' ').append(l4.fields().get("dport"));
        }
        return b.toString();
    }

    /** "ipv4.src → 192.168.50.11" for each changed field (a header pushed or popped is not listed). */
    static String changes(Hop h) {
        List<String> out = new ArrayList<>();
        for (HeaderChange c : h.changes())
            if (c instanceof HeaderChange.Field f) out.add(f.header() + "." + f.field() + " → " + f.after());
        return String.join(", ", out);
    }

    private static Layer find(List<Layer> p, String name) {
        for (Layer l : p) if (l.layer().equals(name)) return l;
        return null;
    }

    /** The step column: the hop's step, or the exchange before it. */
    public static String stepName(Step s) {
        switch (s.kind()) {
            case ARP_REQUEST: return "ARP REQ";
            case ARP_REPLY: return "ARP REPLY";
            case DNS_QUERY: return "DNS QUERY";
            case DNS_ANSWER: return "DNS ANSWER";
            case PROXY: return "INGRESS";
            default: return s.hop().step().name();
        }
    }

    /** NEIGHBOR_UNREACHABLE → "neighbor unreachable". */
    public static String label(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The display name of a header layer. */
    public static String layerName(String layer) {
        switch (layer) {
            case "ethernet": return "Ethernet";
            case "ipv4": return "IPv4";
            case "tcp": return "TCP";
            case "udp": return "UDP";
            case "icmp": return "ICMP";
            case "vxlan": return "VXLAN";
            case "esp": return "IPsec ESP";
            default: return layer.toUpperCase(Locale.ROOT);
        }
    }
}
