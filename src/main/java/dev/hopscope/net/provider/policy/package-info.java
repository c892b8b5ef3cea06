/**
 * Kubernetes NetworkPolicy as iptables chains, for the network providers that enforce it: one
 * chain per selected pod and direction, allowed peers and ports RETURN, the rest DROPs. Each
 * provider hooks the chains where its pods' traffic passes (a bridge CNI on the node's FORWARD
 * by the pod's address; Calico at the pod's cali interface).
 */
package dev.hopscope.net.provider.policy;
