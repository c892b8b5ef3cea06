package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

import java.util.List;
import java.util.Map;

/**
 * How a namespace resolves names. {@code embeddedNetworks}: the user-defined Docker networks
 * whose names Docker's embedded DNS (127.0.0.11) answers for this container; {@code kubeNamespace}:
 * the pod's namespace for cluster DNS search; {@code hosts}: /etc/hosts (localhost, legacy links).
 */
public record DnsConfig(List<String> embeddedNetworks, String kubeNamespace, Map<String, Ipv4> hosts) {
    public static final DnsConfig NONE = new DnsConfig(List.of(), null, Map.of());

    public DnsConfig {
        embeddedNetworks = List.copyOf(embeddedNetworks);
        hosts = Map.copyOf(hosts);
    }
}
