package dev.hopscope.net.trace;

import dev.hopscope.model.Probe;

import java.util.List;
import java.util.Optional;

/**
 * A flow traced both ways, like Batfish's bidirectional trace: the {@code request} leg, and the
 * {@code reply} leg (null when the request never arrived). The flow is DELIVERED only if the
 * reply came back; a delivered request whose reply is lost is NO_RETURN_PATH.
 * <ul>
 * <li>{@code target}: what the request was sent to and how (empty when the name did not resolve);
 *     {@link #via()} is its {@code address:port}.</li>
 * <li>{@code alternatives}: every way to reach the destination the trace considered (the node's
 *     own address, a published port, a NodePort, ...), in the order tried.</li>
 * <li>{@code branches}: where the flow passes a Service with several endpoints, one entry per
 *     endpoint and how that branch ends; this trace follows {@link #branch()}.</li>
 * <li>{@code proxied}: where the request reached an Ingress controller, the second connection it
 *     opened to the Service its rules chose; the flow's disposition is then that connection's.</li>
 * <li>{@code dnsQuery}: where a pod asked cluster DNS for the name and the design has the DNS pods
 *     behind the kube-dns Service, the query as a packet: UDP 53 to the ClusterIP, on to a pod,
 *     and the answer back. If it does not get through, the name does not resolve.</li>
 * </ul>
 */
public record Trace(String from, String to, Probe probe, Optional<Target> target, Disposition disposition, String reason,
                    Leg request, Leg reply, List<Alternative> alternatives, List<Branch> branches, Optional<Proxied> proxied,
                    Optional<Trace> dnsQuery) {

    public Trace {
        alternatives = List.copyOf(alternatives);
        branches = List.copyOf(branches);
        if (proxied == null) proxied = Optional.empty();
        if (dnsQuery == null) dnsQuery = Optional.empty();
    }

    /** A flow that no proxy carried on, its name not asked as a packet. */
    public Trace(String from, String to, Probe probe, Optional<Target> target, Disposition disposition, String reason,
                 Leg request, Leg reply, List<Alternative> alternatives, List<Branch> branches) {
        this(from, to, probe, target, disposition, reason, request, reply, alternatives, branches, Optional.empty(), Optional.empty());
    }

    /** The same flow, with the DNS query that resolved (or failed to resolve) its name. */
    public Trace withDnsQuery(Optional<Trace> q) {
        return new Trace(from, to, probe, target, disposition, reason, request, reply, alternatives, branches, proxied, q);
    }

    /** The request leg's hops. */
    public List<Hop> hops() { return request.hops(); }

    /** The address and port the request was sent to ("192.168.50.11:8080"), or null when nothing was sent. */
    public String via() { return target.map(t -> t.via(probe.proto())).orElse(null); }

    /** The branch this trace follows, when the flow branched. */
    public Optional<Branch> branch() {
        for (Branch b : branches) if (b.followed()) return Optional.of(b);
        return Optional.empty();
    }
}
