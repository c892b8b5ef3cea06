package dev.hopscope.net.provider.kubeproxy;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Pod;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.provider.Compilation;

import java.util.List;

/**
 * A pod container's {@code hostPort}, published on its node as the CNI {@code portmap} plugin
 * does it: a DNAT in the node's PREROUTING and OUTPUT for packets to one of the node's own
 * addresses ({@code -m addrtype --dst-type LOCAL}; with {@code hostIP}, to that address only) on
 * the host port, to the pod's address and container port. Unlike a NodePort, only the pod's own
 * node answers, and the client's address is kept. A hostNetwork pod needs none: it listens on the
 * node itself.
 */
final class HostPorts {
    private HostPorts() {}

    static void build(Compilation c) {
        for (Pod p : c.doc().all(Pod.class)) {
            if (p.hostNetwork() || p.hostPorts().isEmpty()) continue;
            Ipv4 ip = c.podAddress(p);
            Namespace node = c.hostNs(p.node());
            if (ip == null || node == null) continue;
            String nodeName = c.doc().get(p.node(), Host.class).map(Host::name).orElse(p.node());
            for (PublishedPort hp : p.hostPorts()) {
                if (hp.hostPort() == 0) continue;
                int containerPort = hp.containerPort() == 0 ? hp.hostPort() : hp.containerPort();
                Match m = Match.ANY.toLocal().withProto(hp.proto(), hp.hostPort());
                boolean oneAddress = hp.hostIp() != null && Ipv4.isValid(hp.hostIp()) && !hp.hostIp().equals("0.0.0.0");
                if (oneAddress) m = m.toNet(Cidr.host(Ipv4.parse(hp.hostIp())));
                List<NatTarget> to = List.of(new NatTarget(ip, containerPort, p.id()));
                String why = "the CNI portmap plugin DNATs " + (oneAddress ? hp.hostIp() : nodeName + "'s addresses") + " port " + hp.hostPort() + "/"
                        + hp.proto().label() + " to pod " + p.name() + " " + ip + ":" + containerPort + " (hostPort)";
                node.addRule(Rule.dnat(Chain.PREROUTING, m, to, 0, why, List.of(p.id(), p.node())));
                node.addRule(Rule.dnat(Chain.OUTPUT, m, to, 0, why, List.of(p.id(), p.node())));
            }
        }
    }
}
