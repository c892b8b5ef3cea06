package dev.hopscope.model;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes pod: one network namespace shared by its containers, on node {@code node}.
 * {@code network} is the bridge it is attached to (null = the node's CNI bridge); {@code ip} null
 * means allocated from that bridge's pod CIDR.
 */
public record Pod(String id, String name, String namespace, String node, Map<String, String> labels,
                  List<PodContainer> containers, Boolean hostNetwork, String network, String ip,
                  String hostname, String subdomain, List<PublishedPort> hostPorts) implements Node {

    /** A pod that publishes no hostPort. */
    public Pod(String id, String name, String namespace, String node, Map<String, String> labels,
               List<PodContainer> containers, Boolean hostNetwork, String network, String ip,
               String hostname, String subdomain) {
        this(id, name, namespace, node, labels, containers, hostNetwork, network, ip, hostname, subdomain, List.of());
    }

    /** A pod without a hostname/subdomain of its own (the usual case). */
    public Pod(String id, String name, String namespace, String node, Map<String, String> labels,
               List<PodContainer> containers, Boolean hostNetwork, String network, String ip) {
        this(id, name, namespace, node, labels, containers, hostNetwork, network, ip, null, null);
    }

    public record PodContainer(String name, String image, List<Socket> sockets) {
        public PodContainer {
            sockets = Labels.list(sockets);
        }
    }

    public Pod {
        if (namespace == null || namespace.isBlank()) namespace = "default";
        labels = Labels.map(labels);
        containers = Labels.list(containers);
        if (hostNetwork == null) hostNetwork = Boolean.FALSE;
        hostPorts = Labels.list(hostPorts);
    }

    @Override public NodeKind kind() { return NodeKind.POD; }
    @Override public String parent() { return node; }

    /** Every socket of every container: they all live in the pod's one namespace. */
    public List<Socket> sockets() {
        return containers.stream().flatMap(c -> c.sockets().stream()).toList();
    }

    public Pod withName(String v) { return new Pod(id, v, namespace, node, labels, containers, hostNetwork, network, ip, hostname, subdomain, hostPorts); }
    public Pod withNamespace(String v) { return new Pod(id, name, v, node, labels, containers, hostNetwork, network, ip, hostname, subdomain, hostPorts); }
    public Pod withNode(String v) { return new Pod(id, name, namespace, v, labels, containers, hostNetwork, network, ip, hostname, subdomain, hostPorts); }
    public Pod withLabels(Map<String, String> v) { return new Pod(id, name, namespace, node, v, containers, hostNetwork, network, ip, hostname, subdomain, hostPorts); }
    public Pod withContainers(List<PodContainer> v) { return new Pod(id, name, namespace, node, labels, v, hostNetwork, network, ip, hostname, subdomain, hostPorts); }
    public Pod withHostNetwork(boolean v) { return new Pod(id, name, namespace, node, labels, containers, v, network, ip, hostname, subdomain, hostPorts); }
    public Pod withNetwork(String v) { return new Pod(id, name, namespace, node, labels, containers, hostNetwork, v, ip, hostname, subdomain, hostPorts); }
    public Pod withIp(String v) { return new Pod(id, name, namespace, node, labels, containers, hostNetwork, network, v, hostname, subdomain, hostPorts); }
    /** {@code spec.hostname} and {@code spec.subdomain}: with a headless Service named subdomain, cluster DNS answers hostname.subdomain.ns.svc.cluster.local (a StatefulSet sets both). */
    public Pod withHostname(String h, String sub) { return new Pod(id, name, namespace, node, labels, containers, hostNetwork, network, ip, h, sub, hostPorts); }
    /** {@code ports[].hostPort}: the pod's container port published on its node's address, as the CNI portmap plugin does. */
    public Pod withHostPorts(List<PublishedPort> v) { return new Pod(id, name, namespace, node, labels, containers, hostNetwork, network, ip, hostname, subdomain, v); }
    public Pod withId(String v) { return new Pod(v, name, namespace, node, labels, containers, hostNetwork, network, ip, hostname, subdomain, hostPorts); }
}
