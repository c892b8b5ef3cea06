package dev.hopscope.net.findings;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.Pod;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Validator;
import dev.hopscope.net.Finding;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.hopscope.net.findings.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Kubernetes stores but never serves: a load balancer address MetalLB will not give, an
 * Ingress backend that does not exist, two pods on one node asking for one hostPort. Each is a
 * finding at the node it concerns, with the reason and the fix; the document still analyses.
 */
class KubernetesLayersChecksTest {

    private static Document sample(String name) { return DocumentCodec.load(Path.of("samples", name)); }

    private static Service lb(Document d, String id) { return d.get(id, Service.class).orElseThrow(); }

    private static Service withIp(Service s, String ip) {
        return new Service(s.id(), s.name(), s.namespace(), s.type(), s.clusterIp(), s.ports(), s.selector(), s.trafficPolicy(), ip, s.loadBalancerMode(), s.externalName());
    }

    private static List<Finding> codes(Document d, String code) {
        assertThat(Validator.validate(d)).as("structural problems").isEmpty();
        return code(d, code);
    }

    @Test
    void theSamplesHaveNoneOfThese() {
        for (String s : List.of("loadbalancer-metallb.json", "loadbalancer-cloud.json", "ingress-metallb.json", "cluster-dns-pod.json"))
            assertThat(run(sample(s))).extracting(Finding::code).as(s)
                    .doesNotContain(Codes.LOAD_BALANCER_IP_OUTSIDE_POOL, Codes.INGRESS_BACKEND_MISSING);
    }

    @Test
    void aLoadBalancerAddressOutsideMetallbsPoolStaysPending() {
        // the nodes are on 192.168.50.0/24: MetalLB's example pool is .240 to .250
        Document d = sample("loadbalancer-metallb.json");
        Document inside = d.with(withIp(lb(d, "web-svc"), "192.168.50.245"));
        assertThat(codes(inside, Codes.LOAD_BALANCER_IP_OUTSIDE_POOL)).isEmpty();
        Document outside = d.with(withIp(lb(d, "web-svc"), "192.168.50.77"));
        List<Finding> f = codes(outside, Codes.LOAD_BALANCER_IP_OUTSIDE_POOL);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("web-svc");
            assertThat(x.message()).contains("192.168.50.77", "outside every MetalLB address pool (192.168.50.240-192.168.50.250)", "<pending>");
            assertThat(x.fix()).contains("192.168.50.240-192.168.50.250", "clear loadBalancerIp");
        });
        // a cloud load balancer's address is the cloud's business, not MetalLB's pool
        Service cloud = withIp(lb(d, "web-svc"), "192.168.50.77");
        cloud = new Service(cloud.id(), cloud.name(), cloud.namespace(), cloud.type(), null, cloud.ports(), cloud.selector(), cloud.trafficPolicy(),
                cloud.loadBalancerIp(), Service.LoadBalancerMode.CLOUD, null);
        assertThat(codes(d.with(cloud), Codes.LOAD_BALANCER_IP_OUTSIDE_POOL)).isEmpty();
    }

    @Test
    void aLoadBalancerAddressAnotherServiceAsksForFirstIsTheSecondsProblem() {
        Document d = sample("loadbalancer-metallb.json");
        d = d.with(withIp(lb(d, "web-svc"), "192.168.50.241")).with(withIp(lb(d, "web-local-svc"), "192.168.50.241"));
        List<Finding> f = codes(d, Codes.DUPLICATE_ADDRESS);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.subjects()).containsExactly("web-local-svc", "web-svc");
            assertThat(x.message()).contains("web-local asks for address 192.168.50.241, which Service web asks for first", "stays <pending>");
            assertThat(x.fix()).contains("Clear loadBalancerIp of web-local");
        });
        // two different addresses of the pool: nothing to say
        Document apart = d.with(withIp(lb(d, "web-local-svc"), "192.168.50.242"));
        assertThat(codes(apart, Codes.DUPLICATE_ADDRESS)).isEmpty();
    }

    @Test
    void anIngressRuleToAServiceItsNamespaceLacksIsFoundAndStillTraced() {
        Document d = sample("ingress-metallb.json").update("shop-ingress", n -> new Ingress(n.id(), n.name(), "shop", "nginx", null,
                List.of(new Ingress.IngressRule("shop.example.com", List.of(
                        new Ingress.IngressPath("/", Ingress.PathType.PREFIX, new Ingress.Backend("gone", 80, null))))), null));
        List<Finding> f = codes(d, Codes.INGRESS_BACKEND_MISSING);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("shop-ingress");
            assertThat(x.message()).contains("the rule for shop.example.com path / sends to Service gone, which namespace shop does not have", "503");
            assertThat(x.fix()).contains("Add Service gone to namespace shop, or name one it has (api, web)");
        });
        // a Service of that name in another namespace does not count: backends are named in the Ingress's own
        Document elsewhere = d.with(new Service("gone-elsewhere", "gone", "default", Service.Type.CLUSTER_IP, null,
                List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of("app", "api"), Service.TrafficPolicy.CLUSTER));
        assertThat(codes(elsewhere, Codes.INGRESS_BACKEND_MISSING)).hasSize(1);
    }

    @Test
    void anIngressDefaultBackendOrPortThatDoesNotExistIsFound() {
        Document d = sample("ingress-metallb.json").update("shop-ingress", n -> new Ingress(n.id(), n.name(), "shop", "nginx", null,
                List.of(new Ingress.IngressRule(null, List.of(
                        new Ingress.IngressPath("/api", Ingress.PathType.PREFIX, new Ingress.Backend("api", 0, "grpc")),
                        new Ingress.IngressPath("/", Ingress.PathType.PREFIX, new Ingress.Backend("web", 8080, null))))),
                new Ingress.Backend("fallback", 80, null)));
        List<Finding> f = codes(d, Codes.INGRESS_BACKEND_MISSING);
        assertThat(f).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("the rule for any host path /api sends to port 'grpc' of Service api, which has no such port"),
                m -> assertThat(m).contains("the rule for any host path / sends to port 8080 of Service web, which has no such port"),
                m -> assertThat(m).contains("the default backend sends to Service fallback, which namespace shop does not have"));
        assertThat(f).filteredOn(x -> x.message().contains("port 8080")).singleElement()
                .satisfies(x -> {
                    assertThat(x.subjects()).containsExactly("shop-ingress", "web");
                    assertThat(x.fix()).isEqualTo("Name a port Service web has: 80 (http).");
                });
    }

    @Test
    void twoPodsOnOneNodeWithOneHostPortAndProtocolAreAClashTheSchedulerWouldNotPlace() {
        Pod a = pod("a", "n1", Map.of("app", "a")).withHostPorts(List.of(PublishedPort.tcp(8080, 80)));
        Pod b = pod("b", "n1", Map.of("app", "b")).withHostPorts(List.of(PublishedPort.tcp(8080, 8000)));
        Document d = doc(lan(), node("n1", "192.168.50.11"), node("n2", "192.168.50.12"), cni("c1", "n1", "10.244.1.0/24"),
                cni("c2", "n2", "10.244.2.0/24"), a, b);
        List<Finding> f = code(d, Codes.PORT_CLASH);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(x.subjects()).containsExactly("b", "a", "n1");
            assertThat(x.message()).contains("Pods a and b on n1 both ask for hostPort 8080/tcp", "the scheduler would never place b there", "Pending");
            assertThat(x.fix()).contains("Give b another hostPort, place it on another node");
        });
        // another protocol, another node, or two distinct host addresses: the scheduler places both
        Pod udp = b.withHostPorts(List.of(new PublishedPort(null, 8080, 8000, Proto.UDP)));
        assertThat(code(doc(lan(), node("n1", "192.168.50.11"), cni("c1", "n1", "10.244.1.0/24"), a, udp), Codes.PORT_CLASH)).isEmpty();
        assertThat(code(doc(lan(), node("n1", "192.168.50.11"), node("n2", "192.168.50.12"), cni("c1", "n1", "10.244.1.0/24"),
                cni("c2", "n2", "10.244.2.0/24"), a, b.withNode("n2")), Codes.PORT_CLASH)).isEmpty();
        Pod onOne = a.withHostPorts(List.of(new PublishedPort("192.168.50.11", 8080, 80, Proto.TCP)));
        Pod onOther = b.withHostPorts(List.of(new PublishedPort("192.168.50.21", 8080, 8000, Proto.TCP)));
        assertThat(code(doc(lan(), node("n1", "192.168.50.11"), cni("c1", "n1", "10.244.1.0/24"), onOne, onOther), Codes.PORT_CLASH)).isEmpty();
        // 0.0.0.0 (or no hostIP) is every address, so it clashes with a specific one
        assertThat(code(doc(lan(), node("n1", "192.168.50.11"), cni("c1", "n1", "10.244.1.0/24"), onOne, b), Codes.PORT_CLASH)).hasSize(1);
    }
}
