package dev.hopscope.net.trace;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Labels;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.DnsConfig;
import dev.hopscope.net.dataplane.Namespace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Name resolution as a container or pod sees it: /etc/hosts first, then Docker's embedded DNS
 * (127.0.0.11, user-defined networks only, names and aliases of containers on the asker's
 * networks), then cluster DNS for pods (svc, svc.ns, svc.ns.svc.cluster.local).
 */
final class Resolver {
    /** An answer: the address, or null with the reason, and the sentence a DNS hop shows. */
    record Answer(Ipv4 address, String note) {}

    private final Document doc;
    private final Ipam.Addressing addr;

    Resolver(Document doc, Ipam.Addressing addr) {
        this.doc = doc;
        this.addr = addr;
    }

    private volatile Map<String, Map<String, Ipv4>> embedded;

    /** Docker's DNS records per network: container names, ids and aliases (lower case) to addresses. */
    private Map<String, Map<String, Ipv4>> embedded() {
        Map<String, Map<String, Ipv4>> m = embedded;
        if (m == null) {
            m = new HashMap<>();
            for (Container c : doc.all(Container.class))
                for (Attachment a : c.attachments()) {
                    var ip = addr.address(c.id(), a.network());
                    if (ip.isEmpty()) continue;
                    Map<String, Ipv4> names = m.computeIfAbsent(a.network(), k -> new HashMap<>());
                    names.putIfAbsent(c.name().toLowerCase(Locale.ROOT), ip.get());
                    names.putIfAbsent(c.id().toLowerCase(Locale.ROOT), ip.get());
                    for (String alias : a.aliases()) names.putIfAbsent(alias.toLowerCase(Locale.ROOT), ip.get());
                }
            embedded = m;
        }
        return m;
    }

    Answer resolve(Namespace asker, String name) {
        DnsConfig dns = asker.dns();
        String q = name.toLowerCase(Locale.ROOT);
        Ipv4 fromHosts = dns.hosts().get(q);
        if (fromHosts != null) return new Answer(fromHosts, name + " is " + fromHosts + " in " + asker.name() + "'s /etc/hosts");
        DnsConfig.LinkAlias link = dns.linkAliases().get(q);
        if (link != null)
            return new Answer(link.address(), "Docker's embedded DNS (127.0.0.11) answers " + name + " → " + link.address()
                    + ": a link of " + asker.name() + "'s, answered with the address on the network the two share (" + netName(link.network()) + ")");
        for (String net : dns.embeddedNetworks()) {
            Ipv4 ip = embedded().getOrDefault(net, Map.of()).get(q);
            if (ip != null)
                return new Answer(ip, "Docker's embedded DNS (127.0.0.11) answers " + name + " → " + ip + " (network " + netName(net) + ")");
        }
        if (dns.kubeNamespace() != null) {
            for (Service s : doc.all(Service.class)) {
                if (!serviceName(q, s, dns.kubeNamespace())) continue;
                if (s.headless()) {
                    for (Pod p : doc.all(Pod.class))
                        if (p.namespace().equals(s.namespace()) && !s.selector().isEmpty() && Labels.matches(s.selector(), p.labels())) {
                            var ip = Ipam.podNetwork(doc, p).flatMap(b -> addr.address(p.id(), b.id()));
                            if (ip.isPresent()) return new Answer(ip.get(), "cluster DNS answers the headless Service " + name + " with a pod address: " + ip.get());
                        }
                    return new Answer(null, "the headless Service " + s.name() + " selects no pod: cluster DNS has no address for " + name);
                }
                Ipv4 cip = addr.clusterIps().get(s.id());
                return new Answer(cip, "cluster DNS answers " + name + " → " + cip + " (the ClusterIP of Service " + s.name() + "." + s.namespace() + ")");
            }
        }
        return new Answer(null, why(asker, name));
    }

    private static boolean serviceName(String q, Service s, String askerNs) {
        String n = s.name().toLowerCase(Locale.ROOT), ns = s.namespace().toLowerCase(Locale.ROOT);
        return (q.equals(n) && ns.equals(askerNs)) || q.equals(n + "." + ns) || q.equals(n + "." + ns + ".svc")
                || q.equals(n + "." + ns + ".svc.cluster.local");
    }

    private String netName(String id) { return doc.node(id).map(Node::name).orElse(id); }

    private String why(Namespace asker, String name) {
        DnsConfig dns = asker.dns();
        if (dns.kubeNamespace() != null)
            return "cluster DNS has no record for " + name + ": it resolves Services (name, name.namespace, name.namespace.svc.cluster.local), not pod names";
        if (dns.embeddedNetworks().isEmpty()) {
            boolean onDefault = doc.get(asker.node(), Container.class).map(c -> c.attachments().stream()
                    .anyMatch(a -> doc.get(a.network(), Bridge.class).map(b -> b.bridgeKind() == Bridge.Kind.DEFAULT).orElse(false))).orElse(false);
            if (onDefault)
                return asker.name() + " is only on the default bridge, where Docker has no embedded DNS: \"" + name
                        + "\" does not resolve (put both containers on a user-defined network, or use the address)";
            return asker.name() + " has no resolver that knows \"" + name + "\"";
        }
        List<String> nets = dns.embeddedNetworks().stream().map(this::netName).toList();
        return "Docker's embedded DNS answers only for containers on " + asker.name() + "'s networks (" + String.join(", ", nets)
                + "): no container called \"" + name + "\" is there";
    }
}
