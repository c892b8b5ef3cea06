package dev.hopscope.model.edit;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Namespaces and Ingresses as the designer adds and edits them. The Ingress's table rows are
 * checked against the manifest's shape: spec.rules[].host with http.paths[] (path, pathType,
 * backend.service.name / port.number or port.name), consecutive paths of one host in one rule.
 */
class KubeObjectsTest {

    private static Service svc(String name, String ns, Service.ServicePort... ports) {
        return new Service(name, name, ns, Service.Type.CLUSTER_IP, null, List.of(ports), Map.of("app", name), null);
    }

    @Test void aNewIngressServesIngressNginxsControllerAndSendsSlashToTheFirstServiceOfItsNamespace() {
        Document doc = Document.empty("t").with(svc("api", "default", new Service.ServicePort("http", 8080, 8080, 0, Proto.TCP)));
        Outcome o = KubeObjects.addIngress(doc);
        Ingress in = o.document().all(Ingress.class).get(0);
        assertThat(in.name()).isEqualTo("ingress");
        assertThat(in.namespace()).isEqualTo("default");
        assertThat(in.ingressClassName()).isEqualTo("nginx");
        assertThat(in.controller()).isEqualTo(Map.of("app.kubernetes.io/component", "controller"));
        assertThat(KubeObjects.rows(in)).containsExactly(new KubeObjects.RuleRow(null, "/", Ingress.PathType.PREFIX, "api", 8080, null));
        // with no Service there is nothing to send to: no rules yet; a second one gets a name of its own
        Ingress bare = KubeObjects.addIngress(Document.empty("t")).document().all(Ingress.class).get(0);
        assertThat(bare.rules()).isEmpty();
        assertThat(KubeObjects.addIngress(o.document()).document().all(Ingress.class).get(1).name()).isEqualTo("ingress-2");
    }

    @Test void rowsAreOnePerPathAndConsecutiveRowsOfAHostFormOneRule() {
        Ingress.Backend api = new Ingress.Backend("api", 0, "http");
        Ingress.Backend web = new Ingress.Backend("web", 80, null);
        Ingress in = new Ingress("i", "shop", "shop", "nginx", null, List.of(
                new Ingress.IngressRule("shop.example.com", List.of(new Ingress.IngressPath("/api", Ingress.PathType.PREFIX, api),
                        new Ingress.IngressPath("/", Ingress.PathType.PREFIX, web))),
                new Ingress.IngressRule(null, List.of(new Ingress.IngressPath("/health", Ingress.PathType.EXACT, web)))), null);
        List<KubeObjects.RuleRow> rows = KubeObjects.rows(in);
        assertThat(rows).containsExactly(
                new KubeObjects.RuleRow("shop.example.com", "/api", Ingress.PathType.PREFIX, "api", 0, "http"),
                new KubeObjects.RuleRow("shop.example.com", "/", Ingress.PathType.PREFIX, "web", 80, null),
                new KubeObjects.RuleRow(null, "/health", Ingress.PathType.EXACT, "web", 80, null));
        assertThat(KubeObjects.withRows(in, rows)).isEqualTo(in);
        // the second row moved to another host: three rules, in row order
        List<KubeObjects.RuleRow> moved = new java.util.ArrayList<>(rows);
        moved.set(1, rows.get(1).withHost("www.example.com"));
        Ingress after = KubeObjects.withRows(in, moved);
        assertThat(after.rules()).extracting(Ingress.IngressRule::host).containsExactly("shop.example.com", "www.example.com", null);
        assertThat(after.route("www.example.com", "/x").orElseThrow().backend()).isEqualTo(web);
        assertThat(after.route("shop.example.com", "/")).as("shop.example.com keeps only /api; the any-host rule has the exact /health only").isEmpty();
        // a port by name replaces the number, and the other way round
        assertThat(rows.get(1).withPort(0, "http").backend()).isEqualTo(new Ingress.Backend("web", 0, "http"));
        assertThat(rows.get(0).withPort(8080, null).backend()).isEqualTo(new Ingress.Backend("api", 8080, null));
    }

    @Test void aBackendMustBeAServiceOfTheNamespaceWithThatPort() {
        Document doc = Document.empty("t").with(svc("api", "shop", new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)))
                .with(svc("web", "shop", new Service.ServicePort(null, 80, 8080, 0, Proto.TCP)))
                .with(svc("db", "other", new Service.ServicePort(null, 5432, 5432, 0, Proto.TCP)));
        assertThat(KubeObjects.backendProblem(doc, "shop", "api", 80, null)).isNull();
        assertThat(KubeObjects.backendProblem(doc, "shop", "api", 0, "http")).isNull();
        assertThat(KubeObjects.backendProblem(doc, "shop", "db", 5432, null)).isEqualTo("namespace shop has no Service db (its Services: api, web)");
        assertThat(KubeObjects.backendProblem(doc, "shop", "api", 8080, null)).isEqualTo("Service api has no port 8080 (its ports: 80 (http))");
        assertThat(KubeObjects.backendProblem(doc, "shop", "web", 0, "http")).isEqualTo("Service web has no port http (its ports: 80)");
    }

    @Test void aRenamedNamespaceTakesItsPodsServicesIngressesAndPoliciesAlong() {
        Pod p = new Pod("p", "p", "shop", null, Map.of("app", "api"), List.of(new Pod.PodContainer("c", null, List.of())), false, null, null);
        Pod other = new Pod("q", "q", "default", null, Map.of(), List.of(new Pod.PodContainer("c", null, List.of())), false, null, null);
        NetworkPolicy np = new NetworkPolicy("np", "np", "shop", Map.of("app", "api"), true, false, List.of(), List.of());
        Document doc = Document.empty("t").with(new KubeNamespace("ns", "shop", Map.of("team", "shop")))
                .with(new KubeNamespace("ns2", "store", Map.of())).with(p).with(other).with(np)
                .with(svc("api", "shop")).with(new Ingress("i", "i", "shop", null, null, List.of(), null));
        assertThat(KubeObjects.renameNamespace(doc, "ns", "store").refusal()).isEqualTo("there is a namespace store already");
        Document d = KubeObjects.renameNamespace(doc, "ns", "web-shop").document();
        assertThat(d.get("ns", KubeNamespace.class).orElseThrow().name()).isEqualTo("web-shop");
        assertThat(d.get("p", Pod.class).orElseThrow().namespace()).isEqualTo("web-shop");
        assertThat(d.get("q", Pod.class).orElseThrow().namespace()).isEqualTo("default");
        assertThat(d.get("np", NetworkPolicy.class).orElseThrow().namespace()).isEqualTo("web-shop");
        assertThat(d.get("api", Service.class).orElseThrow().namespace()).isEqualTo("web-shop");
        assertThat(d.get("i", Ingress.class).orElseThrow().namespace()).isEqualTo("web-shop");
        assertThat(d.nodes()).extracting(n -> n.id()).containsExactlyElementsOf(doc.nodes().stream().map(n -> n.id()).toList());
        // a new namespace avoids the names in use, by an object or by a pod
        Document used = Document.empty("t").with(new KubeNamespace("namespace-1", "namespace-1", Map.of()))
                .with(new Pod("x", "x", "namespace-2", null, Map.of(), List.of(new Pod.PodContainer("c", null, List.of())), false, null, null));
        assertThat(KubeObjects.addNamespace(used).document().all(KubeNamespace.class).get(1).name()).isEqualTo("namespace-3");
    }
}
