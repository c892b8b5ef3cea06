package dev.hopscope.net.analysis;

import dev.hopscope.io.SyntheticTopology;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Socket;
import dev.hopscope.model.StaticRoute;
import dev.hopscope.net.Network;
import dev.hopscope.net.dataplane.Iface;
import dev.hopscope.net.dataplane.Match;
import dev.hopscope.net.dataplane.NatTarget;
import dev.hopscope.net.dataplane.Namespace;
import dev.hopscope.net.dataplane.Neighbour;
import dev.hopscope.net.dataplane.Route;
import dev.hopscope.net.dataplane.Rule;
import dev.hopscope.net.dataplane.Vxlan;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classes of alike hosts. The expected classes follow from the designs by hand: which hosts could
 * trade places without any host, switch or client noticing.
 */
class HostSymmetryTest {

    static List<List<String>> classes(Document d) { return HostSymmetry.of(Network.compile(d).dataplane()).classes(); }

    static Document docker(int hosts, int perHost) { return SyntheticTopology.generate(hosts, perHost, false); }

    static Document withHost(Document d, String id, UnaryOperator<Host> change) {
        return d.with(change.apply(d.get(id, Host.class).orElseThrow()));
    }

    @Test
    void generatedDockerHostsAreAllAlike() {
        assertThat(classes(docker(4, 8))).containsExactly(List.of("h1", "h2", "h3", "h4"));
        assertThat(classes(SyntheticTopology.generate(4, 8, true))).as("with a Docker overlay across them")
                .containsExactly(List.of("h1", "h2", "h3", "h4"));
    }

    @Test
    void aHostWithOneMoreContainerStandsAlone() {
        Document d = docker(4, 8);
        Container extra = d.get("h4-web-0", Container.class).orElseThrow();
        d = d.with(new Container("h4-extra", "h4-extra", extra.image(), "h4", extra.mode(), null, extra.attachments(), List.of(),
                List.of(Socket.tcp(9000)), List.of()));
        assertThat(classes(d)).containsExactly(List.of("h1", "h2", "h3"), List.of("h4"));
    }

    @Test
    void aRouteToOneHostSetsApartTheHostWithTheRouteAndTheHostItNames() {
        // h3 routes h1's user-defined subnet via h1: h3 is unlike the others, and h1 is the one host h3 names
        Document d = withHost(docker(4, 8), "h3", h -> new Host(h.id(), h.name(), h.role(), h.underlay(), h.address(), h.ipForward(), h.mtu(),
                List.of(new StaticRoute("10.100.0.0/24", "10.0.0.11"))));
        assertThat(classes(d)).containsExactly(List.of("h1"), List.of("h2", "h4"), List.of("h3"));
    }

    @Test
    void aSubnetThatHoldsSomeHostsBlocksSplitsThemFromTheRest() {
        // every host routes 10.100.0.0/23 (h1's and h2's user-defined subnets, not h3's or h4's) via the client
        Document d = docker(4, 8);
        for (String h : List.of("h1", "h2", "h3", "h4"))
            d = withHost(d, h, x -> new Host(x.id(), x.name(), x.role(), x.underlay(), x.address(), x.ipForward(), x.mtu(),
                    List.of(new StaticRoute("10.100.0.0/23", "10.0.255.200"))));
        assertThat(classes(d)).containsExactly(List.of("h1", "h2"), List.of("h3", "h4"));
    }

    @Test
    void nodesOfAServiceWhoseEndpointsSpanThemAreAlike() {
        // ClusterIPs are sent to by no matrix row, so their DNATs do not count; the NodePort's DNAT on every node lists
        // every web pod, n1-web-0 first: the walk follows the branch to the row's endpoint, so the order does not set
        // n1 apart from n2 and n3
        assertThat(LiveRules.FIRST_TARGET_ONLY).isFalse();
        assertThat(classes(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.FLANNEL, false)))
                .containsExactly(List.of("n1", "n2", "n3"));
    }

    @Test
    void calicoNodesWithTheirBlocksAndBgpRoutesAreAlike() {
        // each node's block, the /32 routes to its pods' cali veths and the BGP routes to every other node's block,
        // written relative to the node, read the same
        assertThat(classes(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.CALICO, false)))
                .containsExactly(List.of("n1", "n2", "n3"));
    }

    @Test
    void ciliumNodesAreAlikeWithKubeProxyAndWithTheSocketLoadBalancer() {
        // each node's podCIDR behind cilium_host, the tunnel to every other node; with the replacement, every node's socket
        // load balancer holds the same frontends and backends, in the same order
        assertThat(classes(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.CILIUM, false, false)))
                .containsExactly(List.of("n1", "n2", "n3"));
        assertThat(classes(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.CILIUM, false, true)))
                .containsExactly(List.of("n1", "n2", "n3"));
    }

    @Test
    void weaveNodesWithTheirSharesOfOneRangeAreAlike() {
        assertThat(classes(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.WEAVE, false)))
                .containsExactly(List.of("n1", "n2", "n3"));
    }

    @Test
    void counterpartsSitAtTheSamePlace() {
        HostSymmetry s = HostSymmetry.of(Network.compile(docker(3, 8)).dataplane());
        assertThat(s.counterpart("h3-db-1", "h1")).isEqualTo("h1-db-1");
        assertThat(s.counterpart("h1-net", "h2")).isEqualTo("h2-net");
        assertThat(s.hostOf("h2-cache-0")).isEqualTo("h2");
        assertThat(s.hostOf("client")).isNull();
    }

    /**
     * A swap of hosts is proven on what the walk reads. A new field in the dataplane must be
     * written out by HostSymmetry too (or be prose the walk never decides by): this lists what it
     * knows, so that a new field fails here first.
     */
    @Test
    void everyDataplaneFieldIsWrittenOrKnownToBeProse() {
        assertThat(fields(Namespace.class)).containsExactlyInAnyOrderElementsOf(Set.of(
                "name", "kind", "node", "host", "ipForward", "ifaces", "routes", "rules", "listeners", "neighbours", "dns",
                "chains", "local", "socketLb"));
        assertThat(fields(Iface.class)).containsExactlyInAnyOrderElementsOf(Set.of(
                "ns", "name", "kind", "mac", "mtu", "node", "addresses", "peer", "master", "ports", "vxlan", "ipip", "lower", "linkMode",
                "uppers", "proxyArp", "hairpin"));
        assertThat(fields(Vxlan.class)).containsExactlyInAnyOrderElementsOf(Set.of("vni", "port", "local", "espSpi", "flood", "fdb"));
        assertThat(components(Route.class)).containsExactly("dst", "via", "dev", "onlink", "src", "proto", "origin");
        assertThat(components(Neighbour.class)).containsExactly("dev", "ip", "mac");
        assertThat(components(NatTarget.class)).containsExactly("ip", "port", "node", "selfMark");
        assertThat(components(Match.class)).containsExactly("src", "notSrc", "dst", "notDst", "proto", "dport", "in", "notIn", "out",
                "notOut", "dstLocal", "mark", "dportLast");
        assertThat(components(Rule.class)).containsExactly("table", "chain", "match", "target", "dnatTargets", "jumpTo", "setMark", "why", "subjects", "by");
        assertThat(Arrays.stream(Iface.Kind.values()).map(Enum::name))
                .containsExactly("LOOPBACK", "VETH", "BRIDGE", "VXLAN", "GENEVE", "IPIP", "MACVLAN", "IPVLAN", "SLEEVE");
        assertThat(components(Iface.Ipip.class)).containsExactly("local", "remote");
    }

    private static Set<String> fields(Class<?> c) {
        Set<String> out = new TreeSet<>();
        for (Field f : c.getDeclaredFields()) if (!Modifier.isStatic(f.getModifiers())) out.add(f.getName());
        return out;
    }

    private static List<String> components(Class<? extends Record> c) {
        List<String> out = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) out.add(rc.getName());
        return out;
    }
}
