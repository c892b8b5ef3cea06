/**
 * Calico: pods routed without a bridge. Each pod's veth ends on the node as {@code cali…}, which
 * answers ARP for the pod's gateway 169.254.1.1 by proxy; the pod holds a /32 the node routes to
 * that veth, so two pods on one node are routed through it (TTL spent), never bridged. Nodes own
 * blocks of the pool and learn each other's by BGP (full mesh or a route reflector) or, in VXLAN
 * mode, from Felix; between nodes packets go natively, in IPIP or in VXLAN, or encapsulated only
 * across subnets. natOutgoing masquerades pod traffic leaving the pool; NetworkPolicy is enforced
 * at each pod's cali interface.
 */
package dev.hopscope.net.provider.calico;
