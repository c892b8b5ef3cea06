package dev.hopscope.net.provider.calico;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Network;
import dev.hopscope.model.kinds.CalicoKind;

/**
 * How one Calico node learns another's block: by BGP from it (full mesh), by BGP reflected by
 * the route reflector, or from Felix in VXLAN mode (which needs no BGP). Null: not at all.
 */
record Peering(String origin) {

    static Peering between(Document doc, Network w, Host a, Host b) {
        if (CalicoProvider.vxlanMode(w)) return new Peering("programmed by Felix for VXLAN mode, from " + b.name() + "'s block affinity");
        String bgp = w.option(CalicoKind.BGP);
        if (CalicoKind.FULL_MESH.equals(bgp)) return new Peering("learned by BGP from " + b.name() + ", full mesh");
        if (CalicoKind.REFLECTOR.equals(bgp)) {
            String rr = w.option(CalicoKind.ROUTE_REFLECTOR);
            Host reflector = rr == null ? null : doc.get(rr, Host.class).orElse(null);
            if (reflector == null || Ipam.hostsOf(doc, w).stream().noneMatch(h -> h.id().equals(reflector.id()))) return null;
            if (reflector.id().equals(b.id())) return new Peering("learned by BGP from " + b.name() + ", the route reflector");
            if (reflector.id().equals(a.id())) return new Peering("learned by BGP from its client " + b.name() + " (this node is the route reflector)");
            return new Peering("learned by BGP from " + b.name() + ", reflected by " + reflector.name());
        }
        return null;
    }

    /** Both nodes' underlay addresses in one subnet of one underlay: CrossSubnet modes route natively between them. */
    static boolean sameSubnet(Document doc, Host a, Host b) {
        if (a.underlay() == null || !a.underlay().equals(b.underlay()) || a.address() == null || b.address() == null) return false;
        if (!Cidr.isValid(a.address()) || !Cidr.isValid(b.address())) return false;
        return Cidr.parse(a.address()).base().contains(Cidr.parse(b.address()).address());
    }

    /** Whether traffic from {@code a} to {@code b}'s block is encapsulated: always, never, or only across subnets. */
    static boolean encapsulates(Document doc, Network w, Host a, Host b) {
        String e = CalicoProvider.encapsulation(w);
        if (e.equals(CalicoKind.IPIP) || e.equals(CalicoKind.VXLAN)) return true;
        if (e.equals(CalicoKind.NONE)) return false;
        return !sameSubnet(doc, a, b);
    }
}
