package dev.hopscope.model;

import java.util.List;
import java.util.Locale;

/**
 * One container with its own network namespace (mode BRIDGE), the host's (HOST), none (NONE) or
 * another container's ({@code CONTAINER}, with {@code modeTarget} naming it). {@code links} are
 * legacy {@code --link} names written into /etc/hosts.
 */
public record Container(String id, String name, String image, String host, Mode mode, String modeTarget,
                        List<Attachment> attachments, List<PublishedPort> ports, List<Socket> sockets,
                        List<String> links) implements Node {

    public enum Mode {
        BRIDGE, HOST, NONE, CONTAINER;
        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    public Container {
        if (mode == null) mode = Mode.BRIDGE;
        attachments = Labels.list(attachments);
        ports = Labels.list(ports);
        sockets = Labels.list(sockets);
        links = Labels.list(links);
    }

    public static Container on(String id, String host, String network) {
        return new Container(id, id, null, host, Mode.BRIDGE, null, List.of(Attachment.to(network)), List.of(), List.of(), List.of());
    }

    @Override public NodeKind kind() { return NodeKind.CONTAINER; }
    @Override public String parent() { return host; }

    public Container withName(String v) { return new Container(id, v, image, host, mode, modeTarget, attachments, ports, sockets, links); }
    public Container withImage(String v) { return new Container(id, name, v, host, mode, modeTarget, attachments, ports, sockets, links); }
    public Container withHost(String v) { return new Container(id, name, image, v, mode, modeTarget, attachments, ports, sockets, links); }
    public Container withMode(Mode v, String target) { return new Container(id, name, image, host, v, target, attachments, ports, sockets, links); }
    public Container withAttachments(List<Attachment> v) { return new Container(id, name, image, host, mode, modeTarget, v, ports, sockets, links); }
    public Container withPorts(List<PublishedPort> v) { return new Container(id, name, image, host, mode, modeTarget, attachments, v, sockets, links); }
    public Container withSockets(List<Socket> v) { return new Container(id, name, image, host, mode, modeTarget, attachments, ports, v, links); }
    public Container withLinks(List<String> v) { return new Container(id, name, image, host, mode, modeTarget, attachments, ports, sockets, v); }
    public Container withId(String v) { return new Container(v, name, image, host, mode, modeTarget, attachments, ports, sockets, links); }
}
