package dev.hopscope.io.imports;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compose's merge rules, for {@code -f a -f b} and for {@code extends}: mappings merge key by
 * key (the later value wins for a scalar), sequences append what is not there yet, with
 * Compose's exceptions: {@code command}, {@code entrypoint} and {@code healthcheck.test} are
 * replaced; {@code ports} are unique by host address, published port, target and protocol;
 * {@code networks} and {@code depends_on} merge as mappings whether written as lists or not;
 * {@code environment}, {@code labels}, {@code extra_hosts} and {@code build.args} merge by key;
 * a short {@code build: DIR} is a context. A later value tagged {@code !reset} removes the key;
 * one tagged {@code !override} replaces it whole.
 */
final class ComposeMerge {
    private ComposeMerge() {}

    private static final Set<String> REPLACED = Set.of("command", "entrypoint");
    private static final Set<String> NAME_MAPS = Set.of("networks", "depends_on");
    private static final Set<String> KEY_VALUES = Set.of("environment", "labels", "extra_hosts", "annotations", "sysctls");

    /** The later file's tree over the earlier one's: both are whole compose files. */
    static SourceNode files(SourceNode base, SourceNode later) {
        return merge(base, later, List.of());
    }

    /** A service over the one it extends. */
    static SourceNode service(SourceNode base, SourceNode local) {
        return merge(base, local, List.of("services", "*"));
    }

    /** The tree with {@code !reset} values removed and merge tags dropped (for a value nothing is merged into). */
    static SourceNode clean(SourceNode n) {
        if (!hasTags(n, 0)) return n;
        return stripped(n);
    }

    private static boolean hasTags(SourceNode n, int depth) {
        if (n.tag != null) return true;
        if (depth > SafeYamlReader.MAX_DEPTH) return false;
        if (n.isMap()) for (SourceNode v : n.entries().values()) if (hasTags(v, depth + 1)) return true;
        if (n.isList()) for (SourceNode v : n.items()) if (hasTags(v, depth + 1)) return true;
        return false;
    }

    private static SourceNode stripped(SourceNode n) {
        SourceNode bare = n.withTag(null);
        if (n.isScalar()) return bare;
        SourceNode copy = n.emptyLike();
        if (n.isMap()) {
            for (Map.Entry<String, SourceNode> e : n.entries().entrySet())
                if (!"!reset".equals(e.getValue().tag)) copy.put(e.getKey(), n.keyNode(e.getKey()), stripped(e.getValue()));
        } else {
            for (SourceNode item : n.items()) if (!"!reset".equals(item.tag)) copy.add(stripped(item));
        }
        return copy;
    }

    private static SourceNode merge(SourceNode base, SourceNode over, List<String> path) {
        if ("!override".equals(over.tag)) return stripped(over);
        String key = path.isEmpty() ? "" : path.get(path.size() - 1);
        boolean inService = path.size() >= 3 && path.get(0).equals("services");
        if (inService && path.size() == 3 && REPLACED.contains(key)) return stripped(over);
        if (inService && path.size() == 4 && path.get(2).equals("healthcheck") && key.equals("test")) return stripped(over);
        if (inService && path.size() == 3 && key.equals("build")) return mapMerge(asBuild(base), asBuild(over), path);
        if (inService && path.size() == 3 && NAME_MAPS.contains(key)) return mapMerge(asNameMap(base), asNameMap(over), path);
        if (inService && (path.size() == 3 && KEY_VALUES.contains(key) || path.size() == 4 && path.get(2).equals("build") && key.equals("args")))
            return mapMerge(asKeyValues(base, key.equals("extra_hosts")), asKeyValues(over, key.equals("extra_hosts")), path);
        if (inService && path.size() == 3 && key.equals("ports") && base.isList() && over.isList()) return uniqueAppend(base, over, true);
        if (base.isMap() && over.isMap()) return mapMerge(base, over, path);
        if (base.isList() && over.isList()) return uniqueAppend(base, over, false);
        return stripped(over);
    }

    private static SourceNode mapMerge(SourceNode base, SourceNode over, List<String> path) {
        if (!base.isMap() || !over.isMap()) return stripped(over);
        SourceNode out = base.emptyLike();
        for (Map.Entry<String, SourceNode> e : base.entries().entrySet()) {
            String k = e.getKey();
            SourceNode o = over.get(k);
            if (o == null) { out.put(k, base.keyNode(k), e.getValue()); continue; }
            if ("!reset".equals(o.tag)) continue;
            SourceNode merged = e.getValue().isNull() ? stripped(o) : o.isNull() ? e.getValue() : merge(e.getValue(), o, append(path, k));
            out.put(k, over.keyNode(k), merged);
        }
        for (Map.Entry<String, SourceNode> e : over.entries().entrySet())
            if (!base.has(e.getKey()) && !"!reset".equals(e.getValue().tag))
                out.put(e.getKey(), over.keyNode(e.getKey()), stripped(e.getValue()));
        return out;
    }

    private static SourceNode uniqueAppend(SourceNode base, SourceNode over, boolean ports) {
        SourceNode out = base.emptyLike();
        Set<String> seen = new HashSet<>();
        for (SourceNode item : base.items()) {
            String k = ports ? ComposePorts.mergeKey(item) : item.isScalar() ? item.text : null;
            if (k == null || seen.add(k)) out.add(item);
        }
        for (SourceNode item : over.items()) {
            if ("!reset".equals(item.tag)) continue;
            String k = ports ? ComposePorts.mergeKey(item) : item.isScalar() ? item.text : null;
            if (k == null || seen.add(k)) out.add(stripped(item));
        }
        return out;
    }

    /** {@code build: DIR} as {@code {context: DIR}}. */
    private static SourceNode asBuild(SourceNode n) {
        if (!n.isScalar() || n.isNull()) return n;
        SourceNode m = SourceNode.map(n.file, n.line, n.column);
        m.put("context", n, n);
        return m;
    }

    /** {@code [a, b]} as {@code {a: null, b: null}}. */
    private static SourceNode asNameMap(SourceNode n) {
        if (!n.isList()) return n;
        SourceNode m = SourceNode.map(n.file, n.line, n.column);
        for (SourceNode item : n.items())
            if (item.isScalar() && !m.has(item.text)) m.put(item.text, item, SourceNode.scalar(item.file, "", true, item.line, item.column));
        return m;
    }

    /** {@code [K=V, ...]} (or {@code K:V} for extra_hosts) as {@code {K: V}}. */
    private static SourceNode asKeyValues(SourceNode n, boolean colon) {
        if (!n.isList()) return n;
        Map<String, SourceNode[]> entries = new LinkedHashMap<>();
        for (SourceNode item : n.items()) {
            if (!item.isScalar()) return n;
            String t = item.text;
            int eq = t.indexOf('=');
            if (eq < 0 && colon) eq = t.indexOf(':');
            String k = eq < 0 ? t : t.substring(0, eq);
            SourceNode v = eq < 0 ? SourceNode.scalar(item.file, "", true, item.line, item.column)
                    : SourceNode.scalar(item.file, t.substring(eq + 1), false, item.line, item.column);
            entries.put(k, new SourceNode[] {item, v});
        }
        SourceNode m = SourceNode.map(n.file, n.line, n.column);
        for (Map.Entry<String, SourceNode[]> e : entries.entrySet()) m.put(e.getKey(), e.getValue()[0], e.getValue()[1]);
        return m;
    }

    private static List<String> append(List<String> path, String key) {
        // services.NAME.* is matched by position, so the service's own name is kept generic
        java.util.ArrayList<String> out = new java.util.ArrayList<>(path);
        out.add(path.size() == 1 && path.get(0).equals("services") ? "*" : key);
        return out;
    }
}
