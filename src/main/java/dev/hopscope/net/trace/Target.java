package dev.hopscope.net.trace;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Proto;

import java.util.Optional;

/**
 * What a flow was sent to, and how that address and port stand for the destination: the node's
 * own address on a network, its host's published port, a NodePort on a node, a ClusterIP, or an
 * address as given (typed, or answered by a resolver: then {@code lookup} is that answer and the
 * trace starts with a DNS step). {@code endpoint} is the node meant, where one is: a packet that
 * arrives anywhere else was caught by an address someone else also owns.
 */
public record Target(Ipv4 address, int port, How how, Optional<String> endpoint, Optional<DnsLookup> lookup) {

    public Target {
        if (address == null || how == null) throw new IllegalArgumentException("a target needs an address and a way");
    }

    /** An address as given, with no endpoint meant. */
    public static Target address(Ipv4 address, int port) {
        return new Target(address, port, new Given(), Optional.empty(), Optional.empty());
    }

    /** {@code address:port}, or the address alone for ICMP: the {@code via} of SPEC's JSON. */
    public String via(Proto proto) { return address + (proto == Proto.ICMP ? "" : ":" + port); }

    Target withLookup(DnsLookup l) { return new Target(address, port, how, endpoint, Optional.of(l)); }

    /** How an address and port stand for the destination. */
    public sealed interface How permits OwnAddress, PublishedPort, NodePort, ClusterIp, LoadBalancer, Given {}

    /** The node's own address on {@code network} (a bridge, overlay or underlay, by document id). */
    public record OwnAddress(String network) implements How {}

    /** Docker publishes the container's {@code containerPort} on its host's {@code hostPort}. */
    public record PublishedPort(String host, int containerPort, int hostPort, Proto proto) implements How {}

    /** kube-proxy answers {@code nodePort} on {@code node} for the Service's {@code servicePort}. */
    public record NodePort(String service, String node, int servicePort, int nodePort) implements How {}

    /** The Service's virtual ClusterIP and port, which kube-proxy rewrites to an endpoint. */
    public record ClusterIp(String service, int servicePort) implements How {}

    /** A LoadBalancer Service's address and port (MetalLB on a node, or a cloud load balancer in front of the NodePorts). */
    public record LoadBalancer(String service, int servicePort) implements How {}

    /** An address as typed, or as a resolver answered it. */
    public record Given() implements How {}
}
