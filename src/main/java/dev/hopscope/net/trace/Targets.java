package dev.hopscope.net.trace;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.Dataplane;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every address and port by which a node's socket can be reached: its own addresses, and where
 * the socket is published, the host's address with the published port; for a Service its
 * ClusterIP and, for a NodePort, each node's address with the node port.
 */
public final class Targets {
    /** An address and port to send to; {@code node} is the endpoint meant (null for a bare address or a DNS answer). */
    public record Target(Ipv4 address, int port, String dnsNote, String node) {
        public Target(Ipv4 address, int port, String dnsNote) { this(address, port, dnsNote, null); }
    }

    private final Dataplane dp;

    Targets(Dataplane dp) { this.dp = dp; }

    /** The node's own addresses (what the analysis reports as an endpoint's addresses). */
    public List<Ipv4> addresses(Node n) {
        Ipam.Addressing a = dp.addressing();
        Set<Ipv4> out = new LinkedHashSet<>();
        if (n instanceof Container c) {
            if (c.mode() == Container.Mode.HOST) dp.document().get(c.host(), Host.class).ifPresent(h -> out.addAll(addresses(h)));
            else if (c.mode() == Container.Mode.CONTAINER) dp.document().find(c.modeTarget()).filter(t -> t != n).ifPresent(t -> out.addAll(addresses(t)));
            else for (Attachment at : c.attachments()) a.address(c.id(), at.network()).ifPresent(out::add);
        } else if (n instanceof Pod p) {
            if (p.hostNetwork()) dp.document().get(p.node(), Host.class).ifPresent(h -> out.addAll(addresses(h)));
            else Ipam.podNetwork(dp.document(), p).flatMap(b -> a.address(p.id(), b.id())).ifPresent(out::add);
        } else if (n instanceof External e) {
            if (e.address() != null) out.add(Cidr.parse(e.address()).address());
        } else if (n instanceof Host h) {
            if (h.address() != null) out.add(Cidr.parse(h.address()).address());
            for (Bridge b : dp.document().all(Bridge.class)) if (b.host().equals(h.id())) a.gateway(b.id()).ifPresent(out::add);
        } else if (n instanceof Service s) {
            Ipv4 cip = a.clusterIps().get(s.id());
            if (cip != null) out.add(cip);
        }
        return new ArrayList<>(out);
    }

    /** Candidates for a probe to a node: own addresses first, then published ports / NodePorts. */
    public List<Target> of(Node n, Probe probe, String note) {
        List<Target> out = new ArrayList<>();
        if (n instanceof Service s) {
            for (Service.ServicePort sp : s.ports()) {
                if (probe.proto() != Proto.ICMP && (sp.proto() != probe.proto() || sp.port() != probe.port())) continue;
                Ipv4 cip = dp.addressing().clusterIps().get(s.id());
                if (cip != null) out.add(new Target(cip, sp.port(), note, null));
                if (s.type() == Service.Type.NODE_PORT)
                    for (Host h : nodes()) {
                        if (h.address() == null) continue;
                        out.add(new Target(Cidr.parse(h.address()).address(), dp.addressing().nodePort(s.id(), sp.port()), note, null));
                    }
            }
            if (probe.proto() == Proto.ICMP && out.isEmpty())
                for (Ipv4 ip : addresses(n)) out.add(new Target(ip, 0, note));
            return out;
        }
        // the endpoint's own namespace must be where the packet lands (hosts and host-mode endpoints share the host's)
        String self = n instanceof Container || n instanceof Pod || n instanceof External ? n.id() : null;
        for (Ipv4 ip : addresses(n)) out.add(new Target(ip, probe.port(), note, self));
        if (n instanceof Pod pod && probe.proto() != Proto.ICMP) {
            // a NodePort Service that selects this pod publishes its target port on every node
            for (Service s : dp.document().all(Service.class)) {
                if (s.type() != Service.Type.NODE_PORT || s.selector().isEmpty() || !s.namespace().equals(pod.namespace())
                        || !dev.hopscope.model.Labels.matches(s.selector(), pod.labels())) continue;
                for (Service.ServicePort sp : s.ports()) {
                    if (sp.proto() != probe.proto() || sp.targetPort() != probe.port()) continue;
                    for (Host h : nodes())
                        if (h.address() != null)
                            out.add(new Target(Cidr.parse(h.address()).address(), dp.addressing().nodePort(s.id(), sp.port()), note, self));
                }
            }
        }
        if (n instanceof Container c && probe.proto() != Proto.ICMP) {
            Host h = dp.document().get(c.host(), Host.class).orElse(null);
            for (PublishedPort pp : c.ports()) {
                if (pp.proto() != probe.proto() || pp.containerPort() != probe.port() || h == null) continue;
                Ipv4 hostIp = pp.hostIp() != null && !pp.hostIp().equals("0.0.0.0") ? Ipv4.parse(pp.hostIp())
                        : h.address() != null ? Cidr.parse(h.address()).address() : null;
                if (hostIp != null) out.add(new Target(hostIp, pp.hostPort(), note, self));
            }
        }
        return out;
    }

    private List<Host> nodes() {
        List<Host> k8s = dp.document().all(Host.class).stream().filter(h -> h.role() == Host.Role.K8S_NODE).toList();
        return k8s.isEmpty() ? dp.document().all(Host.class) : k8s;
    }
}
