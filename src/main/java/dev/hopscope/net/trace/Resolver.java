package dev.hopscope.net.trace;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Labels;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.DnsConfig;
import dev.hopscope.net.dataplane.Namespace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Locale;

/**
 * Name resolution as a container or pod sees it: /etc/hosts first, then Docker's embedded DNS
 * (127.0.0.11, user-defined networks only, names and aliases of containers on the asker's
 * networks), then cluster DNS for pods (svc, svc.ns, svc.ns.svc.cluster.local). The answer is a
 * typed {@link DnsLookup}; the narrator says it.
 */
final class Resolver {
    private final Document doc;
    private final Ipam.Addressing addr;

    Resolver(Document doc, Ipam.Addressing addr) {
        this.doc = doc;
        this.addr = addr;
    }

    private volatile Map<String, Map<String, List<Ipv4>>> embedded;

    /** Docker's DNS records per network: container names, ids and aliases (lower case) to every address that answers to them. */
    private Map<String, Map<String, List<Ipv4>>> embedded() {
        Map<String, Map<String, List<Ipv4>>> m = embedded;
        if (m == null) {
            m = new HashMap<>();
            for (Container c : doc.all(Container.class))
                for (Attachment a : c.attachments()) {
                    var ip = addr.address(c.id(), a.network());
                    if (ip.isEmpty()) continue;
                    Map<String, List<Ipv4>> names = m.computeIfAbsent(a.network(), k -> new HashMap<>());
                    Set<String> own = new LinkedHashSet<>();
                    own.add(c.name().toLowerCase(Locale.ROOT));
                    own.add(c.id().toLowerCase(Locale.ROOT));
                    for (String alias : a.aliases()) own.add(alias.toLowerCase(Locale.ROOT));
                    for (String n : own) {
                        List<Ipv4> ips = names.computeIfAbsent(n, k -> new ArrayList<>());
                        if (!ips.contains(ip.get())) ips.add(ip.get());
                    }
                }
            embedded = m;
        }
        return m;
    }

    DnsLookup resolve(Namespace asker, String name) {
        DnsConfig dns = asker.dns();
        String q = name.toLowerCase(Locale.ROOT);
        Ipv4 fromHosts = dns.hosts().get(q);
        if (fromHosts != null) return lookup(asker, name, new DnsLookup.HostsFile(), new DnsLookup.Found(fromHosts, new DnsLookup.HostsEntry()));
        DnsConfig.LinkAlias link = dns.linkAliases().get(q);
        if (link != null) return lookup(asker, name, new DnsLookup.DockerDns(), new DnsLookup.Found(link.address(), new DnsLookup.LinkName(link.network())));
        for (String net : dns.embeddedNetworks()) {
            List<Ipv4> ips = embedded().getOrDefault(net, Map.of()).get(q);
            if (ips == null) continue;
            DnsLookup.Record record = ips.size() == 1 ? new DnsLookup.ContainerName(net) : new DnsLookup.SharedName(net, ips);
            return lookup(asker, name, new DnsLookup.DockerDns(), new DnsLookup.Found(ips.get(0), record));
        }
        if (dns.kubeNamespace() != null) {
            DnsLookup.Server server = new DnsLookup.ClusterDns(clusterDnsAddress());
            for (Service s : doc.all(Service.class)) {
                if (!serviceName(q, s, dns.kubeNamespace())) continue;
                if (s.headless()) {
                    for (Pod p : doc.all(Pod.class))
                        if (p.namespace().equals(s.namespace()) && !s.selector().isEmpty() && Labels.matches(s.selector(), p.labels())) {
                            var ip = Ipam.podNetwork(doc, p).flatMap(b -> addr.address(p.id(), b.id()));
                            if (ip.isPresent())
                                return lookup(asker, name, server, new DnsLookup.Found(ip.get(), new DnsLookup.HeadlessServicePod(s.id(), p.id())));
                        }
                    return lookup(asker, name, server, new DnsLookup.HeadlessWithoutPods(s.id()));
                }
                Ipv4 cip = addr.clusterIps().get(s.id());
                if (cip == null) return lookup(asker, name, server, new DnsLookup.NoServiceRecord());
                return lookup(asker, name, server, new DnsLookup.Found(cip, new DnsLookup.ServiceName(s.id(), s.namespace())));
            }
            return lookup(asker, name, server, new DnsLookup.NoServiceRecord());
        }
        if (dns.embeddedNetworks().isEmpty()) {
            boolean onDefault = doc.get(asker.node(), Container.class).map(c -> c.attachments().stream()
                    .anyMatch(a -> doc.get(a.network(), Bridge.class).map(b -> b.bridgeKind() == Bridge.Kind.DEFAULT).orElse(false))).orElse(false);
            return lookup(asker, name, new DnsLookup.NoServer(), onDefault ? new DnsLookup.DefaultBridgeOnly() : new DnsLookup.NoResolver());
        }
        return lookup(asker, name, new DnsLookup.DockerDns(), new DnsLookup.NotOnNetworks(dns.embeddedNetworks()));
    }

    /** A node of the design, as the resolver of a host or external machine knows it. */
    static DnsLookup knownNode(Namespace asker, String name, Ipv4 address, String node) {
        return lookup(asker, name, new DnsLookup.HostResolver(), new DnsLookup.Found(address, new DnsLookup.NodeName(node)));
    }

    private static DnsLookup lookup(Namespace asker, String name, DnsLookup.Server server, DnsLookup.Answer answer) {
        return new DnsLookup(name, asker.name(), server, answer);
    }

    /** The kube-dns Service's ClusterIP, when the design has one (kube-system/kube-dns, as kubeadm names it). */
    private java.util.Optional<Ipv4> clusterDnsAddress() {
        for (Service s : doc.all(Service.class))
            if (s.name().equals("kube-dns") && s.namespace().equals("kube-system")) return java.util.Optional.ofNullable(addr.clusterIps().get(s.id()));
        return java.util.Optional.empty();
    }

    private static boolean serviceName(String q, Service s, String askerNs) {
        String n = s.name().toLowerCase(Locale.ROOT), ns = s.namespace().toLowerCase(Locale.ROOT);
        return (q.equals(n) && ns.equals(askerNs)) || q.equals(n + "." + ns) || q.equals(n + "." + ns + ".svc")
                || q.equals(n + "." + ns + ".svc.cluster.local");
    }
}
