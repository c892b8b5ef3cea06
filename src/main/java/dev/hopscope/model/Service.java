package dev.hopscope.model;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes Service implemented by kube-proxy DNAT. {@code clusterIp} null = allocated from
 * the service CIDR (10.96.0.0/12); "None" = headless (DNS returns the pod addresses).
 */
public record Service(String id, String name, String namespace, Type type, String clusterIp,
                      List<ServicePort> ports, Map<String, String> selector, TrafficPolicy trafficPolicy) implements Node {

    public enum Type {
        CLUSTER_IP, NODE_PORT;
        public String label() { return this == CLUSTER_IP ? "ClusterIP" : "NodePort"; }
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
        ports = Labels.list(ports);
        selector = Labels.map(selector);
    }

    public boolean headless() { return "None".equalsIgnoreCase(clusterIp); }

    @Override public NodeKind kind() { return NodeKind.SERVICE; }

    public Service withName(String v) { return new Service(id, v, namespace, type, clusterIp, ports, selector, trafficPolicy); }
    public Service withNamespace(String v) { return new Service(id, name, v, type, clusterIp, ports, selector, trafficPolicy); }
    public Service withType(Type v) { return new Service(id, name, namespace, v, clusterIp, ports, selector, trafficPolicy); }
    public Service withClusterIp(String v) { return new Service(id, name, namespace, type, v, ports, selector, trafficPolicy); }
    public Service withPorts(List<ServicePort> v) { return new Service(id, name, namespace, type, clusterIp, v, selector, trafficPolicy); }
    public Service withSelector(Map<String, String> v) { return new Service(id, name, namespace, type, clusterIp, ports, v, trafficPolicy); }
    public Service withTrafficPolicy(TrafficPolicy v) { return new Service(id, name, namespace, type, clusterIp, ports, selector, v); }
    public Service withId(String v) { return new Service(v, name, namespace, type, clusterIp, ports, selector, trafficPolicy); }

}
