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
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.NetworkProvider;
import dev.hopscope.net.provider.Providers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a document into a Linux dataplane. What every network kind shares is built here —
 * underlays (a switch, and a router where the LAN has a gateway), hosts, externals, and the
 * namespaces of containers and pods — and each network kind's provider ({@link Providers})
 * builds its devices, joins endpoints to its networks and writes its routes and rules, the way
 * Docker, a CNI plugin, flannel and kube-proxy set up the kernel.
 */
public final class DataplaneCompiler {
    private DataplaneCompiler() {}

    public static Dataplane compile(Document doc) { return compile(doc, Providers.all()); }

    public static Dataplane compile(Document doc, List<NetworkProvider> providers) {
        List<Problem> problems = Validator.validate(doc);
        if (!problems.isEmpty())
            throw new IllegalArgumentException("the document has problems: "
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        Compilation c = new Compilation(doc, Ipam.allocate(doc), providers);
        for (Underlay u : doc.all(Underlay.class)) underlay(c, u);
        for (Host h : doc.all(Host.class)) host(c, h);
        for (External e : doc.all(External.class)) external(c, e);
        for (NetworkProvider p : providers) p.build(c);
        Containers.compile(c);
        Pods.compile(c);
        for (NetworkProvider p : providers) p.connect(c);
        for (NetworkProvider p : providers) p.finish(c);
        return c.dp();
    }

    private static void underlay(Compilation c, Underlay u) {
        Namespace sw = c.dp().add(new Namespace(Compilation.nsName(u.id()), Namespace.Kind.SWITCH, u.id(), null, false));
        sw.addIface("br0", Iface.Kind.BRIDGE, Mac.derive(u.id() + "/br0"), u.mtu(), u.id());
        if (u.gateway() == null || !Cidr.isValid(u.subnet())) return;
        // the LAN's router: it forwards, but knows only the LAN, so what it cannot place dies there
        Namespace gw = c.dp().add(new Namespace(routerName(c, u), Namespace.Kind.ROUTER, u.id(), null, true));
        Cidr lan = Cidr.parse(u.subnet());
        plugIntoUnderlay(c, gw, u.id(), u.id(), new Cidr(Ipv4.parse(u.gateway()), lan.prefix()).toString(), u.mtu());
    }

    /** The router's namespace is named after its underlay ("lan-gw"), kept clear of the document's own names. */
    private static String routerName(Compilation c, Underlay u) {
        String base = Compilation.nsName(u.id()) + "-gw";
        String name = base;
        for (int i = 2; c.dp().namespace(name) != null || c.doc().node(name).isPresent(); i++) name = base + i;
        return name;
    }

    /** A machine on a LAN with a router has a default route through it, unless one is drawn. */
    private static void defaultRoute(Compilation c, Namespace ns, String underlayId, List<StaticRoute> drawn) {
        if (underlayId == null || ns.iface("eth0") == null) return;
        Underlay u = c.doc().get(underlayId, Underlay.class).orElse(null);
        if (u == null || u.gateway() == null || !Ipv4.isValid(u.gateway())) return;
        if (drawn.stream().anyMatch(r -> Cidr.isValid(r.destination()) && Cidr.parse(r.destination()).prefix() == 0)) return;
        ns.addRoute(new Route(Cidr.parse("0.0.0.0/0"), Ipv4.parse(u.gateway()), ns.iface("eth0"), false, null));
    }

    /** A machine on an underlay: eth0 is one end of a veth whose other end is a port of the underlay's switch. */
    private static Iface plugIntoUnderlay(Compilation c, Namespace ns, String nodeId, String underlayId, String address, int mtu) {
        if (underlayId == null || address == null) return null;
        Namespace sw = c.dp().namespace(Compilation.nsName(underlayId));
        Iface[] pair = c.vethPair(ns, "eth0", nodeId, sw, Compilation.ifName(sw, "p-" + nodeId), underlayId, mtu);
        pair[1].enslaveTo(sw.iface("br0"));
        Cidr cidr = Cidr.parse(address);
        pair[0].addAddress(cidr);
        Compilation.connected(ns, pair[0], cidr);
        return pair[0];
    }

    private static void host(Compilation c, Host h) {
        Namespace ns = c.dp().add(new Namespace(Compilation.nsName(h.id()), Namespace.Kind.HOST, h.id(), h.id(), h.ipForward()));
        c.dp().bind(h.id(), ns);
        plugIntoUnderlay(c, ns, h.id(), h.underlay(), h.address(), c.underlayMtu(h));
        staticRoutes(ns, h.routes());
        defaultRoute(c, ns, h.underlay(), h.routes());
    }

    private static void external(Compilation c, External e) {
        Namespace ns = c.dp().add(new Namespace(Compilation.nsName(e.id()), Namespace.Kind.EXTERNAL, e.id(), null, false));
        c.dp().bind(e.id(), ns);
        int mtu = e.underlay() == null ? 1500 : c.doc().get(e.underlay(), Underlay.class).map(Underlay::mtu).orElse(1500);
        plugIntoUnderlay(c, ns, e.id(), e.underlay(), e.address(), mtu);
        staticRoutes(ns, e.routes());
        defaultRoute(c, ns, e.underlay(), e.routes());
        listen(ns, e.sockets(), e.id());
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

    static void listen(Namespace ns, List<Socket> sockets, String owner) {
        for (Socket s : sockets) ns.listeners().add(new Listener(s.port(), s.proto(), Ipv4.parse(s.bind()), owner));
    }
}
