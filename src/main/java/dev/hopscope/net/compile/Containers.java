package dev.hopscope.net.compile;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.net.dataplane.DnsConfig;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.provider.Compilation;
import dev.hopscope.net.provider.Joined;
import dev.hopscope.net.provider.NetworkProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Docker's container runtime: a namespace per container (or the host's, in host mode, or another
 * container's, in {@code container:NAME} mode), its listening sockets, each attachment joined by
 * the network's provider, one default route (the first network that offers a gateway, which
 * also publishes the container's ports), the embedded DNS of its user-defined networks, and links.
 */
final class Containers {
    private Containers() {}

    static void compile(Compilation c) {
        List<Container> shared = new ArrayList<>();
        for (Container ct : c.doc().all(Container.class)) {
            Namespace host = c.hostNs(ct.host());
            if (ct.mode() == Container.Mode.HOST) {
                c.dp().bind(ct.id(), host);
                DataplaneCompiler.listen(host, ct.sockets(), ct.id());
            } else if (ct.mode() == Container.Mode.CONTAINER) {
                shared.add(ct);
            } else {
                Namespace ns = c.dp().add(new Namespace(Compilation.nsName(ct.id()), Namespace.Kind.CONTAINER, ct.id(), ct.host(), false));
                c.dp().bind(ct.id(), ns);
                DataplaneCompiler.listen(ns, ct.sockets(), ct.id());
                if (ct.mode() == Container.Mode.BRIDGE) attach(c, ct, ns);
            }
        }
        // container:NAME joins another container's namespace; chains of them resolve in a few rounds
        for (int round = 0; round < shared.size() + 1 && !shared.isEmpty(); round++) {
            for (var it = shared.iterator(); it.hasNext(); ) {
                Container ct = it.next();
                Node target = c.doc().find(ct.modeTarget()).orElseThrow();
                Namespace ns = c.dp().namespaceOf(target.id());
                if (ns == null) continue;
                c.dp().bind(ct.id(), ns);
                DataplaneCompiler.listen(ns, ct.sockets(), ct.id());
                it.remove();
            }
        }
    }

    private static void attach(Compilation c, Container ct, Namespace ns) {
        List<String> dnsNets = new ArrayList<>();
        Map<String, Ipv4> hosts = new LinkedHashMap<>();
        hosts.put("localhost", Ipv4.parse("127.0.0.1"));
        boolean routed = false;
        Map<String, Joined> joined = new LinkedHashMap<>();
        Map<String, NetworkProvider> providers = new LinkedHashMap<>();
        for (Attachment a : ct.attachments()) {
            Ipv4 ip = c.addr().address(ct.id(), a.network()).orElse(null);
            Node net = c.doc().node(a.network()).orElseThrow();
            NetworkProvider provider = c.providerOf(net).orElse(null);
            if (ip == null || provider == null) continue; // a full subnet
            Joined j = provider.attach(c, ns, ct, net, ip);
            if (j == null) continue; // an overlay this host is not a member of
            if (j.embeddedDns()) dnsNets.add(a.network());
            joined.put(a.network(), j);
            providers.put(a.network(), provider);
        }
        // the default route and the published ports go through the first network in Docker's order, not the first joined
        for (String network : dockerOrder(c, new ArrayList<>(joined.keySet()))) {
            Joined j = joined.get(network);
            if (j.gateway() == null) continue;
            ns.addRoute(new Route(Cidr.parse("0.0.0.0/0"), j.gateway(), j.inside(), j.onlinkGateway(), null));
            routed = true;
            providers.get(network).publish(c, ct, j);
            break;
        }
        // no network gave a way out: a provider may give one (Docker joins overlay containers to docker_gwbridge)
        for (NetworkProvider p : c.providers()) {
            if (routed) break;
            Joined j = p.egress(c, ns, ct);
            if (j == null) continue;
            ns.addRoute(new Route(Cidr.parse("0.0.0.0/0"), j.gateway(), j.inside(), j.onlinkGateway(), null));
            routed = true;
            p.publish(c, ct, j);
        }
        Map<String, DnsConfig.LinkAlias> linkAliases = new LinkedHashMap<>();
        for (String link : ct.links()) link(c, ct, link, hosts, linkAliases);
        ns.setDns(new DnsConfig(dockerOrder(c, dnsNets), null, hosts, linkAliases));
    }

    /**
     * libnetwork's endpoint order (internal networks last, then by network name), whatever order
     * the networks were joined in. Docker's embedded DNS asks the networks in this order (a name
     * both containers share two networks with resolves on the first: lx-zz joined first, lx-aa
     * answered; an internal lx-a0 never did), and the first non-internal one gives the default
     * route and receives the published ports' DNAT (Docker 20.10 on this machine: a container
     * started on lgz-zeta and then connected to lgz-alpha routes via lgz-alpha's gateway, and
     * -p 18080:80 DNATs to its lgz-alpha address, whether connected before or after the start).
     */
    private static List<String> dockerOrder(Compilation c, List<String> nets) {
        return nets.stream().sorted(java.util.Comparator
                .comparing((String id) -> c.doc().get(id, Bridge.class).map(Bridge::internal).orElse(false))
                .thenComparing(id -> c.doc().node(id).map(Node::name).orElse(id))).toList();
    }

    /**
     * {@code --link name[:alias]}. On a user-defined network Docker makes the name and the alias
     * answers of its embedded DNS, for this container only, with the linked container's address
     * on the network the two share; on the default bridge (legacy links) both land in /etc/hosts
     * with the linked container's default-bridge address.
     */
    private static void link(Compilation c, Container ct, String link, Map<String, Ipv4> hosts, Map<String, DnsConfig.LinkAlias> aliases) {
        String[] parts = link.split(":", 2);
        String alias = parts.length == 2 && !parts[1].isBlank() ? parts[1].trim() : null;
        Container target = c.doc().find(parts[0].trim()).filter(n -> n instanceof Container).map(n -> (Container) n).orElse(null);
        if (target == null) return;
        List<String> mine = ct.attachments().stream().map(Attachment::network).toList();
        for (Attachment a : target.attachments()) {
            if (!mine.contains(a.network())) continue;
            Ipv4 ip = c.addr().address(target.id(), a.network()).orElse(null);
            if (ip == null) continue;
            boolean legacy = c.doc().get(a.network(), Bridge.class).map(br -> br.bridgeKind() == Bridge.Kind.DEFAULT).orElse(false);
            for (String name : alias == null ? List.of(target.name()) : List.of(target.name(), alias)) {
                if (legacy) hosts.put(name, ip);
                else aliases.put(name.toLowerCase(Locale.ROOT), new DnsConfig.LinkAlias(ip, a.network()));
            }
            return;
        }
    }
}
