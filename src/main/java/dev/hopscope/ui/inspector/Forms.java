package dev.hopscope.ui.inspector;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.Intent;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Network;
import dev.hopscope.model.NodeKind;
import dev.hopscope.model.kinds.NetworkKind;
import dev.hopscope.model.kinds.NetworkKinds;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Underlay;
import dev.hopscope.ui.AppState;

import javafx.scene.control.Label;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One form per node kind, covering every attribute of the specification's vocabulary. */
final class Forms {
    private Forms() {}

    /** "none" in a reference choice: the empty id. */
    private static final String NONE = "";

    static Form of(AppState state, String id) {
        Form f = new Form(state, id);
        Node n = state.current().node(id).orElseThrow();
        if (n instanceof Host) host(f, state.current());
        else if (n instanceof Underlay) underlay(f);
        else if (n instanceof Bridge) bridge(f);
        else if (n instanceof Overlay) overlay(f, state);
        else if (n instanceof Container) container(f, state);
        else if (n instanceof Pod p) pod(f, state.current(), p);
        else if (n instanceof Service) service(f, state);
        else if (n instanceof External) external(f, state.current());
        else if (n instanceof Intent) intent(f);
        else if (n instanceof Network w) network(f, state, w);
        else if (n instanceof NetworkPolicy) f.note("Network policies are edited in their manifest; the canvas shows their effect.");
        else if (n instanceof KubeNamespace) namespace(f, state);
        else if (n instanceof Ingress) ingress(f, state);
        return f;
    }

    private static void host(Form f, Document doc) {
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Host) n).withName(v));
        f.choice("Role", "role", Arrays.asList(Host.Role.values()), Host.Role::label, n -> ((Host) n).role(), (n, v) -> ((Host) n).withRole(v));
        f.choice("Underlay", "underlay", refs(doc, Underlay.class), id -> name(doc, id), n -> orNone(((Host) n).underlay()),
                (n, v) -> ((Host) n).withUnderlay(NONE.equals(v) ? null : v));
        f.text("Underlay address (eth0)", "address", "192.168.50.11/24", n -> ((Host) n).address(),
                (s, d) -> Parsers.optionalCidr(s), (n, v) -> ((Host) n).withAddress(v));
        f.check("ip_forward", "ipForward", n -> ((Host) n).ipForward(), (n, v) -> ((Host) n).withIpForward(v));
        f.text("MTU", "mtu", "1500", n -> String.valueOf(((Host) n).mtu()), (s, d) -> Parsers.number(s, 68, 65535, "MTU"),
                (n, v) -> ((Host) n).withMtu(v));
        f.area("Static routes", "routes", "10.244.2.0/24 via 192.168.50.12", n -> Parsers.showRoutes(((Host) n).routes()),
                (s, d) -> Parsers.routes(s), (n, v) -> ((Host) n).withRoutes(v));
    }

    private static void underlay(Form f) {
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Underlay) n).withName(v));
        f.text("Subnet", "subnet", "192.168.50.0/24", n -> ((Underlay) n).subnet(), (s, d) -> Parsers.cidr(s), (n, v) -> ((Underlay) n).withSubnet(v));
        f.text("MTU", "mtu", "1500", n -> String.valueOf(((Underlay) n).mtu()), (s, d) -> Parsers.number(s, 68, 65535, "MTU"),
                (n, v) -> ((Underlay) n).withMtu(v));
        f.text("Gateway (router)", "gateway", "none", n -> ((Underlay) n).gateway(), (s, d) -> Parsers.optionalIp(s),
                (n, v) -> ((Underlay) n).withGateway(v));
    }

    private static void bridge(Form f) {
        f.text("Device name", "name", "docker0", Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Bridge) n).withName(v));
        f.choice("Kind", "bridgeKind", Arrays.asList(Bridge.Kind.values()), Bridge.Kind::label, n -> ((Bridge) n).bridgeKind(),
                (n, v) -> ((Bridge) n).withBridgeKind(v));
        f.text("Subnet", "subnet", "172.17.0.0/16", n -> ((Bridge) n).subnet(), (s, d) -> Parsers.cidr(s), (n, v) -> ((Bridge) n).withSubnet(v));
        f.text("Gateway", "gateway", "first address of the subnet", n -> ((Bridge) n).gateway(), (s, d) -> Parsers.optionalIp(s),
                (n, v) -> ((Bridge) n).withGateway(v));
        f.check("masquerade (NAT to the host's address)", "masquerade", n -> ((Bridge) n).masquerade(), (n, v) -> ((Bridge) n).withMasquerade(v));
        f.check("internal (no way out of the host)", "internal", n -> ((Bridge) n).internal(), (n, v) -> ((Bridge) n).withInternal(v));
        f.check("icc (containers talk to each other)", "icc", n -> ((Bridge) n).icc(), (n, v) -> ((Bridge) n).withIcc(v));
        f.check("hairpin mode (a pod reaches itself through its Service)", "hairpinMode", n -> ((Bridge) n).hairpin(),
                (n, v) -> ((Bridge) n).withHairpinMode(v));
    }

    private static void overlay(Form f, AppState state) {
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Overlay) n).withName(v));
        f.text("VNI", "vni", "42", n -> String.valueOf(((Overlay) n).vni()), (s, d) -> Parsers.number(s, 1, 16_777_215, "VNI"),
                (n, v) -> ((Overlay) n).withVni(v));
        f.text("Subnet", "subnet", "10.0.9.0/24", n -> ((Overlay) n).subnet(), (s, d) -> Parsers.cidr(s), (n, v) -> ((Overlay) n).withSubnet(v));
        f.choice("Driver", "driver", Arrays.asList(Overlay.Driver.values()), Overlay.Driver::label, n -> ((Overlay) n).driver(),
                (n, v) -> ((Overlay) n).withDriver(v));
        f.text("UDP port (0 = driver default)", "udpPort", "4789", n -> String.valueOf(((Overlay) n).udpPort()),
                (s, d) -> Parsers.number(s, 0, 65535, "UDP port"), (n, v) -> ((Overlay) n).withUdpPort(v));
        f.text("MTU (0 = underlay − 50)", "mtu", "1450", n -> String.valueOf(((Overlay) n).mtu()),
                (s, d) -> Parsers.number(s, 0, 65535, "MTU"), (n, v) -> ((Overlay) n).withMtu(v));
        f.choice("Control plane", "controlPlane", Arrays.asList(Overlay.ControlPlane.values()), Overlay.ControlPlane::label,
                n -> ((Overlay) n).controlPlane(), (n, v) -> ((Overlay) n).withControlPlane(v));
        f.check("encrypted (IPsec ESP)", "encrypted", n -> ((Overlay) n).encrypted(), (n, v) -> ((Overlay) n).withEncrypted(v));
        f.text("Member hosts (VTEPs)", "members", "host-1, host-2:43", n -> Parsers.showMembers(((Overlay) n).members(), state.current()),
                Parsers::members, (n, v) -> ((Overlay) n).withMembers(v));
    }

    private static void container(Form f, AppState state) {
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Container) n).withName(v));
        f.text("Image", "image", "nginx:1.27", n -> ((Container) n).image(), (s, d) -> Parsers.optional(s), (n, v) -> ((Container) n).withImage(v));
        f.choice("Network mode", "mode", Arrays.asList(Container.Mode.values()), Container.Mode::label, n -> ((Container) n).mode(),
                (n, v) -> ((Container) n).withMode(v, v == Container.Mode.CONTAINER ? ((Container) n).modeTarget() : null));
        f.text("Namespace owner (container mode: the container whose network namespace this one shares)", "modeTarget", "container name", n -> ((Container) n).modeTarget(),
                (s, d) -> Parsers.optional(s), (n, v) -> ((Container) n).withMode(((Container) n).mode(), v));
        f.area("Networks: one per line, NETWORK [IP] [aliases]", "attachments", "br-front 172.18.0.2 web www",
                n -> Parsers.showAttachments(((Container) n).attachments(), state.current(), ((Container) n).host()),
                (s, d) -> Parsers.attachments(s, d, d.node(f.nodeId()).map(Node::parent).orElse(null)),
                (n, v) -> ((Container) n).withAttachments(v));
        f.text("Published ports", "ports", "8080:80/tcp", n -> Parsers.showPublished(((Container) n).ports()),
                (s, d) -> Parsers.published(s), (n, v) -> ((Container) n).withPorts(v));
        f.text("Listening sockets", "sockets", "80/tcp, 127.0.0.1:2368/tcp", n -> Parsers.showSockets(((Container) n).sockets()),
                (s, d) -> Parsers.sockets(s), (n, v) -> ((Container) n).withSockets(v));
        f.text("Links (--link)", "links", "db, cache", n -> String.join(", ", ((Container) n).links()), (s, d) -> Parsers.names(s),
                (n, v) -> ((Container) n).withLinks(v));
    }

    private static void pod(Form f, Document doc, Pod p) {
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Pod) n).withName(v));
        f.text("Namespace", "namespace", "default", n -> ((Pod) n).namespace(), (s, d) -> Parsers.name(s), (n, v) -> ((Pod) n).withNamespace(v));
        f.text("Labels", "labels", "app=web, tier=front", n -> Parsers.showLabels(((Pod) n).labels()), (s, d) -> Parsers.labels(s),
                (n, v) -> ((Pod) n).withLabels(v));
        f.check("hostNetwork", "hostNetwork", n -> ((Pod) n).hostNetwork(), (n, v) -> ((Pod) n).withHostNetwork(v));
        List<String> bridges = new ArrayList<>();
        bridges.add(NONE);
        for (Bridge b : doc.all(Bridge.class)) if (b.host().equals(p.node())) bridges.add(b.id());
        for (Network w : doc.all(Network.class))
            if (w.reaches(p.node()) && w.networkKind().map(k -> k.joiners().contains(NodeKind.POD)).orElse(false)) bridges.add(w.id());
        String automatic = Ipam.podNetwork(doc, p.withNetwork(null)).map(Node::name).map(x -> "automatic (" + x + ")").orElse("the node's CNI bridge");
        f.choice("Pod network", "network", bridges, id -> NONE.equals(id) ? automatic : name(doc, id),
                n -> orNone(((Pod) n).network()), (n, v) -> ((Pod) n).withNetwork(NONE.equals(v) ? null : v));
        f.text("Pod IP (empty = allocated)", "ip", "10.244.1.2", n -> ((Pod) n).ip(), (s, d) -> Parsers.optionalIp(s), (n, v) -> ((Pod) n).withIp(v));
        f.area("Containers: one per line, NAME [IMAGE] [SOCKETS]", "containers", "nginx nginx:1.27 80/tcp",
                n -> Parsers.showPodContainers(((Pod) n).containers()), (s, d) -> Parsers.podContainers(s), (n, v) -> ((Pod) n).withContainers(v));
        var hostPorts = f.text("Host ports (hostPort: published on the node's addresses)", "hostPorts", "8080:80/tcp",
                n -> Parsers.showPublished(((Pod) n).hostPorts()), (s, d) -> Parsers.hostPorts(s), (n, v) -> ((Pod) n).withHostPorts(v));
        f.appliesWhen(hostPorts, n -> !((Pod) n).hostNetwork(), "A hostNetwork pod listens on the node's addresses itself: it has no hostPorts");
    }

    /**
     * A Service: its type among the four, with what each type adds — a LoadBalancer's address
     * (blank: the pool's next, shown as the hint) and how it is announced, an ExternalName's DNS
     * name. What a type does not have is greyed out, with the reason as its tooltip: an
     * ExternalName has no ClusterIP, ports or selector; only a LoadBalancer has an address.
     */
    private static void service(Form f, AppState state) {
        java.util.function.Predicate<Node> external = n -> ((Service) n).type() == Service.Type.EXTERNAL_NAME;
        java.util.function.Predicate<Node> lb = n -> ((Service) n).type() == Service.Type.LOAD_BALANCER;
        String noAddress = "An ExternalName Service has no ClusterIP, ports or selector: cluster DNS answers its name with a CNAME";
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Service) n).withName(v));
        f.text("Namespace", "namespace", "default", n -> ((Service) n).namespace(), (s, d) -> Parsers.name(s),
                (n, v) -> ((Service) n).withNamespace(v));
        f.choice("Type", "type", Arrays.asList(Service.Type.values()), Service.Type::label, n -> ((Service) n).type(),
                (n, v) -> ((Service) n).withType(v));
        var address = f.text("Load balancer address (empty = the pool's next address)", "loadBalancerIp", "from the pool",
                n -> ((Service) n).loadBalancerIp(), (s, d) -> Parsers.loadBalancerIp(s, d, f.nodeId()),
                (n, v) -> ((Service) n).withLoadBalancer(v, ((Service) n).loadBalancerMode()));
        f.appliesWhen(address, lb, "Only a LoadBalancer Service has a load balancer address");
        // the hint says which address the pool gives now
        f.onSync(() -> {
            Node n = f.current();
            if (!(n instanceof Service s) || s.type() != Service.Type.LOAD_BALANCER) return;
            var ip = Ipam.loadBalancerIps(state.current()).get(s.id());
            address.setPromptText(s.loadBalancerIp() != null ? "from the pool" : ip == null ? "the pool is empty: pending" : ip + " (from the pool)");
        });
        var mode = f.choice("Announced by", "loadBalancerMode", Arrays.asList(Service.LoadBalancerMode.values()),
                m -> m == Service.LoadBalancerMode.METALLB_L2 ? "MetalLB, layer 2 (a node answers ARP)" : "a cloud load balancer (to the NodePort)",
                n -> ((Service) n).type() == Service.Type.LOAD_BALANCER && ((Service) n).loadBalancerMode() == null
                        ? Service.LoadBalancerMode.METALLB_L2 : ((Service) n).loadBalancerMode(),
                (n, v) -> ((Service) n).withLoadBalancer(((Service) n).loadBalancerIp(), v));
        f.appliesWhen(mode, lb, "Only a LoadBalancer Service is announced");
        var name = f.text("External name (the CNAME cluster DNS answers)", "externalName", "db.example.com", n -> ((Service) n).externalName(),
                (s, d) -> {
                    if (s.trim().isEmpty()) throw new IllegalArgumentException("an ExternalName Service needs the name DNS answers with, e.g. db.example.com");
                    return Parsers.dnsName(s, false);
                }, (n, v) -> ((Service) n).withExternalName(v));
        f.appliesWhen(name, external, "Only an ExternalName Service has an external name");
        var clusterIp = f.text("clusterIP (empty = allocated, None = headless)", "clusterIp", "10.96.0.10", n -> ((Service) n).clusterIp(),
                (s, d) -> "None".equalsIgnoreCase(s.trim()) ? "None" : Parsers.optionalIp(s), (n, v) -> ((Service) n).withClusterIp(v));
        f.appliesWhen(clusterIp, external.negate(), noAddress);
        var ports = f.area("Ports: one per line, [NAME] PORT:TARGET/PROTO [nodePort=N]", "ports", "http 80:8080/tcp",
                n -> Parsers.showServicePorts(((Service) n).ports()), (s, d) -> Parsers.servicePorts(s), (n, v) -> ((Service) n).withPorts(v));
        f.appliesWhen(ports, external.negate(), noAddress);
        var selector = f.text("Selector", "selector", "app=web", n -> Parsers.showLabels(((Service) n).selector()), (s, d) -> Parsers.labels(s),
                (n, v) -> ((Service) n).withSelector(v));
        f.appliesWhen(selector, external.negate(), noAddress);
        var policy = f.choice("externalTrafficPolicy", "trafficPolicy", Arrays.asList(Service.TrafficPolicy.values()), Service.TrafficPolicy::label,
                n -> ((Service) n).trafficPolicy(), (n, v) -> ((Service) n).withTrafficPolicy(v));
        f.appliesWhen(policy, n -> ((Service) n).type().hasNodePort(), "externalTrafficPolicy applies to NodePort and LoadBalancer Services");
    }

    /**
     * A namespace: its name (renaming it moves its pods, Services, Ingresses and policies along)
     * and its labels, which NetworkPolicies' namespaceSelector reads; the label Kubernetes sets
     * itself, kubernetes.io/metadata.name, is shown and not typed.
     */
    private static void namespace(Form f, AppState state) {
        f.note("A namespace's labels are what a NetworkPolicy's namespaceSelector matches. Pods, Services and Ingresses name the namespace they are in.");
        f.textEdit("Name", "name", "shop", Node::name, (s, d) -> {
            String name = Parsers.dnsLabel(s, "namespace");
            for (KubeNamespace other : d.all(KubeNamespace.class))
                if (!other.id().equals(f.nodeId()) && other.name().equals(name))
                    throw new IllegalArgumentException("there is a namespace " + name + " already");
            return name;
        }, (d, v) -> {
            var renamed = dev.hopscope.model.edit.KubeObjects.renameNamespace(d, f.nodeId(), v);
            return renamed.isRefused() ? d : renamed.document();
        });
        f.text("Labels", "labels", "team=shop, env=prod", n -> Parsers.showLabels(((KubeNamespace) n).labels()), (s, d) -> {
            var labels = Parsers.labels(s);
            if (labels.containsKey(KubeNamespace.NAME_LABEL))
                throw new IllegalArgumentException(KubeNamespace.NAME_LABEL + " is set by Kubernetes itself, to the namespace's name");
            return labels;
        }, (n, v) -> ((KubeNamespace) n).withLabels(v));
        Label auto = new Label();
        auto.getStyleClass().add("field-help");
        auto.setWrapText(true);
        f.getChildren().add(auto);
        f.onSync(() -> {
            if (!(f.current() instanceof KubeNamespace ns)) return;
            long pods = state.current().all(Pod.class).stream().filter(p -> p.namespace().equals(ns.name())).count();
            long services = state.current().all(Service.class).stream().filter(x -> x.namespace().equals(ns.name())).count();
            auto.setText("Also " + KubeNamespace.NAME_LABEL + "=" + ns.name() + " (set by Kubernetes). In it: "
                    + pods + (pods == 1 ? " pod, " : " pods, ") + services + (services == 1 ? " Service." : " Services."));
        });
    }

    /**
     * An Ingress: name, namespace, the class and the labels of the controller pods that serve it
     * (ingress-nginx's by default), its rules as a table (host, path, type, Service, port) and the
     * default backend for requests no rule takes.
     */
    private static void ingress(Form f, AppState state) {
        f.note("An Ingress controller pod (one whose labels match the controller labels) ends the client's TCP connection "
                + "and opens a new one to the Service the rules choose by host and path.");
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.dnsName(s, false), (n, v) -> ((Ingress) n).withName(v));
        f.text("Namespace (of the Services it sends to)", "namespace", "default", n -> ((Ingress) n).namespace(),
                (s, d) -> Parsers.dnsLabel(s, "namespace"), (n, v) -> ((Ingress) n).withNamespace(v));
        f.text("Ingress class", "spec.ingressClassName: which controller implementation serves it", "ingressClassName", "nginx", n -> ((Ingress) n).ingressClassName(),
                (s, d) -> s.trim().isEmpty() ? null : Parsers.dnsName(s, false),
                (n, v) -> dev.hopscope.model.edit.KubeObjects.withClassName((Ingress) n, v));
        f.text("Controller pods' labels (empty = ingress-nginx's)", "controller", Parsers.showLabels(Ingress.DEFAULT_CONTROLLER),
                n -> Parsers.showLabels(((Ingress) n).controller()), (s, d) -> Parsers.labels(s), (n, v) -> ((Ingress) n).withController(v));
        IngressRules rules = new IngressRules(state, f.nodeId());
        f.custom("Rules", "One row per path: requests for the host (empty: any host) and path go to the Service's port", rules);
        f.onSync(rules::sync);
        f.text("Default backend (SERVICE:PORT, empty = none: 404)", "defaultBackend", "web:80",
                n -> ((Ingress) n).defaultBackend() == null ? "" : ((Ingress) n).defaultBackend().toString(), (s, d) -> {
                    String t = s.trim();
                    if (t.isEmpty()) return null;
                    int colon = t.lastIndexOf(':');
                    if (colon <= 0) throw new IllegalArgumentException("write the Service and its port, e.g. web:80");
                    String svc = Parsers.dnsLabel(t.substring(0, colon), "Service");
                    Object ref = Parsers.servicePortRef(t.substring(colon + 1));
                    int number = ref instanceof Integer i ? i : 0;
                    String name = ref instanceof String x ? x : null;
                    Ingress in = d.get(f.nodeId(), Ingress.class).orElseThrow();
                    String why = dev.hopscope.model.edit.KubeObjects.backendProblem(d, in.namespace(), svc, number, name);
                    if (why != null) throw new IllegalArgumentException(why);
                    return new Ingress.Backend(svc, number, name);
                }, (n, v) -> dev.hopscope.model.edit.KubeObjects.withDefaultBackend((Ingress) n, v));
    }

    private static void external(Form f, Document doc) {
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((External) n).withName(v));
        f.choice("Underlay", "underlay", refs(doc, Underlay.class), id -> name(doc, id), n -> orNone(((External) n).underlay()),
                (n, v) -> ((External) n).withUnderlay(NONE.equals(v) ? null : v));
        f.text("Address", "address", "192.168.50.100/24", n -> ((External) n).address(), (s, d) -> Parsers.optionalCidr(s),
                (n, v) -> ((External) n).withAddress(v));
        f.text("Listening sockets", "sockets", "443/tcp", n -> Parsers.showSockets(((External) n).sockets()), (s, d) -> Parsers.sockets(s),
                (n, v) -> ((External) n).withSockets(v));
        f.area("Static routes", "routes", "172.17.0.0/16 via 192.168.50.11", n -> Parsers.showRoutes(((External) n).routes()),
                (s, d) -> Parsers.routes(s), (n, v) -> ((External) n).withRoutes(v));
    }

    private static void intent(Form f) {
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Intent) n).withName(v));
        f.text("From", "from", "web", n -> ((Intent) n).from(), (s, d) -> Parsers.name(s), (n, v) -> ((Intent) n).withFrom(v));
        f.text("To", "to", "db:5432 or 10.0.9.3", n -> ((Intent) n).to(), (s, d) -> Parsers.name(s), (n, v) -> ((Intent) n).withTo(v));
        f.text("Probe", "probe", "tcp/5432", n -> ((Intent) n).probe().toString(), (s, d) -> Parsers.probe(s), (n, v) -> ((Intent) n).withProbe(v));
        f.choice("Expect", "expect", Arrays.asList(Intent.Expect.values()), Intent.Expect::label, n -> ((Intent) n).expect(),
                (n, v) -> ((Intent) n).withExpect(v));
    }

    /**
     * A network of a registered kind: name, where it lives (its host, or the hosts it spans),
     * pool and gateway, then one field per option of its kind, generated from the descriptor: a
     * choice for CHOICE and HOST, a check box for BOOLEAN, validated text otherwise. An option
     * set back to its default (or emptied) is removed from the file, so the default applies.
     */
    private static void network(Form f, AppState state, Network w) {
        Document doc = state.current();
        NetworkKind kind = w.networkKind().orElse(null);
        f.note(kind == null ? "Unknown driver '" + w.driver() + "': the registered kinds are " + NetworkKinds.drivers() + "."
                : kind.summary() + ".");
        f.text("Name", "name", null, Node::name, (s, d) -> Parsers.name(s), (n, v) -> ((Network) n).withName(v));
        boolean inHost = kind == null ? w.host() != null : kind.scope() == NetworkKind.Scope.HOST;
        if (inHost) {
            List<String> hosts = new ArrayList<>();
            for (Host h : doc.all(Host.class)) hosts.add(h.id());
            f.choiceEdit("Host (its containers on other hosts leave it)", "host", hosts, id -> name(state.current(), id), n -> ((Network) n).host(),
                    (d, v) -> dev.hopscope.model.edit.NetworkEdits.moveToHost(d, w.id(), v));
        } else {
            f.text("Member hosts (empty = every node)", "members", "host-1, host-2", n -> Parsers.showHosts(((Network) n).members(), state.current()),
                    Parsers::hosts, (n, v) -> ((Network) n).withMembers(v));
        }
        f.text("Subnet", "subnet", kind == null ? "10.0.0.0/16" : kind.defaultSubnet(), n -> ((Network) n).subnet(), (s, d) -> Parsers.cidr(s),
                (n, v) -> ((Network) n).withSubnet(v));
        if (kind == null || kind.addressing() instanceof NetworkKind.Addressing.NextFree)
            f.text("Gateway (empty = the subnet's first address)", "gateway", "192.168.50.1", n -> ((Network) n).gateway(),
                    (s, d) -> Parsers.optionalIp(s), (n, v) -> ((Network) n).withGateway(v));
        if (kind == null || kind.options().isEmpty()) return;
        f.section(kind.title() + " settings");
        for (NetworkKind.Option o : kind.options()) option(f, state, o);
    }

    private static void option(Form f, AppState state, NetworkKind.Option o) {
        Document doc = state.current();
        String key = o.key();
        String caption = Form.caption(o.label());
        String aside = Form.help(o.label());
        String help = (aside.isEmpty() ? "" : aside + ": ") + (o.help() == null ? "" : o.help());
        help = help.isEmpty() ? help : Character.toUpperCase(help.charAt(0)) + help.substring(1);
        String dflt = o.defaultValue();
        switch (o.type()) {
            case CHOICE:
                f.choice(caption, help, key, o.choices(), v -> v + (v.equals(dflt) ? " (default)" : ""),
                        n -> ((Network) n).option(key), (n, v) -> ((Network) n).withOption(key, v == null || v.equals(dflt) ? null : v));
                break;
            case BOOLEAN:
                f.check(caption, key, n -> "true".equals(((Network) n).option(key)),
                        (n, v) -> ((Network) n).withOption(key, String.valueOf(v).equals(dflt) ? null : String.valueOf(v)));
                if (!help.isEmpty()) f.helpLine(help);
                break;
            case HOST: {
                List<String> hosts = new ArrayList<>();
                hosts.add(NONE);
                for (Host h : doc.all(Host.class)) hosts.add(h.id());
                f.choice(caption, help, key, hosts, id -> name(state.current(), id), n -> orNone(((Network) n).options().get(key)),
                        (n, v) -> ((Network) n).withOption(key, NONE.equals(v) ? null : v));
                break;
            }
            default:
                f.text(caption, help, key, dflt == null ? "not set" : dflt + " (default)", n -> ((Network) n).options().get(key),
                        (s, d) -> {
                            String t = s.trim();
                            if (t.isEmpty()) return null;
                            String why = o.problem(t);
                            if (why != null) throw new IllegalArgumentException(why);
                            return t;
                        },
                        (n, v) -> ((Network) n).withOption(key, v));
        }
    }

    private static List<String> refs(Document doc, Class<? extends Node> type) {
        List<String> out = new ArrayList<>();
        out.add(NONE);
        for (Node n : doc.all(type)) out.add(n.id());
        return out;
    }

    private static String orNone(String id) { return id == null ? NONE : id; }

    private static String name(Document doc, String id) {
        return NONE.equals(id) ? "none" : doc.node(id).map(Node::name).orElse(id);
    }
}
