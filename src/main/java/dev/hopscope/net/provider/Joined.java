package dev.hopscope.net.provider;

import dev.hopscope.model.Ipv4;
import dev.hopscope.net.dataplane.Iface;

/**
 * How an endpoint joined a network: the interface inside the endpoint's namespace and its
 * address; the gateway the network offers for a default route (null: none, e.g. an internal
 * network), reached on-link even outside the subnet when {@code onlinkGateway} (Calico's
 * 169.254.1.1); whether Docker's embedded DNS answers for the network's containers; and the
 * device on the host that the endpoint's traffic enters (a bridge, or the host end of a veth).
 */
public record Joined(Iface inside, Ipv4 address, Ipv4 gateway, boolean onlinkGateway, boolean embeddedDns, Iface hostSide) {}
