package dev.hopscope.ui.inspector;

import dev.hopscope.model.Attachment;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.StaticRoute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inspector's text syntax for each attribute, both ways: {@code parse} turns what the user
 * typed into a value or throws {@link IllegalArgumentException} with a message that says what
 * is wrong; {@code show} writes a value back in the same syntax. Lists are comma or line
 * separated. Pure Java, so each syntax is unit tested.
 */
public final class Parsers {
    private Parsers() {}

    public static String name(String s) {
        String t = s.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("a name cannot be empty");
        if (t.chars().anyMatch(Character::isWhitespace)) throw new IllegalArgumentException("a name cannot contain spaces");
        return t;
    }

    /** Empty text means "not set" (null). */
    public static String optional(String s) {
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    public static String cidr(String s) {
        String t = s.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("a subnet is needed, e.g. 172.18.0.0/16");
        Cidr.parse(t);
        return t;
    }

    public static String optionalCidr(String s) {
        return s.trim().isEmpty() ? null : cidr(s);
    }

    public static String optionalIp(String s) {
        String t = s.trim();
        if (t.isEmpty()) return null;
        Ipv4.parse(t);
        return t;
    }

    public static int number(String s, int min, int max, String what) {
        String t = s.trim();
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " must be a whole number from " + min + " to " + max);
        }
        if (v < min || v > max) throw new IllegalArgumentException("the " + what + " must be from " + min + " to " + max + ", not " + v);
        return v;
    }

    public static int port(String s) { return number(s, 1, 65535, "port"); }

    private static List<String> items(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split("[,\\n]")) if (!part.isBlank()) out.add(part.trim());
        return out;
    }

    private static Proto proto(String s) { return Proto.parse(s); }

    // ---- sockets: [ADDR:]PORT[/PROTO] ----

    public static List<Socket> sockets(String s) {
        List<Socket> out = new ArrayList<>();
        for (String item : items(s)) {
            String[] pp = item.split("/", -1);
            if (pp.length > 2) throw new IllegalArgumentException("'" + item + "' is not a socket (PORT/PROTO, e.g. 80/tcp or 127.0.0.1:2368/tcp)");
            Proto proto = pp.length == 2 ? proto(pp[1]) : Proto.TCP;
            if (proto == Proto.ICMP) throw new IllegalArgumentException("'" + item + "': nothing listens on icmp; use tcp or udp");
            String head = pp[0];
            String bind = "0.0.0.0";
            int colon = head.lastIndexOf(':');
            if (colon >= 0) {
                bind = head.substring(0, colon);
                if (!Ipv4.isValid(bind)) throw new IllegalArgumentException("'" + item + "': '" + bind + "' is not an IPv4 address to bind");
                head = head.substring(colon + 1);
            }
            out.add(new Socket(port(head), proto, bind));
        }
        return out;
    }

    public static String showSockets(List<Socket> sockets) {
        return sockets.stream().map(x -> ("0.0.0.0".equals(x.bind()) ? "" : x.bind() + ":") + x.port() + "/" + x.proto().label())
                .collect(Collectors.joining(", "));
    }

    // ---- published ports: [HOSTIP:]HOSTPORT:CONTAINERPORT[/PROTO] ----

    public static List<PublishedPort> published(String s) {
        List<PublishedPort> out = new ArrayList<>();
        for (String item : items(s)) {
            String[] pp = item.split("/", -1);
            if (pp.length > 2) throw new IllegalArgumentException("'" + item + "' is not a published port (8080:80/tcp)");
            Proto proto = pp.length == 2 ? proto(pp[1]) : Proto.TCP;
            String[] parts = pp[0].split(":", -1);
            if (parts.length == 2) out.add(new PublishedPort(null, port(parts[0]), port(parts[1]), proto));
            else if (parts.length == 3) {
                if (!Ipv4.isValid(parts[0])) throw new IllegalArgumentException("'" + item + "': '" + parts[0] + "' is not an IPv4 address");
                out.add(new PublishedPort(parts[0], port(parts[1]), port(parts[2]), proto));
            } else throw new IllegalArgumentException("'" + item + "' is not a published port: write HOSTPORT:CONTAINERPORT, e.g. 8080:80/tcp");
        }
        return out;
    }

    public static String showPublished(List<PublishedPort> ports) {
        return ports.stream().map(PublishedPort::toString).collect(Collectors.joining(", "));
    }

    /**
     * A pod's hostPorts, written as published ports are ({@code [HOSTIP:]HOSTPORT:CONTAINERPORT[/PROTO]}):
     * the same host port and protocol twice is refused, as the CNI portmap plugin would fail to
     * set up the second.
     */
    public static List<PublishedPort> hostPorts(String s) {
        List<PublishedPort> out = published(s);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (PublishedPort p : out)
            if (!seen.add((p.hostIp() == null ? "*" : p.hostIp()) + ":" + p.hostPort() + "/" + p.proto().label()))
                throw new IllegalArgumentException("host port " + p.hostPort() + "/" + p.proto().label() + " is listed twice: a node port can be published once");
        return out;
    }

    // ---- Kubernetes names ----

    /**
     * A DNS label as Kubernetes wants a namespace's name (RFC 1123): at most 63 lower-case letters,
     * digits and '-', starting and ending with a letter or digit.
     */
    public static String dnsLabel(String s, String what) {
        String t = s.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("a " + what + " needs a name");
        if (t.length() > 63) throw new IllegalArgumentException("a " + what + " name has at most 63 characters, not " + t.length());
        if (!t.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"))
            throw new IllegalArgumentException("'" + t + "' is not a " + what + " name: lower-case letters, digits and '-', starting and ending with a letter or digit");
        return t;
    }

    /**
     * A DNS name (RFC 1123 subdomain), as an ExternalName or an Ingress host: dot-separated labels
     * of lower-case letters, digits and '-', at most 253 characters. With {@code wildcard} the
     * first label may be '*' (an Ingress host such as *.example.com).
     */
    public static String dnsName(String s, boolean wildcard) {
        String t = s.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("the name is empty");
        if (t.length() > 253) throw new IllegalArgumentException("a DNS name has at most 253 characters, not " + t.length());
        String[] labels = t.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            if (wildcard && i == 0 && l.equals("*") && labels.length > 1) continue;
            if (l.isEmpty()) throw new IllegalArgumentException("'" + t + "' has an empty label (two dots, or a dot at an end)");
            if (l.length() > 63 || !l.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"))
                throw new IllegalArgumentException("'" + t + "' is not a DNS name: '" + l + "' is not lower-case letters, digits and '-'"
                        + (l.contains("*") ? (wildcard ? " (a wildcard is '*.' at the start)" : " (no wildcard here)") : ""));
        }
        return t;
    }

    /**
     * A LoadBalancer Service's address: empty is the pool's next address (null); otherwise an IPv4
     * address that no host, external or other LoadBalancer of the design already has, and, for
     * MetalLB's layer 2 mode, one on the nodes' LAN (a node answers ARP for it there).
     */
    public static String loadBalancerIp(String s, Document doc, String serviceId) {
        String t = s.trim();
        if (t.isEmpty()) return null;
        if (!Ipv4.isValid(t)) throw new IllegalArgumentException("'" + t + "' is not an IPv4 address");
        Ipv4 ip = Ipv4.parse(t);
        for (Node n : doc.nodes()) {
            String addr = n instanceof dev.hopscope.model.Host h ? h.address() : n instanceof dev.hopscope.model.External e ? e.address() : null;
            if (addr != null && Cidr.isValid(addr) && Cidr.parse(addr).address().equals(ip))
                throw new IllegalArgumentException(t + " is " + n.name() + "'s address");
            if (n instanceof dev.hopscope.model.Underlay u && t.equals(u.gateway()))
                throw new IllegalArgumentException(t + " is the router of the underlay " + u.name());
            if (n instanceof Service o && !o.id().equals(serviceId) && o.type() == Service.Type.LOAD_BALANCER && t.equals(o.loadBalancerIp()))
                throw new IllegalArgumentException(t + " is the load balancer address of Service " + o.name() + " already");
        }
        Service svc = doc.get(serviceId, Service.class).orElse(null);
        boolean l2 = svc == null || svc.loadBalancerMode() != Service.LoadBalancerMode.CLOUD;
        var lan = dev.hopscope.model.Ipam.loadBalancerLan(doc);
        if (l2 && lan.isPresent()) {
            Cidr net = lan.get();
            if (!net.contains(ip))
                throw new IllegalArgumentException("MetalLB's layer 2 mode answers ARP for the address on the nodes' LAN " + net + ": " + t + " is not on it");
            if (ip.equals(net.network()) || ip.equals(net.broadcast()))
                throw new IllegalArgumentException(t + " is the " + (ip.equals(net.network()) ? "network" : "broadcast") + " address of " + net);
        }
        return t;
    }

    /** An Ingress backend's port: a number, or the name of a Service port. */
    public static Object servicePortRef(String s) {
        String t = s.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("a backend needs a Service port (a number, or the port's name)");
        if (t.matches("[0-9]+")) return port(t);
        if (t.length() > 15 || !t.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"))
            throw new IllegalArgumentException("'" + t + "' is neither a port number nor a port name (at most 15 lower-case letters, digits and '-')");
        return t;
    }

    // ---- labels and selectors: KEY=VALUE ----

    public static Map<String, String> labels(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items(s)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) throw new IllegalArgumentException("'" + item + "' is not a label: write key=value, e.g. app=web");
            String k = item.substring(0, eq).trim();
            String v = item.substring(eq + 1).trim();
            if (k.contains(" ") || v.contains(" ")) throw new IllegalArgumentException("'" + item + "': labels have no spaces");
            out.put(k, v);
        }
        return out;
    }

    public static String showLabels(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    public static List<String> names(String s) {
        List<String> out = new ArrayList<>();
        for (String item : items(s)) out.add(name(item));
        return out;
    }

    // ---- attachments, one per line: NETWORK [IP] [alias ...] ----

    /** Attachments as typed; a network is named by its name (docker0), or by its id where the name is ambiguous. */
    public static List<Attachment> attachments(String s, Document doc, String hostId) {
        List<Attachment> out = new ArrayList<>();
        for (String line : s.split("\\n")) {
            if (line.isBlank()) continue;
            String[] t = line.trim().split("\\s+");
            Node net = network(doc, t[0], hostId);
            String ip = null;
            int i = 1;
            if (t.length > 1 && Ipv4.isValid(t[1])) {
                ip = t[1];
                i = 2;
            } else if (t.length > 1 && t[1].matches("[0-9.]+")) {
                throw new IllegalArgumentException("'" + t[1] + "' is not an IPv4 address");
            }
            List<String> aliases = new ArrayList<>();
            for (; i < t.length; i++) aliases.add(t[i]);
            out.add(new Attachment(net.id(), ip, aliases));
        }
        return out;
    }

    /**
     * The bridge or overlay a word names: an id, else the name of a bridge of the container's
     * host (every Docker host has its own docker0), else the name of an overlay or of the only
     * bridge of that name.
     */
    static Node network(Document doc, String word, String hostId) {
        Node byId = doc.node(word).orElse(null);
        if (isNetwork(byId)) return byId;
        List<Node> named = new ArrayList<>();
        for (Node n : doc.nodes())
            if (isNetwork(n) && word.equals(n.name())) named.add(n);
        for (Node n : named) if (n instanceof dev.hopscope.model.Bridge b && b.host().equals(hostId)) return n;
        for (Node n : named) if (n instanceof dev.hopscope.model.Network w && w.host() != null && w.host().equals(hostId)) return n;
        for (Node n : named) if (n instanceof Overlay || n instanceof dev.hopscope.model.Network w && w.host() == null) return n;
        if (named.size() == 1) return named.get(0);
        if (named.isEmpty()) throw new IllegalArgumentException("'" + word + "' is not a bridge, an overlay or a network of this document");
        throw new IllegalArgumentException("several bridges are named '" + word + "' on other hosts: write the id of the one you mean ("
                + named.stream().map(Node::id).collect(Collectors.joining(", ")) + ")");
    }

    /** What a container can be attached to: a bridge, an overlay, or a network of a registered kind (macvlan, ...). */
    private static boolean isNetwork(Node n) {
        return n instanceof dev.hopscope.model.Bridge || n instanceof Overlay || n instanceof dev.hopscope.model.Network;
    }

    /** Attachments with each network's name, or its id where the name would read back as another network. */
    public static String showAttachments(List<Attachment> att, Document doc, String hostId) {
        return att.stream().map(a -> networkWord(doc, a.network(), hostId) + (a.ip() == null ? "" : " " + a.ip())
                + (a.aliases().isEmpty() ? "" : " " + String.join(" ", a.aliases()))).collect(Collectors.joining("\n"));
    }

    private static String networkWord(Document doc, String id, String hostId) {
        Node n = doc.node(id).orElse(null);
        if (n == null) return id;
        try {
            if (network(doc, n.name(), hostId).id().equals(id)) return n.name();
        } catch (IllegalArgumentException e) {
            // ambiguous or unknown by name: the id it is
        }
        return id;
    }

    // ---- pod containers, one per line: NAME [IMAGE] [SOCKET ...] ----

    public static List<Pod.PodContainer> podContainers(String s) {
        List<Pod.PodContainer> out = new ArrayList<>();
        for (String line : s.split("\\n")) {
            if (line.isBlank()) continue;
            String[] t = line.trim().split("\\s+");
            String name = name(t[0]);
            String image = null;
            List<Socket> sockets = new ArrayList<>();
            for (int i = 1; i < t.length; i++) {
                if (t[i].matches("([0-9.]+:)?[0-9]+(/[a-zA-Z]+)?")) sockets.addAll(sockets(t[i]));
                else if (image == null) image = t[i];
                else throw new IllegalArgumentException("'" + t[i] + "' is neither an image nor a socket (PORT/PROTO)");
            }
            out.add(new Pod.PodContainer(name, image, sockets));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("a pod has at least one container");
        return out;
    }

    public static String showPodContainers(List<Pod.PodContainer> cs) {
        return cs.stream().map(c -> c.name() + (c.image() == null ? "" : " " + c.image())
                + (c.sockets().isEmpty() ? "" : " " + showSockets(c.sockets()).replace(", ", " "))).collect(Collectors.joining("\n"));
    }

    // ---- Service ports, one per line: [NAME] PORT[:TARGET][/PROTO] [nodePort=N] ----

    public static List<Service.ServicePort> servicePorts(String s) {
        List<Service.ServicePort> out = new ArrayList<>();
        for (String line : s.split("\\n")) {
            if (line.isBlank()) continue;
            String name = null;
            int port = 0, target = 0, nodePort = 0;
            Proto proto = Proto.TCP;
            for (String t : line.trim().split("\\s+")) {
                if (t.startsWith("nodePort=")) nodePort = number(t.substring(9), 30000, 32767, "nodePort");
                else if (t.matches("[0-9]+(:[0-9]+)?(/[a-zA-Z]+)?")) {
                    String[] pp = t.split("/");
                    if (pp.length == 2) proto = proto(pp[1]);
                    String[] ports = pp[0].split(":");
                    port = port(ports[0]);
                    target = ports.length == 2 ? port(ports[1]) : port;
                } else if (name == null) name = t;
                else throw new IllegalArgumentException("'" + t + "' is not a port: write [name] PORT:TARGETPORT/PROTO [nodePort=30080]");
            }
            if (port == 0) throw new IllegalArgumentException("'" + line.trim() + "' has no port: write e.g. http 80:8080/tcp");
            out.add(new Service.ServicePort(name, port, target, nodePort, proto));
        }
        return out;
    }

    public static String showServicePorts(List<Service.ServicePort> ps) {
        return ps.stream().map(p -> (p.name() == null ? "" : p.name() + " ") + p.port() + ":" + p.targetPort() + "/" + p.proto().label()
                + (p.nodePort() == 0 ? "" : " nodePort=" + p.nodePort())).collect(Collectors.joining("\n"));
    }

    // ---- overlay members: HOST[:VNI] ----

    public static List<Overlay.Member> members(String s, Document doc) {
        List<Overlay.Member> out = new ArrayList<>();
        for (String item : items(s)) {
            String[] t = item.split(":", -1);
            Node h = doc.find(t[0].trim()).orElse(null);
            if (!(h instanceof dev.hopscope.model.Host)) throw new IllegalArgumentException("'" + t[0].trim() + "' is not a host of this document");
            Integer vni = t.length == 2 ? number(t[1], 1, 16_777_215, "VNI") : null;
            if (t.length > 2) throw new IllegalArgumentException("'" + item + "': write HOST or HOST:VNI");
            out.add(new Overlay.Member(h.id(), vni));
        }
        return out;
    }

    /** Members by host name, or by id where a name would find another node first. */
    public static String showMembers(List<Overlay.Member> ms, Document doc) {
        return ms.stream().map(m -> {
            String name = doc.node(m.host()).map(Node::name).orElse(m.host());
            String word = doc.find(name).map(Node::id).filter(m.host()::equals).isPresent() ? name : m.host();
            return word + (m.vni() == null ? "" : ":" + m.vni());
        }).collect(Collectors.joining(", "));
    }

    // ---- hosts a network spans: HOST, HOST ----

    /** Host ids from names (or ids), comma separated; empty is the empty list. */
    public static List<String> hosts(String s, Document doc) {
        List<String> out = new ArrayList<>();
        for (String item : items(s)) {
            Node h = doc.find(item).orElse(null);
            if (!(h instanceof dev.hopscope.model.Host)) throw new IllegalArgumentException("'" + item + "' is not a host of this document");
            if (out.contains(h.id())) throw new IllegalArgumentException("'" + item + "' is listed twice");
            out.add(h.id());
        }
        return out;
    }

    /** Hosts by name, or by id where a name would find another node first. */
    public static String showHosts(List<String> ids, Document doc) {
        return ids.stream().map(id -> {
            String name = doc.node(id).map(Node::name).orElse(id);
            return doc.find(name).map(Node::id).filter(id::equals).isPresent() ? name : id;
        }).collect(Collectors.joining(", "));
    }

    // ---- routes, one per line: DEST via GATEWAY ----

    public static List<StaticRoute> routes(String s) {
        List<StaticRoute> out = new ArrayList<>();
        for (String line : s.split("\\n")) {
            if (line.isBlank()) continue;
            String[] t = line.trim().split("\\s+");
            if (t.length != 3 || !t[1].equals("via")) throw new IllegalArgumentException("'" + line.trim() + "': write DEST via GATEWAY, e.g. 10.244.2.0/24 via 192.168.50.12");
            Cidr.parse(t[0]);
            Ipv4.parse(t[2]);
            out.add(new StaticRoute(t[0], t[2]));
        }
        return out;
    }

    public static String showRoutes(List<StaticRoute> rs) {
        return rs.stream().map(r -> r.destination() + " via " + r.via()).collect(Collectors.joining("\n"));
    }

    public static Probe probe(String s) { return Probe.parse(s); }
}
