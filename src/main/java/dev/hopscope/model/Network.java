package dev.hopscope.model;

import dev.hopscope.model.kinds.NetworkKind;
import dev.hopscope.model.kinds.NetworkKinds;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network of a kind that is not a plain Linux bridge or a VXLAN overlay: a macvlan network,
 * Calico, Cilium, Weave... {@code driver} names its kind ({@link NetworkKinds}); a kind of host
 * scope lives in {@code host} (drawn like a bridge), a kind of cluster scope spans
 * {@code members} (drawn like an overlay; none listed = every node). {@code subnet} is its address
 * pool, {@code gateway} an optional gateway address, and {@code options} the kind's own
 * settings by key (see {@link NetworkKind#options()}); an option left out takes the kind's default.
 */
public record Network(String id, String name, String driver, String host, List<String> members,
                      String subnet, String gateway, Map<String, String> options) implements Node {

    public Network {
        members = Labels.list(members);
        options = Labels.map(options);
    }

    @Override public NodeKind kind() { return NodeKind.NETWORK; }
    @Override public String parent() { return host; }

    /** This network's kind, if its driver is registered. */
    public Optional<NetworkKind> networkKind() { return NetworkKinds.get(driver); }

    /** An option's value: as set, else the kind's default (null when neither exists). */
    public String option(String key) {
        String v = options.get(key);
        if (v != null) return v;
        return networkKind().flatMap(k -> k.option(key)).map(NetworkKind.Option::defaultValue).orElse(null);
    }

    /** Whether {@code hostId} is one of the hosts this network spans (its host, its members, or every host when none are listed). */
    public boolean reaches(String hostId) {
        if (host != null) return host.equals(hostId);
        return members.isEmpty() || members.contains(hostId);
    }

    public Network withName(String v) { return new Network(id, v, driver, host, members, subnet, gateway, options); }
    public Network withHost(String v) { return new Network(id, name, driver, v, members, subnet, gateway, options); }
    public Network withMembers(List<String> v) { return new Network(id, name, driver, host, v, subnet, gateway, options); }
    public Network withSubnet(String v) { return new Network(id, name, driver, host, members, v, gateway, options); }
    public Network withGateway(String v) { return new Network(id, name, driver, host, members, subnet, v, options); }
    public Network withOptions(Map<String, String> v) { return new Network(id, name, driver, host, members, subnet, gateway, v); }
    public Network withId(String v) { return new Network(v, name, driver, host, members, subnet, gateway, options); }

    /** One option changed (null removes it, so the default applies). */
    public Network withOption(String key, String value) {
        java.util.Map<String, String> m = new java.util.TreeMap<>(options);
        if (value == null) m.remove(key); else m.put(key, value);
        return withOptions(m);
    }
}
