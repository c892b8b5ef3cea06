package dev.hopscope.io.docker;

import java.util.List;
import java.util.Map;

/**
 * What one read of an engine returned, as plain values: its networks and its running containers.
 * Everything the document is built from, so the mapping is tested without an engine.
 *
 * @param engineVersion the engine's version (20.10.24)
 * @param hostName the engine host's name as {@code docker info} shows it
 */
public record EngineSnapshot(String address, String engineVersion, String hostName, List<Network> networks,
                             List<Container> containers) {

    public EngineSnapshot {
        networks = List.copyOf(networks);
        containers = List.copyOf(containers);
    }

    /**
     * One network as {@code docker network inspect} shows it; subnet, gateway and ip range are
     * the first IPv4 IPAM entry's (null when the engine did not say).
     */
    public record Network(String id, String name, String driver, String subnet, String gateway, boolean internal,
                          Map<String, String> options, Map<String, String> labels, String ipRange) {
        public Network {
            options = Map.copyOf(options);
            labels = Map.copyOf(labels);
        }

        /** A network without an --ip-range. */
        public Network(String id, String name, String driver, String subnet, String gateway, boolean internal,
                       Map<String, String> options, Map<String, String> labels) {
            this(id, name, driver, subnet, gateway, internal, options, labels, null);
        }

        public String option(String key) { return options.get(key); }
    }

    /**
     * One running container.
     *
     * @param name as {@code docker ps} shows it (no leading slash)
     * @param networkMode HostConfig.NetworkMode: default, bridge, host, none, container:ID or a network name
     * @param pid the container's first process on the engine's host (0 when unknown)
     * @param sandboxKey the path of its network namespace on the engine's host
     * @param links legacy links as {@code NAME:ALIAS} (both as the linking container sees them)
     */
    public record Container(String id, String name, String image, String networkMode, long pid, String sandboxKey,
                            List<Attachment> attachments, List<Port> published, List<Port> exposed,
                            List<String> links, Map<String, String> labels) {
        public Container {
            attachments = List.copyOf(attachments);
            published = List.copyOf(published);
            exposed = List.copyOf(exposed);
            links = List.copyOf(links);
            labels = Map.copyOf(labels);
        }

        public String label(String key) { return labels.get(key); }
    }

    /** A container's endpoint on a network: its address there and its aliases. */
    public record Attachment(String networkId, String networkName, String ip, List<String> aliases) {
        public Attachment {
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * A port: published ({@code hostIp:hostPort -> containerPort/proto}) or only exposed (hostPort 0,
     * hostIp null). {@code proto} is tcp, udp or sctp as the engine writes it.
     */
    public record Port(String hostIp, int hostPort, int containerPort, String proto) {}
}
