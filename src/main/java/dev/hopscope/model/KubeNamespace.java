package dev.hopscope.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes Namespace as an object with labels, so that a NetworkPolicy's
 * {@code namespaceSelector} can select it. Every namespace also carries the label Kubernetes sets
 * itself, {@code kubernetes.io/metadata.name: NAME}; a namespace that pods or Services name but
 * that has no node of its own exists too, with that label only. Its {@code name} is the
 * namespace's name.
 */
public record KubeNamespace(String id, String name, Map<String, String> labels) implements Node {
    /** The label the API server puts on every namespace (Kubernetes 1.21 and later). */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public KubeNamespace {
        labels = Labels.map(labels);
    }

    /** The labels a namespaceSelector sees: the namespace's own and the automatic name label. */
    public Map<String, String> effectiveLabels() { return effectiveLabels(name, labels); }

    public static Map<String, String> effectiveLabels(String name, Map<String, String> labels) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(NAME_LABEL, name);
        return Labels.map(all);
    }

    @Override public NodeKind kind() { return NodeKind.NAMESPACE; }

    public KubeNamespace withName(String v) { return new KubeNamespace(id, v, labels); }
    public KubeNamespace withLabels(Map<String, String> v) { return new KubeNamespace(id, name, v); }
    public KubeNamespace withId(String v) { return new KubeNamespace(v, name, labels); }
}
