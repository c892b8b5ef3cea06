package dev.hopscope.net.dataplane;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;

/**
 * One routing-table entry: {@code dst [via gw] dev DEV [onlink] [src PREF] [proto P]}.
 * {@code proto} is who installed it when not the kernel or the administrator ("bird" for routes
 * Calico's BGP daemon learned); {@code origin} says in a few words where it was learned ("BGP
 * from n2, full mesh"), for the trace to teach it. Both are null for ordinary routes.
 */
public record Route(Cidr dst, Ipv4 via, Iface dev, boolean onlink, Ipv4 src, String proto, String origin) {

    public Route(Cidr dst, Ipv4 via, Iface dev, boolean onlink, Ipv4 src) { this(dst, via, dev, onlink, src, null, null); }

    public String describe() {
        return dst.base() + (via != null ? " via " + via : "") + " dev " + dev.name() + (onlink ? " onlink" : "")
                + (src != null ? " src " + src : "") + (proto != null ? " proto " + proto : "")
                + (origin != null ? " (" + origin + ")" : "");
    }
}
