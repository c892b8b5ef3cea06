package dev.hopscope.model;

import java.util.Locale;

/**
 * A Linux bridge inside one host. {@code name} is the device name (docker0, br-front, cni0).
 * {@code gateway} null means the first address of the subnet, as Docker and CNI choose it.
 * {@code hairpinMode}: whether its ports may send a frame back out of the port it came in on
 * (the CNI bridge plugin's {@code hairpinMode}); null takes the kind's default, see {@link #hairpin()}.
 */
public record Bridge(String id, String name, String host, Kind bridgeKind, String subnet, String gateway,
                     Boolean masquerade, Boolean internal, Boolean icc, Boolean hairpinMode) implements Node {

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

    public Bridge(String id, String name, String host, Kind bridgeKind, String subnet, String gateway,
                  Boolean masquerade, Boolean internal, Boolean icc) {
        this(id, name, host, bridgeKind, subnet, gateway, masquerade, internal, icc, null);
    }

    /**
     * Whether the bridge's ports have hairpin mode on: as set, else on for a CNI bridge (flannel's
     * kube-flannel.yml gives the bridge plugin {@code "hairpinMode": true}, so a pod reaches itself
     * through its own Service) and off for Docker's bridges (dockerd turns it on only with
     * {@code --userland-proxy=false}).
     */
    public boolean hairpin() { return hairpinMode != null ? hairpinMode : bridgeKind == Kind.CNI; }

    public static Bridge docker0(String id, String host) {
        return new Bridge(id, "docker0", host, Kind.DEFAULT, "172.17.0.0/16", null, true, false, true);
    }

    @Override public NodeKind kind() { return NodeKind.BRIDGE; }
    @Override public String parent() { return host; }

    public Bridge withName(String v) { return new Bridge(id, v, host, bridgeKind, subnet, gateway, masquerade, internal, icc, hairpinMode); }
    public Bridge withHost(String v) { return new Bridge(id, name, v, bridgeKind, subnet, gateway, masquerade, internal, icc, hairpinMode); }
    public Bridge withBridgeKind(Kind v) { return new Bridge(id, name, host, v, subnet, gateway, masquerade, internal, icc, hairpinMode); }
    public Bridge withSubnet(String v) { return new Bridge(id, name, host, bridgeKind, v, gateway, masquerade, internal, icc, hairpinMode); }
    public Bridge withGateway(String v) { return new Bridge(id, name, host, bridgeKind, subnet, v, masquerade, internal, icc, hairpinMode); }
    public Bridge withMasquerade(boolean v) { return new Bridge(id, name, host, bridgeKind, subnet, gateway, v, internal, icc, hairpinMode); }
    public Bridge withInternal(boolean v) { return new Bridge(id, name, host, bridgeKind, subnet, gateway, masquerade, v, icc, hairpinMode); }
    public Bridge withIcc(boolean v) { return new Bridge(id, name, host, bridgeKind, subnet, gateway, masquerade, internal, v, hairpinMode); }
    public Bridge withHairpinMode(boolean v) { return new Bridge(id, name, host, bridgeKind, subnet, gateway, masquerade, internal, icc, v); }
    public Bridge withId(String v) { return new Bridge(v, name, host, bridgeKind, subnet, gateway, masquerade, internal, icc, hairpinMode); }
}
