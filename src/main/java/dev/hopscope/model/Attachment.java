package dev.hopscope.model;

import java.util.List;

/** A container's membership of a network (a bridge or an overlay id); {@code ip} null = allocated by IPAM. */
public record Attachment(String network, String ip, List<String> aliases) {
    public Attachment {
        aliases = Labels.list(aliases);
    }

    public static Attachment to(String network) { return new Attachment(network, null, List.of()); }

    public Attachment withIp(String v) { return new Attachment(network, v, aliases); }
    public Attachment withAliases(List<String> v) { return new Attachment(network, ip, v); }
}
