package dev.hopscope.net.compile;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.net.dataplane.DnsConfig;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's part: a namespace per pod (the pause container's, shared by the pod's
 * containers) or the node's for a hostNetwork pod, its sockets, cluster DNS, and the pod joined
 * to its pod network by that network's provider (the CNI), with a default route through the
 * gateway the CNI gives.
 */
final class Pods {
    private Pods() {}

    static void compile(Compilation c) {
        for (Pod p : c.doc().all(Pod.class)) {
            Namespace node = c.hostNs(p.node());
            if (p.hostNetwork()) {
                c.dp().bind(p.id(), node);
                DataplaneCompiler.listen(node, p.sockets(), p.id());
                continue;
            }
            Namespace ns = c.dp().add(new Namespace(Compilation.nsName(p.id()), Namespace.Kind.POD, p.id(), p.node(), false));
            c.dp().bind(p.id(), ns);
            DataplaneCompiler.listen(ns, p.sockets(), p.id());
            Map<String, Ipv4> hosts = new LinkedHashMap<>();
            hosts.put("localhost", Ipv4.parse("127.0.0.1"));
            ns.setDns(new DnsConfig(List.of(), p.namespace(), hosts));
            Node net = Ipam.podNetwork(c.doc(), p).orElseThrow();
            Ipv4 ip = c.addr().address(p.id(), net.id()).orElse(null);
            NetworkProvider provider = c.providerOf(net).orElse(null);
            if (ip == null || provider == null) continue;
            Joined j = provider.attach(c, ns, p, net, ip);
            if (j != null && j.gateway() != null)
                ns.addRoute(new Route(Cidr.parse("0.0.0.0/0"), j.gateway(), j.inside(), j.onlinkGateway(), null));
        }
    }
}
