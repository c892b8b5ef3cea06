/**
 * Design-wide findings: checks that look at the whole document plus its IPAM (overlapping
 * subnets, duplicate addresses, port clashes, overlay MTU and VNIs, Services without endpoints,
 * the Kubernetes network model) without tracing a packet. {@link dev.hopscope.net.findings.DesignChecks}
 * runs them all; each check is one small {@link dev.hopscope.net.findings.DesignCheck}.
 * {@link dev.hopscope.net.findings.Encapsulation} holds the VXLAN and ESP overheads the tracer shares.
 */
package dev.hopscope.net.findings;
