package dev.hopscope.model;

import java.util.List;
import java.util.Locale;

/**
 * A Docker host or Kubernetes node: one Linux network namespace whose {@code eth0} sits on an
 * underlay. {@code address} is a CIDR on the underlay (192.168.50.11/24).
 */
public record Host(String id, String name, Role role, String underlay, String address,
                   Boolean ipForward, int mtu, List<StaticRoute> routes) implements Node {

    public enum Role {
        DOCKER, K8S_NODE;
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    public Host {
        if (role == null) role = Role.DOCKER;
        if (ipForward == null) ipForward = Boolean.TRUE;
        if (mtu == 0) mtu = 1500;
        routes = Labels.list(routes);
    }

    public static Host docker(String id, String underlay, String address) {
        return new Host(id, id, Role.DOCKER, underlay, address, true, 1500, List.of());
    }

    @Override public NodeKind kind() { return NodeKind.HOST; }

    public Host withName(String v) { return new Host(id, v, role, underlay, address, ipForward, mtu, routes); }
    public Host withRole(Role v) { return new Host(id, name, v, underlay, address, ipForward, mtu, routes); }
    public Host withUnderlay(String v) { return new Host(id, name, role, v, address, ipForward, mtu, routes); }
    public Host withAddress(String v) { return new Host(id, name, role, underlay, v, ipForward, mtu, routes); }
    public Host withIpForward(boolean v) { return new Host(id, name, role, underlay, address, v, mtu, routes); }
    public Host withMtu(int v) { return new Host(id, name, role, underlay, address, ipForward, v, routes); }
    public Host withRoutes(List<StaticRoute> v) { return new Host(id, name, role, underlay, address, ipForward, mtu, v); }
    public Host withId(String v) { return new Host(v, name, role, underlay, address, ipForward, mtu, routes); }
}
