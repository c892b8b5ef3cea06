package dev.hopscope.io.imports;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Network;
import dev.hopscope.model.kinds.CalicoKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifests that say which CNI plugin a cluster runs and how it is set up, read beside the
 * workloads: Calico's {@code IPPool} ({@code projectcalico.org/v3}, or {@code crd.projectcalico.org/v1}
 * as {@code kubectl get ippools -o yaml} prints it) and the Tigera operator's {@code Installation}
 * ({@code spec.calicoNetwork}). With one of them the cluster's pods are on a Calico network node
 * (no cni0 bridges); without, each node keeps its cni0 bridge. Adding a plugin is one more
 * {@code read...} method here and one line in {@link #accepts}.
 */
final class CniManifests {

    /** The kinds read here; KubernetesImporter hands every object of these kinds to {@link #accept}. */
    static boolean accepts(String kind) {
        return kind.equals("IPPool") || kind.equals("Installation") || kind.equals("BGPConfiguration") || kind.equals("FelixConfiguration");
    }

    private final Diagnostics diag;
    /** The pod network the manifests describe, as a driver and options, with where it was read. */
    private String driver;
    private String subnet;
    private final Map<String, String> options = new LinkedHashMap<>();
    private SourceNode at;
    private final List<SourceNode> bgpConfigurations = new ArrayList<>();

    CniManifests(Diagnostics diag) { this.diag = diag; }

    void accept(String kind, SourceNode o) {
        switch (kind) {
            case "IPPool" -> ipPool(o);
            case "Installation" -> installation(o);
            case "BGPConfiguration" -> bgpConfigurations.add(o);
            default -> { /* FelixConfiguration: nothing the model reads */ }
        }
    }

    /** The driver of the pod network the manifests describe (its id when free). */
    static String driverOf(CniManifests m) { return m.driver; }

    /** Whether the manifests give the cluster a pod network of their own (no cni0 bridges then). */
    boolean hasNetwork() { return driver != null; }

    /** Where the pod network was read, for messages about it. */
    SourceNode origin() { return at; }

    /** The pod network as a node of the document, spanning every node of the cluster. */
    Network network(String id) {
        for (SourceNode b : bgpConfigurations) bgpConfiguration(b);
        return new Network(id, driver, driver, null, List.of(), subnet, null, Map.copyOf(options));
    }

    /** Whether a listed pod's address belongs to the manifests' pod network (it is kept then). */
    boolean holds(String ip) {
        return subnet != null && ip != null && dev.hopscope.model.Ipv4.isValid(ip) && Cidr.parse(subnet).contains(dev.hopscope.model.Ipv4.parse(ip));
    }

    private void ipPool(SourceNode o) {
        String api = diag.string(o.get("apiVersion"), "apiVersion");
        if (api == null || !(api.startsWith("projectcalico.org/") || api.startsWith("crd.projectcalico.org/"))) {
            diag.warn(o.get("apiVersion"), "an IPPool of " + api + " is not Calico's (projectcalico.org/v3 or crd.projectcalico.org/v1): skipped");
            return;
        }
        SourceNode spec = diag.map(o.get("spec"), "spec of the IPPool");
        if (spec == null) throw diag.error(o, "the IPPool has no spec");
        diag.unknownKeys(spec, Set.of("cidr", "blockSize", "ipipMode", "vxlanMode", "natOutgoing", "disabled", "nodeSelector",
                "disableBGPExport", "allowedUses", "ipip", "assignmentMode"), "the IPPool's spec", false);
        SourceNode cidrNode = spec.get("cidr");
        String cidr = diag.string(cidrNode, "cidr");
        if (cidr == null) throw diag.error(spec, "the IPPool has no cidr");
        if (cidr.contains(":")) {
            diag.warn(cidrNode, "an IPv6 pool (" + cidr + ") is not modelled: skipped");
            return;
        }
        if (diag.bool(spec.get("disabled"), "disabled", false)) {
            diag.warn(spec.keyNode("disabled"), "the IPPool " + cidr + " is disabled: Calico hands out no address from it");
            return;
        }
        if (driver != null) {
            diag.warn(cidrNode, "a second Calico pool (" + cidr + ") is not modelled: the pods take addresses from " + subnet + " (" + at.where(diag.file()) + ")");
            return;
        }
        Cidr pool = parsePool(cidrNode, cidr);
        int blockSize = diag.integer(spec.get("blockSize"), "blockSize", 20, 32, 26);
        checkBlock(spec.get("blockSize"), pool, blockSize);
        String ipip = mode(spec.get("ipipMode"), "ipipMode");
        String vxlan = mode(spec.get("vxlanMode"), "vxlanMode");
        if (!ipip.equals("Never") && !vxlan.equals("Never"))
            throw diag.error(spec.get("vxlanMode"), "Calico refuses this IPPool: ipipMode " + ipip + " and vxlanMode " + vxlan
                    + " cannot both be enabled (one encapsulation a pool)");
        String encapsulation = !ipip.equals("Never") ? (ipip.equals("Always") ? CalicoKind.IPIP : CalicoKind.IPIP_CROSS_SUBNET)
                : !vxlan.equals("Never") ? (vxlan.equals("Always") ? CalicoKind.VXLAN : CalicoKind.VXLAN_CROSS_SUBNET) : CalicoKind.NONE;
        boolean nat = diag.bool(spec.get("natOutgoing"), "natOutgoing", false);
        take(cidrNode, pool, blockSize, encapsulation, nat, null);
    }

    /** The Tigera operator's Installation: {@code spec.calicoNetwork} with its ipPools and bgp switch. */
    private void installation(SourceNode o) {
        String api = diag.string(o.get("apiVersion"), "apiVersion");
        if (api == null || !api.startsWith("operator.tigera.io/")) {
            diag.warn(o.get("apiVersion"), "an Installation of " + api + " is not the Tigera operator's (operator.tigera.io/v1): skipped");
            return;
        }
        SourceNode spec = diag.map(o.get("spec"), "spec of the Installation");
        SourceNode net = spec == null ? null : diag.map(spec.get("calicoNetwork"), "calicoNetwork");
        SourceNode cni = spec == null ? null : diag.map(spec.get("cni"), "cni");
        String cniType = cni == null ? null : diag.string(cni.get("type"), "cni type");
        if (cniType != null && !cniType.equals("Calico")) {
            diag.warn(cni.get("type"), "the Installation uses the " + cniType + " CNI plugin with Calico for policy only: the pod network is not Calico's");
            return;
        }
        if (driver != null) {
            diag.warn(o.get("kind"), "Calico's pool is already read (" + at.where(diag.file()) + "): this Installation is not modelled");
            return;
        }
        String bgp = net == null ? null : diag.string(net.get("bgp"), "bgp");
        if (bgp != null && !bgp.equals("Enabled") && !bgp.equals("Disabled"))
            throw diag.error(net.get("bgp"), "bgp must be Enabled or Disabled, not " + net.get("bgp").describe());
        List<SourceNode> pools = net == null ? List.of() : diag.items(net.get("ipPools"), "ipPools");
        SourceNode first = null;
        for (SourceNode p : pools) {
            SourceNode m = diag.map(p, "an ipPool");
            String c = m == null ? null : diag.string(m.get("cidr"), "cidr");
            if (c != null && !c.contains(":")) { first = m; break; }
        }
        // the operator's defaults: 192.168.0.0/16, blocks of /26, IPIP, natOutgoing Enabled
        SourceNode cidrNode = first == null ? null : first.get("cidr");
        String cidr = cidrNode == null ? "192.168.0.0/16" : diag.string(cidrNode, "cidr");
        SourceNode where = cidrNode != null ? cidrNode : o.get("kind");
        Cidr pool = parsePool(where, cidr);
        int blockSize = first == null ? 26 : diag.integer(first.get("blockSize"), "blockSize", 20, 32, 26);
        if (first != null) checkBlock(first.get("blockSize"), pool, blockSize);
        String enc = first == null ? null : diag.string(first.get("encapsulation"), "encapsulation");
        String encapsulation = switch (enc == null ? "IPIP" : enc) {
            case "IPIP" -> CalicoKind.IPIP;
            case "IPIPCrossSubnet" -> CalicoKind.IPIP_CROSS_SUBNET;
            case "VXLAN" -> CalicoKind.VXLAN;
            case "VXLANCrossSubnet" -> CalicoKind.VXLAN_CROSS_SUBNET;
            case "None" -> CalicoKind.NONE;
            default -> throw diag.error(first.get("encapsulation"), "encapsulation must be IPIP, IPIPCrossSubnet, VXLAN, VXLANCrossSubnet or None, not "
                    + first.get("encapsulation").describe());
        };
        String natText = first == null ? null : diag.string(first.get("natOutgoing"), "natOutgoing");
        if (natText != null && !natText.equals("Enabled") && !natText.equals("Disabled"))
            throw diag.error(first.get("natOutgoing"), "natOutgoing must be Enabled or Disabled, not " + first.get("natOutgoing").describe());
        if ("Disabled".equals(bgp) && (encapsulation.equals(CalicoKind.IPIP) || encapsulation.equals(CalicoKind.IPIP_CROSS_SUBNET)))
            throw diag.error(net.get("bgp"), "the operator refuses this Installation: IPIP encapsulation requires BGP to be enabled");
        take(where, pool, blockSize, encapsulation, !"Disabled".equals(natText), "Disabled".equals(bgp) ? CalicoKind.NO_BGP : null);
    }

    /** A BGPConfiguration that turns the node-to-node mesh off: the model needs the reflector's node, which it does not name. */
    private void bgpConfiguration(SourceNode o) {
        SourceNode spec = o.get("spec");
        if (spec == null || !spec.isMap() || driver == null) return;
        if (!diag.bool(spec.get("nodeToNodeMeshEnabled"), "nodeToNodeMeshEnabled", true))
            diag.warn(spec.get("nodeToNodeMeshEnabled"), "the node-to-node BGP mesh is off: the nodes learn blocks through route reflectors or"
                    + " peers (BGPPeer) the import does not read; set the calico network's BGP to route-reflector and pick the reflector");
    }

    private Cidr parsePool(SourceNode at, String cidr) {
        if (!Cidr.isValid(cidr)) throw diag.error(at, "'" + cidr + "' is not a CIDR (e.g. 192.168.0.0/16)");
        Cidr c = Cidr.parse(cidr);
        if (!c.address().equals(c.network()))
            diag.warn(at, "the pool " + cidr + " has host bits set: Calico stores it as " + c.base());
        return c.base();
    }

    private void checkBlock(SourceNode at, Cidr pool, int blockSize) {
        if (blockSize < pool.prefix())
            throw diag.error(at, "Calico refuses this pool: its block size /" + blockSize + " is larger than the pool " + pool);
    }

    private String mode(SourceNode n, String what) {
        String m = diag.string(n, what);
        if (m == null || m.isEmpty()) return "Never";
        if (!m.equals("Never") && !m.equals("Always") && !m.equals("CrossSubnet"))
            throw diag.error(n, what + " must be Never, Always or CrossSubnet, not " + n.describe());
        return m;
    }

    private void take(SourceNode at, Cidr pool, int blockSize, String encapsulation, boolean nat, String bgp) {
        this.at = at;
        this.driver = CalicoKind.DRIVER;
        this.subnet = pool.toString();
        options.put(CalicoKind.ENCAPSULATION, encapsulation);
        options.put(CalicoKind.BLOCK_SIZE, String.valueOf(blockSize));
        options.put(CalicoKind.NAT_OUTGOING, String.valueOf(nat));
        if (bgp != null) options.put(CalicoKind.BGP, bgp);
    }
}
