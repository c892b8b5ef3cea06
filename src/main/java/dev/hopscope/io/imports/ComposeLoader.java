package dev.hopscope.io.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Compose project as {@code docker compose -f A -f B} does before it creates anything:
 * the environment (the shell over {@code --env-file}s, or over the project's {@code .env}), each
 * file's values substituted with it, the files merged in order ({@link ComposeMerge}), every
 * {@code extends} resolved (from the same file or another), and every {@code include}d project
 * loaded with its own folder and env file and copied in. The result is one merged tree whose
 * values still know the file, line and column they were written at.
 */
final class ComposeLoader {

    /** One compose file: the name messages use, where it is on disk (null for text in memory), and its tree. */
    record Source(String name, Path path, SourceNode root) {}

    /**
     * The merged project: its tree (services, networks, ...), its name, the environment it was
     * read with, the profiles enabled, and for each file read the folder its relative paths
     * start from.
     */
    record Model(SourceNode root, String projectName, Map<String, String> environment, Set<String> profiles,
                 Map<String, Path> baseDirs) {}

    private static final int MAX_INCLUDE_DEPTH = 20;

    private final Diagnostics diag;
    private final ImportOptions options;
    private final Set<String> warnedVariables = new HashSet<>();
    private final Map<String, Path> baseDirs = new HashMap<>();
    private final Deque<Path> including = new ArrayDeque<>();

    ComposeLoader(Diagnostics diag, ImportOptions options) {
        this.diag = diag;
        this.options = options;
    }

    /**
     * The project of these files, the first already read. {@code projectDir} is the first file's
     * folder (null when the text is not on disk: then no {@code .env} is read and {@code include}
     * and {@code extends.file} cannot be followed); {@code folderName} names the project when the
     * file does not.
     */
    Model load(List<Source> files, Path projectDir, String folderName) {
        warnOverrideBeside(files);
        Map<String, String> env = environment(projectDir, options.envFiles(), options.environment(), null);
        SourceNode root = project(files, projectDir, env);
        String explicit = env.get("COMPOSE_PROJECT_NAME");
        SourceNode nameNode = root.get("name");
        String name = explicit != null && !explicit.isBlank() ? explicit
                : nameNode != null && nameNode.isScalar() && !nameNode.isNull() && !nameNode.text.isBlank() ? nameNode.text : folderName;
        Set<String> profiles = new LinkedHashSet<>(options.profiles());
        if (profiles.isEmpty() && env.containsKey("COMPOSE_PROFILES"))
            for (String p : env.get("COMPOSE_PROFILES").split(",")) if (!p.isBlank()) profiles.add(p.trim());
        return new Model(root, normalise(name), env, profiles, Map.copyOf(baseDirs));
    }

    /**
     * {@code docker compose up} without {@code -f} reads {@code compose.yaml} and its
     * {@code compose.override.yaml}; an import reads the files it is given, as {@code -f} does.
     * Say so when an override lies beside a lone base file.
     */
    private void warnOverrideBeside(List<Source> files) {
        if (files.size() != 1 || files.get(0).path() == null) return;
        Path file = files.get(0).path();
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || name.contains(".override.")) return;
        Path dir = file.toAbsolutePath().getParent();
        for (String ext : List.of(".yaml", ".yml")) {
            Path override = dir.resolve(name.substring(0, dot) + ".override" + ext);
            if (Files.isRegularFile(override)) {
                diag.warn(SourceNode.scalar(files.get(0).name(), "", false, 1, 1), "docker compose up (without -f) would also read "
                        + override.getFileName() + " beside this file; it is not imported: name both files to import them together");
                return;
            }
        }
    }

    /** A project name as Compose normalises it: lower case, letters, digits, '_' and '-', starting with a letter or digit. */
    static String normalise(String raw) {
        String norm = raw == null ? "" : raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceAll("^[^a-z0-9]+", "");
        return norm.isEmpty() ? "project" : norm;
    }

    /** The files of one project merged, with its extends and includes resolved. */
    private SourceNode project(List<Source> files, Path projectDir, Map<String, String> env) {
        SourceNode root = null;
        for (Source f : files) {
            remember(f);
            if (projectDir != null) baseDirs.put(f.name(), projectDir);
            SourceNode tree = substituted(f.root(), f.name(), env);
            if (!tree.isMap()) throw diag.error(tree, "a compose file must be a mapping, not " + tree.describe());
            root = root == null ? tree : ComposeMerge.files(root, tree);
        }
        // extends before the tags go: a service may !override what it extends
        root = new Extends(env).resolveAll(root);
        root = ComposeMerge.clean(root);
        return includes(root, env);
    }

    private SourceNode substituted(SourceNode tree, String fileName, Map<String, String> env) {
        return new ComposeInterpolation(env, diag.forFile(fileName), warnedVariables).tree(tree);
    }

    /**
     * The variables a file is read with: each env file in order (later ones win), or the
     * folder's {@code .env} when none is given; then the shell's, which win over all of them.
     * {@code inherited} (an including project's variables) wins over the env files too.
     */
    private Map<String, String> environment(Path dir, List<Path> envFiles, Map<String, String> shell, Map<String, String> inherited) {
        Map<String, String> outer = new HashMap<>(shell);
        if (inherited != null) outer.putAll(inherited);
        Map<String, String> env = new HashMap<>();
        List<Path> files = new ArrayList<>(envFiles);
        if (files.isEmpty() && dir != null && Files.isRegularFile(dir.resolve(".env"))) files.add(dir.resolve(".env"));
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new ImportException(f.toString(), 1, 1, "the env file does not exist");
            Map<String, String> lookup = new HashMap<>(env);
            lookup.putAll(outer);
            env.putAll(EnvFile.read(f, lookup, diag));
        }
        env.putAll(outer);
        return env;
    }

    // ---- include -------------------------------------------------------------------------

    private SourceNode includes(SourceNode root, Map<String, String> env) {
        SourceNode list = root.get("include");
        if (list == null) return root;
        SourceNode out = root.emptyLike();
        for (Map.Entry<String, SourceNode> e : root.entries().entrySet())
            if (!e.getKey().equals("include")) out.put(e.getKey(), root.keyNode(e.getKey()), e.getValue());
        for (SourceNode entry : diag.items(list, "include")) {
            SourceNode sub = included(entry, env);
            for (String section : List.of("services", "networks", "volumes", "configs", "secrets")) copyIn(out, sub, section, entry);
        }
        return out;
    }

    /** One include entry loaded as a project of its own: {@code path} (one or several files), {@code project_directory}, {@code env_file}. */
    private SourceNode included(SourceNode entry, Map<String, String> parentEnv) {
        List<SourceNode> paths;
        SourceNode projectDirNode = null;
        List<SourceNode> envFileNodes = List.of();
        if (entry.isMap()) {
            diag.unknownKeys(entry, Set.of("path", "project_directory", "env_file"), "an include entry", true);
            SourceNode p = entry.get("path");
            if (p == null || p.isNull()) throw diag.error(entry, "an include entry needs 'path'");
            paths = p.isList() ? p.items() : List.of(p);
            projectDirNode = entry.get("project_directory");
            SourceNode ef = entry.get("env_file");
            envFileNodes = ef == null || ef.isNull() ? List.of() : ef.isList() ? ef.items() : List.of(ef);
        } else paths = List.of(entry);
        if (paths.isEmpty()) throw diag.error(entry, "an include entry names no file");

        List<Path> absolute = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SourceNode p : paths) {
            String text = diag.string(p, "an included file");
            if (text == null || text.isBlank()) throw diag.error(p, "an included file needs a path");
            String name = displayPath(p, text);
            Path abs = resolve(p, text);
            if (!Files.isRegularFile(abs)) throw diag.error(p, "the included file " + name + " does not exist");
            absolute.add(abs);
            names.add(name);
        }
        Path first = absolute.get(0);
        if (including.contains(first) || including.size() >= MAX_INCLUDE_DEPTH) {
            List<String> chain = new ArrayList<>();
            including.descendingIterator().forEachRemaining(x -> chain.add(x.getFileName().toString()));
            chain.add(first.getFileName().toString());
            throw diag.error(paths.get(0), "include cycle: " + String.join(" -> ", chain));
        }
        Path projectDir = projectDirNode == null || projectDirNode.isNull() ? first.getParent()
                : resolve(projectDirNode, diag.string(projectDirNode, "project_directory"));
        List<Path> envFiles = new ArrayList<>();
        for (SourceNode ef : envFileNodes) envFiles.add(resolve(ef, diag.string(ef, "env_file")));
        Map<String, String> env = environment(projectDir, envFiles, options.environment(), parentEnv);

        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < absolute.size(); i++) {
            String name = names.get(i);
            SourceNode tree = Importer.readYamlDocument(absolute.get(i), name, diag.forFile(name));
            sources.add(new Source(name, absolute.get(i), tree));
        }
        including.push(first);
        try {
            return project(sources, projectDir, env);
        } finally {
            including.pop();
        }
    }

    /**
     * Copies one section of an included project in. A name the including project defines too is
     * Compose's error, unless both define exactly the same thing.
     */
    private void copyIn(SourceNode target, SourceNode sub, String section, SourceNode includeEntry) {
        SourceNode from = diag.map(sub.get(section), section);
        if (from == null || from.entries().isEmpty()) return;
        SourceNode existing = diag.map(target.get(section), section);
        SourceNode merged = existing == null || existing.isNull() ? SourceNode.map(from.file, from.line, from.column) : existing.emptyLike();
        if (existing != null && existing.isMap())
            for (Map.Entry<String, SourceNode> e : existing.entries().entrySet()) merged.put(e.getKey(), existing.keyNode(e.getKey()), e.getValue());
        for (Map.Entry<String, SourceNode> e : from.entries().entrySet()) {
            String name = e.getKey();
            if (merged.has(name)) {
                if (same(merged.get(name), e.getValue())) continue;
                SourceNode ours = merged.keyNode(name);
                throw diag.error(ours, singular(section) + " '" + name + "' is defined here and again in the included file "
                        + from.keyNode(name).where(diag.file()) + ": Compose refuses conflicting definitions (rename one of them)");
            }
            merged.put(name, from.keyNode(name), e.getValue());
        }
        target.put(section, target.has(section) ? target.keyNode(section) : includeEntry, merged);
    }

    private static String singular(String section) { return section.substring(0, section.length() - 1); }

    /** The same value, whatever file and place each was written at. */
    static boolean same(SourceNode a, SourceNode b) {
        if (a == b) return true;
        if (a.kind != b.kind) return false;
        if (a.isScalar()) return a.text.equals(b.text) && a.isNull() == b.isNull();
        if (a.isList()) {
            if (a.items().size() != b.items().size()) return false;
            for (int i = 0; i < a.items().size(); i++) if (!same(a.items().get(i), b.items().get(i))) return false;
            return true;
        }
        if (!a.entries().keySet().equals(b.entries().keySet())) return false;
        for (String k : a.entries().keySet()) if (!same(a.get(k), b.get(k))) return false;
        return true;
    }

    // ---- paths ---------------------------------------------------------------------------

    /** A path written in a file, on disk: relative to that file's folder. */
    private Path resolve(SourceNode at, String text) {
        Path p = Path.of(text);
        if (p.isAbsolute()) return p.normalize();
        Path dir = folderOf(at);
        if (dir == null) throw diag.error(at, "'" + text + "' is relative, but the compose file was not read from disk: import it from its file");
        return dir.resolve(p).toAbsolutePath().normalize();
    }

    /** How a path written in a file is named in messages: beside the file's name as the user gave it. */
    private String displayPath(SourceNode at, String text) {
        Path p = Path.of(text);
        if (p.isAbsolute()) return p.normalize().toString();
        String file = diag.fileOf(at);
        Path parent = Path.of(file).getParent();
        return (parent == null ? p : parent.resolve(p)).normalize().toString();
    }

    private Path folderOf(SourceNode at) {
        String file = diag.fileOf(at);
        return fileFolders.get(file);
    }

    /** The folder of every file read from disk, by the name messages use. */
    private final Map<String, Path> fileFolders = new HashMap<>();

    private void remember(Source s) {
        if (s.path() != null) fileFolders.put(s.name(), s.path().toAbsolutePath().getParent());
    }

    // ---- extends -------------------------------------------------------------------------

    /** Resolves {@code extends} in every service of a merged project. */
    private final class Extends {
        private final Map<String, String> env;
        private final Map<Path, SourceNode> otherFiles = new HashMap<>();

        Extends(Map<String, String> env) { this.env = env; }

        SourceNode resolveAll(SourceNode root) {
            SourceNode services = root.get("services");
            if (services == null || !services.isMap()) return root;
            boolean any = false;
            for (SourceNode s : services.entries().values()) if (s.isMap() && s.has("extends")) { any = true; break; }
            if (!any) return root;
            Map<String, SourceNode> resolved = new LinkedHashMap<>();
            for (String name : services.entries().keySet()) resolved.put(name, service(services, name, new ArrayDeque<>()));
            SourceNode newServices = services.emptyLike();
            for (Map.Entry<String, SourceNode> e : resolved.entrySet()) newServices.put(e.getKey(), services.keyNode(e.getKey()), e.getValue());
            SourceNode out = root.emptyLike();
            for (Map.Entry<String, SourceNode> e : root.entries().entrySet())
                out.put(e.getKey(), root.keyNode(e.getKey()), e.getKey().equals("services") ? newServices : e.getValue());
            return out;
        }

        /** The service NAME of a {@code services} mapping with its extends chain merged in. */
        private SourceNode service(SourceNode services, String name, Deque<String> chain) {
            SourceNode svc = services.get(name);
            if (svc == null || !svc.isMap() || !svc.has("extends")) return svc;
            SourceNode ext = svc.get("extends");
            String baseName;
            SourceNode fileNode = null;
            if (ext.isScalar()) baseName = ext.text;
            else {
                SourceNode m = diag.map(ext, "extends of service '" + name + "'");
                if (m == null) return without(svc, "extends");
                diag.unknownKeys(m, Set.of("service", "file"), "extends of service '" + name + "'", false);
                baseName = diag.requiredString(m, "service", "the service to extend");
                fileNode = m.get("file");
            }
            String link = diag.fileOf(svc) + ":" + name;
            if (chain.contains(link)) {
                List<String> names = new ArrayList<>();
                for (String c : chain) names.add(c.substring(c.lastIndexOf(':') + 1));
                names.add(name);
                throw diag.error(ext, "extends runs in a circle: " + String.join(" -> ", names));
            }
            chain.addLast(link);
            SourceNode base;
            if (fileNode == null || fileNode.isNull()) {
                if (!services.has(baseName))
                    throw diag.error(ext, "service '" + name + "' extends '" + baseName + "', which is not a service of this file");
                base = service(services, baseName, chain);
            } else {
                String fileText = diag.string(fileNode, "extends file");
                Path abs = resolve(fileNode, fileText);
                String display = displayPath(fileNode, fileText);
                if (!Files.isRegularFile(abs)) throw diag.error(fileNode, "the file " + display + " that service '" + name + "' extends does not exist");
                SourceNode other = otherFiles.computeIfAbsent(abs, p -> {
                    SourceNode tree = Importer.readYamlDocument(p, display, diag.forFile(display));
                    fileFolders.put(display, p.getParent());
                    baseDirs.put(display, p.getParent());
                    return ComposeMerge.clean(substituted(tree, display, env));
                });
                SourceNode otherServices = other.isMap() ? other.get("services") : null;
                if (otherServices == null || !otherServices.isMap() || !otherServices.has(baseName))
                    throw diag.error(ext, "service '" + name + "' extends '" + baseName + "', which " + display + " does not define");
                base = service(otherServices, baseName, chain);
            }
            chain.removeLast();
            if (!base.isMap()) return without(svc, "extends");
            return ComposeMerge.service(without(base, "extends"), without(svc, "extends"));
        }

        private SourceNode without(SourceNode map, String key) {
            if (!map.has(key)) return map;
            SourceNode out = map.emptyLike();
            for (Map.Entry<String, SourceNode> e : map.entries().entrySet())
                if (!e.getKey().equals(key)) out.put(e.getKey(), map.keyNode(e.getKey()), e.getValue());
            return out;
        }
    }
}
