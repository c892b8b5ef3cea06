package dev.hopscope.net;

import dev.hopscope.model.Document;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NetworkPolicy is enforced at the pod, whichever way the packet comes: from a pod on the same
 * node (bridged on cni0), from a pod on another node (routed), straight to the pod or through a
 * Service's DNAT. The policy admits only app=a into b's pods on tcp/8080; the c pods have an
 * egress policy that allows everything, which must not open b (one FORWARD pass on b's node
 * checks c's egress and b's ingress, as two nodes would).
 */
class NetworkPolicyPlacementTest {

    static Document cluster() {
        Document d = EngineBehaviourTest.cluster(Service.TrafficPolicy.CLUSTER, Map.of("app", "web"));
        return d
                .with(pod("a-near", "h2", "a")).with(pod("c-near", "h2", "c"))
                .with(pod("a-far", "h1", "a")).with(pod("c-far", "h1", "c"))
                .with(new Pod("b", "b", "default", "h2", Map.of("app", "b"),
                        List.of(new Pod.PodContainer("b", "nginx", List.of(Socket.tcp(8080)))), false, null, null))
                .with(new Service("bsvc", "bsvc", "default", Service.Type.CLUSTER_IP, null,
                        List.of(new Service.ServicePort("http", 80, 8080, 0, Proto.TCP)), Map.of("app", "b"), null))
                .with(new NetworkPolicy("np", "b-from-a", "default", Map.of("app", "b"), true, false,
                        List.of(new NetworkPolicy.Rule(List.of(new NetworkPolicy.Peer(Map.of("app", "a"), null, null)),
                                List.of(new NetworkPolicy.PortSpec(Proto.TCP, 8080)))), List.of()))
                .with(new NetworkPolicy("c-out", "c-egress-anywhere", "default", Map.of("app", "c"), false, true,
                        List.of(), List.of(new NetworkPolicy.Rule(List.of(), List.of()))));
    }

    static Pod pod(String id, String node, String app) {
        return new Pod(id, id, "default", node, Map.of("app", app), List.of(), false, null, null);
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
            "a-near, b:8080, DELIVERED",
            "c-near, b:8080, DENIED",
            "a-far,  b:8080, DELIVERED",
            "c-far,  b:8080, DENIED",
            "a-near, bsvc:80, DELIVERED",
            "c-near, bsvc:80, DENIED",
            "a-far,  bsvc:80, DELIVERED",
            "c-far,  bsvc:80, DENIED",
    })
    void thePolicyHoldsWhereverThePeerIs(String from, String to, Disposition expected) {
        Document d = cluster();
        String target = to.startsWith("b:") ? Network.compile(d).tracer().targets().addresses(d.node("b").orElseThrow()).get(0) + ":8080" : to;
        Trace t = Network.compile(d).trace(from, target, Probe.tcp(Integer.parseInt(to.substring(to.indexOf(':') + 1))));
        assertThat(t.disposition()).as(t.reason()).isEqualTo(expected);
        if (expected == Disposition.DENIED) assertThat(t.reason()).contains("b-from-a");
    }
}
