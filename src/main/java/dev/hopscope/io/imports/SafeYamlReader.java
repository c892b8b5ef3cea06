package dev.hopscope.io.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads YAML (one or many documents) into {@link SourceNode} trees, composing SnakeYAML Engine's
 * parse events itself rather than letting a library build objects: nothing is ever constructed
 * from a tag, custom tags are refused, aliases share the node they name instead of copying it,
 * and hard limits stop hostile input early: nesting depth, aliases to collections per document,
 * the logical size an alias chain expands to, and the code points read. Merge keys
 * ({@code <<: *defaults}), common in compose files, are applied as YAML 1.1 defines them.
 */
final class SafeYamlReader {

    static final int MAX_DEPTH = 100;
    static final int MAX_COLLECTION_ALIASES = 50;
    static final long MAX_EXPANDED_NODES = 1_000_000;
    static final int MAX_CODE_POINTS = 10 * 1024 * 1024;

    private static final String CORE = "tag:yaml.org,2002:";
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq", "merge", "timestamp");
    /** Compose's merge tags: they mark a value, they construct nothing. */
    static final Set<String> MERGE_TAGS = Set.of("!reset", "!override");

    private final Diagnostics diag;

    SafeYamlReader(Diagnostics diag) { this.diag = diag; }

    /** Every document of the text, empty documents included as null scalars. */
    List<SourceNode> read(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(diag.file())
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(false)
                .setUseMarks(true)
                // the whole text in one read: the reader copies its window on every refill, so a
                // long scalar read in small chunks costs the square of its length
                .setBufferSize(Math.max(1024, text.length() + 1))
                .build();
        Composer composer = new Composer();
        try {
            for (Event e : new Parse(settings).parseString(text)) composer.accept(e);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ImportException(diag.file(), mark.map(m -> m.getLine() + 1).orElse(1),
                    mark.map(m -> m.getColumn() + 1).orElse(1), "not valid YAML: " + problem);
        } catch (YamlEngineException e) {
            throw new ImportException(diag.file(), 1, 1, "cannot read the YAML: " + e.getMessage());
        }
        return composer.documents;
    }

    /** A collection being built: its node and, for a mapping, the key waiting for its value. */
    private static final class Frame {
        final SourceNode node;
        SourceNode key;
        final List<SourceNode> merges = new ArrayList<>();
        Frame(SourceNode node) { this.node = node; }
    }

    private final class Composer {
        final List<SourceNode> documents = new ArrayList<>();
        final Deque<Frame> open = new ArrayDeque<>();
        final Map<String, SourceNode> anchors = new HashMap<>();
        final Set<SourceNode> unfinished = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        /** Collections with an anchor: the only values an alias can make appear twice. */
        final Set<SourceNode> anchored = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        SourceNode root;
        int collectionAliases;

        void accept(Event e) {
            switch (e.getEventId()) {
                case DocumentStart -> { anchors.clear(); anchored.clear(); collectionAliases = 0; root = null; }
                case DocumentEnd -> {
                    SourceNode doc = root == null ? SourceNode.scalar(diag.file(), "", true, line(e), col(e)) : root;
                    checkExpandedSize(doc);
                    documents.add(doc);
                }
                case Scalar -> {
                    ScalarEvent s = (ScalarEvent) e;
                    checkTag(s.getTag(), e);
                    SourceNode n = SourceNode.scalar(diag.file(), s.getValue(), s.isPlain() && s.getTag().isEmpty(), line(e), col(e))
                            .withTag(mergeTag(s.getTag()));
                    anchor(s, n);
                    add(n, e);
                }
                case MappingStart, SequenceStart -> {
                    checkTag(((CollectionStartEvent) e).getTag(), e);
                    if (open.size() >= MAX_DEPTH)
                        throw diag.error(at(e), "the input nests deeper than " + MAX_DEPTH + " levels");
                    SourceNode n = (e.getEventId() == Event.ID.MappingStart ? SourceNode.map(diag.file(), line(e), col(e))
                            : SourceNode.list(diag.file(), line(e), col(e))).withTag(mergeTag(((CollectionStartEvent) e).getTag()));
                    anchor((NodeEvent) e, n);
                    unfinished.add(n);
                    open.push(new Frame(n));
                }
                case MappingEnd, SequenceEnd -> {
                    Frame f = open.pop();
                    unfinished.remove(f.node);
                    if (f.node.isMap()) merge(f);
                    add(f.node, e);
                }
                case Alias -> {
                    String name = ((AliasEvent) e).getAlias().getValue();
                    SourceNode target = anchors.get(name);
                    if (target == null) throw diag.error(at(e), "the alias *" + name + " names no anchor");
                    if (unfinished.contains(target)) throw diag.error(at(e), "the alias *" + name + " refers to the value that contains it (a recursive structure)");
                    if (!target.isScalar() && ++collectionAliases > MAX_COLLECTION_ALIASES)
                        throw diag.error(at(e), "more than " + MAX_COLLECTION_ALIASES + " aliases to collections in one document (a YAML alias bomb?)");
                    add(target, e);
                }
                default -> { /* stream start/end and comments carry nothing */ }
            }
        }

        private void add(SourceNode n, Event e) {
            Frame parent = open.peek();
            if (parent == null) { root = n; return; }
            if (parent.node.isList()) { parent.node.add(n); return; }
            if (parent.key == null) {
                if (!n.isScalar()) throw diag.error(n, "a mapping key must be a plain value, not " + n.describe());
                parent.key = n;
                return;
            }
            SourceNode key = parent.key;
            parent.key = null;
            if (key.plain && key.text.equals("<<")) {
                if (n.isMap()) parent.merges.add(n);
                else if (n.isList() && n.items().stream().allMatch(SourceNode::isMap)) parent.merges.addAll(n.items());
                else throw diag.error(n, "a merge key (<<) takes a mapping or a list of mappings, not " + n.describe());
                return;
            }
            if (parent.node.has(key.text)) throw diag.error(key, "the key '" + key.text + "' appears twice in this mapping");
            parent.node.put(key.text, key, n);
        }

        /** Merged entries never override keys written in the mapping itself; earlier sources win. */
        private void merge(Frame f) {
            for (SourceNode source : f.merges)
                for (Map.Entry<String, SourceNode> entry : source.entries().entrySet())
                    if (!f.node.has(entry.getKey())) f.node.put(entry.getKey(), source.keyNode(entry.getKey()), entry.getValue());
        }

        private void anchor(NodeEvent e, SourceNode n) {
            e.getAnchor().ifPresent(a -> {
                anchors.put(a.getValue(), n);
                if (!n.isScalar()) anchored.add(n);
            });
        }

        private String mergeTag(Optional<String> tag) {
            return tag.filter(MERGE_TAGS::contains).orElse(null);
        }

        private void checkTag(Optional<String> tag, Event e) {
            if (tag.isEmpty() || tag.get().equals("!") || MERGE_TAGS.contains(tag.get())) return;
            String t = tag.get();
            if (t.startsWith(CORE) && CORE_TAGS.contains(t.substring(CORE.length()))) return;
            throw diag.error(at(e), "the tag " + t + " is not allowed: an import never constructs objects from tags");
        }

        /** The size the document would have with every alias copied out, counted without copying. */
        private void checkExpandedSize(SourceNode doc) {
            Map<SourceNode, Long> memo = new IdentityHashMap<>();
            if (size(doc, memo) > MAX_EXPANDED_NODES)
                throw diag.error(doc, "the document's aliases expand to more than " + MAX_EXPANDED_NODES + " values (a YAML alias bomb?)");
        }

        /** Counted once per anchored collection (what aliases share); anything else appears once in the tree. */
        private long size(SourceNode n, Map<SourceNode, Long> memo) {
            if (n.isScalar()) return 1;
            boolean shared = anchored.contains(n);
            if (shared) {
                Long known = memo.get(n);
                if (known != null) return known;
            }
            long total = 1;
            if (n.isMap()) for (SourceNode v : n.entries().values()) total = Math.min(Long.MAX_VALUE / 2, total + size(v, memo));
            if (n.isList()) for (SourceNode v : n.items()) total = Math.min(Long.MAX_VALUE / 2, total + size(v, memo));
            if (shared) memo.put(n, total);
            return total;
        }

        private SourceNode at(Event e) { return SourceNode.scalar(diag.file(), "", false, line(e), col(e)); }
    }

    private static int line(Event e) { return e.getStartMark().map(m -> m.getLine() + 1).orElse(1); }

    private static int col(Event e) { return e.getStartMark().map(m -> m.getColumn() + 1).orElse(1); }
}
