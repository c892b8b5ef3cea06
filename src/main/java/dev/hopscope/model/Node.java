package dev.hopscope.model;

/**
 * One thing on the canvas. Every node is an immutable record with a document-unique {@code id}
 * and a display {@code name}; edits replace a node with a changed copy.
 */
public sealed interface Node permits Host, Underlay, Bridge, Overlay, Network, Container, Pod, Service, External, Intent, NetworkPolicy, KubeNamespace, Ingress {
    String id();

    String name();

    NodeKind kind();

    /** The host this node lives in (containment), or null for top-level nodes. */
    default String parent() { return null; }
}
