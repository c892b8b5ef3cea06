package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

import java.util.List;
import java.util.Map;

/**
 * How a namespace resolves names. {@code embeddedNetworks}: the user-defined Docker networks
 * whose names Docker's embedded DNS (127.0.0.11) answers for this container; {@code kubeNamespace}:
 * the pod's namespace for cluster DNS search; {@code hosts}: /etc/hosts (localhost, legacy links
 * on the default bridge); {@code linkAliases}: links on a user-defined network, which Docker's
 * embedded DNS answers for this container only, with the linked container's address on the
 * network the two share.
 */
public record DnsConfig(List<String> embeddedNetworks, String kubeNamespace, Map<String, Ipv4> hosts,
                        Map<String, LinkAlias> linkAliases) {
    public static final DnsConfig NONE = new DnsConfig(List.of(), null, Map.of(), Map.of());

    /** A link's name (or its alias) answered with {@code address} on the shared {@code network}. */
    public record LinkAlias(Ipv4 address, String network) {}

    public DnsConfig {
        embeddedNetworks = List.copyOf(embeddedNetworks);
        hosts = Map.copyOf(hosts);
        linkAliases = Map.copyOf(linkAliases);
    }

    public DnsConfig(List<String> embeddedNetworks, String kubeNamespace, Map<String, Ipv4> hosts) {
        this(embeddedNetworks, kubeNamespace, hosts, Map.of());
    }
}
