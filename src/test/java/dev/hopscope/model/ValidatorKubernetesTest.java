package dev.hopscope.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API server refuses to store is a problem of the document, at the Service and field:
 * a loadBalancerIP that is not an address, an ExternalName Service without a name or with one
 * that is not a DNS name (Kubernetes' IsDNS1123Subdomain, a trailing dot allowed).
 */
class ValidatorKubernetesTest {

    private static Document with(Service s) {
        return new Document("t", null, null, List.of(new Underlay("lan", "lan", "192.168.50.0/24", 1500),
                Host.docker("n1", "lan", "192.168.50.11/24").withRole(Host.Role.K8S_NODE), s), Map.of());
    }

    private static Service lb(String ip) {
        return new Service("web-svc", "web", "default", Service.Type.LOAD_BALANCER, null,
                List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of("app", "web"), Service.TrafficPolicy.CLUSTER,
                ip, Service.LoadBalancerMode.METALLB_L2, null);
    }

    private static Service externalName(String name) {
        return new Service("db-svc", "db", "default", Service.Type.EXTERNAL_NAME, null, List.of(), Map.of(), null, null, null, name);
    }

    @Test
    void aLoadBalancerAddressThatIsNotAnAddressIsAProblemAtTheService() {
        assertThat(Validator.validate(with(lb("192.168.50.240")))).isEmpty();
        assertThat(Validator.validate(with(lb(null)))).isEmpty();
        for (String bad : List.of("192.168.50.300", "lb.example.com", "192.168.50")) {
            List<Problem> p = Validator.validate(with(lb(bad)));
            assertThat(p).as(bad).singleElement().satisfies(x -> {
                assertThat(x.node()).isEqualTo("web-svc");
                assertThat(x.field()).isEqualTo("loadBalancerIp");
                assertThat(x.message()).contains("'" + bad + "' is not an IPv4 address", "clear it so that one is taken from the pool");
            });
        }
    }

    @Test
    void anExternalNameServiceNeedsADnsName() {
        for (String good : List.of("db.example.com", "db.example.com.", "ext", "web.shop.svc.cluster.local", "a-b.c0"))
            assertThat(Validator.validate(with(externalName(good)))).as(good).isEmpty();
        assertThat(Validator.validate(with(externalName(null)))).singleElement().satisfies(x -> {
            assertThat(x.node()).isEqualTo("db-svc");
            assertThat(x.field()).isEqualTo("externalName");
            assertThat(x.message()).contains("names no external name", "spec.externalName: Required value", "such as db.example.com");
        });
        Map<String, String> bad = Map.of(
                "db..example.com", "an empty label",
                "-db.example.com", "starts or ends with '-'",
                "db_1.example.com", "'_' cannot stand in a DNS name",
                "db example.com", "a space cannot stand in a DNS name",
                "DB.example.com", "'D' is upper case",
                "x".repeat(64) + ".com", "more than 63",
                ("abcdefghi." ).repeat(26) + "com", "more than 253",
                ".", "it is empty");
        bad.forEach((name, why) -> assertThat(Validator.validate(with(externalName(name)))).as(name).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("externalName");
            assertThat(x.message()).contains("'" + name + "' of db is not a DNS name: ", why);
        }));
    }
}
