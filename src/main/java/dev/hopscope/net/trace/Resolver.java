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
import dev.hopscope.net.dataplane.Route;

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
 * networks), then cluster DNS for pods (Services by svc, svc.ns, svc.ns.svc, svc.ns.svc.cluster.local, as a
 * pod's search list expands them; a StatefulSet's pods by hostname.subdomain...). The answer is a
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

    DnsLookup resolve(Namespace asker, String name) { return resolve(asker, name, 0); }

    /** How many CNAMEs the resolver follows (glibc and CoreDNS stop after a handful). */
    private static final int MAX_CNAMES = 8;

    private DnsLookup resolve(Namespace asker, String name, int cnames) {
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
            for (String fqdn : searched(q, dns.kubeNamespace())) {
                Object found = cluster().get(fqdn);
                if (found instanceof Service s && s.type() == Service.Type.EXTERNAL_NAME) return externalName(asker, name, server, s, cnames);
                if (found instanceof Service s) return lookup(asker, name, server, serviceAnswer(s));
                if (found instanceof PodName p)
                    return lookup(asker, name, server, new DnsLookup.Found(p.address(), new DnsLookup.PodHostname(p.service(), p.pod())));
            }
            var viaIngress = ingressHost(q);
            if (viaIngress.isPresent()) return lookup(asker, name, server, viaIngress.get());
            return lookup(asker, name, server, new DnsLookup.NoServiceRecord());
        }
        var viaIngress = ingressHost(q);
        if (viaIngress.isPresent()) return lookup(asker, name, new DnsLookup.HostResolver(), viaIngress.get());
        if (dns.embeddedNetworks().isEmpty()) {
            boolean onDefault = doc.get(asker.node(), Container.class).map(c -> c.attachments().stream()
                    .anyMatch(a -> doc.get(a.network(), Bridge.class).map(b -> b.bridgeKind() == Bridge.Kind.DEFAULT).orElse(false))).orElse(false);
            return lookup(asker, name, new DnsLookup.NoServer(), onDefault ? new DnsLookup.DefaultBridgeOnly() : new DnsLookup.NoResolver());
        }
        return lookup(asker, name, new DnsLookup.DockerDns(), new DnsLookup.NotOnNetworks(dns.embeddedNetworks()));
    }

    /**
     * A host some Ingress has a rule for (exactly, or under a wildcard), answered with the address
     * its controller is reached at; empty when no Ingress routes it or its controller cannot be reached.
     */
    private java.util.Optional<DnsLookup.Found> ingressHost(String q) {
        for (dev.hopscope.model.Ingress in : doc.all(dev.hopscope.model.Ingress.class)) {
            boolean routes = in.rules().stream().anyMatch(r -> r.host() != null && (r.host().equalsIgnoreCase(q)
                    || r.host().startsWith("*.") && q.endsWith(r.host().substring(1).toLowerCase(Locale.ROOT))
                    && q.indexOf('.') == q.length() - r.host().length() + 1));
            if (!routes) continue;
            var entry = ingressEntry(in);
            if (entry.isPresent()) return entry;
        }
        return java.util.Optional.empty();
    }

    /** Where an Ingress's controller pods are reached from outside, in the order a cluster's owner would point DNS at it. */
    private java.util.Optional<DnsLookup.Found> ingressEntry(dev.hopscope.model.Ingress in) {
        java.util.List<Pod> controllers = doc.all(Pod.class).stream().filter(p -> Labels.matches(in.controller(), p.labels())).toList();
        if (controllers.isEmpty()) return java.util.Optional.empty();
        Map<String, Ipv4> lbs = Ipam.loadBalancerIps(doc);
        for (Service s : doc.all(Service.class))
            if (s.type() == Service.Type.LOAD_BALANCER && lbs.containsKey(s.id()) && controllers.stream().anyMatch(p -> selects(s, p)))
                return java.util.Optional.of(new DnsLookup.Found(lbs.get(s.id()), new DnsLookup.IngressHost(in.id(),
                        controllers.get(0).id(), "the load balancer of Service " + s.name())));
        for (Pod p : controllers) {
            var node = doc.get(p.node(), dev.hopscope.model.Host.class).filter(h -> h.address() != null && dev.hopscope.model.Cidr.isValid(h.address()));
            if (node.isPresent() && (p.hostNetwork() || !p.hostPorts().isEmpty()))
                return java.util.Optional.of(new DnsLookup.Found(dev.hopscope.model.Cidr.parse(node.get().address()).address(),
                        new DnsLookup.IngressHost(in.id(), p.id(), (p.hostNetwork() ? "it runs on the host network of " : "its hostPort on ") + node.get().name())));
        }
        for (Service s : doc.all(Service.class))
            if (s.type() == Service.Type.NODE_PORT && controllers.stream().anyMatch(p -> selects(s, p)))
                for (dev.hopscope.model.Host h : doc.all(dev.hopscope.model.Host.class))
                    if (h.role() == dev.hopscope.model.Host.Role.K8S_NODE && h.address() != null && dev.hopscope.model.Cidr.isValid(h.address()))
                        return java.util.Optional.of(new DnsLookup.Found(dev.hopscope.model.Cidr.parse(h.address()).address(),
                                new DnsLookup.IngressHost(in.id(), controllers.get(0).id(), "the NodePort Service " + s.name() + " on " + h.name())));
        return java.util.Optional.empty();
    }

    private static boolean selects(Service s, Pod p) {
        return !s.selector().isEmpty() && s.namespace().equals(p.namespace()) && Labels.matches(s.selector(), p.labels());
    }

    /**
     * An ExternalName Service: a CNAME to its external name, followed as the pod's resolver would:
     * another Service or an Ingress host through cluster DNS, or a machine of the design by its
     * name (the upstream DNS knows it).
     */
    private DnsLookup externalName(Namespace asker, String name, DnsLookup.Server server, Service s, int cnames) {
        String target = s.externalName();
        if (target == null || cnames >= MAX_CNAMES) return lookup(asker, name, server, new DnsLookup.CnameUnresolved(s.id(), String.valueOf(target)));
        String t = target.toLowerCase(Locale.ROOT);
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        DnsLookup inner = resolve(asker, t, cnames + 1);
        if (inner.answer() instanceof DnsLookup.Found f)
            return lookup(asker, name, server, new DnsLookup.Found(f.address(), new DnsLookup.CanonicalName(s.id(), target, f.record())));
        for (dev.hopscope.model.Node n : doc.nodes()) {
            if (!n.name().equalsIgnoreCase(t) && !n.id().equalsIgnoreCase(t)) continue;
            String address = n instanceof dev.hopscope.model.External e ? e.address() : n instanceof dev.hopscope.model.Host h ? h.address() : null;
            if (address != null && dev.hopscope.model.Cidr.isValid(address))
                return lookup(asker, name, server, new DnsLookup.Found(dev.hopscope.model.Cidr.parse(address).address(),
                        new DnsLookup.CanonicalName(s.id(), target, new DnsLookup.NodeName(n.id()))));
        }
        return lookup(asker, name, server, new DnsLookup.CnameUnresolved(s.id(), target));
    }

    /** A node of the design, as the resolver of a host or external machine knows it. */
    static DnsLookup knownNode(Namespace asker, String name, Ipv4 address, String node) {
        return lookup(asker, name, new DnsLookup.HostResolver(), new DnsLookup.Found(address, new DnsLookup.NodeName(node)));
    }

    private static DnsLookup lookup(Namespace asker, String name, DnsLookup.Server server, DnsLookup.Answer answer) {
        return new DnsLookup(name, asker.name(), server, answer, query(asker, server));
    }

    /** Where the asker's query goes out: lo to Docker's 127.0.0.11, or the route to the cluster DNS address. */
    private static java.util.Optional<DnsLookup.Query> query(Namespace asker, DnsLookup.Server server) {
        if (server instanceof DnsLookup.DockerDns d) return java.util.Optional.of(new DnsLookup.Query(LOCALHOST, "lo", d.address()));
        if (server instanceof DnsLookup.ClusterDns c && c.address().isPresent()) {
            Route r = asker.lookup(c.address().get());
            if (r == null) return java.util.Optional.empty();
            Ipv4 src = r.src() != null ? r.src() : r.dev().primaryAddress();
            return src == null ? java.util.Optional.empty() : java.util.Optional.of(new DnsLookup.Query(src, r.dev().name(), c.address().get()));
        }
        return java.util.Optional.empty();
    }

    private static final Ipv4 LOCALHOST = Ipv4.parse("127.0.0.1");

    /** A pod's own name: {@code hostname.subdomain.ns.svc.cluster.local}, published through the headless Service named {@code subdomain}. */
    private record PodName(String service, String pod, Ipv4 address) {}

    private volatile Map<String, Object> cluster;

    /**
     * Cluster DNS's records by fully qualified name: each Service ({@code name.ns.svc.cluster.local};
     * the first one of a name wins, as the design lists them) and each pod with a hostname and a
     * subdomain that a headless Service of that name in its namespace selects (CoreDNS serves those
     * from the Service's endpoints, as a StatefulSet's pods get {@code web-0.nginx...}).
     */
    private Map<String, Object> cluster() {
        Map<String, Object> m = cluster;
        if (m == null) {
            m = new HashMap<>();
            for (Service s : doc.all(Service.class)) m.putIfAbsent(fqdn(s.name(), s.namespace()), s);
            for (Service s : doc.all(Service.class)) {
                if (!s.headless() || s.selector().isEmpty()) continue;
                for (Pod p : doc.all(Pod.class)) {
                    if (p.hostname() == null || p.subdomain() == null || !p.subdomain().equalsIgnoreCase(s.name())
                            || !p.namespace().equals(s.namespace()) || !Labels.matches(s.selector(), p.labels())) continue;
                    var ip = Ipam.podNetwork(doc, p).flatMap(b -> addr.address(p.id(), b.id()));
                    if (ip.isPresent())
                        m.putIfAbsent(p.hostname().toLowerCase(Locale.ROOT) + "." + fqdn(s.name(), s.namespace()), new PodName(s.id(), p.id(), ip.get()));
                }
            }
            cluster = m;
        }
        return m;
    }

    private static String fqdn(String service, String namespace) {
        return (service + "." + namespace + ".svc.cluster.local").toLowerCase(Locale.ROOT);
    }

    /**
     * The names a pod's resolver asks, in order: its resolv.conf has {@code search NS.svc.cluster.local
     * svc.cluster.local cluster.local} and {@code ndots:5}, so a name with fewer than five dots is
     * tried with each suffix first, then as it is; a longer one as it is first.
     */
    private static List<String> searched(String q, String askerNs) {
        String name = q.endsWith(".") ? q.substring(0, q.length() - 1) : q;
        if (q.endsWith(".")) return List.of(name);
        List<String> suffixed = List.of(name + "." + askerNs.toLowerCase(Locale.ROOT) + ".svc.cluster.local", name + ".svc.cluster.local", name + ".cluster.local");
        List<String> out = new ArrayList<>();
        if (name.chars().filter(c -> c == '.').count() >= 5) out.add(name);
        out.addAll(suffixed);
        if (!out.contains(name)) out.add(name);
        return out;
    }

    /** A Service's answer: its ClusterIP, or for a headless Service every selected pod's own address (the first followed). */
    private DnsLookup.Answer serviceAnswer(Service s) {
        if (s.headless()) {
            String first = null;
            List<Ipv4> all = new ArrayList<>();
            for (Pod p : doc.all(Pod.class))
                if (p.namespace().equals(s.namespace()) && !s.selector().isEmpty() && Labels.matches(s.selector(), p.labels())) {
                    var ip = podAddress(p);
                    if (ip.isEmpty() || all.contains(ip.get())) continue;
                    if (first == null) first = p.id();
                    all.add(ip.get());
                }
            if (first == null) return new DnsLookup.HeadlessWithoutPods(s.id());
            return new DnsLookup.Found(all.get(0), new DnsLookup.HeadlessServicePod(s.id(), first, all));
        }
        Ipv4 cip = addr.clusterIps().get(s.id());
        if (cip == null) return new DnsLookup.NoServiceRecord();
        return new DnsLookup.Found(cip, new DnsLookup.ServiceName(s.id(), s.namespace()));
    }

    /** A pod's address as its endpoint: on its pod network, or its node's for a hostNetwork pod. */
    private java.util.Optional<Ipv4> podAddress(Pod p) {
        if (p.hostNetwork())
            return doc.get(p.node(), dev.hopscope.model.Host.class).map(dev.hopscope.model.Host::address).filter(a -> a != null && !a.isBlank())
                    .map(a -> dev.hopscope.model.Cidr.parse(a).address());
        return Ipam.podNetwork(doc, p).flatMap(b -> addr.address(p.id(), b.id()));
    }

    /** The kube-dns Service's ClusterIP, when the design has one (kube-system/kube-dns, as kubeadm names it). */
    private java.util.Optional<Ipv4> clusterDnsAddress() {
        for (Service s : doc.all(Service.class))
            if (s.name().equals("kube-dns") && s.namespace().equals("kube-system")) return java.util.Optional.ofNullable(addr.clusterIps().get(s.id()));
        return java.util.Optional.empty();
    }
}
