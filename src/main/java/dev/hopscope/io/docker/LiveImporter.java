package dev.hopscope.io.docker;

import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.io.imports.StackedLan;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Box;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Problem;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.Validator;
import dev.hopscope.model.kinds.MacvlanKind;
import dev.hopscope.model.layout.AutoLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A live engine as a laid-out document. The engine's host is one Docker host {@code host} (named
 * as {@code docker info} names it) at 192.168.50.11 on the LAN {@code lan}, with the external
 * client {@code external} at .100 that every import adds; each bridge network is a bridge whose
 * id is the network's name and whose name is its device (docker0, br-…, or the
 * {@code com.docker.network.bridge.name} option); each running container keeps the name
 * {@code docker ps} shows, its network mode, addresses, aliases, links and published ports.
 * Sockets are the real listening ones where {@link ListeningSockets} can read them, else the
 * exposed and published container ports (with a warning).
 */
public final class LiveImporter {

    static final String LAN_SUBNET = "192.168.50.0/24";
    static final String HOST_ADDRESS = "192.168.50.11/24";
    static final String CLIENT_ADDRESS = "192.168.50.100/24";
    static final String COMPOSE_PROJECT = "com.docker.compose.project";
    static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private final BiFunction<Long, String, Optional<List<Socket>>> sockets;

    /**
     * @param sockets reads a container's listening sockets from its pid and namespace path; an
     *     empty answer means "cannot be read here"
     */
    public LiveImporter(BiFunction<Long, String, Optional<List<Socket>>> sockets) { this.sockets = sockets; }

    /** Reads the engine and imports it; sockets are read from /proc only for a local engine. */
    public static ImportResult importEngine(EngineAddress address, Consumer<String> progress) {
        EngineSnapshot snapshot = new EngineReader(address).read(progress);
        progress.accept("Reading listening sockets");
        ListeningSockets proc = new ListeningSockets();
        LiveImporter importer = new LiveImporter(address.local() ? proc::of : (pid, key) -> Optional.empty());
        progress.accept("Laying out " + snapshot.containers().size() + " containers");
        return importer.toDocument(snapshot);
    }

    public ImportResult toDocument(EngineSnapshot s) {
        List<String> warnings = new ArrayList<>();
        Set<String> used = new HashSet<>();
        // container names are what people type: claim them first, as docker ps shows them
        Map<String, String> containerIds = new LinkedHashMap<>();
        for (EngineSnapshot.Container c : s.containers()) containerIds.put(c.id(), claim(used, c.name()));
        Map<String, String> networkIds = new LinkedHashMap<>();
        for (EngineSnapshot.Network n : s.networks())
            if (!isMode(n.driver())) networkIds.put(n.id(), claim(used, used.contains(n.name()) ? n.name() + "-net" : n.name()));
        String hostId = claim(used, "host"), lanId = claim(used, "lan"), clientId = claim(used, "external");

        List<Node> nodes = new ArrayList<>();
        String[] lan = lan(s, warnings);
        nodes.add(new Underlay(lanId, "lan", lan[0], 1500));
        String hostName = s.hostName() == null || s.hostName().isBlank() ? "host" : s.hostName();
        nodes.add(new Host(hostId, hostName, Host.Role.DOCKER, lanId, lan[1], true, 1500, List.of()));

        Map<String, Node> networks = new LinkedHashMap<>();
        for (EngineSnapshot.Network n : s.networks()) {
            if (isMode(n.driver())) continue;
            Node node = network(n, networkIds.get(n.id()), hostId, warnings);
            if (node != null) {
                networks.put(n.id(), node);
                nodes.add(node);
            }
        }

        Map<String, String> nameById = new TreeMap<>();
        for (EngineSnapshot.Container c : s.containers()) nameById.put(c.id(), containerIds.get(c.id()));
        List<String> guessed = new ArrayList<>();
        for (EngineSnapshot.Container c : s.containers())
            nodes.add(container(c, containerIds.get(c.id()), hostId, networks, s.networks(), nameById, guessed, warnings));
        if (!guessed.isEmpty())
            warnings.add("docker: the listening sockets of " + String.join(", ", guessed) + " could not be read"
                    + " (that needs root on the engine's host); they are assumed from the exposed and published ports");

        nodes.add(new External(clientId, "external", lanId, lan[2], List.of(), List.of()));
        Document doc = new Document(hostName, description(s), null, nodes, Map.of());
        Document laid = AutoLayout.apply(doc);
        for (Problem p : Validator.validate(laid)) warnings.add("docker: the imported design has a problem: " + p);
        return new ImportResult(laid, warnings);
    }

    /**
     * The fresh import with the user's layout kept for every node that still exists (and the
     * intents they drew whose ends still exist); new nodes get boxes of their own.
     */
    public static Document reimport(Document previous, Document fresh) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (Node n : fresh.nodes()) previous.box(n.id()).ifPresent(b -> boxes.put(n.id(), b));
        Document doc = fresh.withLayout(boxes);
        for (Intent i : previous.all(Intent.class)) {
            if (doc.node(i.id()).isPresent()) continue;
            boolean endsExist = (i.from() == null || fresh.find(i.from()).isPresent())
                    && (i.to() == null || fresh.find(i.to()).isPresent() || Ipv4.isValid(i.to()));
            if (endsExist) doc = doc.with(i);
        }
        return AutoLayout.fillMissing(doc);
    }

    /**
     * The LAN's subnet, the host's address and the outside client's. A macvlan or ipvlan network
     * lives on its parent's segment, so its subnet is the LAN's (the first such network's); the
     * engine does not say the host's own address there, so the host and the client take the
     * highest addresses no container, gateway or --ip-range holds, and a warning says so.
     */
    private static String[] lan(EngineSnapshot s, List<String> warnings) {
        EngineSnapshot.Network stacked = null;
        for (EngineSnapshot.Network n : s.networks())
            if (isStacked(n.driver()) && n.subnet() != null && Cidr.isValid(n.subnet())) {
                if (stacked == null) stacked = n;
                else if (!Cidr.parse(n.subnet()).base().equals(Cidr.parse(stacked.subnet()).base()))
                    warnings.add("docker: " + n.driver() + " network " + n.name() + " (" + n.subnet() + ") is on another segment than "
                            + stacked.name() + " (" + stacked.subnet() + "), perhaps a VLAN of its parent; the design has one LAN, "
                            + stacked.name() + "'s");
            }
        if (stacked == null) return new String[] {LAN_SUBNET, HOST_ADDRESS, CLIENT_ADDRESS};
        List<Ipv4> attached = new ArrayList<>();
        for (EngineSnapshot.Container c : s.containers())
            for (EngineSnapshot.Attachment a : c.attachments())
                if (a.ip() != null && Ipv4.isValid(a.ip())) attached.add(Ipv4.parse(a.ip()));
        StackedLan segment = StackedLan.place(Cidr.parse(stacked.subnet()),
                stacked.gateway() != null && Ipv4.isValid(stacked.gateway()) ? Ipv4.parse(stacked.gateway()) : null,
                stacked.ipRange() != null && Cidr.isValid(stacked.ipRange()) ? Cidr.parse(stacked.ipRange()) : null, attached,
                StackedLan.Placement.HIGHEST);
        if (segment == null) return new String[] {LAN_SUBNET, HOST_ADDRESS, CLIENT_ADDRESS};
        warnings.add("docker: the LAN is " + stacked.driver() + " network " + stacked.name() + "'s segment, " + segment.subnet()
                + "; the engine does not say the host's own address on it, so the host is drawn at " + segment.hostAddress()
                + " and an outside client at " + segment.clientAddress());
        return new String[] {segment.subnet().toString(), segment.hostAddress(), segment.clientAddress()};
    }

    private static boolean isStacked(String driver) {
        return MacvlanKind.MACVLAN.equals(driver) || MacvlanKind.IPVLAN.equals(driver);
    }

    private static boolean isMode(String driver) {
        return "host".equals(driver) || "null".equals(driver);
    }

    private static Node network(EngineSnapshot.Network n, String id, String hostId, List<String> warnings) {
        String driver = n.driver() == null ? "" : n.driver();
        if (n.subnet() == null || !Cidr.isValid(n.subnet())) {
            warnings.add("docker: network " + n.name() + " has no IPv4 subnet: it is left out");
            return null;
        }
        String subnet = Cidr.parse(n.subnet()).base().toString();
        String gateway = n.gateway() != null && Ipv4.isValid(n.gateway()) ? n.gateway() : null;
        switch (driver) {
            case "bridge" -> {
                boolean isDefault = "true".equalsIgnoreCase(n.option("com.docker.network.bridge.default_bridge"));
                String device = n.option("com.docker.network.bridge.name");
                if (device == null || device.isBlank()) device = isDefault ? "docker0" : "br-" + n.id().substring(0, Math.min(12, n.id().length()));
                String mtu = n.option("com.docker.network.driver.mtu");
                if (mtu != null && !mtu.isBlank() && !mtu.trim().equals("1500"))
                    warnings.add("docker: network " + n.name() + " has MTU " + mtu.trim() + "; bridges are modelled at 1500");
                return new Bridge(id, device, hostId, isDefault ? Bridge.Kind.DEFAULT : Bridge.Kind.USER_DEFINED, subnet, gateway,
                        !"false".equalsIgnoreCase(n.option("com.docker.network.bridge.enable_ip_masquerade")), n.internal(),
                        !"false".equalsIgnoreCase(n.option("com.docker.network.bridge.enable_icc")));
            }
            case "overlay" -> {
                int vni = 4097;
                String list = n.option("com.docker.network.driver.overlay.vxlanid_list");
                if (list != null) try { vni = Integer.parseInt(list.split(",")[0].trim()); } catch (NumberFormatException e) {
                    warnings.add("docker: network " + n.name() + " has VNI list '" + list + "'; using " + vni);
                }
                return new Overlay(id, n.name(), vni, subnet, Overlay.Driver.DOCKER_OVERLAY, 0, 0, Overlay.ControlPlane.SWARM,
                        "true".equalsIgnoreCase(n.option("encrypted")) || n.options().containsKey("encrypted"), List.of(Overlay.Member.of(hostId)));
            }
            case MacvlanKind.MACVLAN, MacvlanKind.IPVLAN -> {
                // stacked on the host's device on the LAN, which the design calls eth0 whatever the engine's host calls it
                Map<String, String> options = new LinkedHashMap<>();
                String parent = n.option("parent");
                if (parent != null && !parent.isBlank() && !parent.equals("eth0"))
                    warnings.add("docker: " + driver + " network " + n.name() + " is stacked on " + parent
                            + ", drawn as the host's LAN device eth0" + (parent.contains(".") ? " (a VLAN sub-interface: the tag is not modelled)" : ""));
                options.put(MacvlanKind.PARENT, "eth0");
                String mode = n.option(driver.equals(MacvlanKind.MACVLAN) ? "macvlan_mode" : "ipvlan_mode");
                if (mode != null && !mode.isBlank()) options.put(MacvlanKind.MODE, mode.toLowerCase(Locale.ROOT));
                if (n.ipRange() != null && Cidr.isValid(n.ipRange())) options.put(MacvlanKind.IP_RANGE, Cidr.parse(n.ipRange()).toString());
                return new dev.hopscope.model.Network(id, n.name(), driver, hostId, List.of(), subnet, gateway, options);
            }
            default -> {
                warnings.add("docker: network " + n.name() + " uses the " + driver + " driver, which is not modelled: it is left out");
                return null;
            }
        }
    }

    private Container container(EngineSnapshot.Container c, String id, String hostId, Map<String, Node> networks,
                                List<EngineSnapshot.Network> all, Map<String, String> nameById, List<String> guessed,
                                List<String> warnings) {
        String mode = c.networkMode();
        Container.Mode m;
        String target = null;
        if (mode.equals("host")) m = Container.Mode.HOST;
        else if (mode.equals("none")) m = Container.Mode.NONE;
        else if (mode.startsWith("container:")) {
            String ref = mode.substring("container:".length());
            target = nameById.get(ref);
            if (target == null)
                for (Map.Entry<String, String> e : nameById.entrySet()) if (e.getKey().startsWith(ref) || e.getValue().equals(ref)) target = e.getValue();
            if (target == null) {
                warnings.add("docker: " + c.name() + " shares the network of a container that is not running (" + ref + "): imported with no network");
                m = Container.Mode.NONE;
            } else m = Container.Mode.CONTAINER;
        } else m = Container.Mode.BRIDGE;

        List<Attachment> attachments = new ArrayList<>();
        String bindingIp = null;
        if (m == Container.Mode.BRIDGE)
            for (EngineSnapshot.Attachment a : c.attachments()) {
                Node net = networks.get(a.networkId());
                if (net == null) {
                    for (EngineSnapshot.Network n : all)
                        if (n.name().equals(a.networkName())) net = networks.get(n.id());
                }
                if (net == null) {
                    warnings.add("docker: " + c.name() + " is on network " + a.networkName() + ", which is not modelled: that attachment is left out");
                    continue;
                }
                List<String> aliases = new ArrayList<>();
                for (String alias : a.aliases())
                    if (!alias.equals(c.name()) && !c.id().startsWith(alias) && !aliases.contains(alias)) aliases.add(alias);
                String ip = a.ip() != null && Ipv4.isValid(a.ip()) ? a.ip() : null;
                attachments.add(new Attachment(net.id(), ip, aliases));
                if (bindingIp == null)
                    for (EngineSnapshot.Network n : all)
                        if (n.id().equals(a.networkId())) bindingIp = n.option("com.docker.network.bridge.host_binding_ipv4");
            }

        List<PublishedPort> ports = new ArrayList<>();
        if (m == Container.Mode.BRIDGE)
            for (EngineSnapshot.Port p : c.published()) {
                Proto proto = proto(p.proto());
                if (proto == null) {
                    warnings.add("docker: " + c.name() + " publishes " + p.containerPort() + "/" + p.proto() + ", a protocol that is not modelled");
                    continue;
                }
                String hostIp = p.hostIp() == null || p.hostIp().isBlank() ? bindingIp : p.hostIp();
                if (hostIp != null && (hostIp.equals("0.0.0.0") || !Ipv4.isValid(hostIp))) hostIp = null;
                ports.add(new PublishedPort(hostIp, p.hostPort(), p.containerPort(), proto));
            }

        List<Socket> listening;
        Optional<List<Socket>> real = m == Container.Mode.NONE && c.pid() <= 0 ? Optional.empty() : sockets.apply(c.pid(), c.sandboxKey());
        if (real.isPresent()) listening = real.get();
        else {
            Set<Socket> assumed = new LinkedHashSet<>();
            for (EngineSnapshot.Port p : c.exposed()) {
                Proto proto = proto(p.proto());
                if (proto != null) assumed.add(new Socket(p.containerPort(), proto, "0.0.0.0"));
            }
            for (PublishedPort p : ports) assumed.add(new Socket(p.containerPort(), p.proto(), "0.0.0.0"));
            listening = List.copyOf(assumed);
            if (!listening.isEmpty() || !c.exposed().isEmpty()) guessed.add(c.name());
        }

        List<String> links = new ArrayList<>();
        if (m == Container.Mode.BRIDGE)
            for (String l : c.links()) {
                String[] parts = l.split(":", 2);
                String linked = parts[0];
                String alias = parts.length > 1 ? parts[1].substring(parts[1].lastIndexOf('/') + 1) : linked;
                links.add(alias.equals(linked) ? linked : linked + ":" + alias);
            }
        return new Container(id, id, c.image(), hostId, m, target, attachments, ports, listening, links);
    }

    private static Proto proto(String p) {
        return switch (p == null ? "tcp" : p.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Proto.TCP;
            case "udp" -> Proto.UDP;
            default -> null;
        };
    }

    /** Which engine, and which compose projects started what (their project and service labels). */
    private static String description(EngineSnapshot s) {
        StringBuilder b = new StringBuilder("Read from the Docker engine at " + s.address()
                + (s.engineVersion() == null ? "" : " (Docker " + s.engineVersion() + ")") + ".");
        Map<String, Set<String>> projects = new TreeMap<>();
        List<String> standalone = new ArrayList<>();
        for (EngineSnapshot.Container c : s.containers()) {
            String project = c.label(COMPOSE_PROJECT);
            if (project == null) standalone.add(c.name());
            else projects.computeIfAbsent(project, k -> new TreeSet<>())
                    .add((c.label(COMPOSE_SERVICE) == null ? "?" : c.label(COMPOSE_SERVICE)) + " = " + c.name());
        }
        for (Map.Entry<String, Set<String>> e : projects.entrySet())
            b.append(" Compose project ").append(e.getKey()).append(": ").append(String.join(", ", e.getValue())).append('.');
        if (!standalone.isEmpty() && !projects.isEmpty()) b.append(" Started without compose: ").append(String.join(", ", standalone)).append('.');
        return b.toString();
    }

    private static String claim(Set<String> used, String id) {
        if (used.add(id)) return id;
        for (int i = 2; ; i++) if (used.add(id + "-" + i)) return id + "-" + i;
    }
}
