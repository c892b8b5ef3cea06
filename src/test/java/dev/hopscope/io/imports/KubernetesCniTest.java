package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Network;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CNI plugin's own manifests beside the workloads (issue 10: "import from the files people
 * have"): Calico's IPPool and the Tigera operator's Installation put the pods on a Calico
 * network node with the pool's CIDR, block size, encapsulation and natOutgoing, as Calico's
 * documentation defines those fields; what Calico or the operator refuses is an error at its place.
 */
class KubernetesCniTest {

    private static void refused(String yaml, String message) {
        assertThatThrownBy(() -> Importer.importText("m.yaml", null, yaml)).isInstanceOf(ImportException.class).hasMessage(message);
    }

    @Test
    void anIpPoolPutsThePodsOnCalicoInsteadOfCni0() {
        ImportResult r = Fixtures.load("k8s/calico-ippool.yaml");
        Document d = r.document();
        assertThat(d.all(Bridge.class)).as("Calico has no bridge").isEmpty();
        Network calico = d.get("calico", Network.class).orElseThrow();
        assertThat(calico.driver()).isEqualTo("calico");
        assertThat(calico.subnet()).isEqualTo("10.48.0.0/16");
        assertThat(calico.members()).as("every node").isEmpty();
        assertThat(calico.options()).isEqualTo(Map.of("encapsulation", "vxlan-crosssubnet", "blockSize", "26", "natOutgoing", "true"));
        assertThat(r.warnings()).isEmpty();
        // each node's pods take addresses of the node's own /26 block of the pool
        var ipam = Ipam.allocate(d);
        assertThat(d.all(Pod.class)).extracting(Pod::name, Pod::node, p -> ipam.address(p.id(), "calico").map(Object::toString).orElse(null))
                .containsExactly(tuple("web-0", "node-1", "10.48.0.2"), tuple("web-1", "node-2", "10.48.0.66"), tuple("client", "node-2", "10.48.0.67"));

        var net = dev.hopscope.net.Network.compile(d);
        assertThat(net.trace("client", "web", Probe.tcp(80)).disposition()).as("through the Service to a pod on either node")
                .isEqualTo(Disposition.DELIVERED);
        assertThat(net.trace("client", "10.48.0.2", Probe.tcp(80)).disposition()).as("to the other node's block").isEqualTo(Disposition.DELIVERED);
        assertThat(net.trace("client", "external", Probe.icmp()).disposition()).as("natOutgoing").isEqualTo(Disposition.DELIVERED);
    }

    @Test
    void theOperatorsInstallationGivesThePoolWithItsDefaults() {
        ImportResult r = Fixtures.load("k8s/calico-operator.yaml");
        Network calico = r.document().get("calico", Network.class).orElseThrow();
        assertThat(calico.subnet()).isEqualTo("192.168.0.0/16");
        assertThat(calico.options()).isEqualTo(Map.of("encapsulation", "ipip", "blockSize", "26", "natOutgoing", "true"));
        assertThat(r.document().all(Pod.class)).extracting(Pod::name).containsExactly("probe-0", "probe-1");

        // without calicoNetwork the operator's defaults: 192.168.0.0/16, /26 blocks, IPIP, natOutgoing Enabled
        Network defaults = Importer.importText("m.yaml", null, """
                apiVersion: operator.tigera.io/v1
                kind: Installation
                metadata: {name: default}
                spec: {}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: a}
                spec:
                  containers: [{name: a, image: busybox}]
                """).document().get("calico", Network.class).orElseThrow();
        assertThat(defaults.subnet()).isEqualTo("192.168.0.0/16");
        assertThat(defaults.options()).isEqualTo(Map.of("encapsulation", "ipip", "blockSize", "26", "natOutgoing", "true"));
    }

    @Test
    void whatCalicoRefusesIsAnErrorAtItsPlace() {
        refused("""
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: p}
                spec:
                  cidr: 10.48.0.0/16
                  ipipMode: Always
                  vxlanMode: Always
                """, "m.yaml:7:14: Calico refuses this IPPool: ipipMode Always and vxlanMode Always cannot both be enabled (one encapsulation a pool)");
        refused("""
                apiVersion: crd.projectcalico.org/v1
                kind: IPPool
                metadata: {name: p}
                spec:
                  cidr: 10.48.0.0/27
                  blockSize: 26
                """, "m.yaml:6:14: Calico refuses this pool: its block size /26 is larger than the pool 10.48.0.0/27");
        refused("""
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: p}
                spec:
                  cidr: 10.48.0.0/16
                  ipipMode: Sometimes
                """, "m.yaml:6:13: ipipMode must be Never, Always or CrossSubnet, not 'Sometimes'");
        refused("""
                apiVersion: operator.tigera.io/v1
                kind: Installation
                metadata: {name: default}
                spec:
                  calicoNetwork:
                    bgp: Disabled
                    ipPools: [{cidr: 10.48.0.0/16, encapsulation: IPIP}]
                """, "m.yaml:6:10: the operator refuses this Installation: IPIP encapsulation requires BGP to be enabled");
    }

    @Test
    void aDisabledPoolOrAnIpv6PoolIsSkippedWithAWarning() {
        ImportResult r = Importer.importText("m.yaml", null, """
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: v6}
                spec: {cidr: "fd00:10:48::/64"}
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: old}
                spec: {cidr: 10.1.0.0/16, disabled: true}
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: new}
                spec: {cidr: 10.2.0.0/16, vxlanMode: Always}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: a}
                spec:
                  containers: [{name: a, image: busybox}]
                """);
        Network calico = r.document().get("calico", Network.class).orElseThrow();
        assertThat(calico.subnet()).isEqualTo("10.2.0.0/16");
        assertThat(calico.option("encapsulation")).isEqualTo("vxlan");
        assertThat(calico.option("natOutgoing")).as("IPPool's natOutgoing defaults to false").isEqualTo("false");
        assertThat(r.warnings()).containsExactly("m.yaml:4:14: an IPv6 pool (fd00:10:48::/64) is not modelled: skipped",
                "m.yaml:9:27: the IPPool 10.1.0.0/16 is disabled: Calico hands out no address from it");
    }
}
