package dev.hopscope.io.imports;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.kinds.MacvlanKind;
import dev.hopscope.model.Overlay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON that {@code docker network inspect} prints: one host holding each network (bridges,
 * overlays, macvlan and ipvlan networks, whose subnet becomes the LAN's; {@code host} and
 * {@code null} drivers become network modes) and each container at
 * the address Docker gave it. Inspect output shows no listening ports, so containers have none.
 */
final class InspectImporter {

    static final Set<String> NETWORK_KEYS = Set.of("Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM",
            "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels", "Peers", "Services", "Status");
    static final Set<String> CONTAINER_KEYS = Set.of("Name", "EndpointID", "MacAddress", "IPv4Address", "IPv6Address");

    private final Diagnostics diag;
    private final Ids ids = new Ids();

    InspectImporter(Diagnostics diag) { this.diag = diag; }

    private record Membership(String network, String ip, Container.Mode mode) {}

    private final Map<String, SourceNode> origins = new LinkedHashMap<>();

    Importer.Imported read(SourceNode array) {
        // container names are what people type: claim them before anything invented
        Map<String, List<Membership>> containers = new LinkedHashMap<>();
        Set<String> names = new java.util.LinkedHashSet<>();
        for (SourceNode net : array.items())
            for (SourceNode c : containerEntries(net, false)) names.add(containerName(c));
        names.forEach(ids::claim);
        Map<String, String> netIds = new LinkedHashMap<>();
        for (SourceNode net : array.items()) {
            String name = diag.requiredString(net, "Name", "the network's Name");
            if (!Names.isPrintable(name)) throw diag.error(net.get("Name"), "the network's Name '" + Names.shown(name) + "' holds a control character");
            if (netIds.containsKey(name)) throw diag.error(net.get("Name"), "the network '" + name + "' appears twice");
            netIds.put(name, ids.claim(ids.taken(name) ? name + "-net" : name));
            origins.put(netIds.get(name), net.get("Name"));
        }
        String hostId = ids.claim("host"), lanId = ids.claim("lan");
        List<Node> nodes = new ArrayList<>();
        StackedLan onSubnet = lanOfStackedNetwork(array);
        nodes.add(onSubnet != null ? onSubnet.lan(lanId) : Site.lan(lanId));
        nodes.add(new Host(hostId, "host", Host.Role.DOCKER, lanId, onSubnet != null ? onSubnet.hostAddress() : Site.hostAddress(0), true, 1500, List.of()));

        for (SourceNode net : array.items()) {
            diag.unknownKeys(net, NETWORK_KEYS, "a network", false);
            String name = diag.string(net.get("Name"), "Name");
            String driver = diag.string(net.get("Driver"), "Driver");
            Container.Mode mode = "host".equals(driver) ? Container.Mode.HOST : "null".equals(driver) || "none".equals(driver) ? Container.Mode.NONE : Container.Mode.BRIDGE;
            String id = netIds.get(name);
            if (mode == Container.Mode.BRIDGE) nodes.add(network(net, id, name, driver, hostId));
            for (SourceNode c : containerEntries(net, true)) {
                String cname = containerName(c);
                String ip = null;
                String addr = diag.string(c.get("IPv4Address"), "IPv4Address");
                if (mode == Container.Mode.BRIDGE && addr != null && !addr.isBlank()) {
                    String bare = addr.contains("/") ? addr.substring(0, addr.indexOf('/')) : addr;
                    if (!Ipv4.isValid(bare)) throw diag.error(c.get("IPv4Address"), "'" + addr + "' is not an IPv4 address");
                    ip = bare;
                }
                containers.computeIfAbsent(cname, k -> new ArrayList<>()).add(new Membership(id, ip, mode));
                origins.putIfAbsent(cname, c.get("Name"));
            }
        }
        for (Map.Entry<String, List<Membership>> e : containers.entrySet()) {
            Container.Mode mode = Container.Mode.BRIDGE;
            List<Attachment> attachments = new ArrayList<>();
            for (Membership m : e.getValue()) {
                if (m.mode() != Container.Mode.BRIDGE) mode = m.mode();
                else attachments.add(new Attachment(m.network(), m.ip(), List.of()));
            }
            if (mode != Container.Mode.BRIDGE) attachments.clear();
            nodes.add(new Container(e.getKey(), e.getKey(), null, hostId, mode, null, attachments, List.of(), List.of(), List.of()));
        }
        String extId = ids.claim(Site.EXTERNAL);
        nodes.add(onSubnet != null ? onSubnet.client(extId, lanId) : Site.client(extId, lanId));
        if (!containers.isEmpty())
            diag.warn(origins.get(containers.keySet().iterator().next()),
                    "docker network inspect does not show what containers listen on: add their sockets in the inspector");
        return new Importer.Imported(new Document(fileStem(), "Imported from " + diag.file(), null, nodes, Map.of()), origins);
    }

    private Node network(SourceNode net, String id, String name, String driver, String hostId) {
        SourceNode options = diag.map(net.get("Options"), "Options");
        String subnet = null, gateway = null;
        SourceNode ipam = diag.map(net.get("IPAM"), "IPAM");
        for (SourceNode cfg : ipam == null ? List.<SourceNode>of() : diag.items(ipam.get("Config"), "IPAM.Config")) {
            SourceNode m = diag.map(cfg, "an IPAM.Config entry");
            String s = m == null ? null : diag.string(m.get("Subnet"), "Subnet");
            if (s == null || s.contains(":")) continue;
            if (!Cidr.isValid(s)) throw diag.error(m.get("Subnet"), "'" + s + "' is not a subnet");
            subnet = Cidr.parse(s).base().toString();
            gateway = diag.string(m.get("Gateway"), "Gateway");
            if (gateway != null && (gateway.isBlank() || !Ipv4.isValid(gateway))) gateway = null;
            break;
        }
        if (subnet == null) throw diag.error(net.get("IPAM") == null ? net : net.get("IPAM"), "network '" + name + "' has no IPv4 subnet in IPAM.Config");
        if ("overlay".equals(driver)) {
            int vni = 4097;
            String list = option(options, "com.docker.network.driver.overlay.vxlanid_list");
            if (list != null) try { vni = Integer.parseInt(list.split(",")[0].trim()); } catch (NumberFormatException e) {
                diag.warn(options, "VNI list '" + list + "' is not a number; using " + vni);
            }
            return new Overlay(id, name, vni, subnet, Overlay.Driver.DOCKER_OVERLAY, 0, 0, Overlay.ControlPlane.SWARM,
                    false, List.of(Overlay.Member.of(hostId)));
        }
        if (MacvlanKind.MACVLAN.equals(driver) || MacvlanKind.IPVLAN.equals(driver)) {
            // the driver's options as docker network create -o set them; a network without parent sits on Docker's dummy device
            Map<String, String> opts = new LinkedHashMap<>();
            String parent = rawOption(options, "parent");
            opts.put(MacvlanKind.PARENT, parent == null || parent.isBlank() ? "dm-" + name : parent);
            String mode = rawOption(options, driver + "_mode");
            if (mode != null && !mode.isBlank()) opts.put(MacvlanKind.MODE, mode.equals("l3s") ? "l3" : mode);
            String range = ipRange(ipam);
            if (range != null) opts.put(MacvlanKind.IP_RANGE, range);
            return new Network(id, name, driver, hostId, List.of(), subnet, gateway, opts);
        }
        if (driver != null && !driver.equals("bridge"))
            diag.warn(net.get("Driver"), "network driver '" + driver + "' is not modelled: '" + name + "' is imported as a bridge");
        boolean isDefault = "true".equals(option(options, "com.docker.network.bridge.default_bridge")) || name.equals("bridge");
        return new Bridge(id, isDefault ? "docker0" : name, hostId, isDefault ? Bridge.Kind.DEFAULT : Bridge.Kind.USER_DEFINED,
                subnet, gateway, !"false".equals(option(options, "com.docker.network.bridge.enable_ip_masquerade")),
                diag.bool(net.get("Internal"), "Internal", false),
                !"false".equals(option(options, "com.docker.network.bridge.enable_icc")));
    }

    private String rawOption(SourceNode options, String key) {
        return options == null ? null : diag.string(options.get(key), key);
    }

    /** The IPv4 IPAM entry's IPRange, when it has a valid one. */
    private String ipRange(SourceNode ipam) {
        for (SourceNode cfg : ipam == null ? List.<SourceNode>of() : diag.items(ipam.get("Config"), "IPAM.Config")) {
            if (!cfg.isMap()) continue;
            String s = diag.string(cfg.get("Subnet"), "Subnet");
            if (s == null || s.contains(":")) continue;
            String r = diag.string(cfg.get("IPRange"), "IPRange");
            if (r == null || r.isBlank()) return null;
            if (!Cidr.isValid(r)) throw diag.error(cfg.get("IPRange"), "'" + r + "' is not a subnet");
            return Cidr.parse(r).base().toString();
        }
        return null;
    }

    /**
     * The LAN when a macvlan or ipvlan network on a parent device gives its subnet: the host and the
     * client at addresses neither its gateway, its IPRange nor one of its containers holds.
     */
    private StackedLan lanOfStackedNetwork(SourceNode array) {
        for (SourceNode net : array.items()) {
            String driver = diag.string(net.get("Driver"), "Driver");
            if (!MacvlanKind.MACVLAN.equals(driver) && !MacvlanKind.IPVLAN.equals(driver)) continue;
            SourceNode options = net.get("Options");
            if (options == null || !options.isMap() || rawOption(options, "parent") == null) continue;
            SourceNode ipam = net.get("IPAM");
            SourceNode cfg = null;
            for (SourceNode c : ipam == null || !ipam.isMap() ? List.<SourceNode>of() : diag.items(ipam.get("Config"), "IPAM.Config"))
                if (c.isMap() && c.get("Subnet") != null && c.get("Subnet").isScalar() && !c.get("Subnet").text.contains(":")) { cfg = c; break; }
            if (cfg == null || !Cidr.isValid(cfg.get("Subnet").text)) continue;
            String gw = cfg.get("Gateway") != null && cfg.get("Gateway").isScalar() ? cfg.get("Gateway").text : null;
            List<Ipv4> attached = new ArrayList<>();
            for (SourceNode c : containerEntries(net, false)) {
                String a = c.get("IPv4Address") != null && c.get("IPv4Address").isScalar() ? c.get("IPv4Address").text : null;
                if (a == null) continue;
                String bare = a.contains("/") ? a.substring(0, a.indexOf('/')) : a;
                if (Ipv4.isValid(bare)) attached.add(Ipv4.parse(bare));
            }
            String range = ipRange(ipam);
            return StackedLan.place(Cidr.parse(cfg.get("Subnet").text), gw != null && Ipv4.isValid(gw) ? Ipv4.parse(gw) : null,
                    range == null ? null : Cidr.parse(range), attached, StackedLan.Placement.USUAL);
        }
        return null;
    }

    private List<SourceNode> containerEntries(SourceNode net, boolean warn) {
        if (!net.isMap()) throw diag.error(net, "a network must be an object, not " + net.describe());
        SourceNode cs = diag.map(net.get("Containers"), "Containers");
        if (cs == null) return List.of();
        List<SourceNode> out = new ArrayList<>();
        for (Map.Entry<String, SourceNode> e : cs.entries().entrySet()) {
            SourceNode c = diag.map(e.getValue(), "a container entry");
            if (c == null) continue;
            if (warn) diag.unknownKeys(c, CONTAINER_KEYS, "a container entry", false);
            // swarm's load-balancer endpoints are not containers anyone runs
            if (e.getKey().startsWith("lb-")) continue;
            out.add(c);
        }
        return out;
    }

    private String containerName(SourceNode c) {
        String name = diag.requiredString(c, "Name", "the container's Name");
        if (!Names.isDockerContainerName(name))
            throw diag.error(c.get("Name"), "'" + Names.shown(name) + "' is not a container name Docker gives: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        return name;
    }

    private String option(SourceNode options, String key) {
        if (options == null) return null;
        String v = diag.string(options.get(key), key);
        return v == null ? null : v.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private String fileStem() {
        String f = diag.file().replace('\\', '/');
        String base = f.substring(f.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
