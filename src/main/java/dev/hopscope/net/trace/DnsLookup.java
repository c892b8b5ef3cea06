package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;

import java.util.List;
import java.util.Optional;

/**
 * A name lookup, as the source's resolver does it (modelled, not sent as packets): the question,
 * the namespace that asked, the server that answered (or would have), and the answer or why there
 * is none. It is the detail of a DNS step.
 */
public record DnsLookup(String question, String asker, Server server, Answer answer, Optional<Query> query) implements StepDetail {

    /** A lookup answered without a query on any wire (/etc/hosts, no server, a host's resolver). */
    public DnsLookup(String question, String asker, Server server, Answer answer) {
        this(question, asker, server, answer, Optional.empty());
    }

    @Override public StepKind step() { return StepKind.DNS; }

    /** The answered address, if any. */
    public Optional<Ipv4> address() { return answer instanceof Found f ? Optional.of(f.address()) : Optional.empty(); }

    /**
     * Every address the answer holds: several when containers share a name (a scaled service, a
     * shared alias) or a headless Service selects several pods; the one followed first.
     */
    public List<Ipv4> answers() {
        if (!(answer instanceof Found f)) return List.of();
        if (f.record() instanceof SharedName s) return s.all();
        if (f.record() instanceof HeadlessServicePod h && !h.all().isEmpty()) return h.all();
        return List.of(f.address());
    }

    /**
     * The query as it leaves the asker (a pcapng capture writes it): from {@code source} out of
     * {@code device} to {@code server} port 53 — 127.0.0.1 over lo to Docker's 127.0.0.11, or the
     * pod's own address out of the device its route to the cluster DNS address takes.
     */
    public record Query(Ipv4 source, String device, Ipv4 server) {}

    /** Who answers. */
    public sealed interface Server permits HostsFile, DockerDns, ClusterDns, HostResolver, NoServer {}

    /** The namespace's own {@code /etc/hosts} (localhost, legacy links, pinned names). */
    public record HostsFile() implements Server {}

    /** Docker's embedded DNS server, 127.0.0.11 in every container on a user-defined network. */
    public record DockerDns() implements Server {
        public static final Ipv4 ADDRESS = Ipv4.parse("127.0.0.11");
        public Ipv4 address() { return ADDRESS; }
    }

    /** Cluster DNS (CoreDNS behind the kube-dns Service); {@code address} is that Service's ClusterIP when the design has one. */
    public record ClusterDns(Optional<Ipv4> address) implements Server {}

    /** The resolver of a host or an external machine, which knows the design's nodes by name. */
    public record HostResolver() implements Server {}

    /** No resolver would answer (a container only on the default bridge, for instance). */
    public record NoServer() implements Server {}

    /** An answer or its absence. */
    public sealed interface Answer permits Found, NotFound {}

    /** An address; {@code record} says what the name stands for. */
    public record Found(Ipv4 address, Record record) implements Answer {}

    /** What a found name stands for. */
    public sealed interface Record permits ContainerName, SharedName, LinkName, HostsEntry, ServiceName, HeadlessServicePod, PodHostname, NodeName,
            IngressHost, CanonicalName {}

    /** A container's name, id or alias on a user-defined network (by document id). */
    public record ContainerName(String network) implements Record {}

    /**
     * A name several containers answer to on a user-defined network (replicas of a scaled compose
     * service, an alias given to several): Docker's DNS answers with every address, shuffled on each
     * query, so a connection goes to any of them; the trace follows the first, {@code all} lists them.
     */
    public record SharedName(String network, List<Ipv4> all) implements Record {
        public SharedName { all = List.copyOf(all); }
    }

    /** A link of the asker's on a user-defined network: answered with the address on the network the two share. */
    public record LinkName(String network) implements Record {}

    /** An /etc/hosts line. */
    public record HostsEntry() implements Record {}

    /** A Service's ClusterIP (the Service by document id). */
    public record ServiceName(String service, String namespace) implements Record {}

    /**
     * A headless Service's name: cluster DNS answers with an A record for every ready pod it selects
     * ({@code all}, in the Service's endpoint order; a hostNetwork pod by its node's address), and
     * CoreDNS's {@code loadbalance} plugin (in kubeadm's default Corefile) shuffles them on every
     * query, so a connection goes to any of them; the trace follows the first, {@code pod}.
     */
    public record HeadlessServicePod(String service, String pod, List<Ipv4> all) implements Record {
        public HeadlessServicePod { all = all == null ? List.of() : List.copyOf(all); }

        public HeadlessServicePod(String service, String pod) { this(service, pod, List.of()); }
    }

    /**
     * A pod's own name, {@code hostname.subdomain.namespace.svc.cluster.local}: the pod sets hostname
     * and subdomain (a StatefulSet's pods do) and the headless Service named subdomain selects it.
     */
    public record PodHostname(String service, String pod) implements Record {}

    /** A node of the design, as a host's resolver knows it. */
    public record NodeName(String node) implements Record {}

    /**
     * A host an Ingress routes, answered (as the public DNS record its owner keeps would be) with
     * the address where the Ingress's controller is reached: the controller's LoadBalancer Service,
     * else the node of a controller pod that publishes a hostPort or runs on the host network, else
     * a node of its NodePort Service. {@code via} says which, in a few words.
     */
    public record IngressHost(String ingress, String controller, String via) implements Record {}

    /**
     * An ExternalName Service: cluster DNS answers with a CNAME to {@code target}, which the
     * resolver then follows as it would any name; {@code then} is what the target stands for.
     */
    public record CanonicalName(String service, String target, Record then) implements Record {}

    /** Why nothing answered. */
    public sealed interface NotFound extends Answer permits NoServiceRecord, DefaultBridgeOnly, NoResolver, NotOnNetworks, HeadlessWithoutPods, CnameUnresolved {}

    /** Cluster DNS resolves Services, not pod names. */
    public record NoServiceRecord() implements NotFound {}

    /** The asker is only on Docker's default bridge, which has no embedded DNS. */
    public record DefaultBridgeOnly() implements NotFound {}

    /** The asker has no resolver that knows the name. */
    public record NoResolver() implements NotFound {}

    /** Docker's DNS answers only for containers on the asker's networks (document ids). */
    public record NotOnNetworks(List<String> networks) implements NotFound {
        public NotOnNetworks {
            networks = List.copyOf(networks);
        }
    }

    /** An ExternalName Service's CNAME points at a name nothing resolves (or a chain of CNAMEs too long). */
    public record CnameUnresolved(String service, String target) implements NotFound {}

    /** A headless Service that selects no pod has no address to answer with. */
    public record HeadlessWithoutPods(String service) implements NotFound {}
}
