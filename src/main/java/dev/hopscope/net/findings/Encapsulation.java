package dev.hopscope.net.findings;

import dev.hopscope.model.Container;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Underlay;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What tunnelling costs in bytes, shared by the MTU finding and the tracer so both agree on the
 * numbers.
 */
public final class Encapsulation {

    /** Outer Ethernet 14 + outer IPv4 20 + UDP 8 + VXLAN 8: what the kernel's vxlan device subtracts. */
    public static final int VXLAN_OVERHEAD = 50;

    /**
     * IPsec ESP around the VXLAN packet: SPI + sequence number 8, IV 8, ICV 16, pad length and
     * next header 2, and up to 3 bytes of padding to a 4-byte boundary, 37 at worst; rounded up to
     * 40 so the inner MTU stays a multiple of 4. (Docker's libnetwork subtracts 26 because it uses
     * an 8-byte ICV; 40 is the safe bound for any AES-GCM ICV length.)
     */
    public static final int ESP_OVERHEAD = 40;

    /** The MTU an underlay has when nothing says otherwise. */
    public static final int ETHERNET_MTU = 1500;

    private Encapsulation() {}

    /** Bytes an overlay adds in front of each inner frame: VXLAN, plus ESP when encrypted. */
    public static int overhead(Overlay overlay) {
        return VXLAN_OVERHEAD + (overlay.encrypted() ? ESP_OVERHEAD : 0);
    }

    /** The largest inner MTU that fits an underlay of {@code underlayMtu}: what the driver picks by default. */
    public static int defaultMtu(Overlay overlay, int underlayMtu) {
        return underlayMtu - overhead(overlay);
    }

    /** The overlay's MTU as configured, or the default when it is 0. */
    public static int effectiveMtu(Overlay overlay, int underlayMtu) {
        return overlay.mtu() > 0 ? overlay.mtu() : defaultMtu(overlay, underlayMtu);
    }

    /** The MTU a host's eth0 can carry: the smaller of the host's own MTU and its underlay's. */
    public static int underlayMtu(Document doc, Host host) {
        int mtu = host.mtu();
        if (host.underlay() != null) {
            Underlay u = doc.get(host.underlay(), Underlay.class).orElse(null);
            if (u != null) mtu = Math.min(mtu, u.mtu());
        }
        return mtu;
    }

    /**
     * The hosts with a VTEP on the overlay: its members, and the hosts of containers attached to
     * it (Docker creates the VTEP when the first container joins), in document order.
     */
    public static Set<Host> vtepHosts(Document doc, Overlay overlay) {
        Set<Host> hosts = new LinkedHashSet<>();
        for (Overlay.Member m : overlay.members()) doc.get(m.host(), Host.class).ifPresent(hosts::add);
        for (Container c : doc.all(Container.class))
            for (Attachment a : c.attachments())
                if (a.network().equals(overlay.id())) doc.get(c.host(), Host.class).ifPresent(hosts::add);
        return hosts;
    }

    /** The smallest underlay MTU among the overlay's VTEP hosts (1500 when it has none). */
    public static int smallestUnderlayMtu(Document doc, Overlay overlay) {
        int min = Integer.MAX_VALUE;
        for (Host h : vtepHosts(doc, overlay)) min = Math.min(min, underlayMtu(doc, h));
        return min == Integer.MAX_VALUE ? ETHERNET_MTU : min;
    }
}
