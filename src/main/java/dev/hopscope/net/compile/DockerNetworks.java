package dev.hopscope.net.compile;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.net.dataplane.DnsConfig;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's part: bridge devices, container namespaces and their veths, and the iptables rules
 * dockerd writes (MASQUERADE, published-port DNAT, isolation between networks, internal
 * networks, inter-container communication).
 */
final class DockerNetworks {
    private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");

    private final Build b;
    /** FORWARD rules per host, kept apart so they land in dockerd's order. */
    private final Map<String, List<Rule>> isolation = new LinkedHashMap<>();
    private final Map<String, List<Rule>> accepts = new LinkedHashMap<>();
    private final Map<String, List<Rule>> drops = new LinkedHashMap<>();

    DockerNetworks(Build b) { this.b = b; }

    private static boolean isDocker(Bridge br) { return br.bridgeKind() != Bridge.Kind.CNI; }

    void bridges() {
        for (Bridge br : b.doc.all(Bridge.class)) {
            Namespace ns = b.hostNs(br.host());
            Iface dev = ns.addIface(Build.ifName(ns, br.name()), Iface.Kind.BRIDGE, Mac.derive(br.host() + "/" + br.id()), 1500, br.id());
            Cidr subnet = Cidr.parse(br.subnet()).base();
            Ipv4 gw = b.addr.gateway(br.id()).orElseThrow();
            Cidr gwCidr = new Cidr(gw, subnet.prefix());
            dev.addAddress(gwCidr);
            Build.connected(ns, dev, gwCidr);
            b.putBridgeDev(br.id(), br.host(), dev);
            if (!isDocker(br)) continue;
            String d = dev.name();
            List<String> who = List.of(br.id());
            if (br.masquerade() && !br.internal())
                ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(subnet).notOutDev(d), Target.MASQUERADE,
                        "Docker masquerades traffic from " + br.name() + " (" + subnet + ") leaving the host: the source becomes the host's address", who));
            if (br.internal()) {
                list(isolation, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.inDev(d).notOutDev(d), Target.DROP,
                        br.name() + " is an internal network: Docker drops everything that tries to leave it", who));
                list(isolation, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.notInDev(d).outDev(d), Target.DROP,
                        br.name() + " is an internal network: Docker drops everything that tries to enter it", who));
            }
            if (!br.icc())
                list(drops, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.inDev(d).outDev(d), Target.DROP,
                        "inter-container communication (icc) is off on " + br.name() + ": Docker drops traffic between its containers", who));
            list(drops, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.notInDev(d).outDev(d), Target.DROP,
                    "Docker lets traffic from outside into " + br.name() + " only for published ports", who));
        }
        // Docker's isolation: no traffic between two of its networks on one host, although the kernel would route it
        for (Bridge x : b.doc.all(Bridge.class))
            for (Bridge y : b.doc.all(Bridge.class))
                if (x != y && x.host().equals(y.host()) && isDocker(x) && isDocker(y)) {
                    String dx = b.bridgeDev(x.id(), x.host()).name(), dy = b.bridgeDev(y.id(), y.host()).name();
                    list(isolation, x.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.inDev(dx).outDev(dy), Target.DROP,
                            "Docker's isolation rules drop traffic from network " + x.name() + " to network " + y.name()
                                    + " (the kernel alone would route it)", List.of(x.id(), y.id())));
                }
    }

    void containers() {
        List<Container> shared = new ArrayList<>();
        for (Container c : b.doc.all(Container.class)) {
            Namespace host = b.hostNs(c.host());
            if (c.mode() == Container.Mode.HOST) {
                b.dp.bind(c.id(), host);
                listen(host, c.sockets(), c.id());
            } else if (c.mode() == Container.Mode.CONTAINER) {
                shared.add(c);
            } else {
                Namespace ns = b.dp.add(new Namespace(Build.nsName(c.id()), Namespace.Kind.CONTAINER, c.id(), c.host(), false));
                b.dp.bind(c.id(), ns);
                listen(ns, c.sockets(), c.id());
                if (c.mode() == Container.Mode.BRIDGE) attach(c, ns, host);
            }
        }
        // container:NAME joins another container's namespace; chains of them resolve in a few rounds
        for (int round = 0; round < shared.size() + 1 && !shared.isEmpty(); round++) {
            for (var it = shared.iterator(); it.hasNext(); ) {
                Container c = it.next();
                Node target = b.doc.find(c.modeTarget()).orElseThrow();
                Namespace ns = b.dp.namespaceOf(target.id());
                if (ns == null) continue;
                b.dp.bind(c.id(), ns);
                listen(ns, c.sockets(), c.id());
                it.remove();
            }
        }
    }

    static void listen(Namespace ns, List<Socket> sockets, String owner) {
        for (Socket s : sockets) ns.listeners().add(new Listener(s.port(), s.proto(), Ipv4.parse(s.bind()), owner));
    }

    private void attach(Container c, Namespace ns, Namespace host) {
        List<String> dnsNets = new ArrayList<>();
        Map<String, Ipv4> hosts = new LinkedHashMap<>();
        hosts.put("localhost", Ipv4.parse("127.0.0.1"));
        Route defaultRoute = null;
        for (Attachment a : c.attachments()) {
            Ipv4 ip = b.addr.address(c.id(), a.network()).orElse(null);
            Iface bridge = b.bridgeDev(a.network(), c.host());
            Node net = b.doc.node(a.network()).orElseThrow();
            if (ip == null || bridge == null) continue; // a full subnet, or an overlay this host is not a member of
            Cidr subnet = b.subnet(a.network());
            int mtu = bridge.mtu();
            Iface[] pair = b.vethPair(ns, ns.freeName("eth"), c.id(), host, Build.ifName(host, Build.hostVethName(c.id(), a.network())), a.network(), mtu);
            pair[1].enslaveTo(bridge);
            Cidr cidr = new Cidr(ip, subnet.prefix());
            pair[0].addAddress(cidr);
            Build.connected(ns, pair[0], cidr);
            boolean userDefined = net instanceof Overlay || (net instanceof Bridge br && br.bridgeKind() != Bridge.Kind.DEFAULT);
            if (userDefined) dnsNets.add(a.network());
            if (net instanceof Bridge br && !br.internal() && defaultRoute == null) {
                defaultRoute = new Route(Cidr.parse("0.0.0.0/0"), b.addr.gateway(br.id()).orElseThrow(), pair[0], false, null);
                ns.addRoute(defaultRoute);
                publish(c, host, bridge, ip);
            }
        }
        Map<String, DnsConfig.LinkAlias> linkAliases = new LinkedHashMap<>();
        for (String link : c.links()) links(c, link, hosts, linkAliases);
        ns.setDns(new DnsConfig(dnsNets, null, hosts, linkAliases));
    }

    /**
     * {@code --link name[:alias]}. On a user-defined network Docker makes the name and the alias
     * answers of its embedded DNS, for this container only, with the linked container's address
     * on the network the two share; on the default bridge (legacy links) both land in /etc/hosts
     * with the linked container's default-bridge address.
     */
    private void links(Container c, String link, Map<String, Ipv4> hosts, Map<String, DnsConfig.LinkAlias> aliases) {
        String[] parts = link.split(":", 2);
        String alias = parts.length == 2 && !parts[1].isBlank() ? parts[1].trim() : null;
        Container target = b.doc.find(parts[0].trim()).filter(n -> n instanceof Container).map(n -> (Container) n).orElse(null);
        if (target == null) return;
        List<String> mine = c.attachments().stream().map(Attachment::network).toList();
        for (Attachment a : target.attachments()) {
            if (!mine.contains(a.network())) continue;
            Ipv4 ip = b.addr.address(target.id(), a.network()).orElse(null);
            if (ip == null) continue;
            boolean legacy = b.doc.get(a.network(), Bridge.class).map(br -> br.bridgeKind() == Bridge.Kind.DEFAULT).orElse(false);
            for (String name : alias == null ? List.of(target.name()) : List.of(target.name(), alias)) {
                if (legacy) hosts.put(name, ip);
                else aliases.put(name.toLowerCase(java.util.Locale.ROOT), new DnsConfig.LinkAlias(ip, a.network()));
            }
            return;
        }
    }

    /** -p hostPort:containerPort: DNAT on the host, plus the FORWARD accept dockerd adds for it. */
    private void publish(Container c, Namespace host, Iface bridge, Ipv4 ip) {
        for (PublishedPort p : c.ports()) {
            Match m = Match.ANY.toLocal().withProto(p.proto(), p.hostPort());
            if (p.hostIp() != null && !p.hostIp().equals("0.0.0.0")) m = m.toNet(Cidr.host(Ipv4.parse(p.hostIp())));
            String why = "Docker publishes " + c.name() + "'s port " + p.containerPort() + " on the host's port " + p.hostPort()
                    + ": DNAT to " + ip + ":" + p.containerPort();
            host.addRule(Rule.dnat(Chain.PREROUTING, m.notInDev(bridge.name()), ip, p.containerPort(), 0, why, List.of(c.id())));
            host.addRule(Rule.dnat(Chain.OUTPUT, m.notToNet(LOOPBACK), ip, p.containerPort(), 0, why, List.of(c.id())));
            list(accepts, c.host()).add(Rule.filter(Chain.FORWARD,
                    Match.ANY.toNet(Cidr.host(ip)).notInDev(bridge.name()).outDev(bridge.name()).withProto(p.proto(), p.containerPort()),
                    Target.ACCEPT, "Docker accepts traffic to " + c.name() + "'s published port " + p.containerPort() + "/" + p.proto().label(),
                    List.of(c.id())));
        }
    }

    /** dockerd's FORWARD order: isolation first, then published ports, then the catch-all drops. */
    void finish() {
        for (Host h : b.doc.all(Host.class)) {
            Namespace ns = b.hostNs(h.id());
            for (Rule r : list(isolation, h.id())) ns.addRule(r);
            for (Rule r : list(accepts, h.id())) ns.addRule(r);
            for (Rule r : list(drops, h.id())) ns.addRule(r);
        }
    }

    private static List<Rule> list(Map<String, List<Rule>> m, String host) {
        return m.computeIfAbsent(host, k -> new ArrayList<>());
    }
}
