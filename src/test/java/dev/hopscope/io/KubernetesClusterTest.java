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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code generate --cni flannel|calico}: a Kubernetes cluster with Services and a NodePort on flannel VXLAN or Calico. */
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
    void anOverlayFlagIsForDockerHostsOnly() {
        assertThatThrownBy(() -> SyntheticTopology.generate(2, 4, SyntheticTopology.Cni.FLANNEL, true))
                .hasMessageContaining("--overlay adds a Docker overlay to Docker hosts");
    }
}
