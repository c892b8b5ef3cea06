package dev.hopscope.model.edit;

import dev.hopscope.model.Document;
import dev.hopscope.model.Ingress;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Edits of the Kubernetes objects the canvas does not draw: Namespaces (a name and labels for
 * NetworkPolicies' namespaceSelector) and Ingresses (HTTP rules an Ingress controller serves).
 * An Ingress's rules are edited as a table of rows, one per path (host, path, pathType, Service,
 * port), and written back as Kubernetes groups them: consecutive rows of one host form one rule.
 */
public final class KubeObjects {
    private KubeObjects() {}

    /** A new namespace, named namespace-1, namespace-2, ... (a name no node and no pod's namespace has). */
    public static Outcome addNamespace(Document doc) {
        String name = "namespace-1";
        for (int i = 1; !Names.free(doc, name) || namespaceInUse(doc, name); i++) name = "namespace-" + i;
        KubeNamespace ns = new KubeNamespace(name, name, Map.of());
        return Outcome.done(doc.with(ns), "Add namespace " + name);
    }

    private static boolean namespaceInUse(Document doc, String name) {
        for (Node n : doc.nodes()) if (name.equals(namespaceOf(n))) return true;
        return false;
    }

    /**
     * A new Ingress in namespace default served by ingress-nginx's controller pods
     * ({@link Ingress#DEFAULT_CONTROLLER}), with ingress class nginx. When the namespace has a
     * Service with a port, one rule sends every host's / to its first port, so the Ingress does
     * something from the start; otherwise it has no rules yet.
     */
    public static Outcome addIngress(Document doc) {
        String name = Names.first(doc, "ingress");
        List<Ingress.IngressRule> rules = new ArrayList<>();
        for (Service s : doc.all(Service.class)) {
            if (!s.namespace().equals("default") || s.type() == Service.Type.EXTERNAL_NAME || s.ports().isEmpty()) continue;
            Ingress.Backend b = new Ingress.Backend(s.name(), s.ports().get(0).port(), null);
            rules.add(new Ingress.IngressRule(null, List.of(new Ingress.IngressPath("/", Ingress.PathType.PREFIX, b))));
            break;
        }
        Ingress in = new Ingress(name, name, "default", "nginx", Ingress.DEFAULT_CONTROLLER, rules, null);
        return Outcome.done(doc.with(in), "Add Ingress " + name);
    }

    /** The namespace a node is in (null for nodes outside Kubernetes' namespaces, and for a namespace itself). */
    public static String namespaceOf(Node n) {
        if (n instanceof Pod p) return p.namespace();
        if (n instanceof Service s) return s.namespace();
        if (n instanceof Ingress i) return i.namespace();
        if (n instanceof NetworkPolicy np) return np.namespace();
        return null;
    }

    /**
     * A namespace renamed, with everything in it: its pods, Services, Ingresses and policies move
     * along (Kubernetes cannot rename a namespace; in a design, renaming it means this). Refused
     * when another namespace object has that name.
     */
    public static Outcome renameNamespace(Document doc, String id, String name) {
        KubeNamespace ns = doc.get(id, KubeNamespace.class).orElse(null);
        if (ns == null) return Outcome.refused("that namespace is gone");
        if (ns.name().equals(name)) return Outcome.done(doc, "Rename namespace " + name);
        for (KubeNamespace other : doc.all(KubeNamespace.class))
            if (!other.id().equals(id) && other.name().equals(name)) return Outcome.refused("there is a namespace " + name + " already");
        String old = ns.name();
        List<Node> out = new ArrayList<>();
        for (Node n : doc.nodes()) {
            if (n.id().equals(id)) out.add(ns.withName(name));
            else if (!old.equals(namespaceOf(n))) out.add(n);
            else if (n instanceof Pod p) out.add(p.withNamespace(name));
            else if (n instanceof Service s) out.add(s.withNamespace(name));
            else if (n instanceof Ingress i) out.add(i.withNamespace(name));
            else if (n instanceof NetworkPolicy np) out.add(new NetworkPolicy(np.id(), np.name(), name, np.podSelector(), np.ingressIsolated(),
                    np.egressIsolated(), np.ingress(), np.egress(), np.podSelectorExpressions()));
            else out.add(n);
        }
        return Outcome.done(doc.withNodes(out), "Rename namespace " + old + " to " + name);
    }

    /** One row of an Ingress's rules table: a path of a rule, with the rule's host (null: every host). */
    public record RuleRow(String host, String path, Ingress.PathType pathType, String service, int port, String portName) {
        public RuleRow {
            if (host != null && host.isBlank()) host = null;
            if (path == null || path.isBlank()) path = "/";
            if (pathType == null) pathType = Ingress.PathType.PREFIX;
            if (portName != null && portName.isBlank()) portName = null;
        }

        public Ingress.Backend backend() { return new Ingress.Backend(service, port, portName); }

        public RuleRow withHost(String v) { return new RuleRow(v, path, pathType, service, port, portName); }
        public RuleRow withPath(String v) { return new RuleRow(host, v, pathType, service, port, portName); }
        public RuleRow withPathType(Ingress.PathType v) { return new RuleRow(host, path, v, service, port, portName); }
        public RuleRow withService(String v) { return new RuleRow(host, path, pathType, v, port, portName); }
        public RuleRow withPort(int number, String name) { return new RuleRow(host, path, pathType, service, name == null ? number : 0, name); }
    }

    /** The rules as rows, one per path, in order. */
    public static List<RuleRow> rows(Ingress in) {
        List<RuleRow> out = new ArrayList<>();
        for (Ingress.IngressRule r : in.rules())
            for (Ingress.IngressPath p : r.paths())
                out.add(new RuleRow(r.host(), p.path(), p.pathType(), p.backend().service(), p.backend().port(), p.backend().portName()));
        return out;
    }

    /** The Ingress with these rows as its rules: consecutive rows of one host form one rule, as they were read. */
    public static Ingress withRows(Ingress in, List<RuleRow> rows) {
        List<Ingress.IngressRule> rules = new ArrayList<>();
        String host = null;
        List<Ingress.IngressPath> paths = null;
        for (RuleRow row : rows) {
            if (paths == null || !java.util.Objects.equals(host, row.host())) {
                if (paths != null) rules.add(new Ingress.IngressRule(host, paths));
                host = row.host();
                paths = new ArrayList<>();
            }
            paths.add(new Ingress.IngressPath(row.path(), row.pathType(), row.backend()));
        }
        if (paths != null) rules.add(new Ingress.IngressRule(host, paths));
        // a rule that had no paths (nothing to route) is kept where the table cannot show it: after the others
        for (Ingress.IngressRule r : in.rules()) if (r.paths().isEmpty()) rules.add(r);
        return withRules(in, rules);
    }

    public static Ingress withRules(Ingress in, List<Ingress.IngressRule> rules) {
        return new Ingress(in.id(), in.name(), in.namespace(), in.ingressClassName(), in.controller(), rules, in.defaultBackend());
    }

    public static Ingress withClassName(Ingress in, String v) {
        return new Ingress(in.id(), in.name(), in.namespace(), v, in.controller(), in.rules(), in.defaultBackend());
    }

    public static Ingress withDefaultBackend(Ingress in, Ingress.Backend v) {
        return new Ingress(in.id(), in.name(), in.namespace(), in.ingressClassName(), in.controller(), in.rules(), v);
    }

    /**
     * A new row for the table: the next path of the last row's host to the same Service, or, in an
     * empty table, / to the namespace's first Service.
     */
    public static RuleRow newRow(Document doc, Ingress in) {
        List<RuleRow> rows = rows(in);
        if (!rows.isEmpty()) {
            RuleRow last = rows.get(rows.size() - 1);
            String path = "/";
            for (int i = 1; ; i++) {
                String p = "/path" + (i == 1 ? "" : "-" + i);
                final String candidate = p;
                if (rows.stream().noneMatch(r -> java.util.Objects.equals(r.host(), last.host()) && r.path().equals(candidate))) { path = p; break; }
            }
            return new RuleRow(last.host(), path, Ingress.PathType.PREFIX, last.service(), last.port(), last.portName());
        }
        for (Service s : doc.all(Service.class))
            if (s.namespace().equals(in.namespace()) && s.type() != Service.Type.EXTERNAL_NAME && !s.ports().isEmpty())
                return new RuleRow(null, "/", Ingress.PathType.PREFIX, s.name(), s.ports().get(0).port(), null);
        return new RuleRow(null, "/", Ingress.PathType.PREFIX, "web", 80, null);
    }

    /**
     * Null when the Ingress's namespace has a Service of that name with that port (by number or
     * by name), else why not, naming the Services and ports there are.
     */
    public static String backendProblem(Document doc, String namespace, String service, int port, String portName) {
        List<Service> here = doc.all(Service.class).stream().filter(s -> s.namespace().equals(namespace)).toList();
        Service s = here.stream().filter(x -> x.name().equals(service)).findFirst().orElse(null);
        if (s == null)
            return "namespace " + namespace + " has no Service " + service
                    + (here.isEmpty() ? "" : " (its Services: " + String.join(", ", here.stream().map(Service::name).toList()) + ")");
        boolean has = s.ports().stream().anyMatch(p -> portName != null ? portName.equals(p.name()) : p.port() == port);
        if (has) return null;
        String ports = String.join(", ", s.ports().stream().map(p -> p.name() == null ? Integer.toString(p.port()) : p.port() + " (" + p.name() + ")").toList());
        return "Service " + service + " has no port " + (portName != null ? portName : Integer.toString(port))
                + (ports.isEmpty() ? "" : " (its ports: " + ports + ")");
    }
}
