package dev.hopscope.model;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes Service implemented by kube-proxy DNAT. {@code clusterIp} null = allocated from
 * the service CIDR (10.96.0.0/12); "None" = headless (DNS returns the pod addresses).
 */
public record Service(String id, String name, String namespace, Type type, String clusterIp,
                      List<ServicePort> ports, Map<String, String> selector, TrafficPolicy trafficPolicy,
                      String loadBalancerIp, LoadBalancerMode loadBalancerMode, String externalName) implements Node {

    /** A ClusterIP or NodePort Service (no load balancer, no external name). */
    public Service(String id, String name, String namespace, Type type, String clusterIp,
                   List<ServicePort> ports, Map<String, String> selector, TrafficPolicy trafficPolicy) {
        this(id, name, namespace, type, clusterIp, ports, selector, trafficPolicy, null, null, null);
    }

    /**
     * ClusterIP; NodePort; LoadBalancer (a NodePort with a virtual address in front:
     * {@code loadBalancerIp}, allocated from the pool when null); ExternalName (no address at all:
     * cluster DNS answers a CNAME to {@code externalName}).
     */
    public enum Type {
        CLUSTER_IP("ClusterIP"), NODE_PORT("NodePort"), LOAD_BALANCER("LoadBalancer"), EXTERNAL_NAME("ExternalName");
        private final String label;
        Type(String label) { this.label = label; }
        public String label() { return label; }
        /** Whether kube-proxy opens a node port for it (a LoadBalancer is a NodePort underneath). */
        public boolean hasNodePort() { return this == NODE_PORT || this == LOAD_BALANCER; }
    }

    /**
     * How a LoadBalancer's address is announced: MetalLB in layer-2 mode (one node answers ARP for
     * it, then kube-proxy DNATs it on that node), or a cloud provider's load balancer outside the
     * cluster, which forwards to the Service's NodePort on the nodes.
     */
    public enum LoadBalancerMode {
        METALLB_L2("metallb-l2"), CLOUD("cloud");
        private final String label;
        LoadBalancerMode(String label) { this.label = label; }
        public String label() { return label; }
    }

    public enum TrafficPolicy {
        CLUSTER, LOCAL;
        public String label() { return this == CLUSTER ? "Cluster" : "Local"; }
    }

    /** {@code nodePort} 0 means none (ClusterIP) or allocated from 30000-32767 (NodePort). */
    public record ServicePort(String name, int port, int targetPort, int nodePort, Proto proto) {
        public ServicePort {
            if (proto == null) proto = Proto.TCP;
            if (targetPort == 0) targetPort = port;
        }
    }

    public Service {
        if (namespace == null || namespace.isBlank()) namespace = "default";
        if (type == null) type = Type.CLUSTER_IP;
        if (trafficPolicy == null) trafficPolicy = TrafficPolicy.CLUSTER;
        if (type == Type.LOAD_BALANCER && loadBalancerMode == null) loadBalancerMode = LoadBalancerMode.METALLB_L2;
        if (loadBalancerIp != null && loadBalancerIp.isBlank()) loadBalancerIp = null;
        if (externalName != null && externalName.isBlank()) externalName = null;
        ports = Labels.list(ports);
        selector = Labels.map(selector);
    }

    public boolean headless() { return "None".equalsIgnoreCase(clusterIp) && type != Type.EXTERNAL_NAME; }

    /** Whether kube-proxy gives it a virtual ClusterIP (not headless, not ExternalName). */
    public boolean hasClusterIp() { return type != Type.EXTERNAL_NAME && !"None".equalsIgnoreCase(clusterIp); }

    @Override public NodeKind kind() { return NodeKind.SERVICE; }

    public Service withName(String v) { return new Service(id, v, namespace, type, clusterIp, ports, selector, trafficPolicy, loadBalancerIp, loadBalancerMode, externalName); }
    public Service withNamespace(String v) { return new Service(id, name, v, type, clusterIp, ports, selector, trafficPolicy, loadBalancerIp, loadBalancerMode, externalName); }
    public Service withType(Type v) { return new Service(id, name, namespace, v, clusterIp, ports, selector, trafficPolicy, loadBalancerIp, loadBalancerMode, externalName); }
    public Service withClusterIp(String v) { return new Service(id, name, namespace, type, v, ports, selector, trafficPolicy, loadBalancerIp, loadBalancerMode, externalName); }
    public Service withPorts(List<ServicePort> v) { return new Service(id, name, namespace, type, clusterIp, v, selector, trafficPolicy, loadBalancerIp, loadBalancerMode, externalName); }
    public Service withSelector(Map<String, String> v) { return new Service(id, name, namespace, type, clusterIp, ports, v, trafficPolicy, loadBalancerIp, loadBalancerMode, externalName); }
    public Service withTrafficPolicy(TrafficPolicy v) { return new Service(id, name, namespace, type, clusterIp, ports, selector, v, loadBalancerIp, loadBalancerMode, externalName); }
    public Service withLoadBalancer(String ip, LoadBalancerMode mode) { return new Service(id, name, namespace, type, clusterIp, ports, selector, trafficPolicy, ip, mode, externalName); }
    public Service withExternalName(String v) { return new Service(id, name, namespace, type, clusterIp, ports, selector, trafficPolicy, loadBalancerIp, loadBalancerMode, v); }
    public Service withId(String v) { return new Service(v, name, namespace, type, clusterIp, ports, selector, trafficPolicy, loadBalancerIp, loadBalancerMode, externalName); }

}
