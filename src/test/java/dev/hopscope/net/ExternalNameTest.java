package dev.hopscope.net;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Service;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ExternalName Services and names across namespaces, as the Kubernetes DNS specification
 * (github.com/kubernetes/dns, docs/specification.md, section 2.5 "ExternalName Services": a CNAME
 * to the external name) and the Services documentation say.
 */
class ExternalNameTest {

    /** The ingress sample plus Services in namespace shop: an ExternalName to the design's external machine, one to Service web in shop, one to nothing known. */
    static Document doc() {
        Document d = DocumentCodec.load(Path.of("samples", "ingress-metallb.json"));
        return d.with(new Service("legacy", "legacy", "shop", Service.Type.EXTERNAL_NAME, null, List.of(), Map.of(), null, null, null, "ext"))
                .with(new Service("alias", "alias", "shop", Service.Type.EXTERNAL_NAME, null, List.of(), Map.of(), null, null, null,
                        "web.shop.svc.cluster.local"))
                .with(new Service("nowhere", "nowhere", "shop", Service.Type.EXTERNAL_NAME, null, List.of(), Map.of(), null, null, null,
                        "db.example.org"));
    }

    static Trace trace(Document d, String from, String to, String probe) {
        return Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    private static DnsLookup dns(Trace t) { return (DnsLookup) t.hops().get(0).detail(); }

    @Test
    void anExternalNameIsACnameFollowedAsTheClientWould() {
        Trace toService = trace(doc(), "api-0", "alias:80", "tcp/80");
        DnsLookup l = dns(toService);
        assertThat(l.answer()).isInstanceOfSatisfying(DnsLookup.Found.class, f -> {
            assertThat(f.record()).isInstanceOfSatisfying(DnsLookup.CanonicalName.class, c -> {
                assertThat(c.target()).isEqualTo("web.shop.svc.cluster.local");
                assertThat(c.then()).isInstanceOf(DnsLookup.ServiceName.class);
            });
        });
        assertThat(toService.disposition()).isEqualTo(Disposition.DELIVERED);
        Trace toMachine = trace(doc(), "api-0", "legacy", "icmp");
        assertThat(dns(toMachine).address()).contains(Ipv4.parse("192.168.50.100"));
        assertThat(Network.compile(doc()).dataplane().addressing().clusterIps()).as("an ExternalName has no ClusterIP").doesNotContainKeys("legacy", "alias", "nowhere");
    }

    @Test
    void aCnameToAnUnknownNameDoesNotResolve() {
        Trace t = trace(doc(), "api-0", "nowhere", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(dns(t).answer()).isInstanceOf(DnsLookup.CnameUnresolved.class);
        assertThat(t.reason()).contains("CNAME to db.example.org");
    }

    @Test
    void aShortNameResolvesOnlyInTheClientsOwnNamespace() {
        // api is in shop: the controller (namespace ingress-nginx) must say api.shop
        assertThat(trace(doc(), "ingress-nginx-controller-n1", "api:80", "tcp/80").disposition()).isEqualTo(Disposition.NAME_NOT_RESOLVED);
        assertThat(trace(doc(), "ingress-nginx-controller-n1", "api.shop:80", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(doc(), "ingress-nginx-controller-n1", "api.shop.svc.cluster.local:80", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(doc(), "api-0", "web:80", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
    }
}
