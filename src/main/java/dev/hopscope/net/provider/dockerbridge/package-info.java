/**
 * Docker's bridge networks: the default bridge {@code docker0} and user-defined bridges. Bridge
 * devices, the iptables rules dockerd writes (MASQUERADE, isolation between networks, internal
 * networks, icc, published-port DNAT and the FORWARD accept for it, in dockerd's order), and the
 * checks that belong to them.
 */
package dev.hopscope.net.provider.dockerbridge;
