package dev.hopscope.io.imports;

import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.model.Host;
import dev.hopscope.model.Labels;
import dev.hopscope.model.KubeNamespace;
import dev.hopscope.model.NetworkPolicy;
import dev.hopscope.model.Node;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Service;
import dev.hopscope.model.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * ReplicaSets, ReplicationControllers, StatefulSets (NAME-0, NAME-1, ..., labelled as the
 * StatefulSet controller labels them), Jobs and CronJobs (their pod templates, parallelism pods)
 * spread round-robin over the nodes, a DaemonSet's on every node; Services and NetworkPolicies
 * as they are written. What {@code kubectl get all -o yaml} prints is read as the cluster it
 * shows: objects that own others (a Deployment its ReplicaSets, a ReplicaSet its Pods) are not
 * expanded again, the listed Pods keep their names, nodes and addresses.
 */
final class KubernetesImporter {

    static final Set<String> WORKLOADS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
            "Job", "CronJob");
    /**
     * What Kubernetes lists that carries no network meaning of its own (accepted silently): what the
     * controllers derive, and the service accounts and RBAC objects every plugin's manifest carries.
     */
    static final Set<String> QUIET = Set.of("ControllerRevision", "EndpointSlice", "Endpoints", "Event",
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    static final Set<String> OBJECT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Pattern NODE_N = Pattern.compile("node-(\\d+)");
    private static final int MAX_REPLICAS = 1000;

    private final Diagnostics diag;
    private final Ids ids = new Ids();

    /** The CNI plugin's own manifests (Calico's IPPool, ...): the hook through which the pod network is read. */
    private final CniManifests cni;

    KubernetesImporter(Diagnostics diag) {
        this.diag = diag;
        this.cni = new CniManifests(diag);
    }

    /**
     * One pod to create: its name as Kubernetes gives it, what its template says, its own labels and
     * address, and its hostname and subdomain (a StatefulSet's pod: its own name and the serviceName).
     */
    private record PodPlan(String name, PodTemplate template, boolean daemon, Map<String, String> extraLabels, String ip,
                           String hostname, String subdomain, SourceNode at) {
        PodPlan(String name, PodTemplate template, boolean daemon, SourceNode at) {
            this(name, template, daemon, Map.of(), null, template.hostname(), template.subdomain(), at);
        }

        Map<String, String> labels() {
            if (extraLabels.isEmpty()) return template.labels();
            Map<String, String> all = new LinkedHashMap<>(template.labels());
            all.putAll(extraLabels);
            return all;
        }
    }

    private final Map<String, SourceNode> origins = new LinkedHashMap<>();

    Importer.Imported read(List<SourceNode> documents) {
        List<SourceNode> objects = new ArrayList<>();
        for (SourceNode d : documents) flatten(d, objects, 0);

        List<PodPlan> plans = new ArrayList<>();
        this.plans = plans;
        Set<String> owners = owners(objects);
        List<SourceNode> services = new ArrayList<>(), policies = new ArrayList<>(), namespaces = new ArrayList<>(), ingresses = new ArrayList<>();
        Map<String, List<SourceNode>> skipped = new LinkedHashMap<>();
        for (SourceNode o : objects) {
            String kind = diag.string(o.get("kind"), "kind");
            boolean cniConfig = cni.sees(kind, o);
            if (WORKLOADS.contains(kind)) {
                // a controller whose ReplicaSets, Jobs or Pods are listed too is shown by them
                if (!kind.equals("Pod") && owners.contains(key(kind, o))) continue;
                plans.addAll(workload(kind, o));
            } else if (kind.equals("Service")) {
                if (isApiServerService(o))
                    diag.warn(nameNode(o), "the Service 'kubernetes' is the API server's: skipped, as its endpoints are the control plane's"
                            + " addresses, which these manifests do not show");
                else services.add(o);
            }
            else if (kind.equals("NetworkPolicy")) policies.add(o);
            else if (CniManifests.accepts(kind)) cni.accept(kind, o);
            else if (kind.equals("Namespace")) namespaces.add(o);
            else if (kind.equals("Ingress")) ingresses.add(o);
            else if (!QUIET.contains(kind) && !cniConfig) skipped.computeIfAbsent(kind, k -> new ArrayList<>()).add(o.get("kind"));
        }
        // a plugin's published manifest holds dozens of CRDs, ConfigMaps, ...: one warning a kind, at its first
        skipped.forEach((kind, at) -> diag.warn(at.get(0), "kind " + kind + " is skipped"
                + (at.size() > 1 ? " (" + at.size() + " objects, the first here)" : "") + ": it does not change how packets flow"));
        checkStatefulSetServices(objects, services);

        // names people type first: pods, then Services and policies, then what the import invents
        Map<PodPlan, String> podIds = new LinkedHashMap<>();
        for (PodPlan p : plans) {
            podIds.put(p, ids.claim(p.name()));
            origins.put(podIds.get(p), p.at());
        }
        List<String> nodeNames = nodeNames(plans);
        Map<String, String> nodeIds = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<Node> serviceNodes = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        for (SourceNode s : services) {
            String name = name(s), id = ids.claim(ids.taken(name) ? name + "-svc" : name);
            origins.put(id, nameNode(s));
            SourceNode spec = diag.map(s.get("spec"), "spec");
            if (spec == null) throw diag.error(s, "Service '" + name + "' has no spec");
            serviceNodes.add(new ServiceReader(diag, this::podsFor).read(id, name, namespace(s), spec));
        }
        List<Node> policyNodes = new ArrayList<>();
        NetworkPolicyReader policyReader = new NetworkPolicyReader(diag, (ns, port) -> namedPort(plans, ns, port));
        for (SourceNode p : policies) {
            String name = name(p), id = ids.claim(ids.taken(name) ? name + "-policy" : name);
            origins.put(id, nameNode(p));
            SourceNode spec = diag.map(p.get("spec"), "spec");
            if (spec == null) throw diag.error(p, "NetworkPolicy '" + name + "' has no spec");
            policyNodes.add(policyReader.read(id, name, namespace(p), spec));
        }
        List<Node> namespaceNodes = new ArrayList<>();
        for (SourceNode n : namespaces) {
            String name = name(n), id = ids.claim(ids.taken(name) ? name + "-namespace" : name);
            origins.put(id, nameNode(n));
            SourceNode metadata = diag.map(n.get("metadata"), "metadata");
            namespaceNodes.add(new KubeNamespace(id, name, PodTemplate.stringMap(diag, metadata == null ? null : metadata.get("labels"), "labels of Namespace '" + name + "'")));
        }
        List<Node> ingressNodes = new ArrayList<>();
        for (SourceNode in : ingresses) {
            String name = name(in), id = ids.claim(ids.taken(name) ? name + "-ingress" : name);
            origins.put(id, nameNode(in));
            ingressNodes.add(new IngressReader(diag).read(id, name, namespace(in), in));
        }
        String lanId = ids.claim("lan");
        // a CNI that routes pods without a bridge (Calico's proxy ARP) needs the nodes' default route: the LAN gets its router
        nodes.add(cni.hasNetwork() ? Site.lan(lanId).withGateway(Site.LAN_ROUTER) : Site.lan(lanId));
        Map<String, String> podCidrs = podCidrs(plans, nodeNames);
        for (int i = 0; i < nodeNames.size(); i++) {
            String name = nodeNames.get(i), id = ids.claim(name);
            nodeIds.put(name, id);
            nodes.add(new Host(id, name, Host.Role.K8S_NODE, lanId, Site.hostAddress(i), true, 1500, List.of()));
            String cidr = podCidrs.getOrDefault(name, "10.244." + (i + 1) + ".0/24");
            if (!cni.hasNetwork()) nodes.add(new Bridge(ids.claim(name + "-cni0"), "cni0", id, Bridge.Kind.CNI, cidr, null, null, null, null));
        }

        int next = 0;
        for (PodPlan p : plans) {
            String node;
            if (p.template().pinnedNode() != null) node = nodeIds.get(p.template().pinnedNode());
            else if (p.daemon()) node = null; // placed below, one per node
            else node = nodeIds.get(nodeNames.get(next++ % nodeNames.size()));
            PodTemplate t = p.template();
            String ip = p.ip() != null && node != null
                    && (cni.hasNetwork() ? cni.holds(p.ip()) : podCidrs.containsKey(p.template().pinnedNode())) ? p.ip() : null;
            pods.add(new Pod(podIds.get(p), p.name(), t.namespace(), node, p.labels(), t.containers(), t.hostNetwork(), null, ip,
                    p.hostname(), p.subdomain()).withHostPorts(t.hostPorts()));
        }
        List<Pod> placed = placeDaemons(pods, plans, nodeIds);
        if (cni.hasNetwork()) {
            String id = ids.claim(CniManifests.driverOf(cni));
            nodes.add(cni.network(id, nodeIds.size()));
            origins.put(id, cni.origin());
        } else warnFullNodes(placed, nodeIds, nodes);
        nodes.addAll(placed);
        nodes.addAll(serviceNodes);
        nodes.addAll(policyNodes);
        nodes.addAll(namespaceNodes);
        nodes.addAll(ingressNodes);
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
        SourceNode at = nameNode(o);
        SourceNode spec = diag.map(o.get("spec"), "spec of " + where);
        if (kind.equals("Pod")) return List.of(listedPod(name, o, ns, spec, where, at));
        if (spec == null) throw diag.error(o, where + " has no spec");
        SourceNode podsOf = spec;
        if (kind.equals("CronJob")) {
            SourceNode jobTemplate = diag.map(spec.get("jobTemplate"), "jobTemplate of " + where);
            if (jobTemplate == null) throw diag.error(spec, where + " has no job template (spec.jobTemplate)");
            podsOf = diag.map(jobTemplate.get("spec"), "the job template's spec of " + where);
            if (podsOf == null) throw diag.error(jobTemplate, where + " has no job spec (spec.jobTemplate.spec)");
        }
        SourceNode template = diag.map(podsOf.get("template"), "template of " + where);
        if (template == null) throw diag.error(podsOf, where + " has no pod template (" + (kind.equals("CronJob") ? "spec.jobTemplate.spec.template" : "spec.template") + ")");
        diag.unknownKeys(template, Set.of("metadata", "spec"), "the template of " + where, false);
        PodTemplate t = PodTemplate.read(diag, ns, template.get("metadata"), diag.map(template.get("spec"), "template spec"), where);
        if (kind.equals("DaemonSet")) return List.of(new PodPlan(name, t, true, at));
        int count;
        if (kind.equals("Job") || kind.equals("CronJob")) {
            // the pods a Job runs at once: parallelism (1), no more than the completions it still needs
            int parallelism = diag.integer(podsOf.get("parallelism"), "parallelism", 0, MAX_REPLICAS, 1);
            int completions = diag.integer(podsOf.get("completions"), "completions", 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
            count = Math.min(parallelism, completions);
        } else count = diag.integer(spec.get("replicas"), "replicas", 0, MAX_REPLICAS, 1);
        List<PodPlan> out = new ArrayList<>();
        if (!kind.equals("StatefulSet")) {
            for (int i = 0; i < count; i++) out.add(new PodPlan(name + "-" + i, t, false, at));
            return out;
        }
        // what the StatefulSet controller gives each pod: its name as hostname, the serviceName as subdomain, and labels
        String serviceName = diag.string(spec.get("serviceName"), "serviceName");
        String subdomain = serviceName == null || serviceName.isBlank() ? t.subdomain()
                : PodTemplate.dnsLabel(diag, spec.get("serviceName"), "spec.serviceName");
        for (int i = 0; i < count; i++) {
            String pod = name + "-" + i;
            if (pod.length() > 63)
                throw diag.error(at, where + ": its pod " + pod + " needs a hostname of at most 63 characters (an RFC 1123 label): the API server refuses it");
            Map<String, String> labels = Map.of(STATEFULSET_POD_NAME, pod, POD_INDEX, String.valueOf(i));
            out.add(new PodPlan(pod, t, false, labels, null, pod, subdomain, at));
        }
        return out;
    }

    static final String STATEFULSET_POD_NAME = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX = "apps.kubernetes.io/pod-index";

    /** A Pod object: as written, and as kubectl lists it (its address in status.podIP kept when it fits). */
    private PodPlan listedPod(String name, SourceNode o, String ns, SourceNode spec, String where, SourceNode at) {
        PodTemplate t = PodTemplate.read(diag, ns, o.get("metadata"), spec, where);
        SourceNode status = o.get("status");
        String ip = null;
        if (status != null && status.isMap() && !t.hostNetwork()) {
            String podIp = diag.string(status.get("podIP"), "podIP");
            if (podIp != null && Ipv4.isValid(podIp)) ip = podIp;
        }
        return new PodPlan(name, t, false, Map.of(), ip, t.hostname(), t.subdomain(), at);
    }

    /** The objects (kind/namespace/name) that some other listed object names as its owner. */
    private Set<String> owners(List<SourceNode> objects) {
        Map<String, String> byUid = new HashMap<>();
        for (SourceNode o : objects) {
            SourceNode meta = o.get("metadata");
            String uid = meta != null && meta.isMap() ? diag.string(meta.get("uid"), "uid") : null;
            if (uid != null) byUid.put(uid, key(diag.string(o.get("kind"), "kind"), o));
        }
        Set<String> out = new HashSet<>();
        for (SourceNode o : objects) {
            SourceNode meta = o.get("metadata");
            if (meta == null || !meta.isMap()) continue;
            for (SourceNode ref : diag.items(meta.get("ownerReferences"), "ownerReferences")) {
                if (!ref.isMap()) continue;
                String uid = diag.string(ref.get("uid"), "uid");
                if (uid != null && byUid.containsKey(uid)) { out.add(byUid.get(uid)); continue; }
                String kind = diag.string(ref.get("kind"), "kind"), refName = diag.string(ref.get("name"), "name");
                if (kind != null && refName != null) out.add(kind + "/" + namespace(o) + "/" + refName);
            }
        }
        return out;
    }

    private String key(String kind, SourceNode o) { return kind + "/" + namespace(o) + "/" + name(o); }

    /**
     * A StatefulSet's pods get DNS names (POD.SERVICE.NAMESPACE.svc.cluster.local) only through the
     * headless Service its serviceName names: say so where that Service is missing or has a ClusterIP.
     */
    private void checkStatefulSetServices(List<SourceNode> objects, List<SourceNode> services) {
        for (SourceNode o : objects) {
            if (!"StatefulSet".equals(diag.string(o.get("kind"), "kind"))) continue;
            SourceNode spec = o.get("spec");
            if (spec == null || !spec.isMap()) continue;
            SourceNode sn = spec.get("serviceName");
            String serviceName = diag.string(sn, "serviceName");
            String where = "StatefulSet '" + name(o) + "'";
            if (serviceName == null || serviceName.isBlank()) {
                diag.warn(spec, where + " names no serviceName (the headless Service that gives its pods DNS names)");
                continue;
            }
            SourceNode svc = null;
            for (SourceNode s : services) if (name(s).equals(serviceName) && namespace(s).equals(namespace(o))) svc = s;
            if (svc == null) {
                diag.warn(sn, where + " names the Service '" + serviceName + "', which these manifests do not define: its pods get no per-pod DNS names");
                continue;
            }
            SourceNode sspec = svc.get("spec");
            String clusterIp = sspec != null && sspec.isMap() ? diag.string(sspec.get("clusterIP"), "clusterIP") : null;
            if (!"None".equals(clusterIp))
                diag.warn(sn, where + ": its Service '" + serviceName + "' is not headless (clusterIP: None), so its pods get no per-pod DNS names");
        }
    }

    /** Where the listed pods' addresses show a node's pod CIDR (one /24 holding them all), that /24. */
    private Map<String, String> podCidrs(List<PodPlan> plans, List<String> nodeNames) {
        Map<String, Set<String>> prefixes = new LinkedHashMap<>();
        for (PodPlan p : plans) {
            if (p.ip() == null || p.template().pinnedNode() == null) continue;
            String ip = p.ip();
            prefixes.computeIfAbsent(p.template().pinnedNode(), k -> new LinkedHashSet<>()).add(ip.substring(0, ip.lastIndexOf('.')));
        }
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : prefixes.entrySet())
            if (e.getValue().size() == 1 && nodeNames.contains(e.getKey()) && used.add(e.getValue().iterator().next()))
                out.put(e.getKey(), e.getValue().iterator().next() + ".0/24");
        // a node without listed addresses keeps its 10.244.N.0/24, unless a listed node's pods hold it
        for (int i = 0; i < nodeNames.size(); i++) {
            String node = nodeNames.get(i);
            if (out.containsKey(node)) continue;
            if (used.add("10.244." + (i + 1))) continue;
            for (int x = 1; x < 255; x++) if (used.add("10.244." + x)) { out.put(node, "10.244." + x + ".0/24"); break; }
        }
        return out;
    }

    /** A node's cni0 /24 holds 253 pods: more on one node get no address. */
    private void warnFullNodes(List<Pod> pods, Map<String, String> nodeIds, List<Node> nodes) {
        Map<String, Integer> count = new HashMap<>();
        for (Pod p : pods) if (!p.hostNetwork() && p.node() != null) {
            int n = count.merge(p.node(), 1, Integer::sum);
            if (n == 254)
                diag.warn(origins.get(p.id()), "node " + p.node() + " runs more than 253 pods: its pod CIDR (a /24) has no address for "
                        + p.name() + " and the pods after it (the kubelet's limit is 110 pods a node by default)");
        }
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
                out.add(new Pod(id, name, p.namespace(), nodeId, p.labels(), p.containers(), p.hostNetwork(), null, null,
                        p.hostname(), p.subdomain()).withHostPorts(p.hostPorts()));
            }
        }
        return out;
    }

    /** node-1..node-N (at least two, up to the highest node-N named), then other names as they appear. */
    private List<String> nodeNames(List<PodPlan> plans) {
        Set<String> named = new LinkedHashSet<>();
        for (PodPlan p : plans) if (p.template().pinnedNode() != null) named.add(p.template().pinnedNode());
        boolean allPinned = !named.isEmpty() && plans.stream().allMatch(p -> p.template().pinnedNode() != null || p.daemon());
        int count = allPinned ? 0 : 2;
        for (String n : named) {
            Matcher m = NODE_N.matcher(n);
            if (m.matches() && m.group(1).length() < 4) count = Math.max(count, Integer.parseInt(m.group(1)));
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) out.add("node-" + i);
        for (String n : named) if (!out.contains(n)) out.add(n);
        if (out.size() > 80) {
            SourceNode at = null;
            for (PodPlan p : plans) if (p.template().pinnedNode() != null && !out.subList(0, 80).contains(p.template().pinnedNode())) { at = p.at(); break; }
            throw diag.error(at, "more than 80 nodes are named; the import lays out at most 80");
        }
        return out;
    }

    /** The Service every cluster has in default for its API server (kubectl get all lists it). */
    private boolean isApiServerService(SourceNode o) {
        if (!"kubernetes".equals(name(o)) || !"default".equals(namespace(o))) return false;
        SourceNode meta = o.get("metadata");
        SourceNode labels = meta != null && meta.isMap() ? meta.get("labels") : null;
        SourceNode spec = o.get("spec");
        boolean noSelector = spec == null || !spec.isMap() || spec.get("selector") == null || spec.get("selector").isNull();
        return noSelector && labels != null && labels.isMap() && labels.get("component") != null
                && "apiserver".equals(labels.get("component").text);
    }

    /** Where an object's name is written (or the object itself), for messages about it. */
    private SourceNode nameNode(SourceNode o) {
        SourceNode meta = o.get("metadata");
        SourceNode n = meta != null && meta.isMap() ? meta.get("name") : null;
        return n != null ? n : o;
    }

    private String name(SourceNode o) {
        SourceNode meta = diag.map(o.get("metadata"), "metadata");
        if (meta == null) throw diag.error(o, "the " + diag.string(o.get("kind"), "kind") + " has no metadata.name");
        String name = diag.requiredString(meta, "name", "metadata.name");
        String refusal = Names.kubernetesRefusal(diag.string(o.get("kind"), "kind"), name);
        if (refusal != null) throw diag.error(meta.get("name"), "the API server refuses this " + diag.string(o.get("kind"), "kind") + ": " + refusal);
        return name;
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
