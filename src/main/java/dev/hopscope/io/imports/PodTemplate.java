package dev.hopscope.io.imports;

import dev.hopscope.model.Pod;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pod spec says about the network, read once per workload: labels, containers with
 * their listening ports (and the names of those ports, for Services' and policies' named
 * ports), host networking, the node it is pinned to, if any, and the hostname and subdomain that
 * give it a DNS name through a headless Service.
 */
record PodTemplate(String namespace, Map<String, String> labels, List<Pod.PodContainer> containers,
                   Map<String, Integer> portNames, boolean hostNetwork, String pinnedNode, String hostname, String subdomain, SourceNode at,
                   List<PublishedPort> hostPorts) {

    static final Set<String> SPEC_KEYS = Set.of("containers", "initContainers", "ephemeralContainers", "nodeName", "nodeSelector",
            "hostNetwork", "hostPID", "hostIPC", "volumes", "affinity", "tolerations", "serviceAccountName", "serviceAccount",
            "automountServiceAccountToken", "restartPolicy", "terminationGracePeriodSeconds", "dnsPolicy", "dnsConfig",
            "securityContext", "imagePullSecrets", "hostname", "subdomain", "schedulerName", "priorityClassName", "priority",
            "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints",
            "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates", "resourceClaims", "activeDeadlineSeconds", "readinessGates",
            "shareProcessNamespace", "hostAliases", "resources");
    static final Set<String> CONTAINER_KEYS = Set.of("name", "image", "command", "args", "workingDir", "ports", "envFrom", "env",
            "resources", "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe",
            "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext",
            "stdin", "stdinOnce", "tty");
    static final Set<String> PORT_KEYS = Set.of("containerPort", "protocol", "name", "hostPort", "hostIP");
    static final Set<String> METADATA_KEYS = Set.of("name", "namespace", "labels", "annotations", "generateName", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "ownerReferences", "finalizers", "managedFields", "selfLink");
    private static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    static PodTemplate read(Diagnostics diag, String namespace, SourceNode metadata, SourceNode spec, String where) {
        diag.unknownKeys(metadata, METADATA_KEYS, "metadata of " + where, false);
        Map<String, String> labels = stringMap(diag, metadata == null ? null : metadata.get("labels"), "labels of " + where);
        if (spec == null) throw diag.error(metadata, where + " has no pod spec");
        diag.unknownKeys(spec, SPEC_KEYS, "the pod spec of " + where, false);
        List<Pod.PodContainer> containers = new ArrayList<>();
        Map<String, Integer> portNames = new LinkedHashMap<>();
        List<PublishedPort> hostPorts = new ArrayList<>();
        for (SourceNode c : diag.items(spec.get("containers"), "containers of " + where)) {
            SourceNode cm = diag.map(c, "a container of " + where);
            if (cm == null) continue;
            diag.unknownKeys(cm, CONTAINER_KEYS, "a container of " + where, false);
            String name = diag.string(cm.get("name"), "the container's name");
            List<Socket> sockets = new ArrayList<>();
            for (SourceNode p : diag.items(cm.get("ports"), "ports of container " + name)) {
                SourceNode pm = diag.map(p, "a container port");
                if (pm == null) continue;
                diag.unknownKeys(pm, PORT_KEYS, "a container port", false);
                if (!pm.has("containerPort")) throw diag.error(pm, "a container port needs containerPort");
                int port = diag.integer(pm.get("containerPort"), "containerPort", 1, 65535, 0);
                Proto proto = protocol(diag, pm.get("protocol"));
                if (proto == null) continue;
                String portName = diag.string(pm.get("name"), "the port's name");
                if (portName != null) portNames.putIfAbsent(portName, port);
                if (pm.has("hostPort") && !diag.bool(spec.get("hostNetwork"), "hostNetwork", false)) {
                    // the CNI portmap plugin publishes it on the node's address (hostIP: one address of the node only)
                    int hostPort = diag.integer(pm.get("hostPort"), "hostPort", 1, 65535, 0);
                    String hostIp = diag.string(pm.get("hostIP"), "hostIP");
                    hostPorts.add(new PublishedPort(hostIp, hostPort, port, proto));
                }
                sockets.add(new Socket(port, proto, "0.0.0.0", portName));
            }
            String image = diag.string(cm.get("image"), "image");
            // the container also listens where its image says it does (Kubernetes' containerPort is informational)
            for (Socket s : imageSockets(diag, cm.get("image"), image))
                if (sockets.stream().noneMatch(k -> k.port() == s.port() && k.proto() == s.proto())) sockets.add(s);
            containers.add(new Pod.PodContainer(name, image, sockets));
        }
        if (containers.isEmpty()) throw diag.error(spec, where + " has no containers");
        String pinned = diag.string(spec.get("nodeName"), "nodeName");
        SourceNode selector = diag.map(spec.get("nodeSelector"), "nodeSelector");
        if (pinned == null && selector != null) {
            for (Map.Entry<String, SourceNode> e : selector.entries().entrySet()) {
                if (e.getKey().equals(HOSTNAME_LABEL)) pinned = diag.string(e.getValue(), HOSTNAME_LABEL);
                else diag.warn(selector.keyNode(e.getKey()), "nodeSelector " + e.getKey() + " is not modelled: the pods are spread over every node");
            }
        }
        String hostname = dnsLabel(diag, spec.get("hostname"), "spec.hostname");
        String subdomain = dnsLabel(diag, spec.get("subdomain"), "spec.subdomain");
        return new PodTemplate(namespace, labels, containers, portNames, diag.bool(spec.get("hostNetwork"), "hostNetwork", false), pinned,
                hostname, subdomain, spec, hostPorts);
    }

    private static final java.util.regex.Pattern DNS1123_LABEL = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** A pod's hostname or subdomain: an RFC 1123 label, or the API server refuses the pod (null when not set). */
    static String dnsLabel(Diagnostics diag, SourceNode n, String field) {
        String v = diag.string(n, field);
        if (v == null || v.isEmpty()) return null;
        if (v.length() > 63 || !DNS1123_LABEL.matcher(v).matches())
            throw diag.error(n, "the API server refuses this pod: " + field + ": Invalid value: \"" + Names.shown(v) + "\": a lowercase RFC 1123"
                    + " label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric"
                    + " character, at most 63 characters (regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        return v;
    }

    /** What the image EXPOSEs, when the catalog knows it; a reference the kubelet could not pull is a warning. */
    static List<Socket> imageSockets(Diagnostics diag, SourceNode at, String image) {
        if (image == null || image.isBlank()) return List.of();
        try {
            return ImageCatalog.lookup(ImageReference.parse(image)).map(ImageCatalog.Entry::sockets).orElse(List.of());
        } catch (ImageReference.Invalid e) {
            diag.warn(at, "image '" + (image.length() > 60 ? image.substring(0, 60) + "..." : image) + "': " + e.getMessage()
                    + " (the kubelet would fail with InvalidImageName)");
            return List.of();
        }
    }

    /** TCP or UDP; SCTP (and anything else) is warned about and skipped (null). */
    static Proto protocol(Diagnostics diag, SourceNode n) {
        String p = diag.string(n, "protocol");
        if (p == null || p.equals("TCP")) return Proto.TCP;
        if (p.equals("UDP")) return Proto.UDP;
        if (p.equals("SCTP")) { diag.warn(n, "SCTP is not modelled: this port is skipped"); return null; }
        throw diag.error(n, "protocol must be TCP, UDP or SCTP, not " + n.describe());
    }

    static Map<String, String> stringMap(Diagnostics diag, SourceNode n, String what) {
        SourceNode m = diag.map(n, what);
        Map<String, String> out = new LinkedHashMap<>();
        if (m == null) return out;
        for (Map.Entry<String, SourceNode> e : m.entries().entrySet()) {
            String v = diag.string(e.getValue(), e.getKey());
            out.put(e.getKey(), v == null ? "" : v);
        }
        return out;
    }
}
