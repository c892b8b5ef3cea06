package dev.hopscope.io.imports;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A Service manifest: type (ClusterIP, NodePort, LoadBalancer with its {@code loadBalancerIP} —
 * announced by MetalLB in layer 2 mode, unless a cloud's {@code loadBalancerClass} says
 * otherwise —, ExternalName with its {@code externalName}), clusterIP ({@code None} = headless),
 * ports with numeric or named target ports (a name is looked up among the container ports of the
 * pods the selector matches), selector and externalTrafficPolicy.
 */
final class ServiceReader {

    static final Set<String> SPEC_KEYS = Set.of("type", "clusterIP", "clusterIPs", "ports", "selector", "externalTrafficPolicy",
            "internalTrafficPolicy", "sessionAffinity", "sessionAffinityConfig", "publishNotReadyAddresses", "ipFamilies",
            "ipFamilyPolicy", "loadBalancerIP", "loadBalancerSourceRanges", "loadBalancerClass", "externalIPs", "externalName",
            "allocateLoadBalancerNodePorts", "healthCheckNodePort", "trafficDistribution");
    static final Set<String> PORT_KEYS = Set.of("name", "port", "targetPort", "nodePort", "protocol", "appProtocol");

    private final Diagnostics diag;
    private final BiFunction<String, Map<String, String>, List<PodTemplate>> selected;

    ServiceReader(Diagnostics diag, BiFunction<String, Map<String, String>, List<PodTemplate>> selected) {
        this.diag = diag;
        this.selected = selected;
    }

    Service read(String id, String name, String namespace, SourceNode spec) {
        String where = "Service '" + name + "'";
        if (spec == null) throw diag.error(null, where + " has no spec");
        diag.unknownKeys(spec, SPEC_KEYS, "the spec of " + where, false);
        String typeText = diag.string(spec.get("type"), "type");
        Service.Type type = Service.Type.CLUSTER_IP;
        if ("NodePort".equals(typeText)) type = Service.Type.NODE_PORT;
        else if ("LoadBalancer".equals(typeText)) type = Service.Type.LOAD_BALANCER;
        else if ("ExternalName".equals(typeText)) type = Service.Type.EXTERNAL_NAME;
        else if (typeText != null && !typeText.equals("ClusterIP"))
            throw diag.error(spec.get("type"), "type must be ClusterIP, NodePort, LoadBalancer or ExternalName, not " + spec.get("type").describe());

        String clusterIp = diag.string(spec.get("clusterIP"), "clusterIP");
        if (clusterIp != null && clusterIp.isBlank()) clusterIp = null;
        if (clusterIp != null && !clusterIp.equals("None") && !Ipv4.isValid(clusterIp))
            throw diag.error(spec.get("clusterIP"), "clusterIP must be an IPv4 address or None, not " + spec.get("clusterIP").describe());

        Map<String, String> selector = PodTemplate.stringMap(diag, spec.get("selector"), "selector of " + where);
        if (selector.isEmpty() && !"ExternalName".equals(typeText))
            diag.warn(spec, where + " has no selector: its endpoints are managed by hand and are not imported");
        List<PodTemplate> backends = selected.apply(namespace, selector);

        List<Service.ServicePort> ports = new ArrayList<>();
        for (SourceNode p : diag.items(spec.get("ports"), "ports of " + where)) {
            SourceNode pm = diag.map(p, "a port of " + where);
            if (pm == null) continue;
            diag.unknownKeys(pm, PORT_KEYS, "a port of " + where, false);
            if (!pm.has("port")) throw diag.error(pm, "a Service port needs 'port'");
            int port = diag.integer(pm.get("port"), "port", 1, 65535, 0);
            Proto proto = PodTemplate.protocol(diag, pm.get("protocol"));
            if (proto == null) continue;
            int target = targetPort(pm.get("targetPort"), port, backends, where);
            int nodePort = diag.integer(pm.get("nodePort"), "nodePort", 1, 65535, 0);
            if (nodePort != 0 && type == Service.Type.CLUSTER_IP) {
                diag.warn(pm.get("nodePort"), "nodePort on a ClusterIP Service has no effect: ignored");
                nodePort = 0;
            }
            ports.add(new Service.ServicePort(diag.string(pm.get("name"), "name"), port, target, nodePort, proto));
        }
        String policy = diag.string(spec.get("externalTrafficPolicy"), "externalTrafficPolicy");
        Service.TrafficPolicy traffic = null;
        if (policy != null) {
            if (policy.equals("Local")) traffic = Service.TrafficPolicy.LOCAL;
            else if (policy.equals("Cluster")) traffic = Service.TrafficPolicy.CLUSTER;
            else throw diag.error(spec.get("externalTrafficPolicy"), "externalTrafficPolicy must be Cluster or Local, not '" + policy + "'");
        }
        String lbIp = null, externalName = null;
        Service.LoadBalancerMode mode = null;
        if (type == Service.Type.LOAD_BALANCER) {
            lbIp = diag.string(spec.get("loadBalancerIP"), "loadBalancerIP");
            if (lbIp != null && !Ipv4.isValid(lbIp)) throw diag.error(spec.get("loadBalancerIP"), "loadBalancerIP must be an IPv4 address, not '" + lbIp + "'");
            String lbClass = diag.string(spec.get("loadBalancerClass"), "loadBalancerClass");
            // no class: the cluster's default implementation, MetalLB here; a cloud's class (service.k8s.aws/nlb, ...) is an outside load balancer
            mode = lbClass == null || lbClass.contains("metallb") ? Service.LoadBalancerMode.METALLB_L2 : Service.LoadBalancerMode.CLOUD;
        } else if (type == Service.Type.EXTERNAL_NAME) {
            externalName = diag.string(spec.get("externalName"), "externalName");
            if (externalName == null) throw diag.error(spec, where + " is an ExternalName Service without externalName");
            clusterIp = null;
        }
        return new Service(id, name, namespace, type, clusterIp, ports, selector, traffic, lbIp, mode, externalName);
    }

    private int targetPort(SourceNode n, int port, List<PodTemplate> backends, String where) {
        String text = diag.string(n, "targetPort");
        if (text == null) return port;
        if (text.chars().allMatch(Character::isDigit)) return diag.integer(n, "targetPort", 1, 65535, port);
        for (PodTemplate t : backends) {
            Integer resolved = t.portNames().get(text);
            if (resolved != null) return resolved;
        }
        diag.warn(n, "the named targetPort '" + text + "' of " + where + " matches no container port of the pods it selects; using port " + port);
        return port;
    }
}
