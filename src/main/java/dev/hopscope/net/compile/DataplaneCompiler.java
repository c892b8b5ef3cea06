package dev.hopscope.net.compile;

import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Problem;
import dev.hopscope.model.Socket;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.model.Underlay;
import dev.hopscope.model.Validator;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Mac;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a document into a Linux dataplane, the way Docker, a CNI plugin, flannel and
 * kube-proxy would set up the kernel: namespaces, veth pairs, bridges, VXLAN devices, routes,
 * iptables rules and listening sockets.
 */
public final class DataplaneCompiler {
    private DataplaneCompiler() {}

    public static Dataplane compile(Document doc) {
        List<Problem> problems = Validator.validate(doc);
        if (!problems.isEmpty())
            throw new IllegalArgumentException("the document has problems: "
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        Build b = new Build(doc, Ipam.allocate(doc));
        for (Underlay u : doc.all(Underlay.class)) underlay(b, u);
        for (Host h : doc.all(Host.class)) host(b, h);
        for (External e : doc.all(External.class)) external(b, e);
        DockerNetworks docker = new DockerNetworks(b);
        docker.bridges();
        Overlays.compile(b);
        docker.containers();
        Kubernetes.compile(b);
        docker.finish();
        return b.dp;
    }

    private static void underlay(Build b, Underlay u) {
        Namespace sw = b.dp.add(new Namespace(Build.nsName(u.id()), Namespace.Kind.SWITCH, u.id(), null, false));
        sw.addIface("br0", Iface.Kind.BRIDGE, Mac.derive(u.id() + "/br0"), u.mtu(), u.id());
    }

    /** A machine on an underlay: eth0 is one end of a veth whose other end is a port of the underlay's switch. */
    private static Iface plugIntoUnderlay(Build b, Namespace ns, String nodeId, String underlayId, String address, int mtu) {
        if (underlayId == null || address == null) return null;
        Namespace sw = b.dp.namespace(Build.nsName(underlayId));
        Iface[] pair = b.vethPair(ns, "eth0", nodeId, sw, Build.ifName(sw, "p-" + nodeId), underlayId, mtu);
        pair[1].enslaveTo(sw.iface("br0"));
        Cidr cidr = Cidr.parse(address);
        pair[0].addAddress(cidr);
        Build.connected(ns, pair[0], cidr);
        return pair[0];
    }

    private static void host(Build b, Host h) {
        Namespace ns = b.dp.add(new Namespace(Build.nsName(h.id()), Namespace.Kind.HOST, h.id(), h.id(), h.ipForward()));
        b.dp.bind(h.id(), ns);
        plugIntoUnderlay(b, ns, h.id(), h.underlay(), h.address(), b.underlayMtu(h));
        staticRoutes(ns, h.routes());
    }

    private static void external(Build b, External e) {
        Namespace ns = b.dp.add(new Namespace(Build.nsName(e.id()), Namespace.Kind.EXTERNAL, e.id(), null, false));
        b.dp.bind(e.id(), ns);
        int mtu = e.underlay() == null ? 1500 : b.doc.get(e.underlay(), Underlay.class).map(Underlay::mtu).orElse(1500);
        plugIntoUnderlay(b, ns, e.id(), e.underlay(), e.address(), mtu);
        staticRoutes(ns, e.routes());
        for (Socket s : e.sockets()) ns.listeners().add(new Listener(s.port(), s.proto(), Ipv4.parse(s.bind()), e.id()));
    }

    /** A static route leaves through the device whose connected subnet holds the gateway. */
    static void staticRoutes(Namespace ns, List<StaticRoute> routes) {
        for (StaticRoute r : routes) {
            Ipv4 via = Ipv4.parse(r.via());
            Route connected = ns.lookup(via);
            if (connected == null) continue; // unreachable gateway: the kernel refuses such a route ("Nexthop has invalid gateway")
            ns.addRoute(new Route(Cidr.parse(r.destination()).base(), via, connected.dev(), false, null));
        }
    }
}
