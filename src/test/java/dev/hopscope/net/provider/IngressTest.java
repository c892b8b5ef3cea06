package dev.hopscope.net.provider;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.Ingress.Backend;
import dev.hopscope.model.Ingress.IngressPath;
import dev.hopscope.model.Ingress.IngressRule;
import dev.hopscope.model.Ingress.PathType;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Probe;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Proxied;
import dev.hopscope.net.trace.StepDetail;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingress: the rules as the Ingress specification (kubernetes.io/docs/concepts/services-networking/ingress,
 * "Examples" table of path matching) and ingress-nginx's server blocks choose, and the two
 * connections a request through a controller makes.
 */
class IngressTest {

    static Document sample() { return DocumentCodec.load(Path.of("samples", "ingress-metallb.json")); }

    static Trace trace(Document d, String from, String to, String probe) {
        return dev.hopscope.net.Network.compile(d).trace(from, to, Probe.parse(probe));
    }

    private static Ingress ingress(String host, IngressPath... paths) {
        return new Ingress("i", "i", "default", null, null, List.of(new IngressRule(host, List.of(paths))), null);
    }

    private static IngressPath prefix(String path, String svc) { return new IngressPath(path, PathType.PREFIX, new Backend(svc, 80, null)); }

    private static String backend(List<Ingress> in, String host, String path) {
        return Ingress.route(in, host, path).map(r -> r.match().backend().service()).orElse("404");
    }

    @Test
    void pathsMatchAsTheSpecificationsTableSays() {
        // the table's rows: Prefix /foo matches /foo, /foo/ and /foo/bar, not /foobar; Prefix /aaa/bbb/ matches /aaa/bbb
        List<Ingress> foo = List.of(ingress(null, prefix("/foo", "foo")));
        assertThat(backend(foo, "x", "/foo")).isEqualTo("foo");
        assertThat(backend(foo, "x", "/foo/")).isEqualTo("foo");
        assertThat(backend(foo, "x", "/foo/bar")).isEqualTo("foo");
        assertThat(backend(foo, "x", "/foobar")).isEqualTo("404");
        assertThat(backend(List.of(ingress(null, prefix("/aaa/bbb/", "b"))), "x", "/aaa/bbb")).isEqualTo("b");
        // Exact /foo does not match /foo/; the longest path wins, Exact before Prefix of the same path
        List<Ingress> mixed = List.of(ingress(null, new IngressPath("/foo", PathType.EXACT, new Backend("exact", 80, null)),
                prefix("/foo", "prefix"), prefix("/", "root")));
        assertThat(backend(mixed, "x", "/foo")).isEqualTo("exact");
        assertThat(backend(mixed, "x", "/foo/")).isEqualTo("prefix");
        assertThat(backend(mixed, "x", "/bar")).isEqualTo("root");
    }

    @Test
    void aHostRuleTakesItsHostEvenWhereItsPathsDoNotMatch() {
        // ingress-nginx: a host with a server block of its own never falls back to the catch-all server
        Ingress hosts = new Ingress("a", "a", "default", null, null, List.of(
                new IngressRule("shop.example.com", List.of(prefix("/api", "api"))),
                new IngressRule("*.example.com", List.of(prefix("/", "wild"))),
                new IngressRule(null, List.of(prefix("/", "any")))), new Backend("fallback", 80, null));
        assertThat(backend(List.of(hosts), "shop.example.com", "/api/v1")).isEqualTo("api");
        assertThat(backend(List.of(hosts), "SHOP.example.com", "/")).as("no path of its server matches: the default backend").isEqualTo("fallback");
        assertThat(backend(List.of(hosts), "blog.example.com", "/")).isEqualTo("wild");
        assertThat(backend(List.of(hosts), "a.b.example.com", "/")).as("a wildcard covers one label").isEqualTo("any");
        assertThat(backend(List.of(hosts), "192.168.50.240", "/")).isEqualTo("any");
    }

    @Test
    void theRequestEndsAtTheControllerWhichOpensASecondConnectionToTheChosenService() {
        Trace t = trace(sample(), "ext", "shop.example.com/api", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(t.hops().get(0).detail()).isInstanceOfSatisfying(DnsLookup.class, l -> {
            assertThat(l.address()).contains(Ipv4.parse("192.168.50.240"));
            assertThat(((DnsLookup.Found) l.answer()).record()).isInstanceOf(DnsLookup.IngressHost.class);
        });
        StepDetail.SocketReached first = (StepDetail.SocketReached) t.request().outcome();
        assertThat(first.socket().owner()).as("MetalLB announces from n2 (see LoadBalancerTest), Local keeps it there")
                .isEqualTo("ingress-nginx-controller-n2");
        assertThat(first.seenSource()).isEqualTo(Ipv4.parse("192.168.50.100"));
        Proxied p = t.proxied().orElseThrow();
        assertThat(p.host()).isEqualTo("shop.example.com");
        assertThat(p.path()).isEqualTo("/api");
        assertThat(p.viaRule()).isTrue();
        assertThat(p.routed().orElseThrow().match().path().path()).isEqualTo("/api");
        assertThat(p.service()).isEqualTo("api");
        Trace second = p.connection().orElseThrow();
        assertThat(second.from()).isEqualTo("ingress-nginx-controller-n2");
        StepDetail.SocketReached backend = (StepDetail.SocketReached) second.request().outcome();
        assertThat(backend.socket().owner()).isEqualTo("api-0");
        assertThat(backend.seenSource()).as("the backend sees the controller, not the client").isEqualTo(Ipv4.parse("10.244.2.2"));
        assertThat(second.reply().disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(trace(sample(), "ext", "shop.example.com/", "tcp/80").proxied().orElseThrow().service()).isEqualTo("web");
    }

    @Test
    void withoutTheHostNoRuleMatchesAndTheControllerAnswers404() {
        Trace t = trace(sample(), "ext", "192.168.50.240/api", "tcp/80");
        assertThat(t.request().disposition()).as("the TCP connection itself works").isEqualTo(Disposition.DELIVERED);
        assertThat(t.disposition()).isEqualTo(Disposition.NO_LISTENER);
        assertThat(t.proxied().orElseThrow().routed()).isEmpty();
        assertThat(t.reason()).contains("404");
    }

    @Test
    void aRuleNamingAMissingServiceGets503() {
        Document d = sample().update("shop-ingress", n -> new Ingress(n.id(), n.name(), "shop", "nginx", null,
                List.of(new IngressRule("shop.example.com", List.of(prefix("/", "gone")))), null));
        Trace t = trace(d, "ext", "shop.example.com/", "tcp/80");
        assertThat(t.disposition()).isEqualTo(Disposition.NO_LISTENER);
        assertThat(t.proxied().orElseThrow().service()).isNull();
        assertThat(t.reason()).contains("503");
    }

    @Test
    void thePolicyLetsTheControllerReachApiButNotAnotherPod() {
        assertThat(trace(sample(), "web-0", "api", "tcp/80").disposition()).isEqualTo(Disposition.DENIED);
        Document noNamespaceMatch = sample().update("ns-ingress-nginx", n -> ((dev.hopscope.model.KubeNamespace) n).withName("other"));
        // the controller pods still say namespace ingress-nginx, whose automatic name label still matches
        assertThat(trace(noNamespaceMatch, "ext", "shop.example.com/api", "tcp/80").disposition()).isEqualTo(Disposition.DELIVERED);
        Document otherController = sample().update("api-from-ingress", n -> {
            var np = (dev.hopscope.model.NetworkPolicy) n;
            return new dev.hopscope.model.NetworkPolicy(np.id(), np.name(), np.namespace(), np.podSelector(), true, false,
                    List.of(new dev.hopscope.model.NetworkPolicy.Rule(List.of(new dev.hopscope.model.NetworkPolicy.Peer(
                            Map.of("app.kubernetes.io/component", "controller"), Map.of("kubernetes.io/metadata.name", "shop"), null)), List.of())),
                    List.of());
        });
        Trace denied = trace(otherController, "ext", "shop.example.com/api", "tcp/80");
        assertThat(denied.disposition()).as("both selectors must hold: the controller is not in shop").isEqualTo(Disposition.DENIED);
        assertThat(denied.request().disposition()).isEqualTo(Disposition.DELIVERED);
    }
}
