package dev.hopscope.io.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}) as the model's
 * equality selectors. An expression {@code key In [one value]} is an equality; any other
 * expression cannot be written as one and is skipped with a warning (the selector then matches
 * more pods than the cluster would).
 */
final class LabelSelectors {
    private LabelSelectors() {}

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
}
