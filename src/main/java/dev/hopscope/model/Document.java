package dev.hopscope.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A Hopscope document: an immutable value. Nodes keep their order (IPAM allocates in it);
 * {@code layout} maps node ids to canvas boxes. An edit is a function from one document to the
 * next, so undo keeps the previous value and the analysis can read any snapshot without locks.
 */
public final class Document {

    public static final String FORMAT = "hopscope";
    public static final int VERSION = 1;

    private final String name;
    private final String description;
    private final Lesson lesson;
    private final List<Scenario> scenarios;
    private final List<Node> nodes;
    private final Map<String, Box> layout;
    private volatile Map<String, Node> index;
    /** Nodes per kind asked for, found once per document value (compiling a big design asks thousands of times). */
    private final Map<Class<?>, List<Node>> byType = new java.util.concurrent.ConcurrentHashMap<>();

    public Document(String name, String description, Lesson lesson, List<Node> nodes, Map<String, Box> layout) {
        this(name, description, lesson, List.of(), nodes, layout);
    }

    /** With saved flows ({@link Scenario}s), in the order the user keeps them. */
    public Document(String name, String description, Lesson lesson, List<Scenario> scenarios, List<Node> nodes, Map<String, Box> layout) {
        this.name = name == null ? "untitled" : name;
        this.description = description;
        this.lesson = lesson;
        this.scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        this.nodes = Labels.list(nodes);
        this.layout = layout == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(layout));
    }

    public String name() { return name; }
    public String description() { return description; }
    public Lesson lesson() { return lesson; }
    /** The saved flows (never null; empty when the document has none). */
    public List<Scenario> scenarios() { return scenarios; }
    public List<Node> nodes() { return nodes; }
    public Map<String, Box> layout() { return layout; }

    @Override public boolean equals(Object o) {
        return o instanceof Document d && name.equals(d.name) && Objects.equals(description, d.description)
                && Objects.equals(lesson, d.lesson) && scenarios.equals(d.scenarios) && nodes.equals(d.nodes) && layout.equals(d.layout);
    }

    @Override public int hashCode() { return Objects.hash(name, description, lesson, scenarios, nodes, layout); }

    @Override public String toString() { return "Document[" + name + ", " + nodes.size() + " nodes]"; }

    public static Document empty(String name) { return new Document(name, null, null, List.of(), Map.of()); }

    /** Index by id, built once per document value (documents are immutable). */
    private Map<String, Node> index() {
        Map<String, Node> m = index;
        if (m == null) {
            m = new HashMap<>();
            for (Node n : nodes) m.putIfAbsent(n.id(), n);
            index = m;
        }
        return m;
    }

    public Optional<Node> node(String id) { return Optional.ofNullable(index().get(id)); }

    /** A node by id, or else by its name (ids win; a name shared by several nodes finds the first). */
    public Optional<Node> find(String ref) {
        Node byId = index().get(ref);
        if (byId != null) return Optional.of(byId);
        for (Node n : nodes) if (ref.equals(n.name())) return Optional.of(n);
        return Optional.empty();
    }

    /** Every node of a kind, in document order, as a new list the caller may change. */
    public <T extends Node> List<T> all(Class<T> type) {
        List<Node> of = byType.computeIfAbsent(type, t -> {
            List<Node> found = new ArrayList<>();
            for (Node n : nodes) if (t.isInstance(n)) found.add(n);
            return found;
        });
        List<T> out = new ArrayList<>(of.size());
        for (Node n : of) out.add(type.cast(n));
        return out;
    }

    public <T extends Node> Optional<T> get(String id, Class<T> type) {
        Node n = index().get(id);
        return type.isInstance(n) ? Optional.of(type.cast(n)) : Optional.empty();
    }

    /** Nodes whose parent is the given host, in document order. */
    public List<Node> children(String hostId) {
        return nodes.stream().filter(n -> hostId.equals(n.parent())).toList();
    }

    public Optional<Box> box(String id) { return Optional.ofNullable(layout.get(id)); }

    // ---- edits: each returns a new document ----

    /** Adds the node at the end, or replaces the node with the same id in place. */
    public Document with(Node node) {
        List<Node> next = new ArrayList<>(nodes);
        int at = indexOf(node.id());
        if (at >= 0) next.set(at, node); else next.add(node);
        return new Document(name, description, lesson, scenarios, next, layout);
    }

    public Document with(Node node, Box box) { return with(node).withBox(node.id(), box); }

    public Document update(String id, UnaryOperator<Node> change) {
        Node n = index().get(id);
        if (n == null) throw new IllegalArgumentException("no node '" + id + "'");
        return with(change.apply(n));
    }

    /** Removes a node and its layout box (references to it are left for validation to report). */
    public Document without(String id) {
        List<Node> next = new ArrayList<>(nodes);
        next.removeIf(n -> n.id().equals(id));
        Map<String, Box> boxes = new LinkedHashMap<>(layout);
        boxes.remove(id);
        return new Document(name, description, lesson, scenarios, next, boxes);
    }

    public Document withBox(String id, Box box) {
        Map<String, Box> boxes = new LinkedHashMap<>(layout);
        if (box == null) boxes.remove(id); else boxes.put(id, box);
        return new Document(name, description, lesson, scenarios, nodes, boxes);
    }

    public Document withLayout(Map<String, Box> boxes) { return new Document(name, description, lesson, scenarios, nodes, boxes); }
    public Document withName(String v) { return new Document(v, description, lesson, scenarios, nodes, layout); }
    public Document withDescription(String v) { return new Document(name, v, lesson, scenarios, nodes, layout); }
    public Document withLesson(Lesson v) { return new Document(name, description, v, scenarios, nodes, layout); }
    public Document withScenarios(List<Scenario> v) { return new Document(name, description, lesson, v, nodes, layout); }
    public Document withNodes(List<Node> v) { return new Document(name, description, lesson, scenarios, v, layout); }

    /** An id not yet used, built from a prefix: web, web-2, web-3, ... */
    public String freshId(String prefix) {
        if (!index().containsKey(prefix)) return prefix;
        for (int i = 2; ; i++) if (!index().containsKey(prefix + "-" + i)) return prefix + "-" + i;
    }

    private int indexOf(String id) {
        for (int i = 0; i < nodes.size(); i++) if (nodes.get(i).id().equals(id)) return i;
        return -1;
    }
}
