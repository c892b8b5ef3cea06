package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Network;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Validator;
import dev.hopscope.net.Finding;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import dev.hopscope.net.trace.TunnelKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cilium and Weave from the files people have (issue 10): the cilium-config ConfigMap as Cilium's
 * Helm chart renders it, and the weave-net DaemonSet of Weave's published manifest. The ports and
 * defaults expected here are the projects' documented ones: Cilium tunnels VXLAN on UDP 8472 and
 * Geneve on 6081, its cluster pool is 10.0.0.0/8 in /24s; Weave's fast datapath is VXLAN on UDP 6784
 * (ESP with a password), sleeve UDP 6783, its range 10.32.0.0/12; any value of WEAVE_NO_FASTDP
 * turns the fast datapath off.
 */
class KubernetesCiliumWeaveImportTest {

    private static String text(String fixture) {
        try {
            return Files.readString(Fixtures.path(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with one line of it changed, as a user would edit it. */
    private static ImportResult variant(String fixture, String line, String replacement) {
        String yaml = text(fixture);
        assertThat(yaml).as("the fixture holds " + line).contains(line);
        return Importer.importText(fixture.substring(fixture.lastIndexOf('/') + 1), null, yaml.replace(line, replacement));
    }

    private static void refused(String fixture, String line, String replacement, String message) {
        assertThatThrownBy(() -> variant(fixture, line, replacement)).isInstanceOf(ImportException.class).hasMessage(message);
    }

    /** The imported document validates and analyses without an error finding. */
    private static Document sound(ImportResult r) {
        Document d = r.document();
        assertThat(Validator.validate(d)).isEmpty();
        assertThat(Analyzer.analyze(d).findings()).noneMatch(f -> f.severity() == Finding.Severity.ERROR);
        return d;
    }

    private static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    private static Optional<StepDetail.Encapsulated> encap(Trace t) {
        return t.hops().stream().map(Hop::detail).filter(d -> d instanceof StepDetail.Encapsulated).map(d -> (StepDetail.Encapsulated) d).findFirst();
    }

    // ---- Cilium ----

    private static final String CILIUM = "k8s/cilium.yaml";

    @Test
    void theHelmRenderedCiliumConfigPutsThePodsOnACiliumNetworkWithItsOptions() {
        ImportResult r = Fixtures.load(CILIUM);
        assertThat(r.warnings()).isEmpty();
        Document d = sound(r);
        assertThat(d.all(Bridge.class)).as("Cilium has no bridge").isEmpty();
        Network cilium = d.get("cilium", Network.class).orElseThrow();
        assertThat(cilium.driver()).isEqualTo("cilium");
        assertThat(cilium.subnet()).isEqualTo("10.0.0.0/8");
        assertThat(cilium.options()).isEqualTo(Map.of("routingMode", "tunnel", "tunnelProtocol", "vxlan", "kubeProxyReplacement", "false",
                "autoDirectNodeRoutes", "false", "maskSize", "24", "masquerade", "true"));
        assertThat(d.all(dev.hopscope.model.Pod.class)).extracting(p -> p.name() + "@" + p.node())
                .containsExactly("web-0@node-1", "web-1@node-2", "client@node-2");

        // client (node-2) to the Service: kube-proxy DNATs on node-2, and the branch to web-0 on node-1 crosses the VXLAN tunnel
        Trace t = trace(d, "client", "web:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.branch().orElseThrow().endpoint()).isEqualTo("web-0");
        assertThat(t.hops()).anyMatch(h -> h.detail() instanceof StepDetail.Dnat && h.node().equals("node-2"));
        assertThat(t.hops()).noneMatch(h -> h.detail() instanceof StepDetail.SocketTranslated);
        StepDetail.Encapsulated e = encap(t).orElseThrow();
        assertThat(e.device()).isEqualTo("cilium_vxlan");
        assertThat(e.udpPort()).isEqualTo(8472);
        assertThat(e.remoteEndpoint()).hasToString("192.168.50.11");
    }

    @Test
    void geneveIsTheTunnelOnUdp6081() {
        ImportResult r = variant(CILIUM, "tunnel-protocol: \"vxlan\"", "tunnel-protocol: \"geneve\"");
        Document d = sound(r);
        assertThat(d.get("cilium", Network.class).orElseThrow().option("tunnelProtocol")).isEqualTo("geneve");
        StepDetail.Encapsulated e = encap(trace(d, "client", "web:80", "tcp/80")).orElseThrow();
        assertThat(e.tunnel()).isEqualTo(TunnelKind.GENEVE);
        assertThat(e.udpPort()).isEqualTo(6081);
    }

    @Test
    void nativeRoutingWithDirectNodeRoutesCrossesNoTunnel() {
        String yaml = text(CILIUM).replace("routing-mode: \"tunnel\"", "routing-mode: \"native\"\n  ipv4-native-routing-cidr: 10.0.0.0/8")
                .replace("auto-direct-node-routes: \"false\"", "auto-direct-node-routes: \"true\"");
        Document d = sound(Importer.importText("cilium.yaml", null, yaml));
        Network cilium = d.get("cilium", Network.class).orElseThrow();
        assertThat(cilium.option("routingMode")).isEqualTo("native");
        assertThat(cilium.option("autoDirectNodeRoutes")).isEqualTo("true");
        Trace t = trace(d, "client", "web:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.branch().orElseThrow().endpoint()).isEqualTo("web-0");
        assertThat(encap(t)).isEmpty();
    }

    @Test
    void theOlderTunnelKeySaysTheSame() {
        Network geneve = variant(CILIUM, "routing-mode: \"tunnel\"\n  tunnel-protocol: \"vxlan\"", "tunnel: \"geneve\"")
                .document().get("cilium", Network.class).orElseThrow();
        assertThat(geneve.option("routingMode")).isEqualTo("tunnel");
        assertThat(geneve.option("tunnelProtocol")).isEqualTo("geneve");
        Network disabled = variant(CILIUM, "routing-mode: \"tunnel\"\n  tunnel-protocol: \"vxlan\"", "tunnel: \"disabled\"\n  ipv4-native-routing-cidr: 10.0.0.0/8")
                .document().get("cilium", Network.class).orElseThrow();
        assertThat(disabled.option("routingMode")).isEqualTo("native");
    }

    @Test
    void withKubeProxyReplacementTheServiceIsTranslatedAtTheClientsSocket() {
        ImportResult r = variant(CILIUM, "kube-proxy-replacement: \"false\"", "kube-proxy-replacement: \"true\"");
        Document d = sound(r);
        assertThat(d.get("cilium", Network.class).orElseThrow().option("kubeProxyReplacement")).isEqualTo("true");
        Trace t = trace(d, "client", "web:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops()).filteredOn(h -> h.detail() instanceof StepDetail.SocketTranslated).singleElement()
                .satisfies(h -> assertThat(((StepDetail.SocketTranslated) h.detail()).namespace()).isEqualTo("client"));
        assertThat(t.hops()).noneMatch(h -> h.detail() instanceof StepDetail.Dnat);
        // already addressed to web-0, the packet still crosses the tunnel to node-1
        assertThat(encap(t).orElseThrow().udpPort()).isEqualTo(8472);
        // Cilium before 1.14: strict is the replacement, partial is not modelled and leaves kube-proxy
        assertThat(variant(CILIUM, "kube-proxy-replacement: \"false\"", "kube-proxy-replacement: \"strict\"").document()
                .get("cilium", Network.class).orElseThrow().option("kubeProxyReplacement")).isEqualTo("true");
        ImportResult partial = variant(CILIUM, "kube-proxy-replacement: \"false\"", "kube-proxy-replacement: \"partial\"");
        assertThat(partial.document().get("cilium", Network.class).orElseThrow().option("kubeProxyReplacement")).isEqualTo("false");
        assertThat(partial.warnings()).containsExactly(
                "cilium.yaml:27:27: kube-proxy-replacement partial (Cilium before 1.14) is not modelled: kube-proxy translates Services");
    }

    @Test
    void whatCiliumRefusesIsAnErrorAtItsPlace() {
        refused(CILIUM, "routing-mode: \"tunnel\"", "routing-mode: \"vxlan\"", "cilium.yaml:21:17: routing-mode must be tunnel or native, not 'vxlan'");
        refused(CILIUM, "tunnel-protocol: \"vxlan\"", "tunnel-protocol: \"gre\"", "cilium.yaml:22:20: tunnel-protocol must be vxlan or geneve, not 'gre'");
        refused(CILIUM, "kube-proxy-replacement: \"false\"", "kube-proxy-replacement: \"sometimes\"",
                "cilium.yaml:27:27: kube-proxy-replacement must be true or false, not 'sometimes'");
        refused(CILIUM, "cluster-pool-ipv4-cidr: \"10.0.0.0/8\"", "cluster-pool-ipv4-cidr: \"10.0.0/8\"",
                "cilium.yaml:29:27: '10.0.0/8' is not a CIDR (e.g. 192.168.0.0/16)");
        refused(CILIUM, "cluster-pool-ipv4-mask-size: \"24\"", "cluster-pool-ipv4-mask-size: \"33\"",
                "cilium.yaml:30:32: cluster-pool-ipv4-mask-size 33 is outside 8..30");
        refused(CILIUM, "cluster-pool-ipv4-cidr: \"10.0.0.0/8\"", "cluster-pool-ipv4-cidr: \"10.0.0.0/26\"",
                "cilium.yaml:30:32: Cilium refuses this pool: podCIDRs of /24 do not fit in 10.0.0.0/26");
        refused(CILIUM, "enable-ipv4-masquerade: \"true\"", "enable-ipv4-masquerade: \"yes please\"",
                "cilium.yaml:23:27: enable-ipv4-masquerade must be true or false, not 'yes please'");
        // Helm and the agent refuse native routing that masquerades without saying what not to masquerade
        refused(CILIUM, "routing-mode: \"tunnel\"", "routing-mode: \"native\"",
                "cilium.yaml:21:17: Cilium refuses native routing with enable-ipv4-masquerade unless ipv4-native-routing-cidr says which"
                        + " destinations are not masqueraded (e.g. ipv4-native-routing-cidr: \"10.0.0.0/8\")");
    }

    @Test
    void ipamKubernetesAndAPoolListAreWarnedAbout() {
        ImportResult k8s = variant(CILIUM, "ipam: \"cluster-pool\"", "ipam: \"kubernetes\"");
        assertThat(k8s.document().get("cilium", Network.class).orElseThrow().subnet()).isEqualTo("10.244.0.0/16");
        assertThat(k8s.warnings()).singleElement().asString().startsWith("cilium.yaml:28:9: with ipam kubernetes Cilium takes each node's podCIDR");
        ImportResult two = variant(CILIUM, "cluster-pool-ipv4-cidr: \"10.0.0.0/8\"", "cluster-pool-ipv4-cidr: \"10.8.0.0/16 10.9.0.0/16\"");
        assertThat(two.document().get("cilium", Network.class).orElseThrow().subnet()).isEqualTo("10.8.0.0/16");
        assertThat(two.warnings()).containsExactly("cilium.yaml:29:27: only the first of several cluster pools (10.8.0.0/16 10.9.0.0/16) is modelled");
    }

    // ---- Weave ----

    private static final String WEAVE = "k8s/weave.yaml";
    /** The fixture's WEAVE_PASSWORD, as Weave's documentation has it set: from the Secret weave-passwd. */
    private static final String PASSWORD_FROM_SECRET = """
                            - name: WEAVE_PASSWORD
                              valueFrom:
                                secretKeyRef:
                                  name: weave-passwd
                                  key: weave-passwd
            """.stripTrailing();

    @Test
    void theWeaveNetDaemonSetPutsThePodsOnAWeaveNetworkEncryptedWithThePasswordsSecret() {
        ImportResult r = Fixtures.load(WEAVE);
        assertThat(r.warnings()).as("the ServiceAccount has no network meaning").isEmpty();
        Document d = sound(r);
        assertThat(d.all(Bridge.class)).isEmpty();
        Network weave = d.get("weave", Network.class).orElseThrow();
        assertThat(weave.driver()).isEqualTo("weave");
        assertThat(weave.subnet()).isEqualTo("10.40.0.0/16");
        // the password itself is never in the document: where it comes from is
        assertThat(weave.options()).isEqualTo(Map.of("encrypted", "true", "passwordSecret", "weave-passwd/weave-passwd", "peerRange", "18"));
        // weave-net's own pods run on every node in the host's network
        assertThat(d.all(dev.hopscope.model.Pod.class)).filteredOn(p -> p.name().startsWith("weave-net"))
                .extracting(p -> p.node() + " " + p.hostNetwork()).containsExactly("node-1 true", "node-2 true");

        Trace t = trace(d, "client", "web:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.branch().orElseThrow().endpoint()).isEqualTo("web-0");
        StepDetail.Encapsulated e = encap(t).orElseThrow();
        assertThat(e.udpPort()).isEqualTo(6784);
        assertThat(e.esp()).as("encrypted with the password").isTrue();
        assertThat(e.remoteEndpoint()).hasToString("192.168.50.11");
    }

    @Test
    void sixNodesOnASixteenBitRangeEachGetAShare() {
        // a pod pinned to node-6 makes six nodes; a quarter of 10.40.0.0/16 each would leave two without a share
        ImportResult r = variant(WEAVE, "nodeName: node-2", "nodeName: node-6");
        Document d = sound(r);
        assertThat(d.all(dev.hopscope.model.Host.class)).hasSize(6);
        Trace t = trace(d, "client", "web:80", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(encap(t)).as("web's pods run on node-1 and node-2, the client on node-6").isPresent();
        assertThat(d.get("weave", Network.class).orElseThrow().option("peerRange")).isEqualTo("19");
    }

    @Test
    void weaveNoFastdpMeansSleeveWhateverItsValue() {
        String line = "                - name: WEAVE_PASSWORD";
        ImportResult one = variant(WEAVE, line, "                - name: WEAVE_NO_FASTDP\n                  value: \"1\"\n" + line);
        Document d = sound(one);
        assertThat(d.get("weave", Network.class).orElseThrow().option("datapath")).isEqualTo("sleeve");
        StepDetail.Encapsulated e = encap(trace(d, "client", "web:80", "tcp/80")).orElseThrow();
        assertThat(e.tunnel()).isEqualTo(TunnelKind.SLEEVE);
        assertThat(e.udpPort()).isEqualTo(6783);

        ImportResult no = variant(WEAVE, line, "                - name: WEAVE_NO_FASTDP\n                  value: \"false\"\n" + line);
        assertThat(no.document().get("weave", Network.class).orElseThrow().option("datapath")).isEqualTo("sleeve");
        assertThat(no.warnings()).contains("weave.yaml:55:26: WEAVE_NO_FASTDP is set (to 'false'), and Weave turns the fast datapath off"
                + " whatever its value: the peers use sleeve; remove the variable to keep the fast datapath");
    }

    @Test
    void withoutARangeWeaveTakesItsDefaultAndAWrittenPasswordEncryptsWithAWarning() {
        ImportResult r = variant(WEAVE, """
                                - name: IPALLOC_RANGE
                                  value: 10.40.0.0/16
                """ + PASSWORD_FROM_SECRET, """
                                - name: WEAVE_PASSWORD
                                  value: s3cret
                """.stripTrailing());
        Network weave = r.document().get("weave", Network.class).orElseThrow();
        assertThat(weave.subnet()).isEqualTo("10.32.0.0/12");
        // Weave encrypts with a written password too: the document says where it is, not what it is
        assertThat(weave.options()).isEqualTo(Map.of("encrypted", "true", "passwordSecret", "the weave-net DaemonSet's env"));
        assertThat(r.document().toString()).doesNotContain("s3cret");
        Document d = sound(r);
        assertThat(encap(trace(d, "client", "web:80", "tcp/80")).orElseThrow().esp()).isTrue();
        assertThat(r.warnings()).contains("weave.yaml:53:26: WEAVE_PASSWORD is written in the manifest itself: keep it in a Secret"
                + " (valueFrom.secretKeyRef); the import does not copy it");
    }

    @Test
    void anEmptyPasswordOrMtuIsNoneAsLaunchShReadsThem() {
        String yaml = text(WEAVE).replace(PASSWORD_FROM_SECRET, """
                                - name: WEAVE_PASSWORD
                                  value: ""
                                - name: WEAVE_MTU
                                  value: ""
                """.stripTrailing());
        ImportResult r = Importer.importText("weave.yaml", null, yaml);
        assertThat(r.document().get("weave", Network.class).orElseThrow().options()).isEqualTo(Map.of("peerRange", "18"));
        assertThat(encap(trace(sound(r), "client", "web:80", "tcp/80")).orElseThrow().esp()).isFalse();
    }

    @Test
    void whatWeaveOrTheApiServerRefusesIsAnErrorAtItsPlace() {
        refused(WEAVE, "value: 10.40.0.0/16", "value: 10.40.0.0", "weave.yaml:53:26: '10.40.0.0' is not a CIDR (e.g. 192.168.0.0/16)");
        refused(WEAVE, "                      key: weave-passwd\n", "",
                "weave.yaml:57:23: secretKeyRef of WEAVE_PASSWORD has no key");
        String line = "                - name: WEAVE_PASSWORD";
        refused(WEAVE, line, "                - name: WEAVE_MTU\n                  value: \"9001\"\n" + line,
                "weave.yaml:55:26: WEAVE_MTU 9001 is outside 576..9000");
    }
}
