package dev.hopscope.io.imports;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Network;
import dev.hopscope.model.Node;
import dev.hopscope.model.kinds.MacvlanKind;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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

    static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile", "dockerfile_inline", "args", "ssh", "cache_from", "cache_to",
            "additional_contexts", "extra_hosts", "isolation", "privileged", "labels", "no_cache", "pull", "network", "shm_size",
            "target", "secrets", "tags", "ulimits", "platforms", "entitlements", "provenance", "sbom");
    static final int MAX_REPLICAS = 10_000;
    private static final java.util.regex.Pattern PROFILE = java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final java.util.regex.Pattern CONTAINER_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    /** The Compose specification's schema: a service's key matches this or the file is invalid. */
    private static final java.util.regex.Pattern SERVICE_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]+");

    private final Diagnostics diag;
    private final ComposePorts ports;
    private final Ids ids = new Ids();
    private final Map<String, SourceNode> origins = new LinkedHashMap<>();
    private final HostPorts hostPorts;
    private Map<String, java.nio.file.Path> baseDirs = Map.of();

    /** What a compose network became: a bridge or overlay id, or a network mode for host/none. */
    private record Net(String key, String id, Container.Mode mode, SourceNode at, String subnet, String gateway) {
        Net(String key, String id, Container.Mode mode, SourceNode at) { this(key, id, mode, at, null, null); }
    }

    /** Addresses pinned with ipv4_address, per network: each may be given once. */
    private final Map<String, Map<String, String>> pinned = new HashMap<>();

    /** One service read: how its containers join the network, what they publish and listen on. */
    private record Plan(String name, SourceNode svc, int replicas, String containerName, String image, Container.Mode mode,
                        String modeTarget, List<Attachment> attachments, List<ComposePorts.Binding> published,
                        List<SourceNode> publishedAt, List<Socket> sockets, List<String> links) {}

    /** Nodes of the swarm a stack is deployed on ({@code docker stack deploy}); 0: one host, as {@code docker compose up}. */
    private final int swarmNodes;
    private SwarmPlacement swarm;
    /** Per service in a stack, the node (index) of each task. */
    private final Map<String, List<Integer>> placements = new HashMap<>();
    /** Per node index, its host id. */
    private final List<String> hostIds = new ArrayList<>();
    private final Map<String, List<PublishedPort>> ingressPorts = new HashMap<>();
    private final Map<Long, String> ingressOwners = new HashMap<>();
    private int nextIngressPort = 30000;

    ComposeImporter(Diagnostics diag) { this(diag, 0); }

    ComposeImporter(Diagnostics diag, int swarmNodes) {
        this.swarmNodes = swarmNodes;
        this.diag = diag;
        this.ports = new ComposePorts(diag);
        this.hostPorts = new HostPorts(diag);
    }

    Importer.Imported read(ComposeLoader.Model model) {
        SourceNode root = model.root();
        baseDirs = model.baseDirs();
        diag.unknownKeys(root, TOP_KEYS, "the compose file", true);
        String project = model.projectName();
        SourceNode services = diag.map(root.get("services"), "services");
        if (services == null || services.entries().isEmpty()) throw diag.error(root, "the compose file defines no services");
        Map<String, SourceNode> all = new LinkedHashMap<>();
        for (Map.Entry<String, SourceNode> e : services.entries().entrySet()) {
            if (!SERVICE_NAME.matcher(e.getKey()).matches())
                throw diag.error(services.keyNode(e.getKey()), "'" + Names.shown(e.getKey()) + "' is not a service name: Compose allows only"
                        + " letters, digits, '.', '_' and '-' in one (services additional property '" + Names.shown(e.getKey()) + "' is not allowed)");
            SourceNode svc = diag.map(e.getValue(), "service '" + e.getKey() + "'");
            all.put(e.getKey(), svc != null ? svc : SourceNode.map(e.getValue().file, e.getValue().line, e.getValue().column));
        }
        Map<String, List<String>> disabled = new LinkedHashMap<>();
        Map<String, SourceNode> running = enabled(all, model.profiles(), disabled, services);
        Map<String, Integer> replicas = new LinkedHashMap<>();
        for (Map.Entry<String, SourceNode> e : running.entrySet()) replicas.put(e.getKey(), replicas(e.getKey(), e.getValue()));
        if (swarmNodes > 0) {
            swarm = new SwarmPlacement(diag, SwarmPlacement.swarm(diag, swarmNodes, running.values()));
            for (Map.Entry<String, SourceNode> e : running.entrySet()) {
                List<Integer> on = swarm.place(e.getKey(), e.getValue(), replicas.get(e.getKey()), isGlobal(e.getValue()), services.keyNode(e.getKey()));
                placements.put(e.getKey(), on);
                replicas.put(e.getKey(), on.size());
            }
        }
        for (String name : running.keySet()) if (replicas.get(name) > 0) origins.put(ids.claim(name), services.keyNode(name));
        Map<String, String> byContainerName = swarm != null ? Map.of() : containerNames(running, replicas, services);

        SourceNode networks = diag.map(root.get("networks"), "networks");
        // networks are named before the host and the LAN: ids from the file beat invented ones
        Map<String, SourceNode> declared = declaredNetworks(networks, running);
        Map<String, String> netIds = new LinkedHashMap<>();
        for (String key : declared.keySet()) {
            String id = ids.claim(ids.taken(key) ? key + "-net" : key);
            netIds.put(key, id);
            if (networks != null && networks.has(key)) origins.put(id, networks.keyNode(key));
        }
        List<Node> nodes = new ArrayList<>();
        String hostId, lanId;
        StackedLan onSubnet = null;
        if (swarm != null) {
            for (SwarmPlacement.SwarmNode n : swarm.nodes()) hostIds.add(ids.claim(n.name()));
            hostId = hostIds.get(0);
            lanId = ids.claim("lan");
            nodes.add(Site.lan(lanId));
            for (int i = 0; i < hostIds.size(); i++)
                nodes.add(new Host(hostIds.get(i), swarm.nodes().get(i).name(), Host.Role.DOCKER, lanId, Site.hostAddress(i), true, 1500, List.of()));
        } else {
            hostId = ids.claim("host");
            lanId = ids.claim("lan");
            hostIds.add(hostId);
            onSubnet = lanOfStackedNetwork(declared, networks, running);
            nodes.add(onSubnet != null ? onSubnet.lan(lanId) : Site.lan(lanId));
            nodes.add(new Host(hostId, "host", Host.Role.DOCKER, lanId, onSubnet != null ? onSubnet.hostAddress() : Site.hostAddress(0), true, 1500, List.of()));
        }

        Map<String, Net> nets = networks(project, declared, netIds, hostId, nodes, networks);
        String[] docker0 = {null};
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (Map.Entry<String, SourceNode> e : running.entrySet())
            plans.put(e.getKey(), plan(e.getKey(), e.getValue(), replicas.get(e.getKey()), running, disabled, byContainerName, nets, hostId, docker0, nodes, services));
        Map<String, List<SourceNode>> dependencies = new LinkedHashMap<>();
        for (Map.Entry<String, Plan> e : plans.entrySet())
            dependencies.put(e.getKey(), dependencyNodes(e.getKey(), e.getValue().svc(), all, running, disabled));
        refuseCycles(plans, dependencies);

        List<Container> containers = new ArrayList<>();
        for (Plan p : plans.values()) containers.addAll(containers(project, p, hostId, services));
        nodes.addAll(containers);
        warnFullSubnets(nodes, containers);
        String extId = ids.claim(Site.EXTERNAL);
        if (!extId.equals(Site.EXTERNAL))
            diag.warn(services.keyNode(Site.EXTERNAL), "a service is named 'external': the external client is '" + extId + "'");
        nodes.add(onSubnet != null ? onSubnet.client(extId, lanId) : Site.client(extId, lanId));
        for (Map.Entry<String, List<SourceNode>> e : dependencies.entrySet()) {
            if (replicas.get(e.getKey()) == 0) continue;
            for (SourceNode dep : e.getValue()) {
                if (replicas.get(dep.text) == 0) {
                    diag.warn(dep, "service '" + dep.text + "' runs no container (scale 0): no intent from " + e.getKey() + " is made");
                    continue;
                }
                Intent i = intent(e.getKey(), dep.text, plans.get(dep.text).sockets());
                origins.put(i.id(), dep);
                nodes.add(i);
            }
        }
        return new Importer.Imported(new Document(project, "Imported from " + diag.file(), null, nodes, Map.of()), origins);
    }

    /** The services that run with the active profiles (all of them with "*"); the others, with their profiles, in {@code disabled}. */
    private Map<String, SourceNode> enabled(Map<String, SourceNode> all, Set<String> active, Map<String, List<String>> disabled, SourceNode services) {
        Map<String, SourceNode> out = new LinkedHashMap<>();
        Set<String> known = new LinkedHashSet<>();
        for (Map.Entry<String, SourceNode> e : all.entrySet()) {
            SourceNode svc = e.getValue();
            List<String> profiles = diag.strings(svc.get("profiles"), "profiles");
            for (String p : profiles)
                if (!PROFILE.matcher(p).matches()) throw diag.error(svc.get("profiles"), "'" + p + "' is not a profile name ([a-zA-Z0-9][a-zA-Z0-9_.-]*)");
            known.addAll(profiles);
            if (profiles.isEmpty() || active.contains("*") || profiles.stream().anyMatch(active::contains)) out.put(e.getKey(), svc);
            else disabled.put(e.getKey(), profiles);
        }
        if (out.isEmpty())
            throw diag.error(services, "no service runs: every service has a profile and " + (active.isEmpty() ? "none is enabled" : "none of " + active + " is theirs")
                    + " (enable one with --profile; this file's profiles: " + String.join(", ", known) + ")");
        return out;
    }

    /** How many containers a service runs: {@code deploy.replicas} or {@code scale} (1; one for {@code deploy.mode: global}). */
    private int replicas(String name, SourceNode svc) {
        SourceNode deploy = diag.map(svc.get("deploy"), "deploy");
        SourceNode replicasNode = deploy == null ? null : deploy.get("replicas");
        SourceNode scaleNode = svc.get("scale");
        String mode = deploy == null ? null : diag.string(deploy.get("mode"), "deploy.mode");
        if (mode != null && !mode.equals("replicated") && !mode.equals("global") && !mode.equals("replicated-job") && !mode.equals("global-job"))
            throw diag.error(deploy.get("mode"), "deploy.mode must be replicated or global, not " + deploy.get("mode").describe());
        int fromDeploy = diag.integer(replicasNode, "replicas", 0, MAX_REPLICAS, -1);
        int fromScale = diag.integer(scaleNode, "scale", 0, MAX_REPLICAS, -1);
        if (fromDeploy >= 0 && fromScale >= 0 && fromDeploy != fromScale)
            throw diag.error(scaleNode, "service '" + name + "' can't set distinct values on 'scale' (" + fromScale + ") and 'deploy.replicas' (" + fromDeploy + ")");
        if (mode != null && mode.startsWith("global")) {
            if (fromDeploy > 1 || fromScale > 1)
                throw diag.error(replicasNode != null ? replicasNode : scaleNode, "service '" + name + "' runs in global mode (one container per host): it cannot also have replicas");
            return 1;
        }
        return fromDeploy >= 0 ? fromDeploy : fromScale >= 0 ? fromScale : 1;
    }

    private boolean isGlobal(SourceNode svc) {
        SourceNode deploy = svc.get("deploy");
        SourceNode mode = deploy != null && deploy.isMap() ? deploy.get("mode") : null;
        return mode != null && mode.isScalar() && mode.text != null && mode.text.startsWith("global");
    }

    /** container_name, checked as Docker checks it: a valid name, on one container, used once; the services by it. */
    private Map<String, String> containerNames(Map<String, SourceNode> running, Map<String, Integer> replicas, SourceNode services) {
        Map<String, String> byName = new HashMap<>();
        Map<String, SourceNode> at = new HashMap<>();
        for (Map.Entry<String, SourceNode> e : running.entrySet()) {
            SourceNode n = e.getValue().get("container_name");
            String cn = diag.string(n, "container_name");
            if (cn == null) continue;
            if (!CONTAINER_NAME.matcher(cn).matches())
                throw diag.error(n, "Invalid container name (" + cn + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            if (replicas.get(e.getKey()) > 1)
                throw diag.error(n, "service '" + e.getKey() + "' can't set container_name and run " + replicas.get(e.getKey())
                        + " replicas: a container name must be unique");
            if (byName.containsKey(cn))
                throw diag.error(n, "Conflict. The container name \"/" + cn + "\" is already in use by service '" + byName.get(cn) + "' ("
                        + at.get(cn).where(diag.file()) + ")");
            byName.put(cn, e.getKey());
            at.put(cn, n);
        }
        for (String name : running.keySet()) byName.putIfAbsent(name, name);
        return byName;
    }

    /** The file's networks in order, the project's default first when a running service lists none. */
    private Map<String, SourceNode> declaredNetworks(SourceNode networks, Map<String, SourceNode> running) {
        Map<String, SourceNode> declared = new LinkedHashMap<>();
        boolean needsDefault = false;
        for (SourceNode svc : running.values())
            if ((swarm != null || !svc.has("network_mode")) && (svc.get("networks") == null || svc.get("networks").isNull())) needsDefault = true;
        if (needsDefault && (networks == null || !networks.has("default"))) declared.put("default", null);
        if (networks != null) declared.putAll(networks.entries());
        return declared;
    }

    private Map<String, Net> networks(String project, Map<String, SourceNode> declared, Map<String, String> netIds, String hostId, List<Node> nodes,
                                      SourceNode networks) {
        AddressPool pool = AddressPool.docker();
        // a swarm's ingress network holds 10.0.0.0/24 (VNI 4096): the stack's overlays take the /24s after it
        if (swarm != null) pool.reserve(Cidr.parse("10.0.0.0/24"));
        Map<String, SourceNode> defs = new LinkedHashMap<>();
        for (Map.Entry<String, SourceNode> e : declared.entrySet()) {
            SourceNode def = e.getValue() == null ? null : diag.map(e.getValue(), "network '" + e.getKey() + "'");
            defs.put(e.getKey(), def);
            diag.unknownKeys(def, NETWORK_KEYS, "network '" + e.getKey() + "'", true);
            String subnet = ipamSubnet(def, e.getKey());
            if (subnet != null) pool.reserve(Cidr.parse(subnet));
        }
        Map<String, Net> out = new LinkedHashMap<>();
        Map<String, String> parents = new HashMap<>();
        for (Map.Entry<String, SourceNode> e : defs.entrySet()) {
            String key = e.getKey();
            SourceNode def = e.getValue();
            SourceNode at = networks != null && networks.has(key) ? networks.keyNode(key) : null;
            boolean external = def != null && externalFlag(def);
            String explicitName = def == null ? null : diag.string(def.get("name"), "name");
            String dockerName = explicitName != null ? explicitName : external ? key : project + "_" + key;
            String driver = def == null ? null : diag.string(def.get("driver"), "driver");
            if (external && driver == null && (dockerName.equals("host") || dockerName.equals("none") || dockerName.equals("bridge"))) driver = dockerName;
            if ("host".equals(driver)) { out.put(key, new Net(key, null, Container.Mode.HOST, at)); continue; }
            if ("none".equals(driver) || "null".equals(driver)) { out.put(key, new Net(key, null, Container.Mode.NONE, at)); continue; }
            String id = netIds.get(key);
            String subnet = ipamSubnet(def, key);
            String gateway = ipamGateway(def, key);
            if (swarm != null && !"overlay".equals(driver)) {
                // docker stack deploy creates every network of the stack with the overlay driver, scope swarm
                if (driver != null) diag.warn(def.get("driver"), "network driver '" + driver + "' in a swarm stack is not modelled: network '" + key
                        + "' is imported as an overlay across the swarm");
                if (external) diag.warn(def.keyNode("external"), "network '" + key + "' is external (created outside this stack): imported as an overlay across the swarm");
                driver = "overlay";
            }
            if (MacvlanKind.MACVLAN.equals(driver) || MacvlanKind.IPVLAN.equals(driver)) {
                if (subnet == null) {
                    Cidr c = pool.nextLocal();
                    if (c == null) throw diag.error(def, "Docker's default address pools are exhausted: give network '" + key + "' an ipam subnet");
                    subnet = c.toString();
                    diag.warn(def.get("driver"), "the " + driver + " network '" + key + "' has no ipam subnet: Docker gives it " + subnet
                            + " from its pools, which is not the LAN's; give it the LAN's subnet (ipam config subnet, gateway, ip_range)"
                            + " for its containers to reach the LAN");
                }
                nodes.add(stackedNetwork(key, def, id, dockerName, driver, hostId, subnet, gateway, parents));
                stacked.add(id);
                out.put(key, new Net(key, id, Container.Mode.BRIDGE, at, subnet, gateway));
                continue;
            }
            if ("overlay".equals(driver)) {
                if (subnet == null) subnet = pool.nextOverlay().toString();
                // driver_opts encrypted (any value) turns on IPsec between the nodes
                SourceNode opts = def == null ? null : diag.map(def.get("driver_opts"), "driver_opts");
                boolean encrypted = opts != null && opts.has("encrypted");
                List<Overlay.Member> members = new ArrayList<>();
                for (String h : hostIds) members.add(Overlay.Member.of(h));
                nodes.add(new Overlay(id, dockerName, 4096 + out.size() + 1, subnet, Overlay.Driver.DOCKER_OVERLAY, 0, 0,
                        Overlay.ControlPlane.SWARM, encrypted, members));
                out.put(key, new Net(key, id, Container.Mode.BRIDGE, at, subnet, gateway));
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
            out.put(key, new Net(key, id, Container.Mode.BRIDGE, at, subnet, gateway));
        }
        return out;
    }

    /** Ids of the macvlan and ipvlan networks: Docker publishes no port of a container that is on nothing else. */
    private final Set<String> stacked = new HashSet<>();

    /**
     * A compose network of driver macvlan or ipvlan, as Docker's drivers read its options: the
     * parent device (none: Docker stacks it on a dummy device of its own, so its containers reach
     * only each other), the mode, and the ipam ip_range containers take addresses from. Docker
     * refuses a second network of the same driver on one parent, and a mode it does not know.
     */
    private Network stackedNetwork(String key, SourceNode def, String id, String dockerName, String driver, String hostId,
                                   String subnet, String gateway, Map<String, String> parents) {
        SourceNode opts = diag.map(def.get("driver_opts"), "driver_opts");
        Map<String, String> options = new LinkedHashMap<>();
        SourceNode parentNode = opts == null ? null : opts.get("parent");
        String parent = diag.string(parentNode, "parent");
        if (parent != null) parent = parent.trim();
        boolean internal = diag.bool(def.get("internal"), "internal", false);
        if (internal && parent != null && !parent.isEmpty()) {
            diag.warn(def.keyNode("internal"), "the " + driver + " network '" + key + "' is internal: Docker leaves parent " + parent
                    + " alone and stacks it on a dummy device, so its containers reach only each other");
            parent = null;
        }
        if (parent == null || parent.isEmpty()) {
            parent = "dm-" + dockerName;
            if (!internal)
                diag.warn(def.get("driver"), "the " + driver + " network '" + key + "' names no parent (driver_opts parent): Docker stacks it on a"
                        + " dummy device of its own, so its containers reach only each other, not the LAN");
        } else {
            String before = parents.putIfAbsent(driver + "/" + parent, key);
            if (before != null)
                throw diag.error(parentNode, "Docker refuses network '" + key + "': network " + before + " is already using parent interface "
                        + parent + " (one " + driver + " network per parent device; a VLAN sub-interface such as " + parent + ".10 takes another)");
        }
        options.put(MacvlanKind.PARENT, parent);
        String modeKey = driver + "_mode";
        SourceNode modeNode = opts == null ? null : opts.get(modeKey);
        String mode = diag.string(modeNode, modeKey);
        if (mode != null && !mode.isEmpty()) {
            List<String> known = MacvlanKind.MACVLAN.equals(driver) ? List.of("bridge", "private", "vepa", "passthru") : List.of("l2", "l3", "l3s");
            if (!known.contains(mode))
                throw diag.error(modeNode, "Docker refuses network '" + key + "': requested " + driver + " mode '" + mode + "' is not valid, '"
                        + known.get(0) + "' mode is the " + driver + " driver default");
            if (mode.equals("l3s")) {
                diag.warn(modeNode, "ipvlan mode l3s is l3 with the host's netfilter on the path: imported as l3");
                mode = "l3";
            }
            options.put(MacvlanKind.MODE, mode);
        }
        SourceNode flagNode = opts == null ? null : opts.get("ipvlan_flag");
        String flag = diag.string(flagNode, "ipvlan_flag");
        if (flag != null && !flag.equals("bridge"))
            diag.warn(flagNode, "ipvlan_flag " + flag + " is not modelled: the network's containers reach each other as with the default (bridge)");
        if (opts != null)
            for (String k : opts.entries().keySet())
                if (!k.equals("parent") && !k.equals(modeKey) && !k.equals("ipvlan_flag"))
                    diag.warn(opts.keyNode(k), "driver option '" + k + "' is not one the " + driver + " driver reads (parent, " + modeKey
                            + (driver.equals(MacvlanKind.IPVLAN) ? ", ipvlan_flag" : "") + "): ignored");
        SourceNode ipam = ipamConfig(def, key);
        String range = ipam == null ? null : diag.string(ipam.get("ip_range"), "ip_range");
        if (range != null) {
            if (!Cidr.isValid(range)) throw diag.error(ipam.get("ip_range"), "'" + range + "' is not a subnet (e.g. 192.168.1.192/27)");
            Cidr r = Cidr.parse(range).base(), sub = Cidr.parse(subnet);
            if (r.prefix() < sub.prefix() || !sub.contains(r.network()))
                throw diag.error(ipam.get("ip_range"), "Docker refuses network '" + key + "': ip_range " + r + " is not inside its subnet " + sub);
            options.put(MacvlanKind.IP_RANGE, r.toString());
        }
        return new Network(id, dockerName, driver, hostId, List.of(), subnet, gateway, options);
    }

    /**
     * The LAN the host sits on, when a macvlan or ipvlan network on a real parent gives its
     * subnet: that subnet, with the host and the external client at addresses that neither the
     * gateway, the ip_range nor a pinned container address holds. Null: the usual LAN.
     */
    private StackedLan lanOfStackedNetwork(Map<String, SourceNode> declared, SourceNode networks, Map<String, SourceNode> running) {
        for (Map.Entry<String, SourceNode> e : declared.entrySet()) {
            SourceNode def = e.getValue() == null || !e.getValue().isMap() ? null : e.getValue();
            if (def == null) continue;
            String driver = diag.string(def.get("driver"), "driver");
            if (!MacvlanKind.MACVLAN.equals(driver) && !MacvlanKind.IPVLAN.equals(driver)) continue;
            SourceNode opts = def.get("driver_opts");
            if (opts == null || !opts.isMap() || opts.get("parent") == null || diag.bool(def.get("internal"), "internal", false)) continue;
            String subnet = ipamSubnet(def, e.getKey());
            if (subnet == null) continue;
            String gw = ipamGateway(def, e.getKey());
            SourceNode ipam = ipamConfig(def, e.getKey());
            String range = ipam == null ? null : diag.string(ipam.get("ip_range"), "ip_range");
            List<Ipv4> pinned = new ArrayList<>();
            for (SourceNode svc : running.values()) {
                SourceNode nets = svc.get("networks");
                if (nets == null || !nets.isMap()) continue;
                SourceNode on = nets.get(e.getKey());
                if (on == null || !on.isMap() || on.get("ipv4_address") == null) continue;
                String ip = on.get("ipv4_address").text;
                if (ip != null && Ipv4.isValid(ip)) pinned.add(Ipv4.parse(ip));
            }
            StackedLan lan = StackedLan.place(Cidr.parse(subnet), gw != null ? Ipv4.parse(gw) : null,
                    range != null && Cidr.isValid(range) ? Cidr.parse(range) : null, pinned, StackedLan.Placement.USUAL);
            if (lan == null)
                diag.warn(networks.keyNode(e.getKey()), "the " + driver + " network '" + e.getKey() + "' (" + subnet + ") leaves no address for the host"
                        + " and a client on its LAN: the LAN is imported as " + Site.LAN_SUBNET);
            return lan;
        }
        return null;
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

    private Plan plan(String name, SourceNode svc, int replicas, Map<String, SourceNode> running, Map<String, List<String>> disabled,
                      Map<String, String> byContainerName, Map<String, Net> nets, String hostId, String[] docker0, List<Node> nodes,
                      SourceNode services) {
        String where = "service '" + name + "'";
        diag.unknownKeys(svc, SERVICE_KEYS, where, true);
        if (swarm != null) warnIgnoredByStackDeploy(where, svc);
        else {
            SourceNode deploy = svc.get("deploy");
            if (deploy != null && deploy.isMap())
                for (String key : List.of("placement", "endpoint_mode"))
                    if (present(deploy.get(key)))
                        diag.warn(deploy.keyNode(key), "deploy." + key + " of " + where + " is read by docker stack deploy only, not by docker compose"
                                + " (import with --swarm to read the file as a stack)");
        }
        String containerName = swarm != null ? null : diag.string(svc.get("container_name"), "container_name");
        String image = diag.string(svc.get("image"), "image");
        if (image != null && image.isBlank()) image = null;

        Container.Mode mode = Container.Mode.BRIDGE;
        String target = null;
        List<Attachment> attachments = new ArrayList<>();
        SourceNode modeNode = swarm != null ? null : svc.get("network_mode");
        String networkMode = diag.string(modeNode, "network_mode");
        if (networkMode != null && svc.get("networks") != null && !svc.get("networks").isNull())
            throw diag.error(modeNode, where + ": network_mode and networks cannot be used together");
        if (networkMode != null) {
            if (networkMode.equals("host")) mode = Container.Mode.HOST;
            else if (networkMode.equals("none")) mode = Container.Mode.NONE;
            else if (networkMode.equals("bridge") || networkMode.equals("default")) attachments.add(Attachment.to(docker0(docker0, hostId, nodes)));
            else if (networkMode.startsWith("service:")) {
                target = networkMode.substring("service:".length());
                if (disabled.containsKey(target)) throw requiredButDisabled(modeNode, target, name, disabled);
                if (!running.containsKey(target)) throw diag.error(modeNode, "network_mode " + networkMode + " names no service of this file");
                mode = Container.Mode.CONTAINER;
            } else if (networkMode.startsWith("container:")) {
                target = byContainerName.get(networkMode.substring("container:".length()));
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
        refuseConflicts(name, svc, mode, replicas, attachments);
        warnUnmodelled(where, svc);

        List<ComposePorts.Binding> published = new ArrayList<>();
        List<SourceNode> publishedAt = new ArrayList<>();
        Set<Socket> sockets = new LinkedHashSet<>();
        boolean dnsrr = false;
        if (swarm != null) {
            SourceNode deploy = svc.get("deploy");
            SourceNode endpointMode = deploy != null && deploy.isMap() ? deploy.get("endpoint_mode") : null;
            String em = diag.string(endpointMode, "endpoint_mode");
            if (em != null && !em.equals("vip") && !em.equals("dnsrr"))
                throw diag.error(endpointMode, "endpoint_mode must be vip or dnsrr, not " + endpointMode.describe());
            dnsrr = "dnsrr".equals(em);
        }
        for (SourceNode p : portEntries(svc.get("ports"), "ports of " + where)) {
            if (swarm != null) {
                String portMode = p.isMap() && p.get("mode") != null && p.get("mode").isScalar() ? p.get("mode").text : "ingress";
                if (dnsrr && "ingress".equals(portMode))
                    throw diag.error(p, "Docker refuses " + where + ": port published with ingress mode can't be used with dnsrr mode"
                            + " (publish it with mode: host, or use endpoint_mode: vip)");
                if ("host".equals(portMode))
                    diag.warn(p.get("mode"), where + " publishes this port in host mode: Docker publishes it only on the nodes that run a task;"
                            + " the import cannot say so and publishes it through the routing mesh, on every node");
            }
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
                if (!attachments.isEmpty() && attachments.stream().allMatch(a -> stacked.contains(a.network()))) {
                    diag.warn(p, where + " is only on macvlan/ipvlan networks: Docker publishes no ports there (the container is reached at its own"
                            + " address on the LAN, port " + b.containerPort() + ")");
                    continue;
                }
                published.add(b);
                publishedAt.add(p);
            }
        }
        for (SourceNode x : portEntries(svc.get("expose"), "expose of " + where))
            for (ComposePorts.Binding b : ports.expose(x)) sockets.add(new Socket(b.containerPort(), b.proto(), "0.0.0.0"));
        sockets.addAll(imageSockets(name, svc, image));

        List<String> links = new ArrayList<>();
        for (SourceNode l : swarm != null ? List.<SourceNode>of() : diag.items(svc.get("links"), "links of " + where)) {
            String link = diag.string(l, "a link");
            if (link == null || link.isBlank()) throw diag.error(l, "an empty link");
            String linked = link.split(":", 2)[0].trim();
            if (disabled.containsKey(linked)) throw requiredButDisabled(l, linked, name, disabled);
            if (!running.containsKey(linked)) throw diag.error(l, "the link '" + link + "' names no service of this file");
            if (mode == Container.Mode.BRIDGE) links.add(link.trim());
        }
        return new Plan(name, svc, replicas, containerName, image, mode, target, attachments, published, publishedAt,
                List.copyOf(sockets), links);
    }

    /**
     * What the Docker engine refuses when it creates the container, with its own words: options
     * that a container sharing another's network namespace (or the host's) cannot have.
     */
    private void refuseConflicts(String name, SourceNode svc, Container.Mode mode, int replicas, List<Attachment> attachments) {
        String where = "service '" + name + "'";
        if (mode == Container.Mode.CONTAINER) {
            String[][] refused = {
                    {"ports", "conflicting options: port exposing and the container type network mode"},
                    {"expose", "conflicting options: port exposing and the container type network mode"},
                    {"links", "conflicting options: container type network can't be used with links. This would result in undefined behavior"},
                    {"hostname", "conflicting options: hostname and the network mode"},
                    {"dns", "conflicting options: dns and the network mode"},
                    {"extra_hosts", "conflicting options: custom host-to-IP mapping and the network mode"},
                    {"mac_address", "conflicting options: mac-address and the network mode"},
            };
            for (String[] r : refused) {
                SourceNode v = svc.get(r[0]);
                if (v == null || v.isNull() || (v.isList() && v.items().isEmpty()) || (v.isMap() && v.entries().isEmpty())) continue;
                throw diag.error(svc.keyNode(r[0]), where + " shares another container's network namespace (network_mode "
                        + svc.get("network_mode").text + "), so Docker refuses its '" + r[0] + "': " + r[1]);
            }
        }
        if (mode == Container.Mode.HOST) {
            SourceNode links = svc.get("links");
            if (links != null && links.isList() && !links.items().isEmpty())
                throw diag.error(svc.keyNode("links"), where + " uses the host's network, so Docker refuses its links: "
                        + "conflicting options: host type networking can't be used with links. This would result in undefined behavior");
            SourceNode mac = svc.get("mac_address");
            if (mac != null && !mac.isNull())
                throw diag.error(svc.keyNode("mac_address"), where + " uses the host's network, so Docker refuses its mac_address: conflicting options: mac-address and the network mode");
        }
        if (replicas > 1) {
            SourceNode nets = svc.get("networks");
            if (nets != null && nets.isMap())
                for (Map.Entry<String, SourceNode> e : nets.entries().entrySet())
                    if (e.getValue().isMap() && e.getValue().get("ipv4_address") != null && !e.getValue().get("ipv4_address").isNull())
                        throw diag.error(e.getValue().get("ipv4_address"), where + " runs " + replicas + " containers but pins ipv4_address "
                                + e.getValue().get("ipv4_address").text + " on network '" + e.getKey()
                                + "': Docker gives it to the first and refuses the others (Address already in use)");
        }
    }

    /** What {@code docker stack deploy} leaves out, in its words ("Ignoring unsupported options: ..."), where it is written. */
    private void warnIgnoredByStackDeploy(String where, SourceNode svc) {
        for (String key : List.of("build", "cgroup_parent", "container_name", "devices", "tmpfs", "external_links", "links", "network_mode",
                "restart", "security_opt", "userns_mode")) {
            if (!present(svc.get(key))) continue;
            String what = switch (key) {
                case "network_mode" -> ": the service joins the stack's networks instead";
                case "links" -> ": its names resolve through the service names anyway";
                case "build" -> ": the image must already be built and pushed";
                default -> "";
            };
            diag.warn(svc.keyNode(key), "docker stack deploy ignores '" + key + "' of " + where + " (Ignoring unsupported options: " + key + ")" + what);
        }
        SourceNode deps = svc.get("depends_on");
        if (present(deps))
            diag.warn(svc.keyNode("depends_on"), "docker stack deploy ignores the start order of " + where + " (depends_on): its intents are still made");
    }

    /** What changes how names resolve but is not in the document: said where it is written. */
    private void warnUnmodelled(String where, SourceNode svc) {
        if (present(svc.get("external_links")))
            diag.warn(svc.keyNode("external_links"), where + " links to containers outside this project (external_links): not imported, their names do not resolve");
        if (present(svc.get("extra_hosts")))
            diag.warn(svc.keyNode("extra_hosts"), where + " adds /etc/hosts entries (extra_hosts): not imported, those names do not resolve");
        if (present(svc.get("dns")))
            diag.warn(svc.keyNode("dns"), where + " sets its own DNS servers: not modelled, names resolve as Docker's embedded DNS answers them");
    }

    private static boolean present(SourceNode n) {
        return n != null && !n.isNull() && !(n.isList() && n.items().isEmpty()) && !(n.isMap() && n.entries().isEmpty());
    }

    private ImportException requiredButDisabled(SourceNode at, String required, String by, Map<String, List<String>> disabled) {
        return diag.error(at, "service " + required + " is required by " + by + " but is disabled. Can be enabled by profiles "
                + disabled.get(required));
    }

    /**
     * What the image listens on: for a service that builds, the EXPOSE lines of its Dockerfile
     * (and of the image it starts from); otherwise what the catalog knows of the image.
     */
    private List<Socket> imageSockets(String name, SourceNode svc, String image) {
        SourceNode build = svc.get("build");
        if (build != null && !build.isNull()) return buildSockets(name, build);
        if (image == null) {
            diag.warn(svc.get("image") != null ? svc.get("image") : svc, "service '" + name + "' has neither an image nor a build context: Docker Compose refuses to run it");
            return List.of();
        }
        List<Socket> known = imageSockets.get(image);
        if (known != null) return known;
        ImageReference ref;
        try {
            ref = ImageReference.parse(image);
        } catch (ImageReference.Invalid e) {
            throw diag.error(svc.get("image"), "service '" + name + "': image '" + shorten(image) + "': " + e.getMessage());
        }
        List<Socket> sockets = ImageCatalog.lookup(ref).map(ImageCatalog.Entry::sockets).orElse(List.of());
        imageSockets.put(image, sockets);
        return sockets;
    }

    /** What each image seen so far exposes: thousands of services often share a few images. */
    private final Map<String, List<Socket>> imageSockets = new HashMap<>();

    private List<Socket> buildSockets(String name, SourceNode build) {
        String where = "service '" + name + "'";
        String context, dockerfile = null, inline = null, target = null;
        Map<String, String> args = new LinkedHashMap<>();
        if (build.isScalar()) context = build.text;
        else {
            SourceNode m = diag.map(build, "build of " + where);
            diag.unknownKeys(m, BUILD_KEYS, "build of " + where, true);
            context = diag.string(m.get("context"), "context");
            dockerfile = diag.string(m.get("dockerfile"), "dockerfile");
            inline = diag.string(m.get("dockerfile_inline"), "dockerfile_inline");
            target = diag.string(m.get("target"), "target");
            SourceNode a = m.get("args");
            if (a != null && a.isMap()) for (Map.Entry<String, SourceNode> e : a.entries().entrySet()) {
                String v = diag.string(e.getValue(), e.getKey());
                if (v != null) args.put(e.getKey(), v);
            } else for (String kv : diag.strings(a, "args")) {
                int eq = kv.indexOf('=');
                if (eq > 0) args.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (context == null || context.isBlank()) context = ".";
        SourceNode at = build.isMap() ? build.get("target") : null;
        if (inline != null) return DockerfileExpose.exposed(diag.fileOf(build) + " (dockerfile_inline of " + name + ")", inline, target, at, args, diag);
        if (context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/")) {
            diag.warn(build, "the build context of " + where + " is remote (" + context + "): its Dockerfile is not read, so what it exposes is unknown");
            return List.of();
        }
        java.nio.file.Path base = baseDirs.get(diag.fileOf(build));
        if (base == null) {
            diag.warn(build, "the build context of " + where + " is not read (the compose file was not imported from disk): what its image exposes is unknown");
            return List.of();
        }
        java.nio.file.Path dir = base.resolve(context).normalize();
        java.nio.file.Path file = dir.resolve(dockerfile == null ? "Dockerfile" : dockerfile).normalize();
        if (!java.nio.file.Files.isRegularFile(file)) {
            diag.warn(build, where + " builds from " + file + ", which does not exist: docker compose build would fail, and what the image exposes is unknown");
            return List.of();
        }
        String shown = displayed(build, context, dockerfile == null ? "Dockerfile" : dockerfile);
        return DockerfileExpose.exposed(shown, Importer.readText(file, shown), target, at, args, diag);
    }

    /** A Dockerfile named as the user would find it: beside the compose file's name as given. */
    private String displayed(SourceNode at, String context, String dockerfile) {
        java.nio.file.Path parent = java.nio.file.Path.of(diag.fileOf(at)).getParent();
        java.nio.file.Path rel = java.nio.file.Path.of(context).resolve(dockerfile);
        if (rel.isAbsolute()) return rel.normalize().toString();
        return (parent == null ? rel : parent.resolve(rel)).normalize().toString();
    }

    private static String shorten(String s) { return s.length() > 60 ? s.substring(0, 60) + "... (" + s.length() + " characters)" : s; }

    /** A service's containers: one named as the service, or replicas named as Compose names them. */
    private List<Container> containers(String project, Plan p, String hostId, SourceNode services) {
        List<Container> out = new ArrayList<>();
        String where = "service '" + p.name() + "'";
        if (swarm != null) return tasks(project, p, services);
        for (int k = 1; k <= p.replicas(); k++) {
            String id, name;
            if (p.replicas() == 1) {
                id = p.name();
                name = p.containerName() != null ? p.containerName() : p.name();
            } else {
                // Compose v2 names replicas PROJECT-SERVICE-N; the first keeps the service's name as its id, as
                // `docker compose exec SERVICE` picks replica 1, so --from SERVICE still works
                name = project + "-" + p.name() + "-" + k;
                id = k == 1 ? p.name() : ids.claim(name);
                if (k > 1) origins.put(id, services.keyNode(p.name()));
            }
            List<Attachment> attachments = p.attachments();
            if (p.replicas() > 1) {
                // the service name is an alias of every replica on each network, so it resolves to them all
                List<Attachment> aliased = new ArrayList<>();
                for (Attachment a : attachments) {
                    List<String> aliases = new ArrayList<>(a.aliases());
                    if (!aliases.contains(p.name())) aliases.add(0, p.name());
                    aliased.add(new Attachment(a.network(), a.ip(), aliases));
                }
                attachments = aliased;
            }
            List<PublishedPort> published = new ArrayList<>();
            for (int b = 0; b < p.published().size(); b++)
                published.add(hostPorts.publish(p.published().get(b), p.publishedAt().get(b), p.name(), k, p.replicas()));
            out.add(new Container(id, name, p.image(), hostId, p.mode(), p.modeTarget(), attachments, published, p.sockets(), p.links()));
        }
        return out;
    }

    /**
     * A stack's service as swarm runs it: a task per placement, named STACK_SERVICE.SLOT as
     * {@code docker ps} shows it (less the task id), on its node; the first keeps the service's
     * name as its id, so {@code --from NAME} works, and the service name is an alias of every
     * task on each network. Every task publishes the service's ports, which the routing mesh
     * answers on every node.
     */
    private List<Container> tasks(String project, Plan p, SourceNode services) {
        List<Container> out = new ArrayList<>();
        List<Integer> on = placements.get(p.name());
        List<PublishedPort> published = ingress(p);
        List<Attachment> attachments = new ArrayList<>();
        for (Attachment a : p.attachments()) {
            List<String> aliases = new ArrayList<>(a.aliases());
            if (!aliases.contains(p.name())) aliases.add(0, p.name());
            if (a.ip() != null)
                diag.warn(services.keyNode(p.name()), "service '" + p.name() + "' pins ipv4_address " + a.ip() + ": a swarm service's tasks take"
                        + " addresses from the network's IPAM, so it is not applied");
            attachments.add(new Attachment(a.network(), null, aliases));
        }
        for (int k = 1; k <= on.size(); k++) {
            String name = project + "_" + p.name() + "." + k;
            String id = k == 1 ? p.name() : ids.claim(name);
            if (k > 1) origins.put(id, services.keyNode(p.name()));
            out.add(new Container(id, name, p.image(), hostIds.get(on.get(k - 1)), p.mode(), null, attachments, published, p.sockets(), List.of()));
        }
        return out;
    }

    /**
     * A stack service's published ports: one port for all its tasks (the routing mesh answers it
     * on every node); without a published port swarm picks the next free one from 30000. Two
     * services on one published port is swarm's refusal.
     */
    private List<PublishedPort> ingress(Plan p) {
        List<PublishedPort> out = new ArrayList<>();
        for (int i = 0; i < p.published().size(); i++) {
            ComposePorts.Binding b = p.published().get(i);
            SourceNode at = p.publishedAt().get(i);
            int port = b.hostPort();
            if (port == 0) {
                while (nextIngressPort <= 32767 && ingressOwners.containsKey(((long) b.proto().ordinal() << 32) | nextIngressPort)) nextIngressPort++;
                if (nextIngressPort > 32767) throw diag.error(at, "the swarm has no free port left in 30000-32767 for service '" + p.name() + "'");
                port = nextIngressPort;
                diag.warn(at, "container port " + b.containerPort() + " of service '" + p.name() + "' is published on a port the swarm picks; the import uses " + port);
            } else if (b.hostPortEnd() != b.hostPort()) {
                diag.warn(at, "a published range in a swarm stack is not modelled: service '" + p.name() + "' is published on " + port);
            }
            long key = ((long) b.proto().ordinal() << 32) | port;
            String owner = ingressOwners.putIfAbsent(key, p.name());
            if (owner != null && !owner.equals(p.name()))
                throw diag.error(at, "Docker refuses service '" + p.name() + "': port '" + port + "' is already in use by service '" + owner
                        + "' as an ingress port");
            if (b.hostIp() != null) diag.warn(at, "host_ip " + b.hostIp() + " is not applied by the swarm's routing mesh: published on every address");
            out.add(new PublishedPort(null, port, b.containerPort(), b.proto()));
        }
        return out;
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
            if (ip != null) checkPinned(where, key, ip, opts.get("ipv4_address"), net);
            aliases = diag.strings(opts.get("aliases"), "aliases");
        }
        attachments.add(new Attachment(net.id(), ip, aliases));
        return mode;
    }

    /** An ipv4_address as Docker's IPAM checks it: inside the network's subnet, not its gateway, given once. */
    private void checkPinned(String where, String key, String ip, SourceNode at, Net net) {
        if (!Ipv4.isValid(ip)) throw diag.error(at, "'" + ip + "' is not an IPv4 address");
        if (net.subnet() != null) {
            Cidr subnet = Cidr.parse(net.subnet());
            Ipv4 addr = Ipv4.parse(ip);
            if (!subnet.contains(addr))
                throw diag.error(at, where + " on network '" + key + "': Invalid address " + ip + ": It does not belong to any of this network's subnets (" + subnet + ")");
            if (addr.equals(subnet.network()) || addr.equals(subnet.broadcast()))
                throw diag.error(at, where + " on network '" + key + "': " + ip + " is the " + (addr.equals(subnet.network()) ? "network" : "broadcast")
                        + " address of " + subnet + ": Docker gives containers the addresses between them");
            String gateway = net.gateway() != null ? net.gateway() : subnet.network().plus(1).toString();
            if (ip.equals(gateway))
                throw diag.error(at, where + " on network '" + key + "': " + ip + " is the network's gateway: Address already in use");
        }
        String before = pinned.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(ip, where);
        if (before != null) throw diag.error(at, where + " on network '" + key + "': " + ip + " is pinned by " + before + " too: Address already in use");
    }

    private String docker0(String[] docker0, String hostId, List<Node> nodes) {
        if (docker0[0] == null) {
            docker0[0] = ids.claim("docker0");
            nodes.add(2, Bridge.docker0(docker0[0], hostId));
        }
        return docker0[0];
    }

    /**
     * depends_on (list or map), links and network_mode service:X, in that order, each named
     * once; as their scalar nodes. A dependency that is not required ({@code required: false})
     * may be missing or disabled; any other is an error where it is written.
     */
    private List<SourceNode> dependencyNodes(String name, SourceNode svc, Map<String, SourceNode> all, Map<String, SourceNode> running,
                                            Map<String, List<String>> disabled) {
        Map<String, SourceNode> out = new LinkedHashMap<>();
        SourceNode deps = svc.get("depends_on");
        List<SourceNode> refs = new ArrayList<>();
        if (deps != null && deps.isMap()) {
            for (String k : deps.entries().keySet()) {
                SourceNode cond = diag.map(deps.get(k), "depends_on '" + k + "'");
                diag.unknownKeys(cond, Set.of("condition", "restart", "required"), "depends_on '" + k + "'", true);
                SourceNode ref = SourceNode.scalar(deps.keyNode(k).file, k, false, deps.keyNode(k).line, deps.keyNode(k).column);
                if (cond != null && !diag.bool(cond.get("required"), "required", true) && !running.containsKey(k)) {
                    if (!all.containsKey(k)) diag.warn(ref, "service '" + name + "' depends on '" + k + "', which is not a service of this file (not required: ignored)");
                    continue;
                }
                refs.add(ref);
            }
        } else {
            for (SourceNode d : diag.items(deps, "depends_on of service '" + name + "'"))
                refs.add(SourceNode.scalar(d.file, diag.string(d, "a dependency"), false, d.line, d.column));
        }
        for (SourceNode l : swarm != null ? List.<SourceNode>of() : diag.items(svc.get("links"), "links"))
            refs.add(SourceNode.scalar(l.file, diag.string(l, "a link").split(":", 2)[0].trim(), false, l.line, l.column));
        for (SourceNode r : refs) {
            if (disabled.containsKey(r.text)) throw requiredButDisabled(r, r.text, name, disabled);
            if (!running.containsKey(r.text)) throw diag.error(r, "service '" + name + "' depends on '" + r.text + "', which is not a service of this file");
            if (r.text.equals(name)) throw diag.error(r, "dependency cycle detected: " + name + " -> " + name);
            out.putIfAbsent(r.text, r);
        }
        return List.copyOf(out.values());
    }

    /**
     * Compose refuses a project whose services wait on each other in a circle, and Docker cannot
     * create containers that join each other's network namespace in a circle: both are errors
     * at the place that closes the circle.
     */
    private void refuseCycles(Map<String, Plan> plans, Map<String, List<SourceNode>> dependencies) {
        Map<String, List<SourceNode>> edges = new LinkedHashMap<>();
        Map<String, SourceNode> modeEdges = new HashMap<>();
        for (Map.Entry<String, Plan> e : plans.entrySet()) {
            List<SourceNode> out = new ArrayList<>(dependencies.get(e.getKey()));
            Plan p = e.getValue();
            if (p.mode() == Container.Mode.CONTAINER && p.modeTarget() != null) {
                SourceNode at = p.svc().get("network_mode");
                if (p.modeTarget().equals(e.getKey()))
                    throw diag.error(at, "service '" + e.getKey() + "' cannot join its own network namespace (network_mode " + at.text + ")");
                SourceNode edge = SourceNode.scalar(at.file, p.modeTarget(), false, at.line, at.column);
                out.add(edge);
                modeEdges.put(e.getKey(), edge);
            }
            edges.put(e.getKey(), out);
        }
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String start : edges.keySet()) {
            if (state.containsKey(start)) continue;
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<SourceNode>> its = new ArrayDeque<>();
            path.push(start);
            its.push(edges.get(start).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                java.util.Iterator<SourceNode> it = its.peek();
                if (!it.hasNext()) { state.put(path.pop(), 2); its.pop(); continue; }
                SourceNode edge = it.next();
                String next = edge.text;
                Integer st = state.get(next);
                if (st == null) {
                    state.put(next, 1);
                    path.push(next);
                    its.push(edges.getOrDefault(next, List.of()).iterator());
                } else if (st == 1) {
                    List<String> cycle = new ArrayList<>();
                    boolean inCycle = false, allModes = true;
                    List<String> order = new ArrayList<>(path);
                    java.util.Collections.reverse(order);
                    for (String s : order) {
                        if (s.equals(next)) inCycle = true;
                        if (inCycle) cycle.add(s);
                    }
                    cycle.add(next);
                    for (int i = 0; i + 1 < cycle.size(); i++) {
                        SourceNode m = modeEdges.get(cycle.get(i));
                        if (m == null || !m.text.equals(cycle.get(i + 1))) allModes = false;
                    }
                    String chain = String.join(" -> ", cycle);
                    if (allModes)
                        throw diag.error(edge, "the services " + chain + " join each other's network namespace in a circle (network_mode service:...): "
                                + "Docker cannot create any of them");
                    throw diag.error(edge, "dependency cycle detected: " + chain);
                }
            }
        }
    }

    /** A warning where a network runs out of addresses: Docker would refuse the containers beyond its size. */
    private void warnFullSubnets(List<Node> nodes, List<Container> containers) {
        Map<String, Long> capacity = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Node n : nodes) {
            String subnet = n instanceof Bridge b ? b.subnet() : n instanceof dev.hopscope.model.Overlay o ? o.subnet()
                    : n instanceof Network w ? w.subnet() : null;
            if (subnet == null || !Cidr.isValid(subnet)) continue;
            Cidr c = Cidr.parse(subnet);
            String range = n instanceof Network w ? w.options().get(MacvlanKind.IP_RANGE) : null;
            // less the network and broadcast addresses and the gateway's (containers of an ip_range take only its addresses)
            capacity.put(n.id(), range != null ? Math.min(Cidr.parse(range).size(), c.size() - 3) : Math.max(0, c.size() - 3));
            names.put(n.id(), n.name() + " (" + subnet + ")");
        }
        Map<String, Long> used = new HashMap<>();
        Set<String> warned = new HashSet<>();
        for (Container c : containers)
            for (Attachment a : c.attachments()) {
                Long cap = capacity.get(a.network());
                if (cap == null) continue;
                long n = used.merge(a.network(), 1L, Long::sum);
                if (n > cap && warned.add(a.network())) {
                    long total = containers.stream().filter(x -> x.attachments().stream().anyMatch(y -> y.network().equals(a.network()))).count();
                    diag.warn(origins.get(c.id()), "network " + names.get(a.network()) + " has addresses for " + cap + " containers, but "
                            + total + " join it: from " + c.name() + " on, Docker refuses to start them (no available IPv4 addresses on this network's address pools)");
                }
            }
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
