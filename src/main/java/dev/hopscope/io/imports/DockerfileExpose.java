package dev.hopscope.io.imports;

import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ports the image built from a Dockerfile exposes, read as BuildKit reads the file: the
 * {@code escape} directive, line continuations, comments, heredocs skipped, {@code ARG}
 * (build args override defaults; the ones before the first {@code FROM} serve {@code FROM}),
 * {@code ENV}, and {@code EXPOSE} with {@code $VAR}, {@code ${VAR:-word}} and {@code ${VAR:+word}}.
 * The stage built is the {@code target} or the last one; it exposes what its own {@code EXPOSE}s
 * say plus what its base exposes: an earlier stage, or an image the {@link ImageCatalog} knows.
 * Nothing is run: {@code RUN} lines are never looked at.
 */
final class DockerfileExpose {

    /** Ranges longer than this are cut, as in {@link ComposePorts}. */
    static final int MAX_RANGE = ComposePorts.MAX_RANGE;

    private record Stage(String name, String base, SourceNode from, List<Socket> sockets, Map<String, String> env, Map<String, String> args) {}

    private final String file;
    private final Diagnostics diag;
    private final Map<String, String> buildArgs;

    private DockerfileExpose(String file, Diagnostics diag, Map<String, String> buildArgs) {
        this.file = file;
        this.diag = diag.forFile(file);
        this.buildArgs = buildArgs;
    }

    /**
     * The sockets of the built image. {@code target} (null: the last stage) is checked against
     * the stages; {@code at} is the compose value that names the target, for that error.
     */
    static List<Socket> exposed(String file, String text, String target, SourceNode at, Map<String, String> buildArgs, Diagnostics diag) {
        return new DockerfileExpose(file, diag, buildArgs).read(text, target, at);
    }

    private List<Socket> read(String text, String target, SourceNode targetAt) {
        List<Stage> stages = new ArrayList<>();
        Map<String, String> globalArgs = new HashMap<>();
        char escape = '\\';
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        // parser directives: only at the very top, before any comment, blank line or instruction
        while (i < lines.length) {
            String l = lines[i].strip();
            if (!l.startsWith("#")) break;
            String d = l.substring(1).strip().toLowerCase(Locale.ROOT);
            if (!d.matches("[a-z]+\\s*=.*")) break;
            if (d.startsWith("escape")) {
                String v = d.substring(d.indexOf('=') + 1).strip();
                if (v.equals("`")) escape = '`';
                else if (!v.equals("\\")) throw diag.error(at(i + 1, 1), "the escape directive takes \\ or `, not '" + v + "'");
            }
            i++;
        }
        Stage current = null;
        while (i < lines.length) {
            String raw = lines[i];
            String t = raw.strip();
            if (t.isEmpty() || t.startsWith("#")) { i++; continue; }
            int startLine = i + 1, startCol = raw.indexOf(t.charAt(0)) + 1;
            StringBuilder logical = new StringBuilder();
            while (true) {
                String part = lines[i].stripTrailing();
                boolean continues = !part.isEmpty() && part.charAt(part.length() - 1) == escape;
                logical.append(continues ? part.substring(0, part.length() - 1) : part).append(' ');
                i++;
                if (!continues) break;
                while (i < lines.length && (lines[i].strip().isEmpty() || lines[i].strip().startsWith("#"))) i++;
                if (i >= lines.length) break;
            }
            String instruction = logical.toString().strip();
            SourceNode at = at(startLine, startCol);
            int space = instruction.indexOf(' ');
            String keyword = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
            String rest = space < 0 ? "" : instruction.substring(space + 1).strip();
            i = skipHeredocs(keyword, rest, lines, i);
            switch (keyword) {
                case "FROM" -> {
                    List<String> words = new ArrayList<>(List.of(rest.split("\\s+")));
                    words.removeIf(w -> w.startsWith("--"));
                    if (words.isEmpty() || words.get(0).isEmpty()) throw diag.error(at, "FROM needs an image");
                    String base = substitute(words.get(0), globalArgs, at);
                    String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2).toLowerCase(Locale.ROOT) : null;
                    current = new Stage(name, base, at, new ArrayList<>(), new HashMap<>(), new HashMap<>());
                    stages.add(current);
                }
                case "ARG" -> {
                    for (String decl : words(rest)) {
                        int eq = decl.indexOf('=');
                        if (eq == 0) throw diag.error(at, "ARG names can not be blank");
                        String key = eq < 0 ? decl : decl.substring(0, eq);
                        String dflt = eq < 0 ? null : unquote(decl.substring(eq + 1));
                        if (current == null) {
                            String v = buildArgs.containsKey(key) ? buildArgs.get(key) : dflt;
                            if (v != null) globalArgs.put(key, v);
                        } else {
                            String v = buildArgs.containsKey(key) ? buildArgs.get(key)
                                    : dflt != null ? substitute(dflt, vars(current), at) : globalArgs.get(key);
                            if (v != null) current.args().put(key, v);
                        }
                    }
                }
                case "ENV" -> {
                    if (current == null) throw diag.error(at, "ENV before the first FROM");
                    List<String> w = words(rest);
                    if (!w.isEmpty() && !w.get(0).contains("=")) {
                        // the old form: ENV KEY VALUE...
                        current.env().put(w.get(0), substitute(rest.substring(w.get(0).length()).strip(), vars(current), at));
                    } else for (String kv : w) {
                        int eq = kv.indexOf('=');
                        if (eq <= 0) throw diag.error(at, "Syntax error - can't find = in \"" + kv + "\". Must be of the form: name=value");
                        current.env().put(kv.substring(0, eq), substitute(unquote(kv.substring(eq + 1)), vars(current), at));
                    }
                }
                case "EXPOSE" -> {
                    if (current == null) throw diag.error(at, "EXPOSE before the first FROM");
                    for (String p : substitute(rest, vars(current), at).split("\\s+"))
                        if (!p.isEmpty()) expose(p, current.sockets(), at);
                }
                default -> { /* RUN, COPY, CMD, ...: nothing a port depends on */ }
            }
        }
        if (stages.isEmpty()) throw diag.error(at(1, 1), "the Dockerfile has no FROM instruction");
        Stage built = stages.get(stages.size() - 1);
        if (target != null) {
            built = null;
            for (Stage s : stages) if (target.equalsIgnoreCase(s.name())) built = s;
            if (built == null) throw diag.error(targetAt, "target stage \"" + target + "\" could not be found in " + file);
        }
        return List.copyOf(exposedBy(built, stages, new LinkedHashSet<>()));
    }

    /** A stage's sockets and, before them, its base's. */
    private Set<Socket> exposedBy(Stage s, List<Stage> stages, Set<Socket> out) {
        Stage parent = null;
        int index = stages.indexOf(s);
        for (int k = 0; k < index; k++) {
            Stage p = stages.get(k);
            if (s.base().equalsIgnoreCase(p.name()) || s.base().equals(String.valueOf(k))) parent = p;
        }
        if (parent != null) exposedBy(parent, stages, out);
        else if (!s.base().equalsIgnoreCase("scratch")) {
            try {
                ImageCatalog.lookup(ImageReference.parse(s.base())).ifPresent(e -> out.addAll(e.sockets()));
            } catch (ImageReference.Invalid e) {
                throw diag.error(s.from(), "FROM " + s.base() + ": " + e.getMessage());
            }
        }
        out.addAll(s.sockets());
        return out;
    }

    private void expose(String spec, List<Socket> out, SourceNode at) {
        String p = spec, proto = "tcp";
        int slash = p.indexOf('/');
        if (slash >= 0) { proto = p.substring(slash + 1).toLowerCase(Locale.ROOT); p = p.substring(0, slash); }
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            if (proto.equals("sctp")) { diag.warn(at, "EXPOSE " + spec + ": SCTP is not modelled"); return; }
            throw diag.error(at, "EXPOSE " + spec + ": invalid proto: " + proto);
        }
        int dash = p.indexOf('-');
        int from = port(dash < 0 ? p : p.substring(0, dash), spec, at), to = dash < 0 ? from : port(p.substring(dash + 1), spec, at);
        if (to < from) throw diag.error(at, "EXPOSE " + spec + ": invalid range, the end is below the start");
        if (to - from >= MAX_RANGE) {
            diag.warn(at, "EXPOSE " + spec + " is " + (to - from + 1) + " ports: only the first " + MAX_RANGE + " are modelled");
            to = from + MAX_RANGE - 1;
        }
        for (int q = from; q <= to; q++) {
            Socket s = new Socket(q, proto.equals("udp") ? Proto.UDP : Proto.TCP, "0.0.0.0");
            if (!out.contains(s)) out.add(s);
        }
    }

    private int port(String text, String spec, SourceNode at) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= 65535) return v;
        } catch (NumberFormatException e) { /* below */ }
        throw diag.error(at, "EXPOSE " + spec + ": invalid containerPort: " + text);
    }

    private Map<String, String> vars(Stage s) {
        Map<String, String> v = new HashMap<>(s.args());
        v.putAll(s.env());
        return v;
    }

    /** $VAR, ${VAR}, ${VAR:-word}, ${VAR:+word}; \$ is a dollar. */
    private String substitute(String text, Map<String, String> vars, SourceNode at) {
        if (text.indexOf('$') < 0) return text;
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\\' && k + 1 < text.length() && text.charAt(k + 1) == '$') { out.append('$'); k++; continue; }
            if (c != '$' || k + 1 >= text.length()) { out.append(c); continue; }
            if (text.charAt(k + 1) == '{') {
                int close = text.indexOf('}', k);
                if (close < 0) throw diag.error(at, "'" + text + "': ${ without a closing }");
                String body = text.substring(k + 2, close);
                int op = ComposeInterpolation.nameEnd(body, 0);
                String name = body.substring(0, op), value = vars.get(name);
                if (op == body.length()) out.append(value == null ? "" : value);
                else if (body.startsWith(":-", op)) out.append(value == null || value.isEmpty() ? body.substring(op + 2) : value);
                else if (body.startsWith(":+", op)) out.append(value == null || value.isEmpty() ? "" : body.substring(op + 2));
                else throw diag.error(at, "'" + text + "': unsupported modifier in ${" + body + "}");
                k = close;
                continue;
            }
            int end = ComposeInterpolation.nameEnd(text, k + 1);
            if (end == k + 1) { out.append(c); continue; }
            String value = vars.get(text.substring(k + 1, end));
            out.append(value == null ? "" : value);
            k = end - 1;
        }
        return out.toString();
    }

    /** After an instruction holding heredocs ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}): the line after the last one's end. */
    private static int skipHeredocs(String keyword, String rest, String[] lines, int next) {
        if (!(keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) || !rest.contains("<<")) return next;
        var m = java.util.regex.Pattern.compile("<<(-?)[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?").matcher(rest);
        int i = next;
        while (m.find()) {
            boolean dash = !m.group(1).isEmpty();
            String word = m.group(2);
            while (i < lines.length) {
                String l = dash ? lines[i].strip() : lines[i];
                i++;
                if (l.equals(word)) break;
            }
        }
        return i;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote != 0) { w.append(c); if (c == quote) quote = 0; continue; }
            if (c == '"' || c == '\'') { quote = c; w.append(c); continue; }
            if (Character.isWhitespace(c)) { if (w.length() > 0) { out.add(w.toString()); w.setLength(0); } continue; }
            w.append(c);
        }
        if (w.length() > 0) out.add(w.toString());
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) return v.substring(1, v.length() - 1);
        return v;
    }

    private SourceNode at(int line, int col) { return SourceNode.scalar(file, "", false, line, col); }
}
