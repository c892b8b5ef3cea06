/** kube-proxy in iptables mode: Services (ClusterIP, NodePort) as DNAT to their endpoints on every node. */
package dev.hopscope.net.provider.kubeproxy;
