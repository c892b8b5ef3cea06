package dev.hopscope.net.provider.swarm;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.dataplane.Vxlan;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.findings.Encapsulation;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;
import dev.hopscope.net.provider.dockeroverlay.DockerOverlayProvider;
import dev.hopscope.net.provider.dockeroverlay.Gwbridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingress routing mesh of Docker swarm. Its tasks are the containers on a swarm-managed
 * overlay that publish ports (published ports of a swarm service default to ingress mode); its
 * nodes, every member of a swarm overlay. Built only when some task publishes a port.
 */
public final class SwarmProvider implements NetworkProvider {
    /** Docker's ingress network: 10.0.0.0/24 on VNI 4096 unless told otherwise. */
    public static final Cidr INGRESS = Cidr.parse("10.0.0.0/24");
    public static final int INGRESS_VNI = 4096;

    private final DockerOverlayProvider overlays;

    public SwarmProvider(DockerOverlayProvider overlays) { this.overlays = overlays; }

    @Override public String name() { return "swarm"; }

    /** A port one swarm service publishes, and the tasks behind it. */
    private record Published(int port, Proto proto, int targetPort, List<Container> tasks) {}

    static boolean swarmOverlay(dev.hopscope.model.Node n) {
        return n instanceof Overlay o && o.driver() == Overlay.Driver.DOCKER_OVERLAY && o.controlPlane() == Overlay.ControlPlane.SWARM;
    }

    static boolean onSwarmOverlay(Compilation c, Container ct) {
        for (Attachment a : ct.attachments()) if (c.doc().node(a.network()).filter(SwarmProvider::swarmOverlay).isPresent()) return true;
        return false;
    }

    /** The published ports of swarm tasks, grouped: one port answers for every task that publishes it (the service's replicas). */
    private static List<Published> published(Compilation c) {
        Map<String, Published> out = new LinkedHashMap<>();
        for (Container ct : c.doc().all(Container.class)) {
            if (ct.mode() != Container.Mode.BRIDGE || !onSwarmOverlay(c, ct)) continue;
            for (PublishedPort p : ct.ports())
                out.computeIfAbsent(p.hostPort() + "/" + p.proto(), k -> new Published(p.hostPort(), p.proto(), p.containerPort(), new ArrayList<>()))
                        .tasks().add(ct);
        }
        return new ArrayList<>(out.values());
    }

    /** The swarm's nodes: every host with a VTEP on a swarm overlay. */
    private static List<Host> nodes(Compilation c) {
        Set<String> ids = new LinkedHashSet<>();
        for (Overlay o : c.doc().all(Overlay.class)) {
            if (!swarmOverlay(o)) continue;
            for (Host h : Encapsulation.vtepHosts(c.doc(), o)) ids.add(h.id());
        }
        List<Host> out = new ArrayList<>();
        for (String id : ids) c.doc().get(id, Host.class).ifPresent(out::add);
        return out;
    }

    @Override public void connect(Compilation c) {
        List<Published> ports = published(c);
        if (ports.isEmpty()) return;
        List<Host> nodes = nodes(c);
        int[] next = {2};
        // the ingress overlay: a bridge and a VXLAN device per node, flooding to the others
        Map<String, Iface> ingressBridge = new LinkedHashMap<>();
        for (Host h : nodes) {
            Namespace ns = c.hostNs(h.id());
            Ipv4 local = c.underlayIp(h);
            int mtu = c.underlayMtu(h) - Encapsulation.VXLAN_OVERHEAD;
            Iface br = ns.addIface(Compilation.ifName(ns, "br-ingress"), Iface.Kind.BRIDGE, Mac.derive(h.id() + "/ingress"), mtu, h.id());
            ingressBridge.put(h.id(), br);
            if (local == null) continue;
            Iface vx = ns.addIface(Compilation.ifName(ns, "vxlan" + INGRESS_VNI), Iface.Kind.VXLAN, Mac.derive(h.id() + "/ingress/vx"), mtu, h.id());
            Vxlan v = new Vxlan(INGRESS_VNI, 4789, local, 0);
            for (Host other : nodes) if (other != h && c.underlayIp(other) != null) v.flood().add(c.underlayIp(other));
            vx.setVxlan(v);
            vx.enslaveTo(br);
        }
        // each node's ingress sandbox: on docker_gwbridge (where the node DNATs the published port) and on the ingress overlay
        Map<String, Ipv4> sandboxGw = new LinkedHashMap<>();
        Map<String, Namespace> sandboxes = new LinkedHashMap<>();
        for (Host h : nodes) {
            Namespace sbox = c.dp().add(new Namespace(sandboxName(c, h), Namespace.Kind.CONTAINER, h.id(), h.id(), true));
            Joined gw = Gwbridge.join(c, overlays, h.id(), sbox, "eth1", sbox.name(), h.id());
            sbox.addRoute(new Route(Cidr.parse("0.0.0.0/0"), gw.gateway(), gw.inside(), false, null));
            sandboxGw.put(h.id(), gw.address());
            sandboxes.put(h.id(), sbox);
            join(c, sbox, "eth0", h.id(), ingressBridge.get(h.id()), INGRESS.network().plus(next[0]++));
        }
        // each task gets an interface on the ingress overlay too
        Map<String, Ipv4> taskIngress = new LinkedHashMap<>();
        for (Published p : ports)
            for (Container t : p.tasks()) {
                if (taskIngress.containsKey(t.id()) || !ingressBridge.containsKey(t.host())) continue;
                Namespace ns = c.dp().namespaceOf(t.id());
                Ipv4 ip = INGRESS.network().plus(next[0]++);
                join(c, ns, ns.freeName("eth"), t.id(), ingressBridge.get(t.host()), ip);
                taskIngress.put(t.id(), ip);
            }
        for (Host h : nodes) {
            Namespace ns = c.hostNs(h.id());
            Namespace sbox = sandboxes.get(h.id());
            Iface sboxIngress = sbox.iface("eth0");
            for (Published p : ports) {
                String service = serviceName(p.tasks().get(0));
                Match local = Match.ANY.toLocal().withProto(p.proto(), p.port());
                String toSandbox = "the swarm's routing mesh: every node answers on port " + p.port() + "; " + h.name()
                        + " hands the connection to its ingress sandbox at " + sandboxGw.get(h.id()) + ":" + p.port();
                ns.addRule(Rule.dnat(Chain.PREROUTING, local, sandboxGw.get(h.id()), p.port(), 0, toSandbox, List.of(p.tasks().get(0).id())));
                ns.addRule(Rule.dnat(Chain.OUTPUT, local, sandboxGw.get(h.id()), p.port(), 0, toSandbox, List.of(p.tasks().get(0).id())));
                ns.addRule(Rule.filter(Chain.FORWARD, Match.ANY.outDev(Gwbridge.NAME).withProto(p.proto(), p.port()), Target.ACCEPT,
                        "Docker accepts the routing mesh's traffic to the ingress sandbox (DOCKER-INGRESS)", List.of()));
                List<NatTarget> targets = new ArrayList<>();
                for (Container t : p.tasks())
                    if (taskIngress.containsKey(t.id())) targets.add(new NatTarget(taskIngress.get(t.id()), p.targetPort(), t.id()));
                if (targets.isEmpty()) continue;
                sbox.addRule(Rule.dnat(Chain.PREROUTING, Match.ANY.withProto(p.proto(), p.port()).inDev("eth1"), targets, 0,
                        "IPVS in the ingress sandbox balances published port " + p.port() + " over the " + targets.size() + " task"
                                + (targets.size() == 1 ? "" : "s") + " of " + service + ", on whichever node they run", ids(targets)).by("IPVS (swarm's routing mesh)"));
            }
            sbox.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.toNet(INGRESS).outDev(sboxIngress.name()), Target.MASQUERADE,
                    "the ingress sandbox masquerades to its own ingress address: the task sees " + sboxIngress.primaryAddress()
                            + ", not the client, and replies to the sandbox", List.of()));
        }
    }

    /** A task is named SERVICE.SLOT (web.1): the service is the name before the slot. */
    static String serviceName(Container task) {
        String n = task.name();
        int dot = n.lastIndexOf('.');
        return dot > 0 && n.substring(dot + 1).chars().allMatch(Character::isDigit) ? n.substring(0, dot) : n;
    }

    private static List<String> ids(List<NatTarget> targets) {
        List<String> out = new ArrayList<>();
        for (NatTarget t : targets) out.add(t.node());
        return out;
    }

    private static String sandboxName(Compilation c, Host h) {
        String base = Compilation.nsName(h.id()) + "-ingress-sbox";
        String name = base;
        for (int i = 2; c.dp().namespace(name) != null || c.doc().node(name).isPresent(); i++) name = base + i;
        return name;
    }

    /** A veth from {@code ns} into the node's ingress bridge, with an address of the ingress subnet. */
    private static void join(Compilation c, Namespace ns, String inner, String owner, Iface bridge, Ipv4 address) {
        Namespace host = bridge.ns();
        Iface[] pair = c.vethPair(ns, inner, owner, host, Compilation.ifName(host, Compilation.hostVethName("veth", owner, "ingress")),
                bridge.node(), bridge.mtu());
        pair[1].enslaveTo(bridge);
        Cidr cidr = new Cidr(address, INGRESS.prefix());
        pair[0].addAddress(cidr);
        Compilation.connected(ns, pair[0], cidr);
    }

    @Override public List<DesignCheck> checks() { return List.of(new RoutingMeshCheck()); }
}
