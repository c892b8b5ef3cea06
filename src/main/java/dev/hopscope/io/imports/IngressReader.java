package dev.hopscope.io.imports;

import dev.hopscope.model.Ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@code networking.k8s.io/v1} Ingress as the model's {@link Ingress}: ingressClassName, the
 * rules (host, paths with pathType, backend Service by name with its port by number or name) and
 * the defaultBackend. TLS is read but not modelled (the controller terminates it as it terminates
 * TCP); a {@code resource} backend sends to no Service and is warned about.
 */
final class IngressReader {
    private static final Set<String> SPEC_KEYS = Set.of("ingressClassName", "defaultBackend", "rules", "tls");

    private final Diagnostics diag;

    IngressReader(Diagnostics diag) { this.diag = diag; }

    Ingress read(String id, String name, String namespace, SourceNode object) {
        String where = "Ingress '" + name + "'";
        String api = diag.string(object.get("apiVersion"), "apiVersion");
        if (api != null && !api.equals("networking.k8s.io/v1"))
            diag.warn(object.get("apiVersion"), where + " is " + api + ": read as networking.k8s.io/v1 (the older versions were removed in Kubernetes 1.22)");
        SourceNode spec = diag.map(object.get("spec"), "spec");
        if (spec == null) throw diag.error(object, where + " has no spec");
        diag.unknownKeys(spec, SPEC_KEYS, "the spec of " + where, false);
        String className = diag.string(spec.get("ingressClassName"), "ingressClassName");
        if (className == null) {
            SourceNode meta = diag.map(object.get("metadata"), "metadata");
            SourceNode annotations = meta == null ? null : diag.map(meta.get("annotations"), "annotations");
            if (annotations != null) className = diag.string(annotations.get("kubernetes.io/ingress.class"), "kubernetes.io/ingress.class");
        }
        Ingress.Backend def = spec.has("defaultBackend") ? backend(spec.get("defaultBackend"), where + " defaultBackend") : null;
        List<Ingress.IngressRule> rules = new ArrayList<>();
        for (SourceNode r : diag.items(spec.get("rules"), "rules of " + where)) {
            SourceNode rm = diag.map(r, "a rule of " + where);
            if (rm == null) continue;
            diag.unknownKeys(rm, Set.of("host", "http"), "a rule of " + where, false);
            String host = diag.string(rm.get("host"), "host");
            if (host != null && host.contains("*") && !(host.startsWith("*.") && host.indexOf('*', 1) < 0))
                throw diag.error(rm.get("host"), "host '" + host + "': a wildcard must be the whole first label ('*.example.com')");
            SourceNode http = diag.map(rm.get("http"), "http");
            List<Ingress.IngressPath> paths = new ArrayList<>();
            if (http != null) {
                diag.unknownKeys(http, Set.of("paths"), "http of " + where, false);
                for (SourceNode p : diag.items(http.get("paths"), "paths")) {
                    SourceNode pm = diag.map(p, "a path of " + where);
                    if (pm == null) continue;
                    diag.unknownKeys(pm, Set.of("path", "pathType", "backend"), "a path of " + where, false);
                    String path = diag.string(pm.get("path"), "path");
                    String typeText = diag.string(pm.get("pathType"), "pathType");
                    if (typeText == null) throw diag.error(pm, "pathType: Required value: pathType must be specified (Exact, Prefix or ImplementationSpecific)");
                    Ingress.PathType type = switch (typeText) {
                        case "Exact" -> Ingress.PathType.EXACT;
                        case "Prefix" -> Ingress.PathType.PREFIX;
                        case "ImplementationSpecific" -> Ingress.PathType.IMPLEMENTATION_SPECIFIC;
                        default -> throw diag.error(pm.get("pathType"), "pathType must be Exact, Prefix or ImplementationSpecific, not '" + typeText + "'");
                    };
                    if (path != null && !path.startsWith("/")) throw diag.error(pm.get("path"), "path '" + path + "' must be an absolute path (start with /)");
                    Ingress.Backend b = backend(pm.get("backend"), where + " path " + (path == null ? "/" : path));
                    if (b != null) paths.add(new Ingress.IngressPath(path, type, b));
                }
            }
            rules.add(new Ingress.IngressRule(host, paths));
        }
        if (rules.isEmpty() && def == null) diag.warn(spec, where + " has neither rules nor a defaultBackend: its controller answers 404 to everything");
        return new Ingress(id, name, namespace, className, null, rules, def);
    }

    private Ingress.Backend backend(SourceNode n, String where) {
        SourceNode b = diag.map(n, "the backend of " + where);
        if (b == null) throw diag.error(n, where + " needs a backend");
        diag.unknownKeys(b, Set.of("service", "resource"), "the backend of " + where, false);
        if (b.has("resource")) { diag.warn(b.get("resource"), where + ": a resource backend is not a Service and is not modelled: skipped"); return null; }
        SourceNode svc = diag.map(b.get("service"), "service");
        if (svc == null) throw diag.error(b, where + ": the backend needs a service (name and port)");
        diag.unknownKeys(svc, Set.of("name", "port"), "the backend service of " + where, false);
        String name = diag.requiredString(svc, "name", "the backend service's name");
        SourceNode port = diag.map(svc.get("port"), "port");
        if (port == null) throw diag.error(svc, where + ": the backend service needs a port (number or name)");
        diag.unknownKeys(port, Set.of("number", "name"), "the backend port of " + where, false);
        if (port.has("number") && port.has("name")) throw diag.error(port, where + ": the backend port has both number and name (give one)");
        if (port.has("number")) return new Ingress.Backend(name, diag.integer(port.get("number"), "number", 1, 65535, 0), null);
        String portName = diag.string(port.get("name"), "the backend port's name");
        if (portName == null) throw diag.error(port, where + ": the backend port needs a number or a name");
        return new Ingress.Backend(name, 0, portName);
    }
}
