/**
 * Docker's overlay network: one L2 segment across hosts over VXLAN. On each member host a bridge
 * with a VXLAN device enslaved, flooding to the other members' VTEPs (what the swarm or KV-store
 * control plane sets up), optionally inside IPsec ESP (an encrypted overlay).
 */
package dev.hopscope.net.provider.dockeroverlay;
