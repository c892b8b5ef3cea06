package dev.hopscope.io.imports;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Network;
import dev.hopscope.model.kinds.CalicoKind;
import dev.hopscope.model.kinds.CiliumKind;
import dev.hopscope.model.kinds.WeaveKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifests that say which CNI plugin a cluster runs and how it is set up, read beside the
 * workloads: Calico's {@code IPPool} ({@code projectcalico.org/v3}, or {@code crd.projectcalico.org/v1}
 * as {@code kubectl get ippools -o yaml} prints it) and the Tigera operator's {@code Installation}
 * ({@code spec.calicoNetwork}), Cilium's {@code cilium-config} ConfigMap (as its Helm chart renders
 * it) and Weave's {@code weave-net} DaemonSet (the weave container's environment). With one of them
 * the cluster's pods are on that plugin's network node (no cni0 bridges); without, each node keeps
 * its cni0 bridge. What the plugin refuses is an error at its place. Adding a plugin is one more
 * {@code read...} method here and one line in {@link #accepts} or {@link #sees}.
 */
final class CniManifests {

    /** The kinds read here; KubernetesImporter hands every object of these kinds to {@link #accept}. */
    static boolean accepts(String kind) {
        return kind.equals("IPPool") || kind.equals("Installation") || kind.equals("BGPConfiguration") || kind.equals("FelixConfiguration");
    }

    /**
     * Objects of other kinds that also say which CNI runs: Cilium's {@code cilium-config}
     * ConfigMap and Weave's {@code weave-net} DaemonSet (whose pods stay workloads). True when
     * this object was read as the pod network's configuration.
     */
    boolean sees(String kind, SourceNode o) {
        SourceNode meta = o.get("metadata");
        SourceNode nameNode = meta != null && meta.isMap() ? meta.get("name") : null;
        String name = nameNode != null && nameNode.isScalar() ? nameNode.text : null;
        if (kind.equals("ConfigMap") && "cilium-config".equals(name)) { ciliumConfig(o); return true; }
        if (kind.equals("DaemonSet") && "weave-net".equals(name)) weaveNet(o);
        return false;
    }

    /** The cilium-config ConfigMap's data, as the Cilium agent reads it (its Helm chart writes it). */
    private void ciliumConfig(SourceNode o) {
        SourceNode data = diag.map(o.get("data"), "data of cilium-config");
        if (readBefore(o.get("kind"), "cilium-config")) return;
        // every value of a ConfigMap is a string; Helm writes an unset one as ""
        Map<String, String> d = new LinkedHashMap<>();
        if (data != null)
            for (Map.Entry<String, SourceNode> e : data.entries().entrySet()) {
                String v = diag.string(e.getValue(), e.getKey());
                if (v != null && !v.isBlank()) d.put(e.getKey(), v.trim());
            }
        SourceNode where = data != null ? data : o.get("kind");
        String ipam = d.getOrDefault("ipam", "cluster-pool");
        String cidr = d.getOrDefault("cluster-pool-ipv4-cidr", CiliumKind.INSTANCE.defaultSubnet());
        SourceNode cidrAt = d.containsKey("cluster-pool-ipv4-cidr") ? data.get("cluster-pool-ipv4-cidr") : where;
        if (ipam.equals("kubernetes")) {
            // each node's podCIDR comes from its Node object, which manifests do not show: kubeadm's usual 10.244.0.0/16
            cidr = "10.244.0.0/16";
            diag.warn(data.get("ipam"), "with ipam kubernetes Cilium takes each node's podCIDR from its Node object, which the manifests"
                    + " do not show: the pods take 10.244.N.0/24 (set the cilium network's subnet to your cluster's pod CIDR)");
        } else if (!ipam.equals("cluster-pool"))
            diag.warn(data.get("ipam"), "Cilium's ipam mode " + ipam + " is not modelled: the pods take podCIDRs of the cluster pool"
                    + " (cluster-pool-ipv4-cidr) instead");
        // the chart joins a list of pools with spaces; the model has one
        if (cidr.contains(" ")) {
            diag.warn(cidrAt, "only the first of several cluster pools (" + cidr + ") is modelled");
            cidr = cidr.split("\\s+")[0];
        }
        Cidr pool = parsePool(cidrAt, cidr);
        SourceNode maskAt = d.containsKey("cluster-pool-ipv4-mask-size") ? data.get("cluster-pool-ipv4-mask-size") : null;
        int mask = ipam.equals("kubernetes") ? CiliumKind.DEFAULT_MASK_SIZE
                : diag.integer(maskAt, "cluster-pool-ipv4-mask-size", 8, 30, CiliumKind.DEFAULT_MASK_SIZE);
        if (mask < pool.prefix())
            throw diag.error(maskAt, "Cilium refuses this pool: podCIDRs of /" + mask + " do not fit in " + pool);
        // routing-mode (Cilium 1.14 on); the older "tunnel" key: vxlan, geneve or disabled (native)
        String routing = d.get("routing-mode"), protocol = d.get("tunnel-protocol"), legacy = d.get("tunnel");
        SourceNode routingAt = data == null ? null : data.get(d.containsKey("routing-mode") ? "routing-mode" : "tunnel");
        SourceNode protocolAt = data == null ? null : data.get(d.containsKey("tunnel-protocol") ? "tunnel-protocol" : "tunnel");
        if (routing == null && legacy != null) {
            routing = legacy.equals("disabled") ? CiliumKind.NATIVE : CiliumKind.TUNNEL;
            if (!legacy.equals("disabled") && protocol == null) protocol = legacy;
        }
        if (routing != null && !routing.equals(CiliumKind.TUNNEL) && !routing.equals(CiliumKind.NATIVE))
            throw diag.error(routingAt, "routing-mode must be tunnel or native, not '" + routing + "'");
        if (protocol != null && !protocol.equals(CiliumKind.VXLAN) && !protocol.equals(CiliumKind.GENEVE))
            throw diag.error(protocolAt, (legacy != null && !d.containsKey("tunnel-protocol") ? "tunnel must be vxlan, geneve or disabled"
                    : "tunnel-protocol must be vxlan or geneve") + ", not '" + protocol + "'");
        String kpr = d.get("kube-proxy-replacement");
        Boolean replacement = null;
        if (kpr != null) {
            switch (kpr) {
                case "true", "strict" -> replacement = true;
                case "false", "disabled" -> replacement = false;
                case "partial", "probe" -> {
                    diag.warn(data.get("kube-proxy-replacement"), "kube-proxy-replacement " + kpr + " (Cilium before 1.14) is not modelled: kube-proxy translates Services");
                    replacement = false;
                }
                default -> throw diag.error(data.get("kube-proxy-replacement"), "kube-proxy-replacement must be true or false, not '" + kpr + "'");
            }
        }
        boolean masquerade = !d.containsKey("enable-ipv4-masquerade") || flag(data, "enable-ipv4-masquerade");
        if (CiliumKind.NATIVE.equals(routing) && masquerade && !d.containsKey("ipv4-native-routing-cidr")
                && !(d.containsKey("enable-ip-masq-agent") && flag(data, "enable-ip-masq-agent")))
            throw diag.error(routingAt, "Cilium refuses native routing with enable-ipv4-masquerade unless ipv4-native-routing-cidr says"
                    + " which destinations are not masqueraded (e.g. ipv4-native-routing-cidr: \"" + pool + "\")");
        if (d.containsKey("ipv4-native-routing-cidr") && !Cidr.isValid(d.get("ipv4-native-routing-cidr")))
            throw diag.error(data.get("ipv4-native-routing-cidr"), "'" + d.get("ipv4-native-routing-cidr") + "' is not a CIDR (e.g. 10.0.0.0/8)");
        this.at = cidrAt;
        this.driver = CiliumKind.DRIVER;
        this.subnet = pool.toString();
        if (routing != null) options.put(CiliumKind.ROUTING_MODE, routing);
        if (protocol != null) options.put(CiliumKind.TUNNEL_PROTOCOL, protocol);
        if (replacement != null) options.put(CiliumKind.KUBE_PROXY_REPLACEMENT, String.valueOf(replacement));
        options.put(CiliumKind.MASK_SIZE, String.valueOf(mask));
        if (d.containsKey("enable-ipv4-masquerade")) options.put(CiliumKind.MASQUERADE, String.valueOf(masquerade));
        if (d.containsKey("auto-direct-node-routes")) options.put(CiliumKind.AUTO_DIRECT_NODE_ROUTES, String.valueOf(flag(data, "auto-direct-node-routes")));
        if (d.containsKey("mtu")) options.put(CiliumKind.MTU, String.valueOf(diag.integer(data.get("mtu"), "mtu", 0, 9000, 0)));
    }

    private boolean flag(SourceNode data, String key) {
        return diag.bool(data.get(key), key, false);
    }

    /**
     * The weave container's environment in the weave-net DaemonSet: IPALLOC_RANGE, WEAVE_PASSWORD,
     * WEAVE_MTU, WEAVE_NO_FASTDP (as weave-kube's launch.sh reads them).
     */
    private void weaveNet(SourceNode o) {
        if (readBefore(o.get("kind"), "the weave-net DaemonSet")) return;
        SourceNode spec = o.get("spec");
        SourceNode template = spec != null && spec.isMap() ? spec.get("template") : null;
        SourceNode podSpec = template != null && template.isMap() ? template.get("spec") : null;
        SourceNode weave = null;
        for (SourceNode c : podSpec != null && podSpec.isMap() ? diag.items(podSpec.get("containers"), "containers") : List.<SourceNode>of())
            if (c.isMap() && c.get("name") != null && "weave".equals(c.get("name").text)) weave = c;
        Map<String, SourceNode> env = new LinkedHashMap<>();
        for (SourceNode e : weave == null ? List.<SourceNode>of() : diag.items(weave.get("env"), "env of the weave container"))
            if (e.isMap() && e.get("name") != null && e.get("name").isScalar()) env.put(e.get("name").text, e);
        SourceNode rangeEnv = env.get("IPALLOC_RANGE");
        String range = literal(rangeEnv, "IPALLOC_RANGE", "the default " + WeaveKind.INSTANCE.defaultSubnet() + " is assumed");
        if (range != null && range.isBlank()) range = null;
        SourceNode rangeAt = range != null ? rangeEnv.get("value") : o.get("kind");
        Cidr pool = parsePool(rangeAt, range == null ? WeaveKind.INSTANCE.defaultSubnet() : range.trim());
        this.at = rangeAt;
        this.driver = WeaveKind.DRIVER;
        this.subnet = pool.toString();
        SourceNode password = env.get("WEAVE_PASSWORD");
        // the router encrypts only with a password: an empty one is none
        String written = password == null ? null : diag.string(password.get("value"), "WEAVE_PASSWORD");
        if (written != null && written.isEmpty()) password = null;
        if (password != null) {
            options.put(WeaveKind.ENCRYPTED, "true");
            SourceNode ref = diag.map(password.get("valueFrom"), "valueFrom of WEAVE_PASSWORD");
            SourceNode key = ref == null ? null : diag.map(ref.get("secretKeyRef"), "secretKeyRef of WEAVE_PASSWORD");
            if (key != null) {
                // the API server refuses a secretKeyRef without both
                String secret = diag.string(key.get("name"), "the Secret's name"), entry = diag.string(key.get("key"), "the Secret's key");
                if (secret == null || secret.isBlank()) throw diag.error(key, "secretKeyRef of WEAVE_PASSWORD has no name (the Secret)");
                if (entry == null || entry.isBlank()) throw diag.error(key, "secretKeyRef of WEAVE_PASSWORD has no key");
                options.put(WeaveKind.PASSWORD_SECRET, secret + "/" + entry);
            } else if (written != null) {
                // Weave encrypts with it all the same; the document says where it is, never what
                options.put(WeaveKind.PASSWORD_SECRET, "the weave-net DaemonSet's env");
                diag.warn(password.get("value"), "WEAVE_PASSWORD is written in the manifest itself: keep it in a Secret (valueFrom.secretKeyRef);"
                        + " the import does not copy it");
            }
        }
        SourceNode mtu = env.get("WEAVE_MTU");
        String mtuValue = literal(mtu, "WEAVE_MTU", "the default " + WeaveKind.DEFAULT_MTU + " is assumed");
        // launch.sh passes --mtu only when WEAVE_MTU is not empty
        if (mtuValue != null && !mtuValue.isBlank())
            options.put(WeaveKind.MTU, String.valueOf(diag.integer(mtu.get("value"), "WEAVE_MTU", 576, 9000, WeaveKind.DEFAULT_MTU)));
        SourceNode noFastdp = env.get("WEAVE_NO_FASTDP");
        String noFastdpValue = noFastdp == null ? null : diag.string(noFastdp.get("value"), "WEAVE_NO_FASTDP");
        if (noFastdpValue != null && !noFastdpValue.isEmpty()) {
            // launch.sh asks only whether it is set: "false" turns the fast datapath off as well
            if (Set.of("false", "0", "no").contains(noFastdpValue.trim().toLowerCase(java.util.Locale.ROOT)))
                diag.warn(noFastdp.get("value"), "WEAVE_NO_FASTDP is set (to '" + noFastdpValue + "'), and Weave turns the fast datapath off"
                        + " whatever its value: the peers use sleeve; remove the variable to keep the fast datapath");
            options.put(WeaveKind.DATAPATH, WeaveKind.SLEEVE);
        }
    }

    /** An env entry's literal value; one taken from elsewhere (valueFrom) is not read, with a warning saying what is assumed. */
    private String literal(SourceNode envEntry, String name, String assumed) {
        if (envEntry == null) return null;
        String value = diag.string(envEntry.get("value"), name);
        if (value == null && envEntry.get("valueFrom") != null)
            diag.warn(envEntry.get("valueFrom"), name + " comes from another object (valueFrom), which the import does not read: " + assumed);
        return value;
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

    /** The pod network as a node of the document, spanning every node of the cluster ({@code nodes} of them). */
    Network network(String id, int nodes) {
        for (SourceNode b : bgpConfigurations) bgpConfiguration(b);
        if (WeaveKind.DRIVER.equals(driver)) {
            // Weave splits its range among the peers as they join; the model gives each an equal share, a
            // quarter at least (as of the default 10.32.0.0/12 and /14s), smaller where more nodes need one
            int bits = 2;
            while ((1 << bits) < nodes && bits < 18) bits++;
            int share = Math.min(30, Cidr.parse(subnet).prefix() + bits);
            if (share != WeaveKind.DEFAULT_PEER_RANGE) options.put(WeaveKind.PEER_RANGE, String.valueOf(share));
        }
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
        if (readBefore(cidrNode, driver != null && driver.equals(CalicoKind.DRIVER) ? "a second Calico pool (" + cidr + ")" : "the IPPool " + cidr)) return;
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
        if (readBefore(o.get("kind"), "this Installation")) return;
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

    /** Whether a pod network was read before this configuration (a cluster has one): then a warning says this one is not modelled. */
    private boolean readBefore(SourceNode where, String what) {
        if (driver == null) return false;
        diag.warn(where, what + " is not modelled: the pods take addresses from the " + driver + " network " + subnet + " (" + at.where(diag.file()) + ")");
        return true;
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
