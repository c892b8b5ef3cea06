package dev.hopscope.net.provider;

import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.findings.DesignCheck;

import java.util.List;

/**
 * One network kind. The compiler calls every registered provider in phases, in registry order:
 * {@link #build} (devices that exist before anything joins: bridges, VTEPs, per-network NAT),
 * then, for each container or pod attachment to a network this provider {@link #owns},
 * {@link #attach}, then {@link #connect} (routes between hosts, Services, policies), then
 * {@link #finish} (rules that must come last in their chains). A provider keeps no state
 * between compiles: what one compile needs it keeps in the {@link Compilation}.
 */
public interface NetworkProvider {

    /** A short stable name: docker-bridge, docker-overlay, flannel, kube-proxy, ... */
    String name();

    /** Whether this provider compiles that network node (a bridge, an overlay, a network of its driver). */
    default boolean owns(Node network) { return false; }

    default void build(Compilation c) {}

    /**
     * A container's or pod's namespace joins one of this provider's networks at {@code address}
     * (allocated by IPAM). Make its interface, address and connected route; return how it joined,
     * or null when it cannot (the network does not reach the endpoint's host).
     */
    default Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) { return null; }

    /**
     * Docker publishes a container's ports ({@code -p}) through the network that gives it its
     * default route: {@code through} is how it joined that network.
     */
    default void publish(Compilation c, dev.hopscope.model.Container container, Joined through) {}

    /**
     * A container that none of its networks gave a default route: this provider may give it a
     * way out (Docker joins overlay containers to docker_gwbridge). Null: not this provider's.
     */
    default Joined egress(Compilation c, Namespace endpoint, dev.hopscope.model.Container container) { return null; }

    default void connect(Compilation c) {}

    default void finish(Compilation c) {}

    /** The design checks this kind adds to the analysis. */
    default List<DesignCheck> checks() { return List.of(); }
}
