package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * StatefulSets, DaemonSets, Jobs, CronJobs and the List that {@code kubectl get all -o yaml}
 * prints, as the Kubernetes controllers would make their pods (names and labels from the
 * StatefulSet and Job documentation; owners as ownerReferences link them).
 */
class KubernetesWorkloadsTest {

    @Test
    void statefulSetPodsAreNumberedAndLabelledAsTheControllerLabelsThem() {
        ImportResult r = Fixtures.load("k8s/statefulset.yaml");
        Document d = r.document();
        assertThat(d.all(Pod.class)).extracting(Pod::name).containsExactly("web-0", "web-1", "web-2", "memcached-0", "memcached-1");
        Pod web1 = d.get("web-1", Pod.class).orElseThrow();
        assertThat(web1.labels()).isEqualTo(Map.of("app", "nginx", "statefulset.kubernetes.io/pod-name", "web-1",
                "apps.kubernetes.io/pod-index", "1"));
        // the StatefulSet controller sets each pod's hostname to its name and its subdomain to serviceName:
        // web-1.nginx.default.svc.cluster.local (Kubernetes documentation, "StatefulSet Basics")
        assertThat(d.all(Pod.class)).extracting(Pod::name, Pod::hostname, Pod::subdomain).containsExactly(
                tuple("web-0", "web-0", "nginx"), tuple("web-1", "web-1", "nginx"), tuple("web-2", "web-2", "nginx"),
                tuple("memcached-0", "memcached-0", "cache"), tuple("memcached-1", "memcached-1", "cache"));
        assertThat(d.get("nginx", Service.class).orElseThrow().headless()).isTrue();
        // and cluster DNS answers the pod's own name through the headless Service (Kubernetes' "DNS for Services and Pods")
        var net = dev.hopscope.net.Network.compile(d);
        assertThat(net.trace("web-0", "web-2.nginx.default.svc.cluster.local", dev.hopscope.model.Probe.tcp(80)).disposition())
                .isEqualTo(dev.hopscope.net.trace.Disposition.DELIVERED);
        assertThat(net.trace("web-0", "memcached-1.cache", dev.hopscope.model.Probe.icmp()).disposition()).as("cache is not headless")
                .isEqualTo(dev.hopscope.net.trace.Disposition.NAME_NOT_RESOLVED);
        assertThat(r.warnings()).containsExactly(Fixtures.path("k8s/statefulset.yaml") + ":68:16: StatefulSet 'memcached': its Service 'cache'"
                + " is not headless (clusterIP: None), so its pods get no per-pod DNS names");
    }

    @Test
    void aPodSpecsHostnameAndSubdomainAreKeptAndCheckedAsTheApiServerChecksThem() {
        // the Kubernetes DNS documentation's example: busybox-1 with hostname busybox-1 and subdomain busybox-subdomain
        Document d = Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: busybox1
                  labels: {name: busybox}
                spec:
                  hostname: busybox-1
                  subdomain: busybox-subdomain
                  containers: [{name: busybox, image: busybox:1.28}]
                """).document();
        assertThat(d.get("busybox1", Pod.class).orElseThrow()).extracting(Pod::hostname, Pod::subdomain)
                .containsExactly("busybox-1", "busybox-subdomain");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Importer.importText("m.yaml", null, """
                apiVersion: v1
                kind: Pod
                metadata: {name: busybox1}
                spec:
                  hostname: Busybox_1
                  containers: [{name: busybox, image: busybox:1.28}]
                """)).hasMessageStartingWith("m.yaml:5:13: the API server refuses this pod: spec.hostname: Invalid value: \"Busybox_1\": a lowercase RFC 1123 label");
    }

    @Test
    void aDaemonSetRunsOnEveryNodeAJobRunsItsParallelismAndACronJobItsJobTemplate() {
        Document d = Fixtures.load("k8s/daemonset-jobs.yaml").document();
        assertThat(d.all(Pod.class)).extracting(Pod::name, Pod::node, Pod::namespace).containsExactly(
                tuple("fluentd-elasticsearch-0", "node-1", "kube-system"),
                tuple("fluentd-elasticsearch-1", "node-2", "kube-system"),
                tuple("pi-0", "node-1", "default"),
                tuple("pi-1", "node-2", "default"),
                tuple("hello-0", "node-1", "default"));
        assertThat(d.get("fluentd-elasticsearch-1", Pod.class).orElseThrow().sockets()).containsExactly(new Socket(24224, dev.hopscope.model.Proto.TCP, "0.0.0.0", "forward"));
        assertThat(d.get("hello-0", Pod.class).orElseThrow().labels()).isEqualTo(Map.of("job", "hello"));
    }

    @Test
    void kubectlGetAllIsReadAsTheClusterItShowsNotExpandedAgain() {
        ImportResult r = Fixtures.load("k8s/get-all.yaml");
        Document d = r.document();
        // the Deployment and its ReplicaSets are shown by the listed pods; the StatefulSet by db-0
        assertThat(d.all(Pod.class)).extracting(Pod::name, Pod::node, Pod::ip).containsExactly(
                tuple("web-6d4cf56db6-8hq2x", "kind-worker", "10.244.1.3"),
                tuple("web-6d4cf56db6-zbv7c", "kind-worker2", "10.244.2.4"),
                tuple("db-0", "kind-worker2", "10.244.2.5"));
        assertThat(d.all(Pod.class)).as("hostname and subdomain as the listed pods carry them").extracting(Pod::hostname, Pod::subdomain)
                .containsExactly(tuple(null, null), tuple(null, null), tuple("db-0", "db"));
        assertThat(d.all(Host.class)).as("the nodes the pods run on, no invented ones").extracting(Host::name)
                .containsExactly("kind-worker", "kind-worker2");
        assertThat(d.all(Bridge.class)).as("each node's pod CIDR as its pods' addresses show it").extracting(Bridge::host, Bridge::subnet)
                .containsExactly(tuple("kind-worker", "10.244.1.0/24"), tuple("kind-worker2", "10.244.2.0/24"));
        Service web = d.get("web", Service.class).orElseThrow();
        assertThat(web.clusterIp()).isEqualTo("10.96.143.20");
        assertThat(web.ports()).extracting(Service.ServicePort::targetPort, Service.ServicePort::nodePort)
                .as("targetPort http resolves on the listed pods").containsExactly(tuple(80, 30080));
        assertThat(d.all(Service.class)).extracting(Service::name).as("the API server's Service is not the workload's").containsExactly("web", "db");
        assertThat(r.warnings()).containsExactly(Fixtures.path("k8s/get-all.yaml") + ":181:11: the Service 'kubernetes' is the API server's:"
                + " skipped, as its endpoints are the control plane's addresses, which these manifests do not show");
    }
}
