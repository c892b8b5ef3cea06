package dev.hopscope.net.trace;

/** What happened at a hop. */
public enum StepKind { ROUTE, VETH, BRIDGE, NAT, FILTER, ENCAP, UNDERLAY, DECAP, DNS, DELIVER, DROP }
