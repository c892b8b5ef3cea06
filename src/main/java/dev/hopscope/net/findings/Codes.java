package dev.hopscope.net.findings;

/** The stable finding codes, as they appear in {@code analyze --json} and in the findings list. */
public final class Codes {
    public static final String OVERLAPPING_SUBNETS = "OVERLAPPING_SUBNETS";
    public static final String DUPLICATE_ADDRESS = "DUPLICATE_ADDRESS";
    public static final String PORT_CLASH = "PORT_CLASH";
    public static final String DEFAULT_BRIDGE_NO_DNS = "DEFAULT_BRIDGE_NO_DNS";
    public static final String OVERLAY_MTU_TOO_LARGE = "OVERLAY_MTU_TOO_LARGE";
    public static final String VNI_MISMATCH = "VNI_MISMATCH";
    public static final String OVERLAY_NO_CONTROL_PLANE = "OVERLAY_NO_CONTROL_PLANE";
    public static final String SERVICE_NO_ENDPOINTS = "SERVICE_NO_ENDPOINTS";
    public static final String NETWORK_POLICY_HOST_NETWORK = "NETWORK_POLICY_HOST_NETWORK";
    public static final String SERVICE_TARGET_PORT_CLOSED = "SERVICE_TARGET_PORT_CLOSED";
    public static final String K8S_POD_NAT = "K8S_POD_NAT";
    public static final String K8S_NODE_POD_NAT = "K8S_NODE_POD_NAT";
    public static final String NAME_COLLISION = "NAME_COLLISION";
    public static final String INTERNAL_NETWORK_PUBLISHED = "INTERNAL_NETWORK_PUBLISHED";
    public static final String PUBLISHED_PORT_CLOSED = "PUBLISHED_PORT_CLOSED";
    public static final String UNATTACHED_CONTAINER = "UNATTACHED_CONTAINER";
    public static final String UNATTACHED_HOST = "UNATTACHED_HOST";
    public static final String LOAD_BALANCER_IP_OUTSIDE_POOL = "LOAD_BALANCER_IP_OUTSIDE_POOL";
    public static final String INGRESS_BACKEND_MISSING = "INGRESS_BACKEND_MISSING";

    private Codes() {}
}
