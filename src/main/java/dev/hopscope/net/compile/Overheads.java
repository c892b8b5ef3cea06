package dev.hopscope.net.compile;

import dev.hopscope.model.Overlay;

/** Bytes that encapsulation adds, and the default inner MTU that follows from them. */
public final class Overheads {
    private Overheads() {}

    /** outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8 */
    public static final int VXLAN = 50;
    /** IPsec ESP in transport mode with AES-GCM: SPI+seq 8, IV 8, ICV 16, trailer 2, padding up to 3, rounded up */
    public static final int ESP = 40;

    public static int defaultMtu(Overlay o, int underlayMtu) {
        return underlayMtu - VXLAN - (o.encrypted() ? ESP : 0);
    }

    public static int effectiveMtu(Overlay o, int underlayMtu) {
        return o.mtu() != 0 ? o.mtu() : defaultMtu(o, underlayMtu);
    }
}
