package dev.hopscope.net.dataplane;

import java.util.ArrayList;
import java.util.List;

/**
 * A socket-level load balancer on one node (Cilium's kube-proxy replacement): eBPF programs at
 * the cgroup's connect and sendmsg hooks translate a Service's frontend (a ClusterIP, or a node
 * address and NodePort) to one backend when a socket connects, before any packet exists. Every
 * namespace of the node shares it (pods, the node itself, hostNetwork pods): the programs sit on
 * the node's root cgroup.
 * <p>
 * Its entries are written as {@link Rule}s of chain OUTPUT — a nat DNAT listing every backend,
 * or a filter REJECT for a Service without backends (connect() is refused) — because that is
 * what they do to a connection, but they are never iptables rules of the namespace: a walk
 * applies them where a socket sends, and nothing un-NATs the reply (the socket is connected to
 * the backend). The Linux lab, which has no eBPF, writes them as OUTPUT rules in each namespace
 * instead, which the kernel applies to the connection's first packet: the same verdict.
 */
public final class SocketLb {
    private final String owner;
    private final List<Rule> rules = new ArrayList<>();

    /** {@code owner}: what installs it, in a few words ("Cilium's socket load balancer"). */
    public SocketLb(String owner) { this.owner = owner; }

    public String owner() { return owner; }

    /** The frontends in lookup order: the first that matches a connection translates it. */
    public List<Rule> rules() { return rules; }

    public void add(Rule r) {
        boolean translates = r.table() == Rule.Table.NAT && r.target() == Rule.Target.DNAT;
        boolean refuses = r.table() == Rule.Table.FILTER && r.target() == Rule.Target.REJECT;
        if (!r.chain().equals(Rule.Chain.OUTPUT) || !translates && !refuses)
            throw new IllegalArgumentException("a socket load balancer holds OUTPUT entries: nat DNAT, or filter REJECT");
        rules.add(r);
    }
}
