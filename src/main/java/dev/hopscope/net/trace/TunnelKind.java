package dev.hopscope.net.trace;

/**
 * How an outer packet carries an inner one. VXLAN is what the dataplane compiles today; the others
 * are here so that a provider that compiles them (Geneve for Cilium, IPIP for Calico, ESP for an
 * IPsec tunnel) needs no change to the packet model or to a capture writer.
 */
public enum TunnelKind {
    /** outer IPv4 / UDP (4789, flannel 8472) / VXLAN (VNI) / inner Ethernet frame */
    VXLAN,
    /** outer IPv4 / UDP 6081 / Geneve (VNI) / inner Ethernet frame */
    GENEVE,
    /** outer IPv4 (protocol 4) / inner IPv4 packet, no inner Ethernet */
    IPIP,
    /** outer IPv4 (protocol 50) / ESP / inner IPv4 packet (IPsec tunnel mode) */
    ESP,
    /**
     * Weave's sleeve: outer IPv4 / UDP 6783 / the sending peer's name (6) and the frame's header
     * (source and destination peer names, 6 + 6, and its length, 2) / inner Ethernet frame, sent
     * by the weave router in user space.
     */
    SLEEVE;

    /**
     * Bytes the outer packet adds to the inner IPv4 packet, ESP aside: VXLAN and Geneve carry the
     * inner Ethernet header (14) under UDP (8), their own header (8) and an outer IPv4 header (20);
     * IPIP and ESP tunnel mode add an outer IPv4 header (ESP's own bytes are counted apart).
     */
    public int overhead() {
        switch (this) {
            case VXLAN: case GENEVE: return 14 + 8 + 8 + 20;
            case SLEEVE: return 14 + 6 + 14 + 8 + 20;
            default: return 20;
        }
    }

    /** Whether the inner packet keeps its Ethernet header (an L2 tunnel). */
    public boolean carriesFrames() { return this == VXLAN || this == GENEVE || this == SLEEVE; }

    /** Whether the outer packet is UDP (with a port and a VNI). */
    public boolean overUdp() { return this == VXLAN || this == GENEVE || this == SLEEVE; }
}
