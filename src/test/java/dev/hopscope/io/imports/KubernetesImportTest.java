package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Validator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesImportTest {

    private static Pod pod(Document d, String id) { return d.get(id, Pod.class).orElseThrow(); }

    @Test
    void guestbookGivesTwoNodesWithPodCidrsAndPodsPerReplicaSpreadOverThem() {
        ImportResult r = Fixtures.load("k8s/guestbook.yaml");
        Document d = r.document();
        assertThat(Validator.validate(d)).isEmpty();
        assertThat(d.all(Host.class)).extracting(Host::id, Host::role, Host::address).containsExactly(
                org.assertj.core.groups.Tuple.tuple("node-1", Host.Role.K8S_NODE, "192.168.50.11/24"),
                org.assertj.core.groups.Tuple.tuple("node-2", Host.Role.K8S_NODE, "192.168.50.12/24"));
        assertThat(d.all(Bridge.class)).extracting(Bridge::name, Bridge::host, Bridge::bridgeKind, Bridge::subnet).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cni0", "node-1", Bridge.Kind.CNI, "10.244.1.0/24"),
                org.assertj.core.groups.Tuple.tuple("cni0", "node-2", Bridge.Kind.CNI, "10.244.2.0/24"));
        assertThat(d.all(Pod.class)).extracting(Pod::name).containsExactly(
                "redis-leader-0", "redis-follower-0", "redis-follower-1", "frontend-0", "frontend-1", "frontend-2");
        assertThat(d.all(Pod.class)).extracting(Pod::node).containsExactly("node-1", "node-2", "node-1", "node-2", "node-1", "node-2");
        Pod leader = pod(d, "redis-leader-0");
        assertThat(leader.labels()).isEqualTo(Map.of("app", "redis", "role", "leader", "tier", "backend"));
        assertThat(leader.sockets()).containsExactly(Socket.tcp(6379));
        assertThat(leader.containers()).extracting(Pod.PodContainer::name).containsExactly("leader");
        assertThat(d.get("external", External.class)).isPresent();
    }

    @Test
    void servicesKeepTheirTypePortsAndSelectorsAndResolveNamedTargetPorts() {
        Document d = Fixtures.load("k8s/guestbook.yaml").document();
        Service leader = d.get("redis-leader", Service.class).orElseThrow();
        assertThat(leader.type()).isEqualTo(Service.Type.CLUSTER_IP);
        assertThat(leader.ports()).containsExactly(new Service.ServicePort(null, 6379, 6379, 0, Proto.TCP));
        assertThat(leader.selector()).isEqualTo(Map.of("app", "redis", "role", "leader", "tier", "backend"));
        Service follower = d.get("redis-follower", Service.class).orElseThrow();
        assertThat(follower.ports().get(0).targetPort()).as("targetPort defaults to port").isEqualTo(6379);
        Service frontend = d.get("frontend", Service.class).orElseThrow();
        assertThat(frontend.type()).isEqualTo(Service.Type.NODE_PORT);
        assertThat(frontend.trafficPolicy()).isEqualTo(Service.TrafficPolicy.LOCAL);
        assertThat(frontend.ports()).containsExactly(new Service.ServicePort("http", 80, 80, 30080, Proto.TCP));
    }

    @Test
    void aNetworkPolicyIsolatingRedisComesAcrossRuleForRule() {
        Document d = Fixtures.load("k8s/guestbook.yaml").document();
        NetworkPolicy p = d.get("redis-only-from-frontend", NetworkPolicy.class).orElseThrow();
        assertThat(p.namespace()).isEqualTo("default");
        assertThat(p.podSelector()).isEqualTo(Map.of("app", "redis"));
        assertThat(p.ingressIsolated()).isTrue();
        assertThat(p.egressIsolated()).isFalse();
        assertThat(p.egress()).isEmpty();
        assertThat(p.ingress()).containsExactly(new NetworkPolicy.Rule(
                List.of(new NetworkPolicy.Peer(Map.of("app", "guestbook", "tier", "frontend"), null, null),
                        new NetworkPolicy.Peer(Map.of("app", "redis"), null, null)),
                List.of(new NetworkPolicy.PortSpec(Proto.TCP, 6379))));
    }

    @Test
    void statefulSetsDaemonSetsNamespacesAndPinnedPods() {
        ImportResult r = Fixtures.load("k8s/database.yaml");
        Document d = r.document();
        assertThat(Validator.validate(d)).isEmpty();
        assertThat(d.all(Host.class)).as("nodeName node-3 asks for a third node").extracting(Host::id)
                .containsExactly("node-1", "node-2", "node-3");
        assertThat(d.get("node-3-cni0", Bridge.class).orElseThrow().subnet()).isEqualTo("10.244.3.0/24");
        assertThat(pod(d, "postgres-0").namespace()).isEqualTo("data");
        assertThat(pod(d, "postgres-1").node()).isEqualTo("node-2");
        assertThat(pod(d, "api").node()).isEqualTo("node-3");
        assertThat(d.all(Pod.class)).filteredOn(p -> p.name().startsWith("node-exporter"))
                .extracting(Pod::node, Pod::hostNetwork, Pod::namespace).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("node-1", true, "monitoring"),
                        org.assertj.core.groups.Tuple.tuple("node-2", true, "monitoring"),
                        org.assertj.core.groups.Tuple.tuple("node-3", true, "monitoring"));
        Service headless = d.get("postgres", Service.class).orElseThrow();
        assertThat(headless.headless()).isTrue();
        assertThat(headless.namespace()).isEqualTo("data");
        assertThat(r.warnings()).anyMatch(w -> w.contains("kind ConfigMap is skipped"));
    }

    @Test
    void policiesWithNamespaceSelectorsIpBlocksNamedPortsAndDefaultDeny() {
        Document d = Fixtures.load("k8s/database.yaml").document();
        NetworkPolicy deny = d.get("default-deny", NetworkPolicy.class).orElseThrow();
        assertThat(deny.podSelector()).isEmpty();
        assertThat(deny.ingressIsolated()).isTrue();
        assertThat(deny.egressIsolated()).isTrue();
        assertThat(deny.ingress()).isEmpty();
        assertThat(deny.egress()).isEmpty();

        NetworkPolicy fromApi = d.get("postgres-from-api", NetworkPolicy.class).orElseThrow();
        assertThat(fromApi.egressIsolated()).as("egress rules written without policyTypes isolate egress too").isTrue();
        assertThat(fromApi.ingress()).containsExactly(new NetworkPolicy.Rule(
                List.of(new NetworkPolicy.Peer(Map.of("app", "api"), Map.of("kubernetes.io/metadata.name", "default"), null),
                        new NetworkPolicy.Peer(null, null, "192.168.50.0/24")),
                List.of(NetworkPolicy.PortSpec.named(Proto.TCP, "pg")))); // the port named pg of whichever pod the traffic goes to
        assertThat(fromApi.egress()).containsExactly(new NetworkPolicy.Rule(
                List.of(new NetworkPolicy.Peer(Map.of("app", "postgres"), null, null)),
                List.of(new NetworkPolicy.PortSpec(Proto.TCP, 5432))));
    }

    @Test
    void kubectlJsonListsAreRead() {
        Document d = Fixtures.load("k8s/list.json").document();
        assertThat(pod(d, "echo").node()).isEqualTo("node-2");
        Service svc = d.get("echo-svc", Service.class).orElseThrow();
        assertThat(svc.clusterIp()).isEqualTo("10.96.100.5");
        assertThat(svc.ports()).containsExactly(new Service.ServicePort(null, 80, 5678, 0, Proto.TCP));
    }

    @Test
    void mistakesInManifestsAreErrorsWithTheirPlace() {
        assertThatThrownBy(() -> Importer.importText("m.yaml", null, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: many
                  template:
                    spec:
                      containers: [{name: web, image: nginx}]
                """)).isInstanceOf(ImportException.class)
                .hasMessage("m.yaml:6:13: replicas must be a whole number, not 'many'");
        assertThatThrownBy(() -> Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    ports:
                    - containerPort: 99999
                """)).hasMessage("m.yaml:9:22: containerPort 99999 is outside 1..65535");
        assertThatThrownBy(() -> Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  type: Mesh
                """)).hasMessage("m.yaml:5:9: type must be ClusterIP, NodePort, LoadBalancer or ExternalName, not 'Mesh'");
    }

    @Test
    void namesTheApiServerRefusesAreErrorsInItsWords() {
        assertThatThrownBy(() -> Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Pod
                metadata: {name: "Web\\tPod"}
                spec:
                  containers: [{name: web, image: nginx}]
                """)).hasMessage("m.yaml:3:18: the API server refuses this Pod: metadata.name: Invalid value: \"Web\\u0009Pod\": a lowercase"
                + " RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        // a Service's name is a DNS label: a dot is refused there, though a Pod may have one
        assertThatThrownBy(() -> Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web.api
                spec:
                  ports: [{port: 80}]
                """)).hasMessageStartingWith("m.yaml:4:9: the API server refuses this Service: metadata.name: Invalid value: \"web.api\":"
                + " a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character");
        assertThat(Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Pod
                metadata: {name: web.v2-0}
                spec:
                  containers: [{name: web, image: nginx}]
                """).document().node("web.v2-0")).isPresent();
    }

    @Test
    void unknownFieldsAreWarnings() {
        ImportResult r = Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: example/web:1.0
                    portz:
                    - containerPort: 80
                """);
        assertThat(r.warnings()).contains("m.yaml:9:5: unknown key 'portz' in a container of Pod 'web' (ignored)");
        assertThat(pod(r.document(), "web").sockets()).isEmpty();
    }

    @Test
    void kindsWithoutNetworkMeaningAreWarnedAboutOnceAKindAtTheFirst() {
        // as a plugin's published manifest lists them: RBAC objects (silently), CRDs and ConfigMaps (once a kind)
        ImportResult r = Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: agent}
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: ippools.crd.projectcalico.org}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: operator}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers: [{name: web, image: nginx, portz: []}]
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: felixconfigurations.crd.projectcalico.org}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: calico-config}
                """);
        assertThat(r.warnings()).containsExactly("m.yaml:17:42: unknown key 'portz' in a container of Pod 'web' (ignored)",
                "m.yaml:6:7: kind CustomResourceDefinition is skipped (2 objects, the first here): it does not change how packets flow",
                "m.yaml:24:7: kind ConfigMap is skipped: it does not change how packets flow");
    }
}
