package dev.hopscope.model;

import java.util.List;
import java.util.Locale;

/**
 * A network spanning hosts over VXLAN. {@code members} are the hosts with a VTEP on it; a member
 * may carry its own VNI (a misconfiguration the analysis reports). {@code udpPort} and {@code mtu}
 * of 0 mean the driver's default (4789 / 8472; underlay MTU − 50, less ESP when encrypted).
 */
public record Overlay(String id, String name, int vni, String subnet, Driver driver, int udpPort, int mtu,
                     ControlPlane controlPlane, Boolean encrypted, List<Member> members) implements Node {

    public enum Driver {
        DOCKER_OVERLAY, FLANNEL_VXLAN;
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
        public int defaultPort() { return this == FLANNEL_VXLAN ? 8472 : 4789; }
    }

    public enum ControlPlane {
        SWARM, KV_STORE, NONE;
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /** A host's VTEP on this overlay; {@code vni} null means the overlay's VNI. */
    public record Member(String host, Integer vni) {
        public static Member of(String host) { return new Member(host, null); }
    }

    public Overlay {
        if (driver == null) driver = Driver.DOCKER_OVERLAY;
        if (controlPlane == null) controlPlane = driver == Driver.FLANNEL_VXLAN ? ControlPlane.KV_STORE : ControlPlane.SWARM;
        if (encrypted == null) encrypted = Boolean.FALSE;
        members = Labels.list(members);
    }

    @Override public NodeKind kind() { return NodeKind.OVERLAY; }

    public int effectivePort() { return udpPort == 0 ? driver.defaultPort() : udpPort; }

    public int memberVni(String host) {
        for (Member m : members) if (m.host().equals(host)) return m.vni() == null ? vni : m.vni();
        return vni;
    }

    public boolean hasMember(String host) {
        return members.stream().anyMatch(m -> m.host().equals(host));
    }

    public Overlay withName(String v) { return new Overlay(id, v, vni, subnet, driver, udpPort, mtu, controlPlane, encrypted, members); }
    public Overlay withVni(int v) { return new Overlay(id, name, v, subnet, driver, udpPort, mtu, controlPlane, encrypted, members); }
    public Overlay withSubnet(String v) { return new Overlay(id, name, vni, v, driver, udpPort, mtu, controlPlane, encrypted, members); }
    public Overlay withDriver(Driver v) { return new Overlay(id, name, vni, subnet, v, udpPort, mtu, controlPlane, encrypted, members); }
    public Overlay withUdpPort(int v) { return new Overlay(id, name, vni, subnet, driver, v, mtu, controlPlane, encrypted, members); }
    public Overlay withMtu(int v) { return new Overlay(id, name, vni, subnet, driver, udpPort, v, controlPlane, encrypted, members); }
    public Overlay withControlPlane(ControlPlane v) { return new Overlay(id, name, vni, subnet, driver, udpPort, mtu, v, encrypted, members); }
    public Overlay withEncrypted(boolean v) { return new Overlay(id, name, vni, subnet, driver, udpPort, mtu, controlPlane, v, members); }
    public Overlay withMembers(List<Member> v) { return new Overlay(id, name, vni, subnet, driver, udpPort, mtu, controlPlane, encrypted, v); }
    public Overlay withId(String v) { return new Overlay(v, name, vni, subnet, driver, udpPort, mtu, controlPlane, encrypted, members); }
}
