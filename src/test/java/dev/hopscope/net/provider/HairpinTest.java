package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.export.NetnsScript;
import dev.hopscope.model.Destination;
import dev.hopscope.model.Document;
import dev.hopscope.model.Probe;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.DropCause;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.Layer;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.StepKind;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pod reaching itself through its own Service (pod → ClusterIP → DNAT back to the same pod).
 * The expected values are what a kernel did in network namespaces (2026-11-26, kernel 6.18, one
 * node namespace with cni0, pods a 10.244.2.2 and b 10.244.2.3, kube-proxy's rules written by
 * hand: {@code KUBE-SEP -s 10.244.2.2/32 -j MARK --set-xmark 0x4000/0x4000}, {@code -j DNAT
 * --to-destination 10.244.2.2:8080}, {@code POSTROUTING -m mark --mark 0x4000/0x4000 -j MASQUERADE};
 * tshark in the pod):
 * <ul>
 * <li>hairpin off on a's bridge port: the DNAT'd SYN never comes back to a; nc fails, with or without the mark;</li>
 * <li>hairpin on, no mark: the SYN comes back (10.244.2.2 → 10.244.2.2, TTL 64, source and destination MAC both a's)
 *     and a's answer goes over lo, never matching: nc fails;</li>
 * <li>hairpin on and the mark: the SYN comes back from 10.244.2.1 (cni0's address), TTL 64; nc connects;</li>
 * <li>b → the Service → a, hairpin off: connects, TTL 64 at a — bridged back by br_netfilter, not routed;</li>
 * <li>Calico (no bridge; a /32 on a cali veth with proxy ARP, the node's eth0 192.168.50.11): without the mark nc
 *     fails; with it, the SYN comes back out of the cali veth from 192.168.50.11 with TTL 63 (routed) and nc connects.</li>
 * </ul>
 * {@code samples/k8s-hairpin.json} and the Service of {@code samples/calico-vxlan.json} put the same
 * cases before KernelAgreementTest, which builds them with the exported lab script.
 */
class HairpinTest {

    private static Document sample(String name) { return DocumentCodec.load(Path.of("samples", name)); }

    private static Trace trace(Document doc, String from, String to, String probe) {
        return Network.compile(doc).trace(from, to, Probe.parse(probe));
    }

    private static String ipv4(Hop h, String field) {
        Layer ip = h.layers().stream().filter(l -> l.layer().equals("ipv4")).reduce((a, b) -> b).orElseThrow();
        return ip.fields().get(field);
    }

    private static Hop delivered(Trace t) {
        Hop last = t.hops().get(t.hops().size() - 1);
        assertThat(last.step()).isEqualTo(StepKind.DELIVER);
        return last;
    }

    @Test
    void aPodReachesItselfThroughItsServiceWhenTheBridgePortIsInHairpinMode() {
        Trace t = trace(sample("k8s-hairpin.json"), "web-0", "web:80", "tcp/80");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        Hop in = delivered(t);
        assertThat(ipv4(in, "src")).as("masqueraded to cni0's address, as the kernel showed").isEqualTo("10.244.1.1");
        assertThat(ipv4(in, "ttl")).as("bridged back, not routed: the kernel kept TTL 64").isEqualTo("64");
        assertThat(t.hops()).extracting(Hop::detail).filteredOn(d -> d instanceof StepDetail.Bridged b && b.afterDnat())
                .singleElement().satisfies(d -> assertThat(((StepDetail.Bridged) d).hairpin()).isTrue());
        assertThat(t.hops()).extracting(Hop::detail).anySatisfy(d -> assertThat(d).isInstanceOf(StepDetail.Masquerade.class));
        assertThat(t.hops().stream().map(Hop::note).filter(n -> n.startsWith("DNAT")).findFirst().orElseThrow())
                .contains("-s 10.244.1.2/32 -j KUBE-MARK-MASQ");
    }

    @Test
    void withoutHairpinModeTheBridgeDropsTheFrameItWouldSendBackOutOfItsOwnPort() {
        Trace t = trace(sample("k8s-hairpin.json"), "api-0", "api:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DENIED);
        assertThat(t.request().outcome()).isInstanceOfSatisfying(DropCause.HairpinOff.class, h -> {
            assertThat(h.bridge()).isEqualTo("cni0");
            assertThat(h.namespace()).isEqualTo("n2");
        });
        assertThat(t.reason()).contains("hairpin mode is off");
        // the same Service from the other node's pod is routed there: no hairpin needed
        assertThat(trace(sample("k8s-hairpin.json"), "web-0", "api:80", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void anotherPodOfTheSameNodeThroughTheServiceIsBridgedBackWithItsTtlAndItsAddress() throws IOException {
        String json = Files.readString(Path.of("samples", "k8s-hairpin.json")).replace(
                "    {\"kind\": \"service\", \"id\": \"web-svc\"",
                "    {\"kind\": \"pod\", \"id\": \"b\", \"name\": \"b\", \"namespace\": \"default\", \"node\": \"n2\", \"labels\": {\"app\": \"client\"},"
                        + " \"containers\": [{\"name\": \"c\", \"image\": \"busybox\"}], \"hostNetwork\": false, \"ip\": \"10.244.2.3\"},\n"
                        + "    {\"kind\": \"service\", \"id\": \"web-svc\"");
        Trace t = trace(DocumentCodec.read(json, "k8s-hairpin+b.json"), "b", "api:80", "tcp/80");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        Hop in = delivered(t);
        assertThat(ipv4(in, "src")).as("no masquerade: b is not the endpoint").isEqualTo("10.244.2.3");
        assertThat(ipv4(in, "ttl")).isEqualTo("64");
        assertThat(t.hops()).extracting(Hop::detail).filteredOn(d -> d instanceof StepDetail.Bridged b && b.afterDnat())
                .singleElement().satisfies(d -> assertThat(((StepDetail.Bridged) d).hairpin()).isFalse());
        assertThat(t.hops()).extracting(Hop::step).filteredOn(s -> s == StepKind.ROUTE)
                .as("the pod's own route lookup only: the node does not route it").hasSize(1);
    }

    @Test
    void calicoRoutesItBackOutOfTheSameCaliVethMasqueradedToTheNodesAddress() {
        Trace t = trace(sample("calico-vxlan.json"), "p3", "front:80", "tcp/80");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        Hop in = delivered(t);
        assertThat(ipv4(in, "src")).isEqualTo("192.168.50.11");
        assertThat(ipv4(in, "ttl")).as("routed by the node, as the kernel showed").isEqualTo("63");
        assertThat(t.hops()).extracting(Hop::detail).noneMatch(d -> d instanceof StepDetail.Bridged);
    }

    @Test
    void ciliumsSocketLoadBalancerConnectsThePodToItselfWithoutAnyNodeNat() {
        Network net = Network.compile(sample("cilium-kube-proxy-replacement.json"));
        Trace t = net.tracer().trace("api-0", Destination.parse("api:80"), Probe.parse("tcp/80"), "api-0");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).extracting(Hop::detail).anySatisfy(d -> assertThat(d).isInstanceOf(StepDetail.SocketTranslated.class));
        assertThat(t.hops()).extracting(Hop::detail).noneMatch(d -> d instanceof StepDetail.Dnat || d instanceof StepDetail.Masquerade);
        assertThat(t.hops()).extracting(Hop::namespace).containsOnly("api-0");
    }

    @Test
    void ciliumWithKubeProxyRoutesItBackOutOfTheLxcVethLikeCalico() throws IOException {
        // cilium-vxlan without its NetworkPolicy: kube-proxy's hairpin alone
        String json = Files.readString(Path.of("samples", "cilium-vxlan.json"));
        Document doc = DocumentCodec.read(json, "cilium-vxlan.json");
        for (var p : doc.all(dev.hopscope.model.NetworkPolicy.class)) doc = doc.without(p.id());
        Network net = Network.compile(doc);
        Trace t = net.tracer().trace("web-0", Destination.parse("web:80"), Probe.parse("tcp/80"), "web-0");
        assertThat(t.disposition()).as(t.reason()).isEqualTo(Disposition.DELIVERED);
        assertThat(ipv4(delivered(t), "ttl")).isEqualTo("63");
        assertThat(t.hops()).extracting(Hop::detail).anySatisfy(d -> assertThat(d).isInstanceOf(StepDetail.Masquerade.class));
    }

    @Test
    void theLabScriptTurnsHairpinOnAndWritesKubeProxysPerEndpointChains() {
        Document doc = sample("k8s-hairpin.json");
        var dp = Network.compile(doc).dataplane();
        String script = NetnsScript.of(dp, doc.name());
        String n1Port = dp.namespace("n1").iface("cni0").ports().get(0).name();
        String n2Port = dp.namespace("n2").iface("cni0").ports().get(0).name();
        assertThat(script).contains("link set dev '" + n1Port + "' hairpin on").doesNotContain("link set dev '" + n2Port + "' hairpin on");
        assertThat(script).containsPattern("'-t' 'nat' '-A' 'KUBE-SEP-[0-9A-F]{16}' '-s' '10.244.1.2/32' '-j' 'MARK' '--set-xmark' '0x4000/0x4000'");
        assertThat(script).containsPattern("'-t' 'nat' '-A' 'PREROUTING' '-d' '10.96.0.10' '-p' 'tcp' '--dport' '80' '-j' 'KUBE-SEP-[0-9A-F]{16}'");
        List<String> lines = script.lines().toList();
        int masq = indexOf(lines, "'POSTROUTING' '-m' 'mark' '--mark' '0x4000/0x4000' '-j' 'MASQUERADE'");
        int flannelReturn = indexOf(lines, "'POSTROUTING' '-s' '10.244.1.0/24'");
        assertThat(masq).as("kube-proxy's masquerade comes before the CNI's RETURNs (iptables -I)").isGreaterThanOrEqualTo(0).isLessThan(flannelReturn);
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(part)) return i;
        return Integer.MAX_VALUE;
    }

    @Test
    void aCniBridgeHasHairpinOnByDefaultAndDockersBridgesOff() {
        assertThat(new dev.hopscope.model.Bridge("b", "cni0", "h", dev.hopscope.model.Bridge.Kind.CNI, "10.244.1.0/24", null, true, false, true).hairpin())
                .as("flannel's kube-flannel.yml: delegate hairpinMode true").isTrue();
        assertThat(dev.hopscope.model.Bridge.docker0("d", "h").hairpin()).as("dockerd: only with --userland-proxy=false").isFalse();
        assertThat(dev.hopscope.model.Bridge.docker0("d", "h").withHairpinMode(true).hairpin()).isTrue();
    }
}
