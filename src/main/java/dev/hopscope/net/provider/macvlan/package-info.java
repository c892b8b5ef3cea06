/**
 * Docker's macvlan and ipvlan networks: each container's interface is a child stacked on its
 * host's parent device (the host's {@code eth0} on the LAN) — its own MAC (macvlan) or the
 * parent's (ipvlan), an address of the LAN's subnet, the LAN's router as gateway — with no
 * bridge, no NAT and no iptables. The host and its own children cannot reach each other; a
 * "shim" child of the host's own, with an address and a route to the containers, is the usual fix.
 */
package dev.hopscope.net.provider.macvlan;
