package dev.hopscope.io.imports;

/**
 * Compose's variable syntax in values: {@code $$} is a dollar, {@code ${VAR:-default}} and
 * {@code ${VAR-default}} take the default. The import never reads the environment (the same
 * file must import the same way everywhere), so every variable counts as unset: one without a
 * default becomes empty, with a warning, as Compose itself does for an unset variable.
 */
final class ComposeInterpolation {
    private ComposeInterpolation() {}

    static String apply(String text, SourceNode at, Diagnostics diag) {
        if (text.indexOf('$') < 0) return text;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) { out.append(c); i++; continue; }
            char next = text.charAt(i + 1);
            if (next == '$') { out.append('$'); i += 2; continue; }
            if (next == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) throw diag.error(at, "'" + text + "': ${ without a closing }");
                out.append(expand(text.substring(i + 2, close), at, diag));
                i = close + 1;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) end++;
            if (end == i + 1) { out.append(c); i++; continue; }
            diag.warn(at, "variable " + text.substring(i + 1, end) + " is not set (the import reads no environment): using an empty value");
            i = end;
        }
        return out.toString();
    }

    private static String expand(String body, SourceNode at, Diagnostics diag) {
        int k = 0;
        while (k < body.length() && (Character.isLetterOrDigit(body.charAt(k)) || body.charAt(k) == '_')) k++;
        String name = body.substring(0, k);
        String rest = body.substring(k);
        if (name.isEmpty()) throw diag.error(at, "'${" + body + "}' has no variable name");
        if (rest.isEmpty()) {
            diag.warn(at, "variable " + name + " is not set (the import reads no environment): using an empty value");
            return "";
        }
        String op = rest.startsWith(":") ? rest.substring(1) : rest;
        if (op.isEmpty()) throw diag.error(at, "'${" + body + "}' is not a variable substitution");
        String arg = op.substring(1);
        switch (op.charAt(0)) {
            case '-': return arg;
            case '+': return "";
            case '?':
                diag.warn(at, "variable " + name + " is required (" + arg + ") but the import reads no environment: using an empty value");
                return "";
            default: throw diag.error(at, "'${" + body + "}' is not a variable substitution");
        }
    }
}
