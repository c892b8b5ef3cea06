package dev.hopscope.net.trace;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Listener;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Rule;

import java.util.List;

/**
 * Writes every sentence a trace shows: each hop's from its {@link StepDetail}, each leg's reason
 * from its {@link Outcome}, the trace's reason from both legs, the ARP exchange, and the labels
 * of the ways to reach a destination. The one place where trace prose lives; nothing parses it.
 */
public final class Narrator {
    private final Dataplane dp;
    private final Document doc;

    public Narrator(Dataplane dp) {
        this.dp = dp;
        this.doc = dp.document();
    }

    // ---------------------------------------------------------------- hops

    /** The hop's sentence. */
    public String sentence(StepDetail d) {
        if (d instanceof StepDetail.Routed r) {
            if (r.forwarded())
                return r.namespace() + " forwards " + r.destination() + " (ip_forward on, TTL " + r.ttlAfter() + "): route " + r.route().describe();
            return r.namespace() + " looks up " + r.destination() + ": route " + r.route().describe()
                    + (r.outer() ? " (the outer packet, on the underlay)" : "");
        }
        if (d instanceof StepDetail.Local l)
            return l.destination() + " is an address of " + l.namespace() + " itself: the packet loops back over lo";
        if (d instanceof StepDetail.Fragmented f)
            return "the packet (" + f.length() + " bytes) is larger than " + f.device() + "'s MTU " + f.mtu()
                    + ": the kernel fragments it (slower, and fragments are often dropped on the way)";
        if (d instanceof StepDetail.VethCrossed v)
            return "the frame crosses the veth pair " + v.fromNamespace() + ":" + v.fromDevice() + " → " + v.toNamespace() + ":" + v.toDevice();
        if (d instanceof StepDetail.Bridged b && b.afterDnat())
            return "the new destination lies behind " + b.bridge() + ", the bridge the frame came up from: br_netfilter hands it back to "
                    + b.bridge() + ", which sends it out of " + b.port()
                    + (b.hairpin() ? ", the port it came in by (hairpin mode is on there)" : "") + " — bridged, not routed: no TTL change";
        if (d instanceof StepDetail.Bridged b)
            return b.bridge() + " looks up " + b.destination() + " in its forwarding table and sends the frame out of " + b.port()
                    + (b.hairpin() ? ", the port it came in by (hairpin mode is on there)" : "") + " — bridged, not routed: no TTL change, no NAT";
        if (d instanceof StepDetail.ToBridgeItself b)
            return "the frame is addressed to " + b.bridge() + " itself: it goes up to " + b.namespace() + "'s IP stack";
        if (d instanceof StepDetail.UnderlayCrossed u)
            return "the underlay " + name(u.underlay()) + " carries the frame from " + (u.fromNamespace() == null ? "?" : u.fromNamespace())
                    + " to " + u.toNamespace() + " (" + u.destination() + ")";
        if (d instanceof StepDetail.Filtered f)
            return "iptables " + String.join(" ", f.rule().args())
                    + (f.path().size() > 1 ? " (" + String.join(" → ", f.path().stream().map(Rule.Chain::name).toList()) + ")" : "")
                    + ": " + f.rule().why();
        if (d instanceof StepDetail.Dnat n)
            return "DNAT " + n.before().destination() + " → " + n.after().destination() + " — " + n.rule().why()
                    + n.choice().map(c -> "; this trace follows " + (c.endpoint() == null ? n.after().destination() : name(c.endpoint()))
                    + ", endpoint " + (c.index() + 1) + " of " + c.of()).orElse("")
                    + (hairpin(n) ? "; the connection comes from this endpoint itself, so kube-proxy marks it for masquerade (its KUBE-SEP chain: -s "
                       + n.after().dst() + "/32 -j KUBE-MARK-MASQ), or the reply would never come back through this node" : "");
        if (d instanceof StepDetail.SocketTranslated s)
            return s.namespace() + "'s socket connects to " + s.before().destination() + ": " + s.rule().why()
                    + s.choice().map(c -> " (this trace follows " + (c.endpoint() == null ? s.after().destination() : name(c.endpoint()))
                    + ", backend " + (c.index() + 1) + " of " + c.of() + ")").orElse("")
                    + ". The packet is born addressed to " + s.after().destination() + ": no node will NAT it, and the reply comes from the backend itself";
        if (d instanceof StepDetail.Masquerade m)
            return "MASQUERADE " + m.before().src() + " → " + m.after().src() + " — " + m.rule().why();
        if (d instanceof StepDetail.Unnat u)
            return "conntrack recognises the reply and undoes the NAT: " + u.before() + " becomes " + u.after();
        if (d instanceof StepDetail.Encapsulated e) {
            if (e.tunnel() == TunnelKind.SLEEVE)
                return "the weave router takes the frame from its bridge port " + e.device() + " and sends it to the peer " + e.remoteEndpoint()
                        + " in outer Ethernet / IPv4 " + e.localEndpoint() + " → " + e.remoteEndpoint() + " / UDP " + e.udpPort()
                        + " / Weave sleeve: " + e.addedBytes() + " bytes more, copied through user space (no fast datapath)";
            if (!e.tunnel().carriesFrames())
                return e.device() + " wraps the packet in an outer IPv4 header " + e.localEndpoint() + " → " + e.remoteEndpoint()
                        + (e.tunnel() == TunnelKind.IPIP ? " (IP in IP, protocol 4)" : " / ESP (IPsec tunnel mode)") + ": " + e.addedBytes() + " bytes more";
            return e.device() + " wraps the frame in outer Ethernet / IPv4 " + e.localEndpoint() + " → " + e.remoteEndpoint()
                    + (e.esp() ? " / ESP (IPsec, encrypted overlay)" : "") + tunnelHeaders(e.tunnel(), e.udpPort(), e.vni())
                    + ": " + e.addedBytes() + " bytes more";
        }
        if (d instanceof StepDetail.Decapsulated e && e.tunnel() == TunnelKind.SLEEVE)
            return "the weave router on " + e.namespace() + " takes the UDP " + e.udpPort() + " sleeve packet and injects the frame into its bridge through " + e.device();
        if (d instanceof StepDetail.Decapsulated e)
            return e.device() + " on " + e.namespace() + " takes the " + (e.tunnel().overUdp() ? "UDP " + e.udpPort() + " " : "")
                    + "packet with " + (e.tunnel().overUdp() ? "VNI " + e.vni() : e.tunnel().name())
                    + (e.esp() ? ", decrypts the ESP payload," : "") + " and unwraps the original " + (e.tunnel().carriesFrames() ? "frame" : "packet");
        if (d instanceof DnsLookup l) return dns(l);
        if (d instanceof StepDetail.StackedSwitched s)
            return s.ipvlan()
                    ? s.fromNamespace() + ":" + s.fromDevice() + " and " + s.toNamespace() + ":" + s.toDevice() + " are ipvlan children of "
                      + s.lowerNamespace() + ":" + s.lowerDevice() + ": the kernel hands the packet across by its destination address, without the wire"
                    : s.fromNamespace() + ":" + s.fromDevice() + " and " + s.toNamespace() + ":" + s.toDevice() + " are macvlan children of "
                      + s.lowerNamespace() + ":" + s.lowerDevice() + " in bridge mode: the kernel switches the frame between them by MAC, without the wire";
        if (d instanceof StepDetail.StackedOut s)
            return s.namespace() + ":" + s.device() + " is " + (s.ipvlan() ? "an ipvlan" : "a macvlan") + " child of " + s.lowerNamespace() + ":"
                    + s.lowerDevice() + ": the frame leaves straight through it onto the link"
                    + (s.ipvlan() ? " with " + s.lowerDevice() + "'s MAC" : " with the child's own MAC") + " — no bridge, no NAT, no host routing";
        if (d instanceof StepDetail.StackedDelivered s)
            return "the frame arriving on " + s.lowerNamespace() + ":" + s.lowerDevice() + " is for its " + (s.ipvlan() ? "ipvlan" : "macvlan")
                    + " child " + s.toNamespace() + ":" + s.toDevice() + (s.ipvlan() ? " (matched by address)" : " (matched by MAC)")
                    + ": the kernel passes it up there, not to " + s.lowerNamespace();
        if (d instanceof StepDetail.SocketReached s)
            return "delivered to " + name(s.socket().owner()) + ", listening on " + s.socket().bind() + ":" + s.socket().port() + "/"
                    + s.socket().proto().label() + "; it sees the source " + s.seenSource();
        if (d instanceof StepDetail.PingAnswered p)
            return p.namespace() + " owns " + p.address() + " and answers the ping (echo reply)";
        if (d instanceof StepDetail.ReplyReturned r)
            return "the reply reaches the client " + name(r.client()) + ": the flow works both ways";
        if (d instanceof StepDetail.Dropped x) return reason(x.cause());
        throw new IllegalStateException("no sentence for " + d);
    }

    /**
     * Who picks the endpoint where the trace branches, in a few words: the choosers of its branches
     * (kube-proxy; Cilium's socket load balancer under kube-proxy replacement; IPVS on a swarm), or
     * null when no branch names one.
     */
    public static String chooser(Trace t) {
        java.util.LinkedHashSet<String> by = new java.util.LinkedHashSet<>();
        for (Branch b : t.branches())
            if (!b.choices().isEmpty() && b.choices().get(b.choices().size() - 1).by() != null) by.add(b.choices().get(b.choices().size() - 1).by());
        return by.isEmpty() ? null : String.join(" and ", by);
    }

    /** A DNAT to an endpoint that marks connections from itself, taken by a connection from that endpoint. */
    private static boolean hairpin(StepDetail.Dnat n) {
        if (n.before().src() == null || !n.before().src().equals(n.after().dst())) return false;
        for (var t : n.rule().dnatTargets())
            if (t.selfMark() != 0 && t.ip().equals(n.after().dst())) return true;
        return false;
    }

    private static String tunnelHeaders(TunnelKind k, int port, int vni) {
        switch (k) {
            case VXLAN: return " / UDP " + port + " / VXLAN VNI " + vni;
            case GENEVE: return " / UDP " + port + " / Geneve VNI " + vni;
            default: return "";
        }
    }

    /** The ARP exchange (or neighbour-table answer) that let a hop send its frame. */
    public String arp(NeighbourLookup l) {
        if (l.answer() instanceof NeighbourLookup.PermanentEntry p)
            return l.namespace() + " finds " + l.target() + " at " + p.mac() + " in its neighbour table on " + l.device()
                    + " (a permanent entry: no ARP on the wire)";
        String ask = l.namespace() + " asks on " + l.device() + " (ARP): who has " + l.target() + "? tell "
                + (l.senderAddress() == null ? l.namespace() : l.senderAddress().toString());
        if (l.answer() instanceof NeighbourLookup.ArpReply r)
            return ask + " — " + r.namespace() + ":" + r.device() + " answers " + l.target() + " is at " + r.mac()
                    + (r.proxy() ? " (proxy ARP: it answers for an address it does not hold)" : "");
        return ask + " — nobody answers";
    }

    // ---------------------------------------------------------------- names

    /** A DNS step's sentence. */
    String dns(DnsLookup l) {
        String q = l.question();
        DnsLookup.Answer a = l.answer();
        if (a instanceof DnsLookup.Found f) {
            DnsLookup.Record r = f.record();
            if (r instanceof DnsLookup.HostsEntry) return q + " is " + f.address() + " in " + l.asker() + "'s /etc/hosts";
            if (r instanceof DnsLookup.ContainerName c)
                return "Docker's embedded DNS (127.0.0.11) answers " + q + " → " + f.address() + " (network " + name(c.network()) + ")";
            if (r instanceof DnsLookup.SharedName sh)
                return "Docker's embedded DNS (127.0.0.11) answers " + q + " with " + sh.all().size() + " addresses ("
                        + sh.all().stream().map(Ipv4::toString).collect(java.util.stream.Collectors.joining(", ")) + ", network " + name(sh.network())
                        + "), shuffled on every query: a connection goes to whichever comes first; this trace follows " + f.address();
            if (r instanceof DnsLookup.LinkName k)
                return "Docker's embedded DNS (127.0.0.11) answers " + q + " → " + f.address() + ": a link of " + l.asker()
                        + "'s, answered with the address on the network the two share (" + name(k.network()) + ")";
            if (r instanceof DnsLookup.HeadlessServicePod h && h.all().size() > 1)
                return clusterDns(l.server()) + " answers the headless Service " + q + " with " + h.all().size() + " pod addresses ("
                        + h.all().stream().map(Ipv4::toString).collect(java.util.stream.Collectors.joining(", "))
                        + "), shuffled on every query (CoreDNS's loadbalance): a connection goes to whichever comes first; this trace follows "
                        + name(h.pod()) + " " + f.address();
            if (r instanceof DnsLookup.HeadlessServicePod h)
                return clusterDns(l.server()) + " answers the headless Service " + q + " with a pod address: " + f.address();
            if (r instanceof DnsLookup.PodHostname h)
                return clusterDns(l.server()) + " answers " + q + " → " + f.address() + ": pod " + name(h.pod())
                        + "'s own name (its hostname and subdomain), published by the headless Service " + name(h.service());
            if (r instanceof DnsLookup.ServiceName s)
                return clusterDns(l.server()) + " answers " + q + " → " + f.address() + " (the ClusterIP of Service " + name(s.service()) + "." + s.namespace() + ")";
            if (r instanceof DnsLookup.NodeName) return "the host's resolver knows " + q;
            if (r instanceof DnsLookup.CanonicalName c)
                return clusterDns(l.server()) + " answers " + q + " with a CNAME to " + c.target() + " (Service " + name(c.service())
                        + " is an ExternalName), which resolves to " + f.address();
            if (r instanceof DnsLookup.IngressHost i)
                return "DNS answers " + q + " → " + f.address() + ": Ingress " + name(i.ingress()) + " routes that host, and its controller is reached there ("
                        + i.via() + ")";
        }
        return notFound(l);
    }

    private static String clusterDns(DnsLookup.Server s) {
        if (s instanceof DnsLookup.ClusterDns c && c.address().isPresent()) return "cluster DNS (" + c.address().get() + ")";
        return "cluster DNS";
    }

    private String notFound(DnsLookup l) {
        String q = l.question();
        DnsLookup.Answer a = l.answer();
        if (a instanceof DnsLookup.CnameUnresolved c)
            return "cluster DNS answers " + q + " with a CNAME to " + c.target() + " (Service " + name(c.service())
                    + " is an ExternalName), but nothing resolves " + c.target();
        if (a instanceof DnsLookup.HeadlessWithoutPods h)
            return "the headless Service " + name(h.service()) + " selects no pod: cluster DNS has no address for " + q;
        if (a instanceof DnsLookup.NoServiceRecord)
            return "cluster DNS has no record for " + q + ": it resolves Services (name, name.namespace, name.namespace.svc.cluster.local), not pod names";
        if (a instanceof DnsLookup.DefaultBridgeOnly)
            return l.asker() + " is only on the default bridge, where Docker has no embedded DNS: \"" + q
                    + "\" does not resolve (put both containers on a user-defined network, or use the address)";
        if (a instanceof DnsLookup.NotOnNetworks n)
            return "Docker's embedded DNS answers only for containers on " + l.asker() + "'s networks ("
                    + String.join(", ", n.networks().stream().map(this::name).toList()) + "): no container called \"" + q + "\" is there";
        return l.asker() + " has no resolver that knows \"" + q + "\"";
    }

    // ---------------------------------------------------------------- reasons

    /** A leg's reason: the outcome in one sentence. */
    public String reason(Outcome o) {
        if (o instanceof StepDetail.SocketReached s) return "delivered to " + name(s.socket().owner());
        if (o instanceof StepDetail.PingAnswered p) return "delivered to " + p.namespace();
        if (o instanceof StepDetail.ReplyReturned) return "the reply came back";
        DropCause c = (DropCause) o;
        if (c instanceof DropCause.IpForwardOff f)
            return f.destination() + " is not an address of " + f.namespace() + ", and ip_forward is off there: the kernel does not route it on";
        if (c instanceof DropCause.NoRoute r) return noRoute(r);
        if (c instanceof DropCause.TtlExpired t) return "the TTL ran out at " + t.namespace() + ": the packet is going round in circles";
        if (c instanceof DropCause.HopBudget b) return "the packet went round more than " + b.steps() + " hops";
        if (c instanceof DropCause.ArpUnanswered a)
            return a.nextHop() + " is on-link for " + a.namespace() + " (" + a.device()
                    + "), but the ARP request for it gets no answer: no one on that segment has the address";
        if (c instanceof DropCause.StackedIsolation s) {
            String kind = s.ipvlan() ? "ipvlan" : "macvlan";
            return s.nextHop() + " belongs to " + s.otherNamespace() + ", across the " + kind + " boundary of " + s.device()
                    + ": the kernel never hands a parent device's own traffic to its " + kind + " children, nor theirs to it, so "
                    + s.namespace() + " gets no answer (the usual fix: a " + kind + " \"shim\" interface on the host, with an address and a route to the containers through it)";
        }
        if (c instanceof DropCause.NoNeighbourEntry n)
            return "no neighbour entry for " + n.nextHop() + " on " + n.device() + ": the overlay's control plane never told this node where it is";
        if (c instanceof DropCause.HairpinOff h)
            return "the destination is behind " + h.port() + ", the port of " + h.bridge() + " the frame came in by, and hairpin mode is off there: "
                    + h.bridge() + " never sends a frame back out of the port it came from, so it drops it (the CNI bridge plugin's \"hairpinMode\": true, "
                    + "or bridge link set dev " + h.port() + " hairpin on, lets a pod reach itself through its Service)";
        if (c instanceof DropCause.NoBridgePort b) return b.bridge() + " has no port behind which " + b.destination() + " lives";
        if (c instanceof DropCause.NoRemoteEndpoint v) return v.device() + " knows no VTEP for " + v.destination() + ": nothing to send the frame to";
        if (c instanceof DropCause.NoTunnelDevice t)
            return t.namespace() + " has no VXLAN device for VNI " + t.vni() + " on UDP " + t.udpPort() + ": the kernel drops the tunnelled frame";
        if (c instanceof DropCause.TooBigToSend m)
            return "the packet is " + m.length() + " bytes with Don't Fragment set, but " + m.device() + "'s MTU is " + m.mtu()
                    + ": the kernel refuses to send it (\"message too long\")";
        if (c instanceof DropCause.TooBigToForward m)
            return m.namespace() + " cannot forward a " + m.length() + "-byte packet with Don't Fragment set out of " + m.device()
                    + " (MTU " + m.mtu() + "): it drops it and answers ICMP \"fragmentation needed\"";
        if (c instanceof DropCause.TooBigForPort m)
            return "the frame carries a " + m.length() + "-byte packet but the port " + m.port() + " has MTU " + m.mtu()
                    + (m.tunnelPort() ? " (VXLAN costs 50 bytes)" : "") + ": the bridge drops it silently";
        if (c instanceof DropCause.Denied d) return d.rule().why();
        if (c instanceof DropCause.NoListener n) return noListener(n);
        if (c instanceof DropCause.ReplyAstray r) return "the reply ends up at " + r.namespace() + ", not at the client " + r.client();
        if (c instanceof DropCause.ReplyUnmatched u)
            return "the reply comes from " + u.reply().source() + ", but the client sent to " + u.sent().destination()
                    + ": it is dropped (no matching connection)";
        if (c instanceof DropCause.Shadowed s)
            return s.address() + " is also an address of " + s.owner() + ": the packet is delivered there and never reaches "
                    + name(s.endpoint()) + " (overlapping subnets)";
        if (c instanceof DropCause.OtherEndpoint x)
            return x.address() + (x.port() != 0 ? ":" + x.port() : "") + " leads to " + name(x.reached()) + ", never to " + name(x.endpoint())
                    + ": " + (x.by() != null ? x.by() + "'s" : "the") + " rule there does not list " + name(x.endpoint()) + " among its endpoints";
        if (c instanceof DropCause.NotResolved n) return dns(n.lookup());
        if (c instanceof DropCause.DnsQueryFailed q)
            return "the DNS query to cluster DNS " + q.server() + " does not get through (" + q.query() + ": " + q.why() + "), so the name is not resolved";
        if (c instanceof DropCause.NoAddress n) return name(n.endpoint()) + " has no address " + name(n.source()) + " could send to";
        throw new IllegalStateException("no reason for " + c);
    }

    private String noRoute(DropCause.NoRoute r) {
        String reason = r.namespace() + " has no route to " + r.destination();
        Namespace ns = dp.namespace(r.namespace());
        if (ns != null && ns.kind() == Namespace.Kind.CONTAINER && ns.lookup(Ipv4.parse("0.0.0.0")) == null && onlyInternalNetworks(ns))
            reason += ": its networks are internal, and Docker gives containers on internal networks no default route";
        if (dp.addressing().clusterIps().containsValue(r.destination()))
            reason += ": " + r.destination() + " is a ClusterIP, a virtual address no device holds; "
                    + (ns != null && ns.socketLb() != null ? ns.socketLb().owner() + " only translates its service ports, when a socket connects"
                                                           : "kube-proxy only rewrites its service ports")
                    + (r.proto() == Proto.ICMP ? ", so a ping to it goes nowhere" : "");
        if (r.wouldMeet().isPresent())
            reason += " (a real node has a default route, which would carry it to this rule instead: " + r.wouldMeet().get().why() + ")";
        return reason;
    }

    private boolean onlyInternalNetworks(Namespace ns) {
        return doc.get(ns.node(), Container.class).map(c -> !c.attachments().isEmpty() && c.attachments().stream()
                .allMatch(a -> doc.get(a.network(), Bridge.class).map(Bridge::internal).orElse(false))).orElse(false);
    }

    private String noListener(DropCause.NoListener n) {
        StringBuilder reason = new StringBuilder("the packet reaches " + n.namespace() + ", but nothing listens on " + n.destination() + ":"
                + n.port() + "/" + n.proto().label()
                + (n.proto() == Proto.TCP ? ": the kernel answers with a TCP reset" : ": the kernel answers ICMP port unreachable"));
        for (Listener l : n.boundElsewhere()) reason.append(" (").append(name(l.owner())).append(" listens on ").append(l.bind()).append(" only)");
        return reason.toString();
    }

    /** The trace's reason, from how its legs ended ({@code reply} null when there was none). */
    public String traceReason(Outcome request, Outcome reply) {
        if (reply == null || !request.disposition().isSuccessful()) return reason(request);
        if (reply.disposition().isSuccessful()) return reason(request) + ", and the reply came back";
        return "the request arrives (" + reason(request) + "), but the reply is lost: " + reason(reply);
    }

    /** How a target stands for the destination, in a few words: "web via h1:8080", "web's own address 172.17.0.2:80". */
    public String label(String destination, Target t, Proto proto) {
        String who = destination == null ? t.via(proto) : name(destination);
        Target.How h = t.how();
        if (h instanceof Target.OwnAddress o) return who + "'s own address " + t.via(proto) + (o.network() == null ? "" : " on " + name(o.network()));
        if (h instanceof Target.PublishedPort p) return who + " via " + name(p.host()) + ":" + p.hostPort() + " (" + t.address() + ", published from port " + p.containerPort() + ")";
        if (h instanceof Target.NodePort n) return who + " via NodePort " + n.nodePort() + " on " + name(n.node()) + " (" + t.address() + ")";
        if (h instanceof Target.ClusterIp c) return who + " via the ClusterIP " + t.via(proto) + " of Service " + name(c.service());
        if (h instanceof Target.LoadBalancer l) return who + " via the load balancer " + t.via(proto) + " of Service " + name(l.service());
        return t.lookup().map(l -> who + " as resolved: " + t.via(proto)).orElse(t.via(proto));
    }

    /**
     * How the trace chose what to send to, when it considered several ways and the first did not
     * work: "ext cannot reach web's own address 172.17.0.2:80 (NO_ROUTE); web publishes port 80 on
     * h1's port 8080, so the trace takes 192.168.50.11:8080". Empty when there was no choice to explain.
     */
    public java.util.Optional<String> targetChoice(Trace t) {
        if (t.target().isEmpty() || t.alternatives().size() < 2) return java.util.Optional.empty();
        Target chosen = t.target().get();
        Proto proto = t.probe().proto();
        List<String> failed = new java.util.ArrayList<>();
        for (Alternative a : t.alternatives()) {
            if (a.target().equals(chosen)) break;
            a.outcome().ifPresent(d -> failed.add(a.label() + " (" + d + ")"));
        }
        if (failed.isEmpty()) return java.util.Optional.empty();
        Target.How h = chosen.how();
        String who = chosen.endpoint().map(this::name).orElse(t.to());
        String why;
        if (h instanceof Target.PublishedPort p)
            why = who + " publishes port " + p.containerPort() + " on " + name(p.host()) + "'s port " + p.hostPort();
        else if (h instanceof Target.NodePort n)
            why = "Service " + name(n.service()) + " answers on NodePort " + n.nodePort() + " of " + name(n.node());
        else if (h instanceof Target.ClusterIp c) why = "Service " + name(c.service()) + " has the ClusterIP " + chosen.address();
        else if (h instanceof Target.LoadBalancer l) why = "Service " + name(l.service()) + " has the load balancer address " + chosen.address();
        else if (h instanceof Target.OwnAddress) why = who + " also has the address " + chosen.address();
        else why = "another address answers";
        return java.util.Optional.of(name(t.from()) + " cannot reach " + String.join(", nor ", failed) + "; " + why
                + ", so the trace takes " + chosen.via(proto));
    }

    /**
     * What an Ingress controller did with a request: "the Ingress controller ingress-0 ends the
     * TCP connection; Ingress shop sends host shop.example.com path /api (rule shop.example.com,
     * Prefix /api) to Service api port 80, on a new connection from ingress-0".
     */
    public String proxied(Proxied p) {
        String request = "host " + p.host() + " path " + p.path();
        String head = "the Ingress controller " + name(p.controller()) + " ends the TCP connection";
        if (p.routed().isEmpty()) return head + " and answers 404 itself: no Ingress it serves has a rule for " + request + ", nor a default backend";
        dev.hopscope.model.Ingress.Routed r = p.routed().get();
        dev.hopscope.model.Ingress.Match m = r.match();
        String which = m.viaDefault() ? "its default backend (no rule matches " + request + ")"
                : "rule " + (m.rule().host() == null ? "for any host" : m.rule().host()) + ", " + m.path().pathType().label() + " " + m.path().path();
        String backend = "Service " + m.backend().service() + " port " + (m.backend().portName() != null ? m.backend().portName() : Integer.toString(m.backend().port()));
        if (p.service() == null)
            return head + "; Ingress " + r.ingress().name() + " sends " + request + " by " + which + " to " + backend
                    + ", which namespace " + r.ingress().namespace() + " does not have (or not with that port): the controller answers 503";
        return head + "; Ingress " + r.ingress().name() + " sends " + request + " by " + which + " to " + backend
                + ", on a new connection from " + name(p.controller());
    }

    /** A document node's name (its id when it has none or is gone). */
    public String name(String id) {
        if (id == null) return "";
        return doc.node(id).map(Node::name).orElse(id);
    }

    /** The display name of a Service, "web.default". */
    String serviceName(String id) {
        return doc.get(id, Service.class).map(s -> s.name() + "." + s.namespace()).orElse(id);
    }

    List<String> names(List<String> ids) { return ids.stream().map(this::name).toList(); }
}
