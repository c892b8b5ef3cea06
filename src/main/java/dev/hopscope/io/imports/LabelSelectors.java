package dev.hopscope.io.imports;

import dev.hopscope.model.LabelExpression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}). {@link #read} gives
 * the equality part only, for selectors the model keeps as labels (an expression {@code key In
 * [one value]} is an equality; others are warned about); {@link #readFull} keeps every expression
 * (In, NotIn, Exists, DoesNotExist), as NetworkPolicy selectors do.
 */
final class LabelSelectors {
    private LabelSelectors() {}

    /** A whole selector; null when it is absent, empty labels and expressions when it is {@code {}} (everything). */
    record Selector(Map<String, String> labels, List<LabelExpression> expressions) {}

    /** null when the selector is absent; an empty map when it is {@code {}} (everything). */
    static Map<String, String> read(Diagnostics diag, SourceNode n, String what) {
        if (n == null || n.isNull()) return null;
        SourceNode m = diag.map(n, what);
        diag.unknownKeys(m, Set.of("matchLabels", "matchExpressions"), what, false);
        Map<String, String> out = new LinkedHashMap<>(PodTemplate.stringMap(diag, m.get("matchLabels"), "matchLabels of " + what));
        for (SourceNode e : diag.items(m.get("matchExpressions"), "matchExpressions of " + what)) {
            SourceNode em = diag.map(e, "a match expression");
            if (em == null) continue;
            String key = diag.requiredString(em, "key", "the expression's key");
            String op = diag.requiredString(em, "operator", "the expression's operator");
            List<String> values = diag.strings(em.get("values"), "values");
            if (op.equals("In") && values.size() == 1) out.put(key, values.get(0));
            else diag.warn(em, "the expression '" + key + " " + op + " " + values + "' in " + what
                    + " is not modelled (only 'In' with one value is): it is skipped");
        }
        return out;
    }

    /** Every part of a selector, checked as the API server checks it (In/NotIn need values, Exists/DoesNotExist none). */
    static Selector readFull(Diagnostics diag, SourceNode n, String what) {
        if (n == null || n.isNull()) return null;
        SourceNode m = diag.map(n, what);
        diag.unknownKeys(m, Set.of("matchLabels", "matchExpressions"), what, false);
        Map<String, String> labels = new LinkedHashMap<>(PodTemplate.stringMap(diag, m.get("matchLabels"), "matchLabels of " + what));
        List<LabelExpression> expressions = new ArrayList<>();
        for (SourceNode e : diag.items(m.get("matchExpressions"), "matchExpressions of " + what)) {
            SourceNode em = diag.map(e, "a match expression");
            if (em == null) continue;
            diag.unknownKeys(em, Set.of("key", "operator", "values"), "a match expression", false);
            String key = diag.requiredString(em, "key", "the expression's key");
            String opText = diag.requiredString(em, "operator", "the expression's operator");
            LabelExpression.Operator op;
            try {
                op = LabelExpression.Operator.parse(opText);
            } catch (IllegalArgumentException x) {
                throw diag.error(em.get("operator"), "operator must be In, NotIn, Exists or DoesNotExist, not '" + opText + "'");
            }
            List<String> values = diag.strings(em.get("values"), "values");
            boolean needsValues = op == LabelExpression.Operator.IN || op == LabelExpression.Operator.NOT_IN;
            if (needsValues && values.isEmpty())
                throw diag.error(em, "values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
            if (!needsValues && !values.isEmpty())
                throw diag.error(em.get("values"), "values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
            expressions.add(new LabelExpression(key, op, values));
        }
        return new Selector(labels, expressions);
    }
}
