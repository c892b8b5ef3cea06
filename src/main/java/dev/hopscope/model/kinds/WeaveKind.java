package dev.hopscope.model.kinds;

import dev.hopscope.model.Network;
import dev.hopscope.model.NodeKind;

import java.util.List;
import java.util.Set;

/**
 * Weave Net: a {@code weave} bridge on each host, all on one address range (10.32.0.0/12 by
 * default, {@code IPALLOC_RANGE}), so containers and pods on every host share one L2 segment. The
 * range is split among the peers (each host's router allocates from its own share); the peers
 * carry frames between hosts by the fast datapath (VXLAN on UDP 6784, in the kernel) or by sleeve
 * (UDP 6783, through the weave router in user space), encrypted when {@code WEAVE_PASSWORD} is
 * set (IPsec ESP on the fast datapath, NaCl in sleeve). With {@code expose} (as weave-kube does)
 * the bridge holds an address of the range: the host reaches the range, and it is the pods'
 * gateway.
 */
public final class WeaveKind implements NetworkKind {
    public static final String DRIVER = "weave";
    public static final String DATAPATH = "datapath", ENCRYPTED = "encrypted", PASSWORD_SECRET = "passwordSecret", MTU = "mtu",
            EXPOSE = "expose", PEER_RANGE = "peerRange";
    public static final String FASTDP = "fastdp", SLEEVE = "sleeve";
    /** WEAVE_MTU's default: room for VXLAN with ESP on a 1460-byte underlay (GCE) */
    public static final int DEFAULT_MTU = 1376;
    public static final int DEFAULT_PEER_RANGE = 14;

    public static final WeaveKind INSTANCE = new WeaveKind();

    private WeaveKind() {}

    @Override public String driver() { return DRIVER; }
    @Override public String title() { return "Weave Net"; }

    @Override public String summary() {
        return "One L2 segment over every host: a weave bridge per host on one 10.32.0.0/12 range, peers meeting by the fast datapath (VXLAN, UDP 6784) or sleeve (UDP 6783), optionally encrypted";
    }

    @Override public Scope scope() { return Scope.CLUSTER; }
    @Override public Set<NodeKind> joiners() { return Set.of(NodeKind.CONTAINER, NodeKind.POD); }
    @Override public String defaultSubnet() { return "10.32.0.0/12"; }

    /** Each peer owns a share of the range; the share's first address is the weave bridge's own (weave expose). */
    @Override public Addressing addressing() { return new Addressing.NodeBlocks(DEFAULT_PEER_RANGE, true); }

    @Override public Addressing addressing(Network w) {
        int size = DEFAULT_PEER_RANGE;
        try { size = Integer.parseInt(w.option(PEER_RANGE)); } catch (RuntimeException e) { /* the validator reports it */ }
        return new Addressing.NodeBlocks(Math.max(8, Math.min(30, size)), true);
    }

    @Override public List<Option> options() {
        return List.of(
                Option.choice(DATAPATH, "Datapath", FASTDP, List.of(FASTDP, SLEEVE),
                        "how peers carry frames: the fast datapath (VXLAN on UDP 6784, in the kernel) or sleeve (UDP 6783, through the weave router in user space; WEAVE_NO_FASTDP)"),
                Option.flag(ENCRYPTED, "Encrypted", false,
                        "peers encrypt what they carry (IPsec ESP on the fast datapath, NaCl in sleeve); Weave does this only when WEAVE_PASSWORD is set"),
                Option.text(PASSWORD_SECRET, "Password from", null,
                        "where WEAVE_PASSWORD comes from, e.g. the Secret weave-passwd/weave-passwd (never the password itself)"),
                Option.number(MTU, "MTU", DEFAULT_MTU, 576, 9000, "the weave bridge's and the containers' MTU (WEAVE_MTU)"),
                Option.flag(EXPOSE, "Expose on the hosts", true,
                        "the weave bridge holds an address of the range (weave expose; weave-kube always does): the host reaches the range, pods route through it, and their egress is masqueraded"),
                Option.number(PEER_RANGE, "Share per peer", DEFAULT_PEER_RANGE, 8, 30,
                        "the prefix length of each host's share of the range (Weave splits the range as peers join; here each gets an equal share in document order)"));
    }
}
