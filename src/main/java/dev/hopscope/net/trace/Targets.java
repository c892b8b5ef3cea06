package dev.hopscope.net.trace;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Labels;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.Dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every address and port by which a node's socket can be reached, as typed {@link Target}s: its
 * own addresses, and where the socket is published, the host's address with the published port;
 * for a pod, each node's address with the port of a NodePort Service that selects it; for a
 * Service its ClusterIP and, for a NodePort, each node's address with the node port.
 */
public final class Targets {
    private final Dataplane dp;

    Targets(Dataplane dp) { this.dp = dp; }

    /** The node's own addresses (what the analysis reports as an endpoint's addresses). */
    public List<Ipv4> addresses(Node n) { return new ArrayList<>(ownAddresses(n).keySet()); }

    /** The node's own addresses, each with the network (document id) it holds it on. */
    private Map<Ipv4, String> ownAddresses(Node n) {
        Ipam.Addressing a = dp.addressing();
        Map<Ipv4, String> out = new LinkedHashMap<>();
        if (n instanceof Container c) {
            if (c.mode() == Container.Mode.HOST) dp.document().get(c.host(), Host.class).ifPresent(h -> out.putAll(ownAddresses(h)));
            else if (c.mode() == Container.Mode.CONTAINER) dp.document().find(c.modeTarget()).filter(t -> t != n).ifPresent(t -> out.putAll(ownAddresses(t)));
            else for (Attachment at : c.attachments()) a.address(c.id(), at.network()).ifPresent(ip -> out.putIfAbsent(ip, at.network()));
        } else if (n instanceof Pod p) {
            if (p.hostNetwork()) dp.document().get(p.node(), Host.class).ifPresent(h -> out.putAll(ownAddresses(h)));
            else Ipam.podNetwork(dp.document(), p).ifPresent(b -> a.address(p.id(), b.id()).ifPresent(ip -> out.putIfAbsent(ip, b.id())));
        } else if (n instanceof External e) {
            if (e.address() != null) out.putIfAbsent(Cidr.parse(e.address()).address(), e.underlay());
        } else if (n instanceof Host h) {
            if (h.address() != null) out.putIfAbsent(Cidr.parse(h.address()).address(), h.underlay());
            for (Bridge b : dp.document().all(Bridge.class)) if (b.host().equals(h.id())) a.gateway(b.id()).ifPresent(ip -> out.putIfAbsent(ip, b.id()));
        } else if (n instanceof Service s) {
            Ipv4 cip = a.clusterIps().get(s.id());
            if (cip != null) out.putIfAbsent(cip, null);
        }
        return out;
    }

    /** Same as {@link #of(Node, Probe)}; the note is not used any more (a DNS answer is a {@link Target#lookup()}). */
    @Deprecated
    public List<Target> of(Node n, Probe probe, String unused) { return of(n, probe); }

    /**
     * Candidates for a probe to a node's socket on {@code probe.port()} (what the reachability
     * matrix tries): own addresses first, then published ports and NodePorts.
     */
    public List<Target> of(Node n, Probe probe) {
        List<Target> out = new ArrayList<>();
        if (n instanceof Service s) {
            Ipv4 cip = dp.addressing().clusterIps().get(s.id());
            for (Service.ServicePort sp : s.ports()) {
                if (probe.proto() != Proto.ICMP && (sp.proto() != probe.proto() || sp.port() != probe.port())) continue;
                if (cip != null) out.add(new Target(cip, sp.port(), new Target.ClusterIp(s.id(), sp.port()), Optional.empty(), Optional.empty()));
                loadBalancer(s, sp, Optional.empty()).ifPresent(out::add);
                if (s.type().hasNodePort())
                    for (Host h : nodes()) {
                        if (h.address() == null) continue;
                        int nodePort = dp.addressing().nodePort(s.id(), sp.port());
                        out.add(new Target(Cidr.parse(h.address()).address(), nodePort, new Target.NodePort(s.id(), h.id(), sp.port(), nodePort),
                                Optional.empty(), Optional.empty()));
                    }
            }
            if (probe.proto() == Proto.ICMP && out.isEmpty() && cip != null)
                out.add(new Target(cip, 0, new Target.ClusterIp(s.id(), 0), Optional.empty(), Optional.empty()));
            return out;
        }
        // the endpoint's own namespace must be where the packet lands (hosts and host-mode endpoints share the host's)
        Optional<String> self = n instanceof Container || n instanceof Pod || n instanceof External ? Optional.of(n.id()) : Optional.empty();
        for (Map.Entry<Ipv4, String> own : ownAddresses(n).entrySet())
            out.add(new Target(own.getKey(), probe.port(), new Target.OwnAddress(own.getValue()), self, Optional.empty()));
        if (n instanceof Pod pod && probe.proto() != Proto.ICMP) {
            // a NodePort Service that selects this pod publishes its target port on every node
            for (Service s : dp.document().all(Service.class)) {
                if (!s.type().hasNodePort() || !selects(s, pod)) continue;
                for (Service.ServicePort sp : s.ports()) {
                    if (sp.proto() != probe.proto() || sp.targetPort() != probe.port()) continue;
                    int nodePort = dp.addressing().nodePort(s.id(), sp.port());
                    for (Host h : nodes())
                        if (h.address() != null)
                            out.add(new Target(Cidr.parse(h.address()).address(), nodePort, new Target.NodePort(s.id(), h.id(), sp.port(), nodePort),
                                    self, Optional.empty()));
                }
            }
        }
        if (n instanceof Pod pod && probe.proto() != Proto.ICMP) {
            // a LoadBalancer Service that selects it, and its own hostPorts (the CNI portmap plugin, on its node only)
            for (Service s : dp.document().all(Service.class)) {
                if (s.type() != Service.Type.LOAD_BALANCER || !selects(s, pod)) continue;
                for (Service.ServicePort sp : s.ports())
                    if (sp.proto() == probe.proto() && sp.targetPort() == probe.port()) loadBalancer(s, sp, self).ifPresent(out::add);
            }
            Host node = pod.hostNetwork() ? null : dp.document().get(pod.node(), Host.class).orElse(null);
            if (node != null)
                for (PublishedPort hp : pod.hostPorts()) {
                    int containerPort = hp.containerPort() == 0 ? hp.hostPort() : hp.containerPort();
                    if (hp.proto() != probe.proto() || containerPort != probe.port()) continue;
                    Ipv4 at = hp.hostIp() != null && Ipv4.isValid(hp.hostIp()) && !hp.hostIp().equals("0.0.0.0") ? Ipv4.parse(hp.hostIp())
                            : node.address() != null ? Cidr.parse(node.address()).address() : null;
                    if (at != null) out.add(new Target(at, hp.hostPort(), new Target.PublishedPort(node.id(), containerPort, hp.hostPort(), hp.proto()),
                            self, Optional.empty()));
                }
        }
        if (n instanceof Container c && probe.proto() != Proto.ICMP)
            for (PublishedPort pp : c.ports())
                if (pp.proto() == probe.proto() && pp.containerPort() == probe.port()) published(c, pp).ifPresent(out::add);
        return out;
    }

    /**
     * Candidates for what a person typed as NAME:PORT: {@link #of(Node, Probe)}, and where the port
     * is one a container publishes on its host (web:8080 for {@code -p 8080:80}), the host's port and
     * the container's own address at its container port too.
     */
    public List<Target> typed(Node n, Probe probe) {
        if (!(n instanceof Container c) || probe.proto() == Proto.ICMP) return of(n, probe);
        List<Target> out = new ArrayList<>();
        Optional<String> self = Optional.of(c.id());
        for (PublishedPort pp : c.ports()) {
            if (pp.proto() != probe.proto() || pp.hostPort() != probe.port() || pp.containerPort() == probe.port()) continue;
            // the port typed is the host's: the container's own address at its container port, else the host's port
            for (Map.Entry<Ipv4, String> own : ownAddresses(c).entrySet())
                out.add(new Target(own.getKey(), pp.containerPort(), new Target.OwnAddress(own.getValue()), self, Optional.empty()));
            published(c, pp).ifPresent(out::add);
        }
        if (out.isEmpty()) return of(n, probe);
        boolean listens = c.sockets().stream().anyMatch(k -> k.proto() == probe.proto() && k.port() == probe.port());
        if (listens) out.addAll(of(n, probe));
        return out;
    }

    private Optional<Target> published(Container c, PublishedPort pp) {
        Host h = dp.document().get(c.host(), Host.class).orElse(null);
        if (h == null) return Optional.empty();
        Ipv4 hostIp = pp.hostIp() != null && !pp.hostIp().equals("0.0.0.0") ? Ipv4.parse(pp.hostIp())
                : h.address() != null ? Cidr.parse(h.address()).address() : null;
        if (hostIp == null) return Optional.empty();
        return Optional.of(new Target(hostIp, pp.hostPort(), new Target.PublishedPort(h.id(), pp.containerPort(), pp.hostPort(), pp.proto()),
                Optional.of(c.id()), Optional.empty()));
    }

    private Optional<Target> loadBalancer(Service s, Service.ServicePort sp, Optional<String> endpoint) {
        if (s.type() != Service.Type.LOAD_BALANCER) return Optional.empty();
        Ipv4 vip = loadBalancerIps().get(s.id());
        return vip == null ? Optional.empty()
                : Optional.of(new Target(vip, sp.port(), new Target.LoadBalancer(s.id(), sp.port()), endpoint, Optional.empty()));
    }

    private volatile Map<String, Ipv4> lbIps;

    private Map<String, Ipv4> loadBalancerIps() {
        Map<String, Ipv4> m = lbIps;
        if (m == null) lbIps = m = Ipam.loadBalancerIps(dp.document());
        return m;
    }

    private static boolean selects(Service s, Pod pod) {
        return !s.selector().isEmpty() && s.namespace().equals(pod.namespace()) && Labels.matches(s.selector(), pod.labels());
    }

    private List<Host> nodes() {
        List<Host> k8s = dp.document().all(Host.class).stream().filter(h -> h.role() == Host.Role.K8S_NODE).toList();
        return k8s.isEmpty() ? dp.document().all(Host.class) : k8s;
    }
}
