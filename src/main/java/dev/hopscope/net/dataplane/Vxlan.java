package dev.hopscope.net.dataplane;

import dev.hopscope.model.Ipv4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VXLAN device's settings: VNI, UDP port, local VTEP address, the flood list (all-zero FDB
 * entries, one per remote VTEP) and static FDB entries (flannel: remote VTEP MAC to its host).
 * {@code espSpi} non-zero means the underlay packets are wrapped in IPsec ESP (encrypted overlay).
 */
public final class Vxlan {
    private final int vni;
    private final int port;
    private final Ipv4 local;
    private final int espSpi;
    private final List<Ipv4> flood = new ArrayList<>();
    private final Map<Mac, Ipv4> fdb = new LinkedHashMap<>();

    public Vxlan(int vni, int port, Ipv4 local, int espSpi) {
        this.vni = vni;
        this.port = port;
        this.local = local;
        this.espSpi = espSpi;
    }

    public int vni() { return vni; }
    public int port() { return port; }
    public Ipv4 local() { return local; }
    public int espSpi() { return espSpi; }
    public boolean encrypted() { return espSpi != 0; }
    public List<Ipv4> flood() { return flood; }
    public Map<Mac, Ipv4> fdb() { return fdb; }
}
