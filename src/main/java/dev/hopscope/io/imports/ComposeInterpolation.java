package dev.hopscope.io.imports;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compose's variable substitution, applied to every value of one file before files are merged
 * (keys are never substituted): {@code $$} is a dollar; {@code $VAR} and {@code ${VAR}};
 * {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset); {@code ${VAR:?message}}
 * and {@code ${VAR?message}}, an error at the value's place; {@code ${VAR:+replacement}} and
 * {@code ${VAR+replacement}}; defaults and messages may hold substitutions themselves. An unset
 * variable without a default is empty, with Compose's own warning, once per variable.
 */
final class ComposeInterpolation {

    private final Map<String, String> environment;
    private final Diagnostics diag;
    private final Set<String> warned;

    /** {@code warned} is shared by the files of one import, so each unset variable is warned about once. */
    ComposeInterpolation(Map<String, String> environment, Diagnostics diag, Set<String> warned) {
        this.environment = environment;
        this.diag = diag;
        this.warned = warned;
    }

    ComposeInterpolation(Map<String, String> environment, Diagnostics diag) { this(environment, diag, new HashSet<>()); }

    /**
     * The tree with every value substituted; unchanged parts stay shared. A value reached through
     * several YAML aliases is substituted once per path, which the reader bounds (at most a
     * million values with every alias expanded).
     */
    SourceNode tree(SourceNode n) {
        SourceNode out = n;
        if (n.isScalar()) {
            if (n.text.indexOf('$') >= 0) out = n.withText(apply(n.text, n));
        } else if (n.isList()) {
            SourceNode copy = null;
            for (int i = 0; i < n.items().size(); i++) {
                SourceNode item = n.items().get(i), changed = tree(item);
                if (changed != item && copy == null) {
                    copy = n.emptyLike().withTag(n.tag);
                    for (int j = 0; j < i; j++) copy.add(n.items().get(j));
                }
                if (copy != null) copy.add(changed);
            }
            if (copy != null) out = copy;
        } else {
            SourceNode copy = null;
            int i = 0;
            for (Map.Entry<String, SourceNode> e : n.entries().entrySet()) {
                SourceNode changed = tree(e.getValue());
                if (changed != e.getValue() && copy == null) {
                    copy = n.emptyLike().withTag(n.tag);
                    int j = 0;
                    for (Map.Entry<String, SourceNode> before : n.entries().entrySet()) {
                        if (j++ == i) break;
                        copy.put(before.getKey(), n.keyNode(before.getKey()), before.getValue());
                    }
                }
                if (copy != null) copy.put(e.getKey(), n.keyNode(e.getKey()), changed);
                i++;
            }
            if (copy != null) out = copy;
        }
        return out;
    }

    /** One value's text with its substitutions made; {@code at} is where it was written, for messages. */
    String apply(String text, SourceNode at) {
        if (text.indexOf('$') < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) { out.append(c); i++; continue; }
            char next = text.charAt(i + 1);
            if (next == '$') { out.append('$'); i += 2; continue; }
            if (next == '{') {
                int close = closingBrace(text, i + 2);
                if (close < 0) throw invalid(text, at);
                out.append(braced(text.substring(i + 2, close), text, at));
                i = close + 1;
                continue;
            }
            int end = nameEnd(text, i + 1);
            if (end == i + 1) { out.append(c); i++; continue; } // a lone $ stays as written
            out.append(lookup(text.substring(i + 1, end), at));
            i = end;
        }
        return out.toString();
    }

    private String braced(String body, String text, SourceNode at) {
        int k = nameEnd(body, 0);
        if (k == 0) throw invalid(text, at);
        String name = body.substring(0, k), rest = body.substring(k);
        if (rest.isEmpty()) return lookup(name, at);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(1) : rest;
        if (op.isEmpty()) throw invalid(text, at);
        String arg = op.substring(1);
        String value = environment.get(name);
        boolean unset = value == null, empty = unset || value.isEmpty();
        switch (op.charAt(0)) {
            case '-':
                return (colon ? empty : unset) ? apply(arg, at) : value;
            case '+':
                return (colon ? empty : unset) ? "" : apply(arg, at);
            case '?':
                if (colon ? empty : unset) {
                    String message = apply(arg, at);
                    throw diag.error(at, "required variable " + name + " is missing a value" + (message.isEmpty() ? "" : ": " + message));
                }
                return value;
            default:
                throw invalid(text, at);
        }
    }

    private String lookup(String name, SourceNode at) {
        String value = environment.get(name);
        if (value != null) return value;
        if (warned.add(name)) diag.warn(at, "The \"" + name + "\" variable is not set. Defaulting to a blank string.");
        return "";
    }

    private ImportException invalid(String text, SourceNode at) {
        return diag.error(at, "invalid interpolation format in '" + text + "': write a literal $ as $$");
    }

    /** The index of the } that closes a ${ whose body starts at {@code from}, counting nested ${...}. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') { depth++; i++; }
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    /** The end of a variable name ([_a-zA-Z][_a-zA-Z0-9]*) starting at {@code from}; {@code from} when there is none. */
    static int nameEnd(String text, int from) {
        int i = from;
        if (i < text.length() && (Character.isLetter(text.charAt(i)) && text.charAt(i) < 128 || text.charAt(i) == '_')) i++;
        else return from;
        while (i < text.length() && (text.charAt(i) < 128 && Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) i++;
        return i;
    }
}
