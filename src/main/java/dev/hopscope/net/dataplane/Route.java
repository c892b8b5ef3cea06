package dev.hopscope.net.dataplane;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipv4;

/** One routing-table entry: {@code dst [via gw] dev DEV [onlink] [src PREF]}. */
public record Route(Cidr dst, Ipv4 via, Iface dev, boolean onlink, Ipv4 src) {
    public String describe() {
        return dst.base() + (via != null ? " via " + via : "") + " dev " + dev.name() + (onlink ? " onlink" : "")
                + (src != null ? " src " + src : "");
    }
}
