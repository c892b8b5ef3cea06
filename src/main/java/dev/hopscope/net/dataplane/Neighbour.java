package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

/** A permanent neighbour entry (flannel writes one per remote VTEP: its address to its MAC). */
public record Neighbour(Iface dev, Ipv4 ip, Mac mac) {}
