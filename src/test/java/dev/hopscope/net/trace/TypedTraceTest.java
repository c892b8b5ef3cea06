package dev.hopscope.net.trace;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.net.Network;
import dev.hopscope.net.dataplane.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of step detail, on the samples, with the typed content the scenarios of
 * scenarios.md and the kernel's rules say it must have (addresses from the samples, header
 * values from the protocols: TCP SYN then SYN-ACK, VXLAN adds 50 bytes, TTL 64 minus one per router).
 */
class TypedTraceTest {

    static Trace trace(String sample, String from, String to, String probe) {
        return Network.compile(DocumentCodec.load(Path.of("samples", sample))).trace(from, to, Probe.parse(probe));
    }

    static <T extends StepDetail> T detail(List<Hop> hops, Class<T> type) {
        return hops.stream().map(Hop::detail).filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + hops.stream().map(Hop::step).toList()));
    }

    static Hop hop(List<Hop> hops, Predicate<Hop> p) { return hops.stream().filter(p).findFirst().orElseThrow(); }

    static Ipv4 ip(String s) { return Ipv4.parse(s); }

    @Test
    void s8PublishedPortHopByHop() {
        Trace t = trace("s08-published-port.json", "ext", "192.168.50.11:8080", "tcp/8080");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);

        StepDetail.Routed first = (StepDetail.Routed) t.hops().get(0).detail();
        assertThat(first.namespace()).isEqualTo("ext");
        assertThat(first.route().dst().toString()).isEqualTo("192.168.50.0/24");
        assertThat(first.route().dev().name()).isEqualTo("eth0");
        assertThat(first.forwarded()).isFalse();

        StepDetail.UnderlayCrossed lan = detail(t.hops(), StepDetail.UnderlayCrossed.class);
        assertThat(lan.underlay()).isEqualTo("lan");
        assertThat(lan.fromNamespace()).isEqualTo("ext");
        assertThat(lan.toNamespace()).isEqualTo("h1");

        StepDetail.Dnat dnat = detail(t.hops(), StepDetail.Dnat.class);
        assertThat(dnat.rule().table()).isEqualTo(Rule.Table.NAT);
        assertThat(dnat.rule().chain()).isEqualTo(Rule.Chain.PREROUTING);
        assertThat(dnat.before().destination()).isEqualTo("192.168.50.11:8080");
        assertThat(dnat.after().destination()).isEqualTo("172.17.0.2:80");
        assertThat(dnat.after().src()).isEqualTo(ip("192.168.50.100"));

        StepDetail.Routed forward = t.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Routed r && r.forwarded())
                .map(StepDetail.Routed.class::cast).findFirst().orElseThrow();
        assertThat(forward.namespace()).isEqualTo("h1");
        assertThat(forward.ttlBefore()).isEqualTo(64);
        assertThat(forward.ttlAfter()).isEqualTo(63);
        assertThat(forward.route().dev().name()).isEqualTo("docker0");

        StepDetail.Bridged bridged = detail(t.hops(), StepDetail.Bridged.class);
        assertThat(bridged.bridge()).isEqualTo("docker0");
        StepDetail.VethCrossed veth = detail(t.hops(), StepDetail.VethCrossed.class);
        assertThat(veth.fromNamespace()).isEqualTo("h1");
        assertThat(veth.fromDevice()).isEqualTo(bridged.port());
        assertThat(veth.toNamespace()).isEqualTo("web");
        assertThat(veth.toDevice()).isEqualTo("eth0");

        StepDetail.SocketReached socket = detail(t.hops(), StepDetail.SocketReached.class);
        assertThat(socket.socket().port()).isEqualTo(80);
        assertThat(socket.socket().proto()).isEqualTo(Proto.TCP);
        assertThat(socket.socket().owner()).isEqualTo("web");
        assertThat(socket.seenSource()).isEqualTo(ip("192.168.50.100"));

        StepDetail.Unnat unnat = detail(t.reply().hops(), StepDetail.Unnat.class);
        assertThat(unnat.before().source()).isEqualTo("172.17.0.2:80");
        assertThat(unnat.after().source()).isEqualTo("192.168.50.11:8080");
        assertThat(detail(t.reply().hops(), StepDetail.ReplyReturned.class).client()).isEqualTo("ext");
        assertThat(t.request().outcome()).isInstanceOf(StepDetail.SocketReached.class);
        assertThat(t.reply().outcome()).isInstanceOf(StepDetail.ReplyReturned.class);
    }

    @Test
    void eachHopCarriesItsTypedPacket() {
        Trace t = trace("s08-published-port.json", "ext", "192.168.50.11:8080", "tcp/8080");
        Hop delivered = t.hops().get(t.hops().size() - 1);
        List<Header> hs = delivered.packet().headers();
        assertThat(hs).hasSize(2);
        Header.Ip ip = (Header.Ip) hs.get(0);
        assertThat(ip.src()).isEqualTo(ip("192.168.50.100"));
        assertThat(ip.dst()).isEqualTo(ip("172.17.0.2"));
        assertThat(ip.ttl()).isEqualTo(63);
        assertThat(ip.protocol()).isEqualTo(6);
        assertThat(ip.totalLength()).isEqualTo(60);
        Header.Tcp tcp = (Header.Tcp) hs.get(1);
        assertThat(tcp.dport()).isEqualTo(80);
        assertThat(tcp.flags()).isEqualTo(Header.SYN);
        Header.Tcp back = (Header.Tcp) t.reply().hops().get(0).packet().headers().get(1);
        assertThat(back.flags()).isEqualTo(Header.SYN | Header.ACK);
        assertThat(back.sport()).isEqualTo(80);
        assertThat(back.dport()).isEqualTo(tcp.sport());
        Hop onTheWire = hop(t.hops(), h -> h.step() == StepKind.UNDERLAY);
        assertThat(onTheWire.packet().headers().get(0)).isInstanceOf(Header.Ethernet.class);
        // the display view is derived from the same value
        assertThat(delivered.layers()).isEqualTo(delivered.packet().layers());
    }

    @Test
    void changedFieldsAreValues() {
        Trace t = trace("s08-published-port.json", "ext", "192.168.50.11:8080", "tcp/8080");
        Hop nat = hop(t.hops(), h -> h.detail() instanceof StepDetail.Dnat);
        assertThat(nat.changes()).contains(
                new HeaderChange.Field(0, "ipv4", "dst", "192.168.50.11", "172.17.0.2"),
                new HeaderChange.Field(1, "tcp", "dport", "8080", "80"));
        assertThat(nat.changes()).contains(new HeaderChange.Popped(0, "ethernet"));
        assertThat(nat.changed()).containsExactlyInAnyOrder("0:ipv4.dst", "1:tcp.dport");
        Hop forward = hop(t.hops(), h -> h.detail() instanceof StepDetail.Routed r && r.forwarded());
        assertThat(forward.changes()).containsExactly(new HeaderChange.Field(0, "ipv4", "ttl", "64", "63"));
    }

    @Test
    void vxlanPushesAndPopsOuterHeaders() {
        Trace t = trace("s03-vxlan-overlay.json", "a", "10.0.9.3", "tcp/80");
        StepDetail.Encapsulated e = detail(t.hops(), StepDetail.Encapsulated.class);
        assertThat(e.tunnel()).isEqualTo(TunnelKind.VXLAN);
        assertThat(e.device()).isEqualTo("vxlan42");
        assertThat(e.localEndpoint()).isEqualTo(ip("192.168.50.11"));
        assertThat(e.remoteEndpoint()).isEqualTo(ip("192.168.50.12"));
        assertThat(e.udpPort()).isEqualTo(4789);
        assertThat(e.vni()).isEqualTo(42);
        assertThat(e.esp()).isFalse();
        assertThat(e.addedBytes()).isEqualTo(50);
        Hop encap = hop(t.hops(), h -> h.detail() == e);
        assertThat(encap.packet().encapsulated()).isTrue();
        assertThat(encap.packet().headers()).extracting(Header::name).containsExactly("ipv4", "udp", "vxlan", "ethernet", "ipv4", "tcp");
        assertThat(encap.changes()).contains(new HeaderChange.Pushed(0, "ipv4"), new HeaderChange.Pushed(1, "udp"), new HeaderChange.Pushed(2, "vxlan"));
        StepDetail.Decapsulated d = detail(t.hops(), StepDetail.Decapsulated.class);
        assertThat(d.namespace()).isEqualTo("h2");
        assertThat(d.vni()).isEqualTo(42);
        Hop decap = hop(t.hops(), h -> h.detail() == d);
        assertThat(decap.changes()).filteredOn(c -> c instanceof HeaderChange.Popped).extracting(HeaderChange::header)
                .containsExactlyInAnyOrder("ethernet", "ipv4", "udp", "vxlan");
        assertThat(decap.packet().encapsulated()).isFalse();
    }

    @Test
    void filterAndDropNameTheRuleThatFired() {
        Trace t = trace("s11-isolated-networks.json", "a", "172.19.0.2", "icmp");
        StepDetail.Filtered f = detail(t.hops(), StepDetail.Filtered.class);
        assertThat(f.table()).isEqualTo(Rule.Table.FILTER);
        assertThat(f.chain()).isEqualTo(Rule.Chain.FORWARD);
        assertThat(f.rule().target()).isEqualTo(Rule.Target.DROP);
        assertThat(f.rule().match().in()).isEqualTo("br-a");
        assertThat(f.rule().match().out()).isEqualTo("br-b");
        StepDetail.Dropped drop = detail(t.hops(), StepDetail.Dropped.class);
        assertThat(drop.cause()).isEqualTo(new DropCause.Denied(f.rule()));
        assertThat(t.request().outcome()).isEqualTo(drop.cause());
    }

    @Test
    void masqueradeRewritesTheSourceToTheHostsAddress() {
        Trace t = trace("s07-egress-masquerade.json", "a", "192.168.50.100", "tcp/443");
        StepDetail.Masquerade m = detail(t.hops(), StepDetail.Masquerade.class);
        assertThat(m.rule().chain()).isEqualTo(Rule.Chain.POSTROUTING);
        assertThat(m.before().src()).isEqualTo(ip("172.17.0.2"));
        assertThat(m.after().src()).isEqualTo(ip("192.168.50.11"));
        assertThat(m.after().dst()).isEqualTo(ip("192.168.50.100"));
        StepDetail.Unnat back = detail(t.reply().hops(), StepDetail.Unnat.class);
        assertThat(back.after().dst()).isEqualTo(ip("172.17.0.2"));
    }

    @Test
    void dropsSayWhyAsValues() {
        assertThat(trace("s08-published-port.json", "ext", "172.17.0.2:80", "tcp/80").request().outcome())
                .isEqualTo(new DropCause.NoRoute("ext", ip("172.17.0.2"), Proto.TCP));
        assertThat(trace("s08-published-port.json", "ext", "192.168.50.11:80", "tcp/80").request().outcome())
                .isInstanceOfSatisfying(DropCause.NoListener.class, n -> {
                    assertThat(n.namespace()).isEqualTo("h1");
                    assertThat(n.port()).isEqualTo(80);
                });
        // 1472 bytes of ICMP payload: a 1500-byte packet, 50 more than the overlay's MTU 1450, which a's eth0 has
        assertThat(trace("s03-vxlan-overlay.json", "a", "10.0.9.3", "icmp/1472").request().outcome())
                .isEqualTo(new DropCause.TooBigToSend("eth0", 1450, 1500));
        assertThat(trace("s02-same-subnet-two-hosts.json", "a", "172.17.0.3", "icmp").request().outcome())
                .isEqualTo(new DropCause.ArpUnanswered("a", "eth0", ip("172.17.0.3")));
    }

    @Test
    void deliveriesAndLoopback() {
        Trace ping = trace("s01-same-bridge.json", "a", "172.17.0.3", "icmp");
        assertThat(ping.request().outcome()).isEqualTo(new StepDetail.PingAnswered("b", ip("172.17.0.3")));
        Trace local = trace("s09-pod-localhost.json", "blog", "localhost:2368", "tcp/2368");
        assertThat(detail(local.hops(), StepDetail.Local.class)).isEqualTo(new StepDetail.Local("blog", ip("127.0.0.1")));
    }

    @Test
    void arpIsAttachedToTheHopThatSendsTheFirstFrameToANewNeighbour() {
        Trace t = trace("s01-same-bridge.json", "a", "172.17.0.3", "icmp");
        Hop first = t.hops().get(1);
        assertThat(first.step()).isEqualTo(StepKind.VETH);
        NeighbourLookup arp = first.arp().orElseThrow();
        assertThat(arp.namespace()).isEqualTo("a");
        assertThat(arp.device()).isEqualTo("eth0");
        assertThat(arp.senderAddress()).isEqualTo(ip("172.17.0.2"));
        assertThat(arp.target()).isEqualTo(ip("172.17.0.3"));
        assertThat(arp.asked()).isTrue();
        NeighbourLookup.ArpReply reply = (NeighbourLookup.ArpReply) arp.answer();
        assertThat(reply.namespace()).isEqualTo("b");
        assertThat(reply.device()).isEqualTo("eth0");
        assertThat(reply.proxy()).isFalse();
        // the MAC answered is the one the frame is then sent to
        assertThat(((Header.Ethernet) first.packet().headers().get(0)).dst()).isEqualTo(reply.mac());
        assertThat(arp.note()).contains("who has 172.17.0.3").contains("tell 172.17.0.2");
        // b learned a's address from the request, so its reply needs no ARP; no other hop asks
        assertThat(t.hops().stream().filter(h -> h.arp().isPresent())).hasSize(1);
        assertThat(t.reply().hops()).allMatch(h -> h.arp().isEmpty());
    }

    @Test
    void anUnansweredArpIsOnTheDrop() {
        Trace t = trace("s02-same-subnet-two-hosts.json", "a", "172.17.0.3", "icmp");
        Hop drop = t.hops().get(t.hops().size() - 1);
        assertThat(drop.step()).isEqualTo(StepKind.DROP);
        assertThat(drop.arp().orElseThrow().answer()).isInstanceOf(NeighbourLookup.Unanswered.class);
        assertThat(drop.arp().get().note()).contains("nobody answers");
    }

    @Test
    void aFlannelTunnelUsesAPermanentNeighbourEntry() {
        Trace t = trace("flannel-two-nodes.json", "client", "10.244.2.2:8080", "tcp/8080");
        Hop encap = hop(t.hops(), h -> h.step() == StepKind.ENCAP);
        NeighbourLookup n = encap.arp().orElseThrow();
        assertThat(n.device()).isEqualTo("flannel.1");
        assertThat(n.answer()).isInstanceOf(NeighbourLookup.PermanentEntry.class);
        assertThat(n.asked()).isFalse();
    }

    @Test
    void dnsLookupsNameTheirServerAndAnswer() {
        Trace docker = trace("default-bridge-dns.json", "app2", "db2:5432", "tcp/5432");
        DnsLookup l = (DnsLookup) docker.hops().get(0).detail();
        assertThat(l.question()).isEqualTo("db2");
        assertThat(l.asker()).isEqualTo("app2");
        assertThat(l.server()).isInstanceOf(DnsLookup.DockerDns.class);
        assertThat(((DnsLookup.DockerDns) l.server()).address()).isEqualTo(ip("127.0.0.11"));
        assertThat(l.query()).contains(new DnsLookup.Query(ip("127.0.0.1"), "lo", ip("127.0.0.11")));
        assertThat(l.answer()).isEqualTo(new DnsLookup.Found(ip("172.18.0.3"), new DnsLookup.ContainerName("app-net")));
        assertThat(docker.target().orElseThrow().lookup()).contains(l);

        Trace fails = trace("default-bridge-dns.json", "app1", "db1:5432", "tcp/5432");
        assertThat(fails.disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        DnsLookup none = (DnsLookup) fails.hops().get(0).detail();
        assertThat(none.answer()).isInstanceOf(DnsLookup.DefaultBridgeOnly.class);
        assertThat(none.address()).isEmpty();
        assertThat(fails.target()).isEmpty();

        Trace cluster = trace("s12-clusterip-service.json", "p1", "web:80", "tcp/80");
        DnsLookup svc = (DnsLookup) cluster.hops().get(0).detail();
        assertThat(svc.server()).isInstanceOf(DnsLookup.ClusterDns.class);
        assertThat(svc.answer()).isEqualTo(new DnsLookup.Found(ip("10.96.0.10"), new DnsLookup.ServiceName("web-svc", "default")));

        Trace hosts = trace("s09-pod-localhost.json", "blog", "localhost:2368", "tcp/2368");
        DnsLookup lo = (DnsLookup) hosts.hops().get(0).detail();
        assertThat(lo.server()).isInstanceOf(DnsLookup.HostsFile.class);
        assertThat(lo.address()).contains(ip("127.0.0.1"));
        assertThat(lo.query()).as("/etc/hosts asks nobody").isEmpty();
    }

    @Test
    void aTraceKeepsItsTarget() {
        Trace byName = trace("s08-published-port.json", "ext", "web", "tcp/80");
        Target t = byName.target().orElseThrow();
        assertThat(t.how()).isEqualTo(new Target.PublishedPort("h1", 80, 8080, Proto.TCP));
        assertThat(t.address()).isEqualTo(ip("192.168.50.11"));
        assertThat(t.port()).isEqualTo(8080);
        assertThat(t.endpoint()).contains("web");
        assertThat(byName.via()).isEqualTo("192.168.50.11:8080");
        assertThat(byName.alternatives()).extracting(a -> a.target().how()).containsExactly(new Target.OwnAddress("docker0"),
                new Target.PublishedPort("h1", 80, 8080, Proto.TCP));
        assertThat(byName.alternatives().get(0).outcome()).contains(Disposition.NO_ROUTE);
        assertThat(byName.alternatives().get(1).label()).startsWith("web via h1:8080");

        Trace byAddress = trace("s08-published-port.json", "ext", "192.168.50.11:8080", "tcp/8080");
        assertThat(byAddress.target().orElseThrow().how()).isEqualTo(new Target.Given());
        // an alternative can be traced on its own
        Network n = Network.compile(DocumentCodec.load(Path.of("samples", "s08-published-port.json")));
        Trace own = n.tracer().trace("ext", byName.alternatives().get(0).target(), Probe.tcp(80));
        assertThat(own.disposition()).isEqualTo(Disposition.NO_ROUTE);
        assertThat(own.via()).isEqualTo("172.17.0.2:80");
    }

    @Test
    void aPolicyDropNamesTheChainsItWentThrough() {
        // the policy's DROP sits in a chain of its own that FORWARD jumps to (one per pod and direction)
        Trace t = trace("k8s-network-policy.json", "batch", "10.244.1.2:5432", "tcp/5432");
        assertThat(t.disposition()).isEqualTo(Disposition.DENIED);
        StepDetail.Filtered f = detail(t.hops(), StepDetail.Filtered.class);
        assertThat(f.hook()).isEqualTo(Rule.Chain.FORWARD);
        assertThat(f.path()).hasSize(2).last().isEqualTo(f.rule().chain());
        assertThat(f.rule().chain().name()).startsWith("POL-IN-");
        assertThat(hop(t.hops(), h -> h.detail() == f).note()).contains("(FORWARD → " + f.rule().chain().name() + ")");
    }

    @Test
    void noRouteSaysWhatADefaultRouteWouldHaveMet() {
        // S12 without a pod behind the Service and without a router on the LAN: n1 has no route for the ClusterIP
        var doc = DocumentCodec.load(Path.of("samples", "s12-clusterip-service.json")).update("web-svc",
                n -> ((dev.hopscope.model.Service) n).withSelector(java.util.Map.of("app", "nothing")));
        Trace t = Network.compile(doc).trace("p1", "10.96.0.10:80", Probe.tcp(80));
        assertThat(t.disposition()).isEqualTo(Disposition.NO_ROUTE);
        DropCause.NoRoute why = (DropCause.NoRoute) t.request().outcome();
        assertThat(why.namespace()).isEqualTo("n1");
        assertThat(why.wouldMeet()).hasValueSatisfying(r -> {
            assertThat(r.target()).isEqualTo(Rule.Target.REJECT);
            assertThat(r.chain()).isEqualTo(Rule.Chain.FORWARD);
        });
        assertThat(t.reason()).contains("a real node has a default route").contains("no endpoints");
    }
}
