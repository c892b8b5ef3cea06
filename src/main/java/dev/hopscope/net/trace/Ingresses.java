package dev.hopscope.net.trace;

import dev.hopscope.model.Ingress;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Labels;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.Service;

import java.util.List;
import java.util.Optional;

/**
 * Ingress controllers as the tracer meets them: a TCP request delivered to a pod that an Ingress
 * names as its controller ends there (the controller terminates TCP), and the controller opens a
 * connection of its own to the Service its rules choose for the request's host and path: to the
 * Service's ClusterIP and port, where kube-proxy picks an endpoint (ingress-nginx does this with
 * {@code service-upstream}; by default it picks the endpoint itself, which reaches the same pods).
 */
final class Ingresses {
    private final Tracer tracer;

    Ingresses(Tracer tracer) { this.tracer = tracer; }

    /** {@code t} carried on by the Ingress controller it reached, or {@code t} unchanged when it reached none. */
    Trace carryOn(Trace t, String host, String path, boolean recordHops) {
        if (!t.disposition().isSuccessful() || t.probe().proto() != Proto.TCP) return t;
        if (!(t.request().outcome() instanceof StepDetail.SocketReached reached)) return t;
        var doc = tracer.dataplane().document();
        Pod controller = doc.get(reached.socket().owner(), Pod.class).orElse(null);
        if (controller == null) return t;
        List<Ingress> served = doc.all(Ingress.class).stream().filter(i -> Labels.matches(i.controller(), controller.labels())).toList();
        if (served.isEmpty()) return t;
        Optional<Ingress.Routed> routed = Ingress.route(served, host, path);
        if (routed.isEmpty()) return ended(t, new Proxied(controller.id(), host, path, routed, null, Optional.empty()));
        Ingress in = routed.get().ingress();
        Ingress.Backend b = routed.get().match().backend();
        Service svc = doc.all(Service.class).stream().filter(s -> s.name().equals(b.service()) && s.namespace().equals(in.namespace()))
                .findFirst().orElse(null);
        Service.ServicePort sp = svc == null ? null : svc.ports().stream().filter(p -> p.proto() == Proto.TCP
                && (b.portName() != null ? b.portName().equals(p.name()) : p.port() == b.port())).findFirst().orElse(null);
        Ipv4 cip = svc == null ? null : tracer.dataplane().addressing().clusterIps().get(svc.id());
        if (sp == null || cip == null) return ended(t, new Proxied(controller.id(), host, path, routed, null, Optional.empty()));
        Target to = new Target(cip, sp.port(), new Target.ClusterIp(svc.id(), sp.port()), Optional.empty(), Optional.empty());
        Trace second = tracer.connect(controller, svc.name(), to, Probe.tcp(sp.port()), recordHops);
        Proxied p = new Proxied(controller.id(), host, path, routed, svc.id(), Optional.of(second));
        return new Trace(t.from(), t.to(), t.probe(), t.target(), second.disposition(), tracer.narrator().proxied(p) + "; " + second.reason(),
                t.request(), t.reply(), t.alternatives(), t.branches(), Optional.of(p), t.dnsQuery());
    }

    /** The controller answers the request itself (404: no rule; 503: no such Service or port): the application is not reached. */
    private Trace ended(Trace t, Proxied p) {
        return new Trace(t.from(), t.to(), t.probe(), t.target(), Disposition.NO_LISTENER, tracer.narrator().proxied(p),
                t.request(), t.reply(), t.alternatives(), t.branches(), Optional.of(p), t.dnsQuery());
    }
}
