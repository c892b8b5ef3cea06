package dev.hopscope.net.provider.dockerbridge;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Rule.Chain;
import dev.hopscope.net.dataplane.Rule.Target;
import dev.hopscope.net.findings.DesignCheck;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's default and user-defined bridges (a {@link Bridge} of kind default or user-defined). */
public final class DockerBridgeProvider implements NetworkProvider {
    private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");

    /** FORWARD rules per host, kept apart during a compile so they land in dockerd's order. */
    private static final class ForwardRules {
        final Map<String, List<Rule>> isolation = new LinkedHashMap<>();
        final Map<String, List<Rule>> accepts = new LinkedHashMap<>();
        final Map<String, List<Rule>> drops = new LinkedHashMap<>();
    }

    @Override public String name() { return "docker-bridge"; }

    @Override public boolean owns(Node network) {
        return network instanceof Bridge b && b.bridgeKind() != Bridge.Kind.CNI;
    }

    private ForwardRules forward(Compilation c) { return c.state(this, ForwardRules.class, ForwardRules::new); }

    @Override public void build(Compilation c) {
        ForwardRules f = forward(c);
        List<Bridge> docker = c.doc().all(Bridge.class).stream().filter(this::owns).toList();
        for (Bridge br : docker) {
            Iface dev = c.bridgeDevice(br);
            Namespace ns = dev.ns();
            Cidr subnet = Cidr.parse(br.subnet()).base();
            String d = dev.name();
            List<String> who = List.of(br.id());
            if (br.masquerade() && !br.internal())
                ns.addRule(Rule.nat(Chain.POSTROUTING, Match.ANY.fromNet(subnet).notOutDev(d), Target.MASQUERADE,
                        "Docker masquerades traffic from " + br.name() + " (" + subnet + ") leaving the host: the source becomes the host's address", who));
            if (br.internal()) {
                list(f.isolation, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.inDev(d).notOutDev(d), Target.DROP,
                        br.name() + " is an internal network: Docker drops everything that tries to leave it", who));
                list(f.isolation, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.notInDev(d).outDev(d), Target.DROP,
                        br.name() + " is an internal network: Docker drops everything that tries to enter it", who));
            }
            if (!br.icc())
                list(f.drops, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.inDev(d).outDev(d), Target.DROP,
                        "inter-container communication (icc) is off on " + br.name() + ": Docker drops traffic between its containers", who));
            list(f.drops, br.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.notInDev(d).outDev(d), Target.DROP,
                    "Docker lets traffic from outside into " + br.name() + " only for published ports", who));
        }
        // Docker's isolation: no traffic between two of its networks on one host, although the kernel would route it
        for (Bridge x : docker)
            for (Bridge y : docker)
                if (x != y && x.host().equals(y.host())) {
                    String dx = c.bridgeDev(x.id(), x.host()).name(), dy = c.bridgeDev(y.id(), y.host()).name();
                    list(f.isolation, x.host()).add(Rule.filter(Chain.FORWARD, Match.ANY.inDev(dx).outDev(dy), Target.DROP,
                            "Docker's isolation rules drop traffic from network " + x.name() + " to network " + y.name()
                                    + " (the kernel alone would route it)", List.of(x.id(), y.id())));
                }
    }

    @Override public Joined attach(Compilation c, Namespace endpoint, Node owner, Node network, Ipv4 address) {
        Bridge br = (Bridge) network;
        Iface bridge = c.bridgeDev(br.id(), br.host());
        if (bridge == null) return null;
        // an internal network gives no default route; only user-defined networks have the embedded DNS
        Ipv4 gateway = br.internal() ? null : c.addr().gateway(br.id()).orElseThrow();
        return c.vethIntoBridge(endpoint, endpoint.freeName("eth"), owner.id(), br, bridge, address, gateway,
                br.bridgeKind() != Bridge.Kind.DEFAULT);
    }

    /** -p hostPort:containerPort: DNAT on the host, plus the FORWARD accept dockerd adds for it. */
    @Override public void publish(Compilation c, Container ct, Joined through) {
        Iface bridge = through.hostSide();
        Namespace host = bridge.ns();
        Ipv4 ip = through.address();
        for (PublishedPort p : ct.ports()) {
            Match m = Match.ANY.toLocal().withProto(p.proto(), p.hostPort());
            if (p.hostIp() != null && !p.hostIp().equals("0.0.0.0")) m = m.toNet(Cidr.host(Ipv4.parse(p.hostIp())));
            String why = "Docker publishes " + ct.name() + "'s port " + p.containerPort() + " on the host's port " + p.hostPort()
                    + ": DNAT to " + ip + ":" + p.containerPort();
            host.addRule(Rule.dnat(Chain.PREROUTING, m.notInDev(bridge.name()), ip, p.containerPort(), 0, why, List.of(ct.id())));
            host.addRule(Rule.dnat(Chain.OUTPUT, m.notToNet(LOOPBACK), ip, p.containerPort(), 0, why, List.of(ct.id())));
            list(forward(c).accepts, ct.host()).add(Rule.filter(Chain.FORWARD,
                    Match.ANY.toNet(Cidr.host(ip)).notInDev(bridge.name()).outDev(bridge.name()).withProto(p.proto(), p.containerPort()),
                    Target.ACCEPT, "Docker accepts traffic to " + ct.name() + "'s published port " + p.containerPort() + "/" + p.proto().label(),
                    List.of(ct.id())));
        }
    }

    /** dockerd's FORWARD order: isolation first, then published ports, then the catch-all drops. */
    @Override public void finish(Compilation c) {
        ForwardRules f = forward(c);
        for (Host h : c.doc().all(Host.class)) {
            Namespace ns = c.hostNs(h.id());
            for (Rule r : list(f.isolation, h.id())) ns.addRule(r);
            for (Rule r : list(f.accepts, h.id())) ns.addRule(r);
            for (Rule r : list(f.drops, h.id())) ns.addRule(r);
        }
    }

    @Override public List<DesignCheck> checks() {
        return List.of(new DefaultBridgeDnsCheck(), new HostPortClashCheck(), new InternalNetworkPublishedCheck(), new PublishedPortClosedCheck());
    }

    private static List<Rule> list(Map<String, List<Rule>> m, String host) {
        return m.computeIfAbsent(host, k -> new ArrayList<>());
    }
}
