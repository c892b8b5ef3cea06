package dev.hopscope.io.imports;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Labels;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes manifests (many YAML documents, {@code kind: List}) as a cluster: nodes
 * {@code node-1}, {@code node-2}, ... (two, or as many as nodeName/nodeSelector name) on one LAN,
 * each with a {@code cni0} bridge for its pod CIDR 10.244.N.0/24; pods of Pods, Deployments,
 * ReplicaSets, StatefulSets (NAME-0, NAME-1, ...) spread round-robin over the nodes, a
 * DaemonSet's on every node; Services and NetworkPolicies as they are written.
 */
final class KubernetesImporter {

    static final Set<String> WORKLOADS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController");
    static final Set<String> OBJECT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Pattern NODE_N = Pattern.compile("node-(\\d+)");
    private static final int MAX_REPLICAS = 1000;

    private final Diagnostics diag;
    private final Ids ids = new Ids();

    KubernetesImporter(Diagnostics diag) { this.diag = diag; }

    /** One pod to create: its name as Kubernetes gives it and what its template says. */
    private record PodPlan(String name, PodTemplate template, boolean daemon) {}

    private final Map<String, SourceNode> origins = new LinkedHashMap<>();

    Importer.Imported read(List<SourceNode> documents) {
        List<SourceNode> objects = new ArrayList<>();
        for (SourceNode d : documents) flatten(d, objects, 0);

        List<PodPlan> plans = new ArrayList<>();
        this.plans = plans;
        List<SourceNode> services = new ArrayList<>(), policies = new ArrayList<>();
        for (SourceNode o : objects) {
            String kind = diag.string(o.get("kind"), "kind");
            if (WORKLOADS.contains(kind)) plans.addAll(workload(kind, o));
            else if (kind.equals("Service")) services.add(o);
            else if (kind.equals("NetworkPolicy")) policies.add(o);
            else if (!kind.equals("Namespace"))
                diag.warn(o.get("kind"), "kind " + kind + " is skipped: it does not change how packets flow");
        }

        // names people type first: pods, then Services and policies, then what the import invents
        Map<PodPlan, String> podIds = new LinkedHashMap<>();
        for (PodPlan p : plans) podIds.put(p, ids.claim(p.name()));
        List<String> nodeNames = nodeNames(plans);
        Map<String, String> nodeIds = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<Node> serviceNodes = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        for (SourceNode s : services) {
            String name = name(s), id = ids.claim(ids.taken(name) ? name + "-svc" : name);
            serviceNodes.add(new ServiceReader(diag, this::podsFor).read(id, name, namespace(s), diag.map(s.get("spec"), "spec")));
        }
        List<Node> policyNodes = new ArrayList<>();
        NetworkPolicyReader policyReader = new NetworkPolicyReader(diag, (ns, port) -> namedPort(plans, ns, port));
        for (SourceNode p : policies) {
            String name = name(p), id = ids.claim(ids.taken(name) ? name + "-policy" : name);
            policyNodes.add(policyReader.read(id, name, namespace(p), diag.map(p.get("spec"), "spec")));
        }
        String lanId = ids.claim("lan");
        nodes.add(Site.lan(lanId));
        for (int i = 0; i < nodeNames.size(); i++) {
            String name = nodeNames.get(i), id = ids.claim(name);
            nodeIds.put(name, id);
            nodes.add(new Host(id, name, Host.Role.K8S_NODE, lanId, Site.hostAddress(i), true, 1500, List.of()));
            nodes.add(new Bridge(ids.claim(name + "-cni0"), "cni0", id, Bridge.Kind.CNI, "10.244." + (i + 1) + ".0/24", null, null, null, null));
        }

        int next = 0;
        for (PodPlan p : plans) {
            String node;
            if (p.template().pinnedNode() != null) node = nodeIds.get(p.template().pinnedNode());
            else if (p.daemon()) node = null; // placed below, one per node
            else node = nodeIds.get(nodeNames.get(next++ % nodeNames.size()));
            PodTemplate t = p.template();
            pods.add(new Pod(podIds.get(p), p.name(), t.namespace(), node, t.labels(), t.containers(), t.hostNetwork(), null, null));
        }
        nodes.addAll(placeDaemons(pods, plans, nodeIds));
        nodes.addAll(serviceNodes);
        nodes.addAll(policyNodes);
        nodes.add(Site.client(ids.claim(Site.EXTERNAL), lanId));
        return new Importer.Imported(new Document(title(), "Imported from " + diag.file(), null, nodes, Map.of()), origins);
    }

    /** Every pod to create, for Services to resolve their named target ports against. */
    private List<PodPlan> plans = List.of();

    private List<PodTemplate> podsFor(String namespace, Map<String, String> selector) {
        List<PodTemplate> out = new ArrayList<>();
        for (PodPlan p : plans)
            if (p.template().namespace().equals(namespace) && !selector.isEmpty() && Labels.matches(selector, p.template().labels()))
                out.add(p.template());
        return out;
    }

    private Integer namedPort(List<PodPlan> plans, String namespace, String name) {
        for (PodPlan p : plans)
            if (p.template().namespace().equals(namespace) && p.template().portNames().containsKey(name))
                return p.template().portNames().get(name);
        return null;
    }

    private void flatten(SourceNode d, List<SourceNode> out, int depth) {
        if (d.isNull()) return;
        if (!d.isMap()) throw diag.error(d, "a manifest must be a mapping with apiVersion and kind, not " + d.describe());
        String kind = diag.string(d.get("kind"), "kind");
        if (kind != null && kind.endsWith("List") && d.has("items")) {
            if (depth > 3) throw diag.error(d, "lists nested in lists too deeply");
            for (SourceNode item : diag.items(d.get("items"), "items")) flatten(item, out, depth + 1);
            return;
        }
        if (kind == null || !d.has("apiVersion"))
            throw diag.error(d, "a manifest needs apiVersion and kind" + (kind == null ? "" : " (kind " + kind + " has no apiVersion)"));
        out.add(d);
    }

    private List<PodPlan> workload(String kind, SourceNode o) {
        diag.unknownKeys(o, OBJECT_KEYS, kind + " '" + name(o) + "'", false);
        String name = name(o);
        String where = kind + " '" + name + "'";
        String ns = namespace(o);
        SourceNode spec = diag.map(o.get("spec"), "spec of " + where);
        if (kind.equals("Pod")) return List.of(new PodPlan(name, PodTemplate.read(diag, ns, o.get("metadata"), spec, where), false));
        if (spec == null) throw diag.error(o, where + " has no spec");
        SourceNode template = diag.map(spec.get("template"), "template of " + where);
        if (template == null) throw diag.error(spec, where + " has no pod template (spec.template)");
        diag.unknownKeys(template, Set.of("metadata", "spec"), "the template of " + where, false);
        PodTemplate t = PodTemplate.read(diag, ns, template.get("metadata"), diag.map(template.get("spec"), "template spec"), where);
        if (kind.equals("DaemonSet")) return List.of(new PodPlan(name, t, true));
        int replicas = diag.integer(spec.get("replicas"), "replicas", 0, MAX_REPLICAS, 1);
        if (kind.equals("StatefulSet") && !spec.has("serviceName"))
            diag.warn(spec, where + " names no serviceName (the headless Service that gives its pods DNS names)");
        List<PodPlan> out = new ArrayList<>();
        for (int i = 0; i < replicas; i++) out.add(new PodPlan(name + "-" + i, t, false));
        return out;
    }

    /** A DaemonSet's one plan becomes a pod per node (or on its pinned node only): NAME-0, NAME-1, ... */
    private List<Pod> placeDaemons(List<Pod> pods, List<PodPlan> plans, Map<String, String> nodeIds) {
        List<Pod> out = new ArrayList<>();
        for (int i = 0; i < pods.size(); i++) {
            Pod p = pods.get(i);
            PodPlan plan = plans.get(i);
            if (p.node() != null) { out.add(p); continue; }
            int n = 0;
            for (String nodeId : nodeIds.values()) {
                String name = plan.name() + "-" + n++;
                String id = ids.claim(name);
                out.add(new Pod(id, name, p.namespace(), nodeId, p.labels(), p.containers(), p.hostNetwork(), null, null));
            }
        }
        return out;
    }

    /** node-1..node-N (at least two, up to the highest node-N named), then other names as they appear. */
    private List<String> nodeNames(List<PodPlan> plans) {
        Set<String> named = new LinkedHashSet<>();
        for (PodPlan p : plans) if (p.template().pinnedNode() != null) named.add(p.template().pinnedNode());
        int count = 2;
        for (String n : named) {
            Matcher m = NODE_N.matcher(n);
            if (m.matches() && m.group(1).length() < 4) count = Math.max(count, Integer.parseInt(m.group(1)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) out.add("node-" + i);
        for (String n : named) if (!out.contains(n)) out.add(n);
        if (out.size() > 80) throw diag.error(null, "more than 80 nodes are named; the import lays out at most 80");
        return out;
    }

    private String name(SourceNode o) {
        SourceNode meta = diag.map(o.get("metadata"), "metadata");
        if (meta == null) throw diag.error(o, "the " + diag.string(o.get("kind"), "kind") + " has no metadata.name");
        return diag.requiredString(meta, "name", "metadata.name");
    }

    private String namespace(SourceNode o) {
        SourceNode meta = diag.map(o.get("metadata"), "metadata");
        String ns = meta == null ? null : diag.string(meta.get("namespace"), "namespace");
        return ns == null || ns.isBlank() ? "default" : ns;
    }

    private String title() {
        String f = diag.file().replace('\\', '/');
        String base = f.substring(f.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
