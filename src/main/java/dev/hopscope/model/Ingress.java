package dev.hopscope.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes Ingress ({@code networking.k8s.io/v1}): HTTP routing done by a controller pod.
 * The controller (the pods {@code controller} selects, in any namespace) terminates the client's
 * TCP connection and opens a new one to the Service that the rules choose by host and path, or to
 * the {@code defaultBackend}. Services are named in the Ingress's own namespace.
 */
public record Ingress(String id, String name, String namespace, String ingressClassName, Map<String, String> controller,
                      List<IngressRule> rules, Backend defaultBackend) implements Node {

    /** The labels ingress-nginx's chart gives its controller pods, used when none are given. */
    public static final Map<String, String> DEFAULT_CONTROLLER = Map.of("app.kubernetes.io/component", "controller");

    public enum PathType {
        PREFIX("Prefix"), EXACT("Exact"), IMPLEMENTATION_SPECIFIC("ImplementationSpecific");
        private final String label;
        PathType(String label) { this.label = label; }
        public String label() { return label; }
    }

    /** A backend Service port, by number or by the Service port's name. */
    public record Backend(String service, int port, String portName) {
        public Backend {
            if (portName != null && portName.isBlank()) portName = null;
        }
        @Override public String toString() { return service + ":" + (portName != null ? portName : Integer.toString(port)); }
    }

    public record IngressPath(String path, PathType pathType, Backend backend) {
        public IngressPath {
            if (path == null || path.isBlank()) path = "/";
            if (pathType == null) pathType = PathType.PREFIX;
        }
    }

    /** {@code host} null = every host; {@code *.example.com} matches exactly one more label. */
    public record IngressRule(String host, List<IngressPath> paths) {
        public IngressRule {
            if (host != null && host.isBlank()) host = null;
            paths = Labels.list(paths);
        }
    }

    /** What a request matched: the rule's host (null: any), the path, or the default backend (rule and path null). */
    public record Match(IngressRule rule, IngressPath path, Backend backend) {
        public boolean viaDefault() { return path == null; }
    }

    public Ingress {
        if (namespace == null || namespace.isBlank()) namespace = "default";
        controller = controller == null || controller.isEmpty() ? Labels.map(DEFAULT_CONTROLLER) : Labels.map(controller);
        rules = Labels.list(rules);
    }

    @Override public NodeKind kind() { return NodeKind.INGRESS; }

    /**
     * The backend for a request to {@code host} and {@code path}, as the Ingress specification
     * says: rules with an exact host before wildcard hosts before rules for any host; within the
     * chosen rule the longest matching path, an Exact path before a Prefix one of the same length;
     * Prefix matches whole path elements ({@code /foo} matches {@code /foo/bar}, not {@code /foobar}).
     * Without a match, the default backend, if any.
     */
    public Optional<Match> route(String host, String path) {
        String h = host == null ? null : host.toLowerCase(Locale.ROOT);
        String p = path == null || path.isEmpty() ? "/" : path;
        List<IngressRule> candidates = new ArrayList<>();
        for (IngressRule r : rules) if (r.host() != null && h != null && r.host().toLowerCase(Locale.ROOT).equals(h)) candidates.add(r);
        for (IngressRule r : rules) if (r.host() != null && h != null && wildcard(r.host(), h)) candidates.add(r);
        for (IngressRule r : rules) if (r.host() == null) candidates.add(r);
        for (IngressRule r : candidates) {
            Optional<IngressPath> best = r.paths().stream().filter(x -> pathMatches(x, p))
                    .max(Comparator.<IngressPath>comparingInt(x -> x.path().length()).thenComparing(x -> x.pathType() == PathType.EXACT));
            if (best.isPresent()) return Optional.of(new Match(r, best.get(), best.get().backend()));
        }
        return defaultBackend == null ? Optional.empty() : Optional.of(new Match(null, null, defaultBackend));
    }

    /** Which Ingress answered a request and how (see {@link #route(List, String, String)}). */
    public record Routed(Ingress ingress, Match match) {}

    /**
     * The backend for a request among every Ingress one controller serves, as ingress-nginx merges
     * them into server blocks: the request goes to the rules of exactly its host if any Ingress
     * has such a rule, else to those of a matching wildcard host, else to the rules without a host;
     * among those, the longest matching path wins (Exact before Prefix on a tie; then document
     * order). When that server has no matching path, or no server takes the host, the first
     * default backend in document order; none: the controller answers 404 itself.
     */
    public static Optional<Routed> route(List<Ingress> ingresses, String host, String path) {
        String h = host == null ? null : host.toLowerCase(Locale.ROOT);
        String p = path == null || path.isEmpty() ? "/" : path;
        int server = 3;
        for (Ingress in : ingresses) for (IngressRule r : in.rules()) server = Math.min(server, hostRank(r, h));
        Routed best = null;
        int bestLength = -1;
        boolean bestExact = false;
        for (Ingress in : ingresses)
            for (IngressRule r : in.rules()) {
                if (server == 3 || hostRank(r, h) != server) continue;
                for (IngressPath x : r.paths()) {
                    if (!pathMatches(x, p)) continue;
                    int length = x.path().length();
                    boolean exact = x.pathType() == PathType.EXACT;
                    if (length > bestLength || length == bestLength && exact && !bestExact) {
                        best = new Routed(in, new Match(r, x, x.backend()));
                        bestLength = length;
                        bestExact = exact;
                    }
                }
            }
        if (best != null) return Optional.of(best);
        for (Ingress in : ingresses)
            if (in.defaultBackend() != null) return Optional.of(new Routed(in, new Match(null, null, in.defaultBackend())));
        return Optional.empty();
    }

    /** 0: the rule is for exactly this host; 1: for a wildcard that covers it; 2: for any host; 3: not for it. */
    private static int hostRank(IngressRule r, String host) {
        if (r.host() == null) return 2;
        if (host == null) return 3;
        if (r.host().toLowerCase(Locale.ROOT).equals(host)) return 0;
        return wildcard(r.host(), host) ? 1 : 3;
    }

    private static boolean wildcard(String ruleHost, String host) {
        if (!ruleHost.startsWith("*.")) return false;
        String suffix = ruleHost.substring(1).toLowerCase(Locale.ROOT);
        return host.endsWith(suffix) && host.indexOf('.') == host.length() - suffix.length();
    }

    static boolean pathMatches(IngressPath x, String path) {
        if (x.pathType() == PathType.EXACT) return x.path().equals(path);
        String prefix = x.path().endsWith("/") && x.path().length() > 1 ? x.path().substring(0, x.path().length() - 1) : x.path();
        if (prefix.equals("/")) return true;
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Every Service this Ingress sends to, in order, without repeats. */
    public List<String> services() {
        List<String> out = new ArrayList<>();
        for (IngressRule r : rules) for (IngressPath p : r.paths()) if (!out.contains(p.backend().service())) out.add(p.backend().service());
        if (defaultBackend != null && !out.contains(defaultBackend.service())) out.add(defaultBackend.service());
        return out;
    }

    public Ingress withName(String v) { return new Ingress(id, v, namespace, ingressClassName, controller, rules, defaultBackend); }
    public Ingress withNamespace(String v) { return new Ingress(id, name, v, ingressClassName, controller, rules, defaultBackend); }
    public Ingress withController(Map<String, String> v) { return new Ingress(id, name, namespace, ingressClassName, v, rules, defaultBackend); }
    public Ingress withId(String v) { return new Ingress(v, name, namespace, ingressClassName, controller, rules, defaultBackend); }
}
