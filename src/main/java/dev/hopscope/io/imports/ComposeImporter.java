package dev.hopscope.io.imports;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A docker-compose file (the Compose specification) as Docker would run it on one host: the
 * networks Compose creates (the project's {@code default} for services that list none), one
 * container per service named as the service, published ports, exposed ports, network modes,
 * aliases and links, and an intent per {@code depends_on}/{@code links} dependency.
 *
 * <p>Assumption, because a compose file does not say what a program listens on: a service
 * listens (on 0.0.0.0) on every port it exposes or publishes a container port of.
 */
final class ComposeImporter {

    static final Set<String> TOP_KEYS = Set.of("version", "name", "services", "networks", "volumes", "configs", "secrets", "include", "models");
    static final Set<String> SERVICE_KEYS = Set.of("annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup",
            "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota",
            "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop",
            "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "driver_opts", "entrypoint", "env_file",
            "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck", "hostname",
            "image", "init", "ipc", "isolation", "labels", "label_file", "links", "logging", "mac_address", "mem_limit",
            "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks", "oom_kill_disable",
            "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged", "profiles", "provider",
            "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale", "secrets", "security_opt", "shm_size",
            "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket",
            "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir");
    static final Set<String> NETWORK_KEYS = Set.of("driver", "driver_opts", "attachable", "enable_ipv4", "enable_ipv6", "external",
            "internal", "ipam", "labels", "name");
    static final Set<String> SERVICE_NETWORK_KEYS = Set.of("aliases", "ipv4_address", "ipv6_address", "link_local_ips",
            "mac_address", "driver_opts", "priority", "gw_priority", "interface_name");

    private static final int FIRST_EPHEMERAL_PORT = 32768;

    private final Diagnostics diag;
    private final ComposePorts ports;
    private final String folderName;
    private final Ids ids = new Ids();

    /** What a compose network became: a bridge or overlay id, or a network mode for host/none. */
    private record Net(String key, String id, Container.Mode mode) {}

    ComposeImporter(Diagnostics diag, String folderName) {
        this.diag = diag;
        this.folderName = folderName;
        this.ports = new ComposePorts(diag);
        diag.interpolateVariables();
    }

    Document read(SourceNode root) {
        diag.unknownKeys(root, TOP_KEYS, "the compose file", true);
        if (root.has("include")) diag.warn(root.keyNode("include"), "'include' is not followed: import each included file on its own");
        String project = projectName(root);
        SourceNode services = diag.map(root.get("services"), "services");
        if (services == null || services.entries().isEmpty()) throw diag.error(root, "the compose file defines no services");
        for (String name : services.entries().keySet()) ids.claim(name);

        SourceNode networks = diag.map(root.get("networks"), "networks");
        // networks are named before the host and the LAN: ids from the file beat invented ones
        Map<String, SourceNode> declared = declaredNetworks(networks, services);
        Map<String, String> netIds = new LinkedHashMap<>();
        for (String key : declared.keySet()) netIds.put(key, ids.claim(ids.taken(key) ? key + "-net" : key));
        String hostId = ids.claim("host"), lanId = ids.claim("lan");
        List<Node> nodes = new ArrayList<>();
        nodes.add(Site.lan(lanId));
        nodes.add(new Host(hostId, "host", Host.Role.DOCKER, lanId, Site.hostAddress(0), true, 1500, List.of()));

        Map<String, Net> nets = networks(project, declared, netIds, hostId, nodes);
        String[] docker0 = {null};
        Set<Integer> hostPorts = new HashSet<>();
        Map<String, List<Socket>> listening = new LinkedHashMap<>();
        Map<String, List<SourceNode>> dependencies = new LinkedHashMap<>();
        List<Container> containers = new ArrayList<>();
        for (Map.Entry<String, SourceNode> e : services.entries().entrySet()) {
            SourceNode svc = diag.map(e.getValue(), "service '" + e.getKey() + "'");
            if (svc == null) svc = SourceNode.map(e.getValue().line, e.getValue().column);
            Container c = service(e.getKey(), svc, services, nets, hostId, docker0, nodes, hostPorts);
            containers.add(c);
            listening.put(c.id(), c.sockets());
            dependencies.put(c.id(), dependencyNodes(e.getKey(), svc, services));
        }
        nodes.addAll(containers);
        String extId = ids.claim(Site.EXTERNAL);
        if (!extId.equals(Site.EXTERNAL)) diag.warn(null, "a service is named 'external': the external client is '" + extId + "'");
        nodes.add(Site.client(extId, lanId));
        for (Map.Entry<String, List<SourceNode>> e : dependencies.entrySet())
            for (SourceNode dep : e.getValue()) nodes.add(intent(e.getKey(), dep.text, listening.get(dep.text)));
        return new Document(project, "Imported from " + diag.file(), null, nodes, Map.of());
    }

    /** The project name: {@code name:}, else the folder's name, normalised as Compose does. */
    private String projectName(SourceNode root) {
        String name = diag.string(root.get("name"), "name");
        String raw = name != null && !name.isBlank() ? name : folderName;
        String norm = raw == null ? "" : raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceAll("^[^a-z0-9]+", "");
        return norm.isEmpty() ? "project" : norm;
    }

    /** The file's networks in order, the project's default first when a service lists none. */
    private Map<String, SourceNode> declaredNetworks(SourceNode networks, SourceNode services) {
        Map<String, SourceNode> declared = new LinkedHashMap<>();
        boolean needsDefault = false;
        for (Map.Entry<String, SourceNode> e : services.entries().entrySet()) {
            SourceNode svc = e.getValue();
            if (svc.isMap() && !svc.has("network_mode") && (svc.get("networks") == null || svc.get("networks").isNull())) needsDefault = true;
            if (!svc.isMap() && svc.isNull()) needsDefault = true;
        }
        if (needsDefault && (networks == null || !networks.has("default"))) declared.put("default", null);
        if (networks != null) declared.putAll(networks.entries());
        return declared;
    }

    private Map<String, Net> networks(String project, Map<String, SourceNode> declared, Map<String, String> netIds, String hostId, List<Node> nodes) {
        AddressPool pool = AddressPool.docker();
        Map<String, SourceNode> defs = new LinkedHashMap<>();
        for (Map.Entry<String, SourceNode> e : declared.entrySet()) {
            SourceNode def = e.getValue() == null ? null : diag.map(e.getValue(), "network '" + e.getKey() + "'");
            defs.put(e.getKey(), def);
            diag.unknownKeys(def, NETWORK_KEYS, "network '" + e.getKey() + "'", true);
            String subnet = ipamSubnet(def, e.getKey());
            if (subnet != null) pool.reserve(Cidr.parse(subnet));
        }
        Map<String, Net> out = new LinkedHashMap<>();
        for (Map.Entry<String, SourceNode> e : defs.entrySet()) {
            String key = e.getKey();
            SourceNode def = e.getValue();
            boolean external = def != null && externalFlag(def);
            String explicitName = def == null ? null : diag.string(def.get("name"), "name");
            String dockerName = explicitName != null ? explicitName : external ? key : project + "_" + key;
            String driver = def == null ? null : diag.string(def.get("driver"), "driver");
            if (external && driver == null && (dockerName.equals("host") || dockerName.equals("none") || dockerName.equals("bridge"))) driver = dockerName;
            if ("host".equals(driver)) { out.put(key, new Net(key, null, Container.Mode.HOST)); continue; }
            if ("none".equals(driver) || "null".equals(driver)) { out.put(key, new Net(key, null, Container.Mode.NONE)); continue; }
            String id = netIds.get(key);
            String subnet = ipamSubnet(def, key);
            String gateway = ipamGateway(def, key);
            if ("overlay".equals(driver)) {
                if (subnet == null) subnet = pool.nextOverlay().toString();
                nodes.add(new Overlay(id, dockerName, 4096 + out.size() + 1, subnet, Overlay.Driver.DOCKER_OVERLAY, 0, 0,
                        Overlay.ControlPlane.SWARM, false, List.of(Overlay.Member.of(hostId))));
                out.put(key, new Net(key, id, Container.Mode.BRIDGE));
                continue;
            }
            if (driver != null && !driver.equals("bridge") && !(external && dockerName.equals("bridge")))
                diag.warn(def.get("driver"), "network driver '" + driver + "' is not modelled: network '" + key + "' is imported as a bridge");
            if (external) diag.warn(def.keyNode("external"), "network '" + key + "' is external (created outside this file): imported as a bridge on this host");
            boolean isDocker0 = "bridge".equals(dockerName) && external;
            if (subnet == null) {
                Cidr c = isDocker0 ? Cidr.parse("172.17.0.0/16") : pool.nextLocal();
                if (c == null) throw diag.error(def, "Docker's default address pools are exhausted: give network '" + key + "' an ipam subnet");
                subnet = c.toString();
            }
            Map<String, String> opts = driverOpts(def);
            String device = opts.get("com.docker.network.bridge.name");
            Bridge b = new Bridge(id, isDocker0 ? "docker0" : dockerName, hostId,
                    isDocker0 ? Bridge.Kind.DEFAULT : Bridge.Kind.USER_DEFINED, subnet, gateway,
                    !"false".equals(opts.get("com.docker.network.bridge.enable_ip_masquerade")),
                    def != null && diag.bool(def.get("internal"), "internal", false),
                    !"false".equals(opts.get("com.docker.network.bridge.enable_icc")));
            if (device != null) diag.warn(def.get("driver_opts"), "bridge device name '" + device + "' noted; the bridge is shown as '" + b.name() + "'");
            nodes.add(b);
            out.put(key, new Net(key, id, Container.Mode.BRIDGE));
        }
        return out;
    }

    private boolean externalFlag(SourceNode def) {
        SourceNode ext = def.get("external");
        if (ext == null || ext.isNull()) return false;
        if (ext.isMap()) return true; // legacy form: external: {name: ...}
        return diag.bool(ext, "external", false);
    }

    private Map<String, String> driverOpts(SourceNode def) {
        Map<String, String> out = new LinkedHashMap<>();
        SourceNode opts = def == null ? null : diag.map(def.get("driver_opts"), "driver_opts");
        if (opts != null) for (Map.Entry<String, SourceNode> e : opts.entries().entrySet()) {
            String v = diag.string(e.getValue(), e.getKey());
            if (v != null) out.put(e.getKey(), v.trim().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private SourceNode ipamConfig(SourceNode def, String key) {
        if (def == null) return null;
        SourceNode ipam = diag.map(def.get("ipam"), "ipam of network '" + key + "'");
        if (ipam == null) return null;
        diag.unknownKeys(ipam, Set.of("driver", "config", "options"), "ipam of network '" + key + "'", true);
        for (SourceNode c : diag.items(ipam.get("config"), "ipam config")) {
            SourceNode m = diag.map(c, "an ipam config entry");
            if (m == null) continue;
            diag.unknownKeys(m, Set.of("subnet", "gateway", "ip_range", "aux_addresses"), "an ipam config entry", true);
            String subnet = diag.string(m.get("subnet"), "subnet");
            if (subnet != null && subnet.contains(":")) continue; // IPv6 subnets: the model is IPv4
            return m;
        }
        return null;
    }

    private String ipamSubnet(SourceNode def, String key) {
        SourceNode m = ipamConfig(def, key);
        String subnet = m == null ? null : diag.string(m.get("subnet"), "subnet");
        if (subnet == null) return null;
        if (!Cidr.isValid(subnet)) throw diag.error(m.get("subnet"), "'" + subnet + "' is not a subnet (e.g. 172.28.0.0/16)");
        return Cidr.parse(subnet).base().toString();
    }

    private String ipamGateway(SourceNode def, String key) {
        SourceNode m = ipamConfig(def, key);
        String gw = m == null ? null : diag.string(m.get("gateway"), "gateway");
        if (gw != null && !Ipv4.isValid(gw)) throw diag.error(m.get("gateway"), "'" + gw + "' is not an IPv4 address");
        return gw;
    }

    private Container service(String name, SourceNode svc, SourceNode services, Map<String, Net> nets, String hostId,
                              String[] docker0, List<Node> nodes, Set<Integer> hostPorts) {
        String where = "service '" + name + "'";
        diag.unknownKeys(svc, SERVICE_KEYS, where, true);
        String containerName = diag.string(svc.get("container_name"), "container_name");
        String image = diag.string(svc.get("image"), "image");
        warnReplicas(svc, name);
        if (svc.has("extends")) diag.warn(svc.keyNode("extends"), where + " extends another service: what it inherits is not imported, only what it writes itself");
        if (svc.has("profiles")) diag.warn(svc.keyNode("profiles"), where + " only runs with its profile enabled; imported as if it were");

        Container.Mode mode = Container.Mode.BRIDGE;
        String target = null;
        List<Attachment> attachments = new ArrayList<>();
        SourceNode modeNode = svc.get("network_mode");
        String networkMode = diag.string(modeNode, "network_mode");
        if (networkMode != null && svc.get("networks") != null && !svc.get("networks").isNull())
            throw diag.error(modeNode, where + ": network_mode and networks cannot be used together");
        if (networkMode != null) {
            if (networkMode.equals("host")) mode = Container.Mode.HOST;
            else if (networkMode.equals("none")) mode = Container.Mode.NONE;
            else if (networkMode.equals("bridge") || networkMode.equals("default")) attachments.add(Attachment.to(docker0(docker0, hostId, nodes)));
            else if (networkMode.startsWith("service:")) {
                target = networkMode.substring("service:".length());
                if (!services.has(target)) throw diag.error(modeNode, "network_mode " + networkMode + " names no service of this file");
                mode = Container.Mode.CONTAINER;
            } else if (networkMode.startsWith("container:")) {
                target = containerNamed(services, networkMode.substring("container:".length()));
                if (target == null) {
                    diag.warn(modeNode, "network_mode " + networkMode + " names a container outside this file: imported as network mode none");
                    mode = Container.Mode.NONE;
                } else mode = Container.Mode.CONTAINER;
            } else throw diag.error(modeNode, "network_mode '" + networkMode + "' is not one of bridge, host, none, service:NAME, container:NAME");
        } else {
            SourceNode list = svc.get("networks");
            if (list == null || list.isNull()) {
                Net def = nets.get("default");
                if (def.mode() == Container.Mode.BRIDGE) attachments.add(Attachment.to(def.id()));
                else mode = def.mode();
            } else if (list.isList()) {
                for (SourceNode item : list.items()) mode = attach(where, diag.string(item, "a network"), item, null, nets, attachments, mode);
            } else if (list.isMap()) {
                for (Map.Entry<String, SourceNode> e : list.entries().entrySet())
                    mode = attach(where, e.getKey(), list.keyNode(e.getKey()), diag.map(e.getValue(), "network '" + e.getKey() + "' of " + where), nets, attachments, mode);
            } else throw diag.error(list, "networks of " + where + " must be a list or a mapping, not " + list.describe());
        }

        List<PublishedPort> published = new ArrayList<>();
        Set<Socket> sockets = new LinkedHashSet<>();
        for (SourceNode p : portEntries(svc.get("ports"), "ports of " + where)) {
            for (ComposePorts.Binding b : ports.ports(p)) {
                sockets.add(new Socket(b.containerPort(), b.proto(), "0.0.0.0"));
                if (mode == Container.Mode.HOST) {
                    diag.warn(p, where + " uses the host's network: Docker discards published ports, the service listens on the host's port " + b.containerPort());
                    continue;
                }
                if (mode != Container.Mode.BRIDGE) {
                    diag.warn(p, where + " has network mode " + mode.label() + ": Docker cannot publish its ports; publish them on the container whose network it uses");
                    continue;
                }
                int hostPort = b.hostPort();
                if (hostPort == 0) {
                    hostPort = FIRST_EPHEMERAL_PORT;
                    while (hostPorts.contains(hostPort)) hostPort++;
                    diag.warn(p, "container port " + b.containerPort() + " of " + name + " is published on an ephemeral host port; the import uses " + hostPort);
                }
                hostPorts.add(hostPort);
                published.add(new PublishedPort(b.hostIp(), hostPort, b.containerPort(), b.proto()));
            }
        }
        for (SourceNode x : portEntries(svc.get("expose"), "expose of " + where))
            for (ComposePorts.Binding b : ports.expose(x)) sockets.add(new Socket(b.containerPort(), b.proto(), "0.0.0.0"));

        List<String> links = new ArrayList<>();
        for (SourceNode l : diag.items(svc.get("links"), "links of " + where)) {
            String link = diag.string(l, "a link");
            String linked = link.split(":", 2)[0].trim();
            if (!services.has(linked)) throw diag.error(l, "the link '" + link + "' names no service of this file");
            if (mode == Container.Mode.BRIDGE) links.add(link.trim());
        }
        return new Container(name, containerName != null ? containerName : name, image, hostId, mode, target,
                attachments, published, List.copyOf(sockets), links);
    }

    private List<SourceNode> portEntries(SourceNode n, String what) {
        if (n == null || n.isNull()) return List.of();
        if (n.isScalar()) return List.of(n);
        return diag.items(n, what);
    }

    private Container.Mode attach(String where, String key, SourceNode at, SourceNode opts, Map<String, Net> nets,
                                  List<Attachment> attachments, Container.Mode mode) {
        Net net = nets.get(key);
        if (net == null) throw diag.error(at, where + " uses network '" + key + "', which the file does not define under networks");
        if (net.mode() != Container.Mode.BRIDGE) return net.mode();
        String ip = null;
        List<String> aliases = List.of();
        if (opts != null) {
            diag.unknownKeys(opts, SERVICE_NETWORK_KEYS, "network '" + key + "' of " + where, true);
            ip = diag.string(opts.get("ipv4_address"), "ipv4_address");
            if (ip != null && !Ipv4.isValid(ip)) throw diag.error(opts.get("ipv4_address"), "'" + ip + "' is not an IPv4 address");
            aliases = diag.strings(opts.get("aliases"), "aliases");
        }
        attachments.add(new Attachment(net.id(), ip, aliases));
        return mode;
    }

    private String docker0(String[] docker0, String hostId, List<Node> nodes) {
        if (docker0[0] == null) {
            docker0[0] = ids.claim("docker0");
            nodes.add(2, Bridge.docker0(docker0[0], hostId));
        }
        return docker0[0];
    }

    /** The service whose container is NAME: by container_name, else by service name. */
    private String containerNamed(SourceNode services, String name) {
        for (Map.Entry<String, SourceNode> e : services.entries().entrySet())
            if (e.getValue().isMap() && name.equals(diag.string(e.getValue().get("container_name"), "container_name"))) return e.getKey();
        return services.has(name) ? name : null;
    }

    private void warnReplicas(SourceNode svc, String name) {
        SourceNode deploy = diag.map(svc.get("deploy"), "deploy");
        int replicas = deploy == null ? 1 : diag.integer(deploy.get("replicas"), "replicas", 0, 10_000, 1);
        replicas = Math.max(replicas, diag.integer(svc.get("scale"), "scale", 0, 10_000, 1));
        if (replicas > 1) diag.warn(svc.has("scale") ? svc.get("scale") : deploy.get("replicas"),
                "service '" + name + "' runs " + replicas + " replicas; imported as one container named " + name);
    }

    /** depends_on (list or map) and links, in that order, each named once; as their scalar nodes. */
    private List<SourceNode> dependencyNodes(String name, SourceNode svc, SourceNode services) {
        Map<String, SourceNode> out = new LinkedHashMap<>();
        SourceNode deps = svc.get("depends_on");
        List<SourceNode> refs = new ArrayList<>();
        if (deps != null && deps.isMap()) {
            for (String k : deps.entries().keySet()) {
                SourceNode cond = diag.map(deps.get(k), "depends_on '" + k + "'");
                diag.unknownKeys(cond, Set.of("condition", "restart", "required"), "depends_on '" + k + "'", true);
                refs.add(SourceNode.scalar(k, false, deps.keyNode(k).line, deps.keyNode(k).column));
            }
        } else {
            for (SourceNode d : diag.items(deps, "depends_on of service '" + name + "'"))
                refs.add(SourceNode.scalar(diag.string(d, "a dependency"), false, d.line, d.column));
        }
        for (SourceNode l : diag.items(svc.get("links"), "links"))
            refs.add(SourceNode.scalar(diag.string(l, "a link").split(":", 2)[0].trim(), false, l.line, l.column));
        for (SourceNode r : refs) {
            if (!services.has(r.text)) throw diag.error(r, "service '" + name + "' depends on '" + r.text + "', which is not a service of this file");
            if (!r.text.equals(name)) out.putIfAbsent(r.text, r);
        }
        return List.copyOf(out.values());
    }

    private Intent intent(String from, String to, List<Socket> targetSockets) {
        Probe probe = Probe.icmp();
        for (Socket s : targetSockets) {
            if (s.proto() == Proto.TCP) { probe = Probe.tcp(s.port()); break; }
            if (s.proto() == Proto.UDP) { probe = Probe.udp(s.port()); break; }
        }
        return new Intent(ids.claim(from + "-to-" + to), from + " depends on " + to, from, to, probe, Intent.Expect.REACHABLE);
    }
}
