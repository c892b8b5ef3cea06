/**
 * Docker swarm's ingress routing mesh: a port a swarm service publishes answers on every node of
 * the swarm. The node DNATs it to its ingress sandbox (a namespace on docker_gwbridge and on the
 * ingress overlay, VNI 4096), where IPVS picks a task on any node and sends the connection over the
 * ingress overlay, masqueraded to the sandbox's own ingress address — so the task sees that
 * address, not the client's.
 */
package dev.hopscope.net.provider.swarm;
