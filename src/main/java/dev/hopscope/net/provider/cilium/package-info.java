/**
 * Cilium: pods (Cilium endpoints) routed by eBPF without a bridge. Each pod's veth ends on the
 * node as {@code lxc…}, which answers ARP for the node's router address (held by
 * {@code cilium_host}); the pod holds a /32 the node routes to that veth, so two pods on one
 * node are routed through it. Each node owns a podCIDR of the cluster pool; between nodes
 * packets go in a VXLAN (UDP 8472) or Geneve (UDP 6081) tunnel, or natively (auto-direct-node-routes).
 * With kube-proxy replacement, Services are translated by a socket load balancer at connect()
 * ({@link dev.hopscope.net.dataplane.SocketLb}) and NodePorts by eBPF on the node, and kube-proxy
 * stays off the node; policy is enforced at each endpoint, its drops named as Hubble names them.
 */
package dev.hopscope.net.provider.cilium;
