package dev.hopscope.model;

import java.util.Locale;

/**
 * A Linux bridge inside one host. {@code name} is the device name (docker0, br-front, cni0).
 * {@code gateway} null means the first address of the subnet, as Docker and CNI choose it.
 */
public record Bridge(String id, String name, String host, Kind bridgeKind, String subnet, String gateway,
                     Boolean masquerade, Boolean internal, Boolean icc) implements Node {

    public enum Kind {
        DEFAULT, USER_DEFINED, CNI;
        public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    public Bridge {
        if (bridgeKind == null) bridgeKind = Kind.USER_DEFINED;
        if (masquerade == null) masquerade = Boolean.TRUE;
        if (internal == null) internal = Boolean.FALSE;
        if (icc == null) icc = Boolean.TRUE;
    }

    public static Bridge docker0(String id, String host) {
        return new Bridge(id, "docker0", host, Kind.DEFAULT, "172.17.0.0/16", null, true, false, true);
    }

    @Override public NodeKind kind() { return NodeKind.BRIDGE; }
    @Override public String parent() { return host; }

    public Bridge withName(String v) { return new Bridge(id, v, host, bridgeKind, subnet, gateway, masquerade, internal, icc); }
    public Bridge withHost(String v) { return new Bridge(id, name, v, bridgeKind, subnet, gateway, masquerade, internal, icc); }
    public Bridge withBridgeKind(Kind v) { return new Bridge(id, name, host, v, subnet, gateway, masquerade, internal, icc); }
    public Bridge withSubnet(String v) { return new Bridge(id, name, host, bridgeKind, v, gateway, masquerade, internal, icc); }
    public Bridge withGateway(String v) { return new Bridge(id, name, host, bridgeKind, subnet, v, masquerade, internal, icc); }
    public Bridge withMasquerade(boolean v) { return new Bridge(id, name, host, bridgeKind, subnet, gateway, v, internal, icc); }
    public Bridge withInternal(boolean v) { return new Bridge(id, name, host, bridgeKind, subnet, gateway, masquerade, v, icc); }
    public Bridge withIcc(boolean v) { return new Bridge(id, name, host, bridgeKind, subnet, gateway, masquerade, internal, v); }
    public Bridge withId(String v) { return new Bridge(v, name, host, bridgeKind, subnet, gateway, masquerade, internal, icc); }
}
