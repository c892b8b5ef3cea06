/**
 * flannel with the bridge CNI plugin: a {@code cni0} bridge per node holding the node's pod CIDR,
 * pods joined to it by veth pairs, routes to the other nodes' pod CIDRs — through a
 * {@code flannel.VNI} VXLAN device (the vxlan backend) or straight via the other node's underlay
 * address (host-gw) — the CNI's masquerade for traffic leaving the cluster, and NetworkPolicy
 * enforced on each node by pod address.
 */
package dev.hopscope.net.provider.flannel;
