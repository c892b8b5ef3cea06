package dev.hopscope.io;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Network;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Validator;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Hop;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code generate --cni flannel|calico|cilium|weave}: a Kubernetes cluster with Services and a NodePort on flannel VXLAN, Calico, Cilium or Weave Net. */
class KubernetesClusterTest {

    @Test
    void aSmallClusterHasTheDescribedShape() {
        Document doc = SyntheticTopology.generate(3, 10, SyntheticTopology.Cni.FLANNEL, false);
        assertThat(Validator.validate(doc)).isEmpty();
        assertThat(doc.all(Host.class)).extracting(Host::id, Host::role, Host::address).containsExactly(
                org.assertj.core.groups.Tuple.tuple("n1", Host.Role.K8S_NODE, "10.0.0.11/16"),
                org.assertj.core.groups.Tuple.tuple("n2", Host.Role.K8S_NODE, "10.0.0.12/16"),
                org.assertj.core.groups.Tuple.tuple("n3", Host.Role.K8S_NODE, "10.0.0.13/16"));
        Overlay flannel = doc.all(Overlay.class).get(0);
        assertThat(flannel.driver()).isEqualTo(Overlay.Driver.FLANNEL_VXLAN);
        assertThat(flannel.subnet()).isEqualTo("10.32.0.0/12");
        assertThat(flannel.members()).extracting(Overlay.Member::host).containsExactly("n1", "n2", "n3");
        assertThat(doc.all(Bridge.class)).extracting(Bridge::subnet).containsExactly("10.32.0.0/24", "10.32.1.0/24", "10.32.2.0/24");
        assertThat(doc.all(Pod.class)).hasSize(30);
        assertThat(doc.get("n2-db-1", Pod.class).orElseThrow().ip()).isEqualTo("10.32.1.8");
        // one NodePort for every web pod, and per group of 4 pods an app and a db Service (groups 0, 1, 2: 10 pods)
        assertThat(doc.all(Service.class)).extracting(Service::id).containsExactly("web", "app-0", "db-0", "app-1", "db-1", "app-2");
        Service web = doc.get("web", Service.class).orElseThrow();
        assertThat(web.type()).isEqualTo(Service.Type.NODE_PORT);
        assertThat(web.ports().get(0).nodePort()).isEqualTo(30080);
        assertThat(doc.get("n1-web-0-intent", Intent.class).orElseThrow().to()).isEqualTo("app-0:8080");
        assertThat(doc.get("n3-db-0-intent", Intent.class).orElseThrow().to()).as("the next node's cache, wrapping round")
                .isEqualTo("10.32.0.5:6379");
        assertThat(doc.all(Intent.class)).hasSize(30);
        assertThat(SyntheticTopology.generate(3, 10, SyntheticTopology.Cni.FLANNEL, false)).isEqualTo(doc);
        assertThat(DocumentCodec.read(DocumentCodec.write(doc), "gen.json")).isEqualTo(doc);
    }

    @Test
    void everyIntentHoldsAsKubernetesPromises() {
        // pods reach Services and each other across nodes without NAT, and leave the cluster by masquerade
        Analysis a = Analyzer.analyze(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.FLANNEL, false));
        assertThat(a.intents()).hasSize(24);
        for (IntentResult r : a.intents()) assertThat(r.ok()).as(r.intent().id() + ": " + r.reason()).isTrue();
    }

    @Test
    void aCalicoClusterIsTheSameClusterWithOneCalicoNetwork() {
        Document doc = SyntheticTopology.generate(3, 10, SyntheticTopology.Cni.CALICO, false);
        assertThat(Validator.validate(doc)).isEmpty();
        assertThat(doc.all(Host.class)).extracting(Host::id).containsExactly("n1", "n2", "n3");
        // no bridge, no overlay: one network node of kind calico, as samples/s14-calico.json has
        assertThat(doc.all(Bridge.class)).isEmpty();
        assertThat(doc.all(Overlay.class)).isEmpty();
        Network calico = doc.all(Network.class).get(0);
        assertThat(doc.all(Network.class)).hasSize(1);
        assertThat(calico.driver()).isEqualTo("calico");
        assertThat(calico.subnet()).isEqualTo("10.48.0.0/12");
        assertThat(calico.option("blockSize")).isEqualTo("24");
        assertThat(calico.option("encapsulation")).isEqualTo("none");
        assertThat(calico.option("bgp")).isEqualTo("full-mesh");
        // each node owns the /24 block its pods' pinned addresses fall in
        var addressing = Ipam.allocate(doc);
        assertThat(addressing.block("n2", "calico")).hasValueSatisfying(b -> assertThat(b.toString()).isEqualTo("10.48.1.0/24"));
        assertThat(doc.get("n2-db-1", Pod.class).orElseThrow().ip()).isEqualTo("10.48.1.8");
        assertThat(doc.get("n3-db-0-intent", Intent.class).orElseThrow().to()).isEqualTo("10.48.0.5:6379");
        assertThat(doc.all(Service.class)).extracting(Service::id).containsExactly("web", "app-0", "db-0", "app-1", "db-1", "app-2");
        assertThat(DocumentCodec.read(DocumentCodec.write(doc), "gen.json")).isEqualTo(doc);
    }

    @Test
    void everyIntentHoldsOnCalico() {
        // blocks routed natively between nodes, proxy ARP for 169.254.1.1, kube-proxy's DNAT, natOutgoing to the client
        Analysis a = Analyzer.analyze(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.CALICO, false));
        assertThat(a.intents()).hasSize(24);
        for (IntentResult r : a.intents()) assertThat(r.ok()).as(r.intent().id() + ": " + r.reason()).isTrue();
        assertThat(a.failing()).isFalse();
    }

    @Test
    void aCiliumClusterIsTheSameClusterWithOneCiliumNetworkInEitherServiceMode() {
        for (boolean kpr : new boolean[] {false, true}) {
            Document doc = SyntheticTopology.generate(3, 10, SyntheticTopology.Cni.CILIUM, false, kpr);
            assertThat(Validator.validate(doc)).isEmpty();
            assertThat(doc.all(Bridge.class)).isEmpty();
            assertThat(doc.all(Overlay.class)).isEmpty();
            // one network node of kind cilium, as samples/cilium-vxlan.json has, on a pool clear of the LAN 10.0.0.0/16
            assertThat(doc.all(Network.class)).hasSize(1);
            Network cilium = doc.all(Network.class).get(0);
            assertThat(cilium.driver()).isEqualTo("cilium");
            assertThat(cilium.subnet()).isEqualTo("10.32.0.0/12");
            assertThat(cilium.option("routingMode")).isEqualTo("tunnel");
            assertThat(cilium.option("tunnelProtocol")).isEqualTo("vxlan");
            assertThat(cilium.option("kubeProxyReplacement")).isEqualTo(Boolean.toString(kpr));
            // n2's podCIDR is the pool's second /24; its .1 is cilium_host's, so pods count from .2 (n2-db-1 is pod 6)
            var addressing = Ipam.allocate(doc);
            assertThat(addressing.block("n2", "cilium")).hasValueSatisfying(b -> assertThat(b.toString()).isEqualTo("10.32.1.0/24"));
            assertThat(doc.get("n2-db-1", Pod.class).orElseThrow().ip()).isEqualTo("10.32.1.8");
            assertThat(doc.get("n3-db-0-intent", Intent.class).orElseThrow().to()).isEqualTo("10.32.0.5:6379");
            assertThat(doc.all(Service.class)).extracting(Service::id).containsExactly("web", "app-0", "db-0", "app-1", "db-1", "app-2");
            assertThat(doc.description()).isEqualTo(kpr ? "Generated by hopscope generate --cni cilium --kube-proxy-replacement."
                    : "Generated by hopscope generate --cni cilium.");
            assertThat(DocumentCodec.read(DocumentCodec.write(doc), "gen.json")).isEqualTo(doc);
        }
    }

    @Test
    void everyIntentHoldsOnCiliumWithKubeProxyAndWithItsReplacement() {
        for (boolean kpr : new boolean[] {false, true}) {
            Analysis a = Analyzer.analyze(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.CILIUM, false, kpr));
            assertThat(a.intents()).hasSize(24);
            for (IntentResult r : a.intents()) assertThat(r.ok()).as("kpr " + kpr + ", " + r.intent().id() + ": " + r.reason()).isTrue();
            assertThat(a.failing()).isFalse();
        }
    }

    @Test
    void withTheReplacementAPodsServiceIsTranslatedAtItsSocketAndWithoutItByKubeProxyOnItsNode() {
        // n2-web-0 → app-0:8080: app-0 selects n1-app-0, n2-app-0, n3-app-0 (10.32.0.3, 10.32.1.3, 10.32.2.3 :8080)
        dev.hopscope.net.Network net = dev.hopscope.net.Network.compile(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.CILIUM, false, true));
        Trace kpr = net.trace("n2-web-0", "app-0:8080", Probe.tcp(8080));
        assertThat(kpr.disposition()).isEqualTo(Disposition.DELIVERED);
        Hop translated = kpr.hops().stream().filter(h -> h.detail() instanceof StepDetail.SocketTranslated).findFirst().orElseThrow();
        assertThat(translated.namespace()).isEqualTo("n2-web-0");
        StepDetail.SocketTranslated s = (StepDetail.SocketTranslated) translated.detail();
        assertThat(s.after().destination()).isIn("10.32.0.3:8080", "10.32.1.3:8080", "10.32.2.3:8080");
        assertThat(kpr.hops()).noneMatch(h -> h.detail() instanceof StepDetail.Dnat);
        assertThat(kpr.branches()).extracting(b -> b.endpoint() + " " + b.disposition())
                .containsExactlyInAnyOrder("n1-app-0 DELIVERED", "n2-app-0 DELIVERED", "n3-app-0 DELIVERED");
        // the branch to another node's backend leaves the socket already addressed to it: no node rewrites it either
        Trace toN3 = net.tracer().trace("n2-web-0", dev.hopscope.model.Destination.parse("app-0:8080"), Probe.tcp(8080), "n3-app-0");
        assertThat(toN3.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(toN3.hops()).anyMatch(h -> h.detail() instanceof StepDetail.SocketTranslated s3 && s3.after().destination().equals("10.32.2.3:8080"));
        assertThat(toN3.hops()).noneMatch(h -> h.detail() instanceof StepDetail.Dnat);

        Trace kubeProxy = dev.hopscope.net.Network.compile(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.CILIUM, false, false))
                .trace("n2-web-0", "app-0:8080", Probe.tcp(8080));
        assertThat(kubeProxy.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(kubeProxy.hops()).noneMatch(h -> h.detail() instanceof StepDetail.SocketTranslated);
        assertThat(kubeProxy.hops()).anyMatch(h -> h.detail() instanceof StepDetail.Dnat && h.node().equals("n2"));
    }

    @Test
    void aWeaveClusterGivesEachNodeAShareOfOneRange() {
        Document doc = SyntheticTopology.generate(3, 10, SyntheticTopology.Cni.WEAVE, false);
        assertThat(Validator.validate(doc)).isEmpty();
        assertThat(doc.all(Bridge.class)).isEmpty();
        assertThat(doc.all(Network.class)).hasSize(1);
        Network weave = doc.all(Network.class).get(0);
        assertThat(weave.driver()).isEqualTo("weave");
        assertThat(weave.subnet()).isEqualTo("10.32.0.0/12");
        assertThat(weave.option("peerRange")).isEqualTo("21");
        assertThat(weave.option("datapath")).isEqualTo("fastdp");
        // a /21 is 2,048 addresses, eight /24s: n2's share starts at 10.32.8.0, its bridge holds .1, pods count from .2
        var addressing = Ipam.allocate(doc);
        assertThat(addressing.block("n2", "weave")).hasValueSatisfying(b -> assertThat(b.toString()).isEqualTo("10.32.8.0/21"));
        assertThat(addressing.block("n3", "weave")).hasValueSatisfying(b -> assertThat(b.toString()).isEqualTo("10.32.16.0/21"));
        assertThat(doc.get("n2-db-1", Pod.class).orElseThrow().ip()).isEqualTo("10.32.8.8");
        assertThat(doc.get("n3-db-0-intent", Intent.class).orElseThrow().to()).isEqualTo("10.32.0.5:6379");
        assertThat(DocumentCodec.read(DocumentCodec.write(doc), "gen.json")).isEqualTo(doc);
        // 10.32.0.0/12 holds 512 /21s
        assertThat(SyntheticTopology.generate(512, 1, SyntheticTopology.Cni.WEAVE, false).all(Host.class)).hasSize(512);
        assertThatThrownBy(() -> SyntheticTopology.generate(513, 1, SyntheticTopology.Cni.WEAVE, false))
                .hasMessageContaining("512 nodes at most, not 513");
    }

    @Test
    void everyIntentHoldsOnWeave() {
        Analysis a = Analyzer.analyze(SyntheticTopology.generate(3, 8, SyntheticTopology.Cni.WEAVE, false));
        assertThat(a.intents()).hasSize(24);
        for (IntentResult r : a.intents()) assertThat(r.ok()).as(r.intent().id() + ": " + r.reason()).isTrue();
        assertThat(a.failing()).isFalse();
    }

    @Test
    void kubeProxyReplacementIsCiliumsOnly() {
        assertThatThrownBy(() -> SyntheticTopology.generate(2, 4, SyntheticTopology.Cni.CALICO, false, true))
                .hasMessageContaining("--kube-proxy-replacement is Cilium's");
    }

    @Test
    void anOverlayFlagIsForDockerHostsOnly() {
        assertThatThrownBy(() -> SyntheticTopology.generate(2, 4, SyntheticTopology.Cni.FLANNEL, true))
                .hasMessageContaining("--overlay adds a Docker overlay to Docker hosts");
    }
}
