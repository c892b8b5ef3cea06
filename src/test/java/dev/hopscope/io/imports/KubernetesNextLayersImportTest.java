package dev.hopscope.io.imports;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.LabelExpression;
import dev.hopscope.model.LabelExpression.Operator;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Validator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Namespaces with labels, complete NetworkPolicies, hostPorts and networking.k8s.io/v1 Ingress, as the manifests write them. */
class KubernetesNextLayersImportTest {

    @Test
    void namespacesBecomeObjectsWithTheirLabels() {
        Document d = Fixtures.load("k8s/next-layers.yaml").document();
        assertThat(Validator.validate(d)).isEmpty();
        assertThat(d.all(KubeNamespace.class)).extracting(KubeNamespace::name, KubeNamespace::labels).containsExactly(
                org.assertj.core.groups.Tuple.tuple("shop", Map.of("team", "shop", "env", "prod")),
                org.assertj.core.groups.Tuple.tuple("tools", Map.of("env", "dev")));
    }

    @Test
    void policiesKeepExpressionsExceptsNamedPortsRangesAndWholeProtocols() {
        Document d = Fixtures.load("k8s/next-layers.yaml").document();
        NetworkPolicy np = d.get("api-in", NetworkPolicy.class).orElseThrow();
        assertThat(np.podSelector()).isEmpty();
        assertThat(np.podSelectorExpressions()).containsExactly(
                new LabelExpression("tier", Operator.IN, List.of("backend", "data")),
                new LabelExpression("canary", Operator.DOES_NOT_EXIST, List.of()));
        assertThat(np.ingressIsolated()).isTrue();
        assertThat(np.egressIsolated()).as("egress rules without policyTypes isolate egress too").isTrue();
        NetworkPolicy.Rule in = np.ingress().get(0);
        assertThat(in.peers()).containsExactly(
                new NetworkPolicy.Peer(Map.of("app.kubernetes.io/component", "controller"), Map.of(), null, List.of(),
                        List.of(new LabelExpression("env", Operator.NOT_IN, List.of("dev"))), List.of()),
                NetworkPolicy.Peer.block("10.0.0.0/8", List.of("10.96.0.0/12")));
        assertThat(in.ports()).containsExactly(NetworkPolicy.PortSpec.named(Proto.TCP, "http"), new NetworkPolicy.PortSpec(Proto.TCP, 9100, null, 9110));
        assertThat(np.egress().get(0).peers()).containsExactly(new NetworkPolicy.Peer(null, Map.of(), null));
        assertThat(np.egress().get(0).ports()).containsExactly(new NetworkPolicy.PortSpec(Proto.UDP, 53), new NetworkPolicy.PortSpec(Proto.TCP, 0));
    }

    @Test
    void aHostPortIsPublishedOnThePodsNode() {
        Document d = Fixtures.load("k8s/next-layers.yaml").document();
        assertThat(d.all(Pod.class)).filteredOn(p -> p.name().startsWith("ingress-nginx-controller"))
                .allSatisfy(p -> assertThat(p.hostPorts()).containsExactly(new PublishedPort(null, 80, 80, Proto.TCP)));
    }

    @Test
    void anIngressKeepsItsClassRulesPathsAndDefaultBackend() {
        Document d = Fixtures.load("k8s/next-layers.yaml").document();
        assertThat(d.all(Ingress.class)).hasSize(1);
        Ingress in = d.all(Ingress.class).get(0);
        assertThat(in.id()).as("the namespace shop holds the id shop").isEqualTo("shop-ingress");
        assertThat(in.name()).isEqualTo("shop");
        assertThat(in.namespace()).isEqualTo("shop");
        assertThat(in.ingressClassName()).isEqualTo("nginx");
        assertThat(in.defaultBackend()).isEqualTo(new Ingress.Backend("api", 8080, null));
        assertThat(in.rules()).containsExactly(new Ingress.IngressRule("shop.example.com", List.of(
                new Ingress.IngressPath("/api", Ingress.PathType.PREFIX, new Ingress.Backend("api", 0, "http")),
                new Ingress.IngressPath("/healthz", Ingress.PathType.EXACT, new Ingress.Backend("api", 8080, null)))));
    }

    @Test
    void loadBalancerAndExternalNameServicesKeepTheirType() {
        Document d = Importer.importText("s.yaml", null, """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  type: LoadBalancer
                  loadBalancerIP: 192.168.50.245
                  selector: {app: web}
                  ports: [{port: 80}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: cloud}
                spec:
                  type: LoadBalancer
                  loadBalancerClass: service.k8s.aws/nlb
                  selector: {app: web}
                  ports: [{port: 80}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: legacy-db}
                spec:
                  type: ExternalName
                  externalName: db.example.com
                """).document();
        dev.hopscope.model.Service web = d.get("web", dev.hopscope.model.Service.class).orElseThrow();
        assertThat(web.type()).isEqualTo(dev.hopscope.model.Service.Type.LOAD_BALANCER);
        assertThat(web.loadBalancerIp()).isEqualTo("192.168.50.245");
        assertThat(web.loadBalancerMode()).isEqualTo(dev.hopscope.model.Service.LoadBalancerMode.METALLB_L2);
        assertThat(d.get("cloud", dev.hopscope.model.Service.class).orElseThrow().loadBalancerMode())
                .isEqualTo(dev.hopscope.model.Service.LoadBalancerMode.CLOUD);
        dev.hopscope.model.Service db = d.get("legacy-db", dev.hopscope.model.Service.class).orElseThrow();
        assertThat(db.type()).isEqualTo(dev.hopscope.model.Service.Type.EXTERNAL_NAME);
        assertThat(db.externalName()).isEqualTo("db.example.com");
        assertThat(Validator.validate(d)).isEmpty();
    }

    @Test
    void whatTheApiServerRefusesIsAnErrorAtItsPlace() {
        assertThatThrownBy(() -> Importer.importText("p.yaml", null, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p}
                spec:
                  podSelector:
                    matchExpressions:
                    - {key: tier, operator: In}
                """)).isInstanceOf(ImportException.class)
                .hasMessageContaining("p.yaml:7:7: values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
        assertThatThrownBy(() -> Importer.importText("p.yaml", null, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p}
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}
                """)).isInstanceOf(ImportException.class)
                .hasMessageContaining("except 10.1.0.0/24 must be strictly within the cidr 10.0.0.0/16");
        assertThatThrownBy(() -> Importer.importText("i.yaml", null, """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: i}
                spec:
                  rules:
                  - http:
                      paths:
                      - path: /
                        backend: {service: {name: web, port: {number: 80}}}
                """)).isInstanceOf(ImportException.class)
                .hasMessageContaining("i.yaml:8:9: pathType: Required value");
    }
}
