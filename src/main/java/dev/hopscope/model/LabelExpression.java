package dev.hopscope.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code matchExpressions} entry of a Kubernetes label selector: {@code key In [a, b]},
 * {@code key NotIn [...]}, {@code key Exists}, {@code key DoesNotExist}. A selector matches when
 * every one of its labels and every one of its expressions holds.
 */
public record LabelExpression(String key, Operator operator, List<String> values) {

    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String label;
        Operator(String label) { this.label = label; }
        /** The name Kubernetes writes: In, NotIn, Exists, DoesNotExist. */
        public String label() { return label; }

        public static Operator parse(String text) {
            for (Operator o : values()) if (o.label.equalsIgnoreCase(text)) return o;
            throw new IllegalArgumentException("'" + text + "' is not a selector operator (In, NotIn, Exists, DoesNotExist)");
        }
    }

    public LabelExpression {
        if (operator == null) operator = Operator.IN;
        values = Labels.list(values);
    }

    /** As Kubernetes reads it: NotIn also holds for a pod without the key; Exists ignores values. */
    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case IN -> v != null && values.contains(v);
            case NOT_IN -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
        };
    }

    /** As kubectl prints a selector: {@code tier in (db,cache)}, {@code !legacy}. */
    @Override public String toString() {
        return switch (operator) {
            case IN -> key + " in (" + String.join(",", values) + ")";
            case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
        };
    }

}
