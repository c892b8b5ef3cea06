package dev.hopscope.net.findings;

import dev.hopscope.model.Ingress;
import dev.hopscope.model.Service;
import dev.hopscope.net.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An Ingress rule or default backend naming a Service its namespace does not have, or a port
 * that Service does not have. The API server accepts it (the Service may come later); the
 * controller answers every request routed there with 503, as the trace shows.
 */
public final class IngressBackendCheck implements DesignCheck {

    @Override public void check(Context ctx, Consumer<Finding> out) {
        List<Service> services = ctx.doc().all(Service.class);
        for (Ingress in : ctx.doc().all(Ingress.class)) {
            for (Ingress.IngressRule r : in.rules())
                for (Ingress.IngressPath p : r.paths())
                    backend(in, "the rule for " + (r.host() == null ? "any host" : r.host()) + " path " + p.path(), p.backend(), services, out);
            if (in.defaultBackend() != null) backend(in, "the default backend", in.defaultBackend(), services, out);
        }
    }

    private static void backend(Ingress in, String where, Ingress.Backend b, List<Service> services, Consumer<Finding> out) {
        if (b == null || b.service() == null) return;
        Service svc = null;
        List<String> inNamespace = new ArrayList<>();
        for (Service s : services) {
            if (!s.namespace().equals(in.namespace())) continue;
            inNamespace.add(s.name());
            if (s.name().equals(b.service())) svc = s;
        }
        String answer = ": ingress-nginx answers every request routed there with 503 Service Temporarily Unavailable, and no pod is reached.";
        if (svc == null) {
            out.accept(new Finding(Finding.Severity.ERROR, Codes.INGRESS_BACKEND_MISSING, List.of(in.id()),
                    "Ingress " + in.name() + ": " + where + " sends to Service " + b.service() + ", which namespace " + in.namespace() + " does not have" + answer,
                    "Add Service " + b.service() + " to namespace " + in.namespace() + ", or name one it has"
                            + (inNamespace.isEmpty() ? " (it has none)." : " (" + String.join(", ", inNamespace) + ").")));
            return;
        }
        Service s = svc;
        boolean has = s.ports().stream().anyMatch(p -> b.portName() != null ? b.portName().equals(p.name()) : p.port() == b.port());
        if (has) return;
        List<String> ports = s.ports().stream().map(p -> p.port() + (p.name() == null ? "" : " (" + p.name() + ")")).toList();
        out.accept(new Finding(Finding.Severity.ERROR, Codes.INGRESS_BACKEND_MISSING, List.of(in.id(), s.id()),
                "Ingress " + in.name() + ": " + where + " sends to port " + (b.portName() != null ? "'" + b.portName() + "'" : Integer.toString(b.port()))
                        + " of Service " + s.name() + ", which has no such port" + answer,
                ports.isEmpty() ? "Give Service " + s.name() + " the port, or send to another Service."
                        : "Name a port Service " + s.name() + " has: " + String.join(", ", ports) + "."));
    }
}
