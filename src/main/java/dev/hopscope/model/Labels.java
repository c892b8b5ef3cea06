package dev.hopscope.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers that keep collections in records immutable and in a stable order. */
public final class Labels {
    private Labels() {}

    public static <T> List<T> list(List<T> in) { return in == null ? List.of() : List.copyOf(in); }

    /** A sorted, immutable copy: deterministic files and equality. */
    public static Map<String, String> map(Map<String, String> in) {
        return in == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(in));
    }

    /** True when every key=value of the selector is among the labels (an empty selector matches all). */
    public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        for (var e : selector.entrySet()) if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        return true;
    }

    /** A whole Kubernetes label selector: every label of {@code selector} and every expression holds. */
    public static boolean matches(Map<String, String> selector, List<LabelExpression> expressions, Map<String, String> labels) {
        if (!matches(selector, labels)) return false;
        for (LabelExpression e : expressions) if (!e.matches(labels)) return false;
        return true;
    }
}
