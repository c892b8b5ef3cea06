package dev.hopscope.io.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Compose env file ({@code .env}, {@code --env-file}): {@code KEY=VALUE} lines, optionally
 * prefixed by {@code export}; {@code #} comments (after a blank in an unquoted value);
 * single quotes keep their text as written, double quotes understand {@code \n}, {@code \t},
 * {@code \"}, {@code \\} and may span lines; unquoted and double-quoted values substitute
 * {@code ${VAR}} from the lines above and the shell; a bare {@code KEY} takes the shell's value.
 * A malformed line is an error at its line and column.
 */
final class EnvFile {
    private EnvFile() {}

    /** The variables of the file, in order; {@code shell} answers bare keys and substitutions. */
    static Map<String, String> read(Path file, Map<String, String> shell, Diagnostics parent) {
        String name = file.toString();
        Diagnostics diag = parent.forFile(name);
        String text;
        try {
            if (Files.size(file) > Importer.MAX_BYTES) throw new ImportException(name, 1, 1, "the env file is larger than 10 MB");
            text = Files.readString(file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ImportException(name, 1, 1, "cannot read the env file: " + e.getMessage());
        }
        return parse(name, text, shell, diag);
    }

    static Map<String, String> parse(String name, String text, Map<String, String> shell, Diagnostics diag) {
        Map<String, String> vars = new LinkedHashMap<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int i = 0, line = 1, lineStart = 0;
        int n = body.length();
        while (i < n) {
            // one logical line: skip blanks, comments and empty lines
            while (i < n && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) i++;
            if (i >= n) break;
            char c = body.charAt(i);
            if (c == '\n' || c == '\r') { i = newline(body, i); line++; lineStart = i; continue; }
            if (c == '#') { i = endOfLine(body, i); continue; }
            int keyStart = i;
            if (body.startsWith("export ", i) || body.startsWith("export\t", i)) {
                i += 7;
                while (i < n && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) i++;
                keyStart = i;
            }
            int keyEnd = i;
            while (keyEnd < n && isKeyChar(body.charAt(keyEnd))) keyEnd++;
            String key = body.substring(keyStart, keyEnd);
            int col = keyStart - lineStart + 1;
            SourceNode at = SourceNode.scalar(name, key, false, line, col);
            if (key.isEmpty()) throw diag.error(at, "'" + firstLine(body, keyStart) + "' is not a KEY=VALUE line");
            i = keyEnd;
            while (i < n && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) i++;
            if (i >= n || body.charAt(i) == '\n' || body.charAt(i) == '\r' || body.charAt(i) == '#') {
                // a bare KEY: the shell's value, if it has one
                if (shell.containsKey(key)) vars.put(key, shell.get(key));
                i = endOfLine(body, i);
                continue;
            }
            if (body.charAt(i) != '=' && body.charAt(i) != ':')
                throw diag.error(SourceNode.scalar(name, "", false, line, i - lineStart + 1),
                        "'" + firstLine(body, keyStart) + "' is not a KEY=VALUE line (the key may hold letters, digits, '_', '.' and '-')");
            i++;
            while (i < n && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) i++;
            Map<String, String> lookup = new LinkedHashMap<>(shell);
            lookup.putAll(vars);
            String value;
            if (i < n && (body.charAt(i) == '\'' || body.charAt(i) == '"')) {
                char quote = body.charAt(i);
                int startLine = line, startCol = i - lineStart + 1;
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = body.charAt(j);
                    if (d == quote) { closed = true; break; }
                    if (d == '\\' && quote == '"' && j + 1 < n) {
                        char e = body.charAt(j + 1);
                        switch (e) {
                            case 'n' -> v.append('\n');
                            case 't' -> v.append('\t');
                            case 'r' -> v.append('\r');
                            case '"', '\\', '$' -> v.append(e == '$' ? "$$" : String.valueOf(e));
                            default -> v.append('\\').append(e);
                        }
                        j += 2;
                        continue;
                    }
                    if (d == '\n') { line++; lineStart = j + 1; }
                    v.append(d);
                    j++;
                }
                if (!closed) throw diag.error(SourceNode.scalar(name, "", false, startLine, startCol), "the quoted value of " + key + " has no closing " + quote);
                value = quote == '\'' ? v.toString() : substitute(v.toString(), name, startLine, startCol, lookup, diag);
                i = endOfLine(body, j + 1);
            } else {
                int end = i;
                while (end < n && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
                    if (body.charAt(end) == '#' && end > i && (body.charAt(end - 1) == ' ' || body.charAt(end - 1) == '\t')) break;
                    end++;
                }
                value = substitute(body.substring(i, end).strip(), name, line, i - lineStart + 1, lookup, diag);
                i = endOfLine(body, end);
            }
            vars.put(key, value);
        }
        return vars;
    }

    private static String substitute(String raw, String file, int line, int col, Map<String, String> lookup, Diagnostics diag) {
        return new ComposeInterpolation(lookup, diag, new java.util.HashSet<>()).apply(raw, SourceNode.scalar(file, raw, false, line, col));
    }

    private static boolean isKeyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    /** The index after the end of the current line (after its newline). */
    private static int endOfLine(String s, int i) {
        while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') i++;
        return i;
    }

    private static int newline(String s, int i) {
        if (s.charAt(i) == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') return i + 2;
        return i + 1;
    }

    private static String firstLine(String s, int from) {
        int end = endOfLine(s, from);
        String l = s.substring(from, end);
        return l.length() > 60 ? l.substring(0, 60) + "..." : l;
    }
}
