package dev.hopscope.io.export;

import dev.hopscope.Processes;
import dev.hopscope.Processes.Result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Running exported labs in tests: root and the tools are checked first (tests skip without them),
 * every namespace carries a prefix naming this JVM's pid, and namespaces left by an earlier run
 * that died are removed before a new lab is built. Only namespaces we named are ever touched.
 */
final class Lab {
    private Lab() {}

    static final Path NETNS = Path.of("/run/netns");
    private static final Pattern OURS = Pattern.compile("^hs[kq](\\d+)-.*", Pattern.DOTALL);

    static void assumeRootWith(String... tools) {
        assumeTrue("root".equals(System.getProperty("user.name")) || Processes.isRoot(), "needs root to build network namespaces");
        for (String t : tools) assumeTrue(onPath(t), t + " is not installed");
    }

    static String prefix(char kind) { return "hs" + kind + ProcessHandle.current().pid() + "-"; }

    static boolean onPath(String tool) { return Processes.onPath(tool); }

    static Result run(int timeoutSeconds, String... cmd) { return Processes.run(timeoutSeconds, cmd); }

    /** Namespaces whose names we gave (hsk/hsq, a pid, a dash) and whose JVM is gone: kill what runs in them and delete them. */
    static void removeLeftovers() {
        if (!Files.isDirectory(NETNS)) return;
        List<String> stale = new ArrayList<>();
        try (Stream<Path> s = Files.list(NETNS)) {
            s.forEach(p -> {
                String name = p.getFileName().toString();
                Matcher m = OURS.matcher(name);
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) stale.add(name);
            });
        } catch (IOException e) {
            return;
        }
        for (String ns : stale) deleteNamespace(ns);
    }

    static void deleteNamespace(String ns) {
        Result pids = run(10, "ip", "netns", "pids", ns);
        for (String pid : pids.output().split("\\s+"))
            if (pid.matches("\\d+")) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        run(10, "ip", "netns", "del", ns);
    }

    /** Our namespaces that exist right now with the given prefix. */
    static List<String> namespaces(String prefix) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(NETNS)) return out;
        try (Stream<Path> s = Files.list(NETNS)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(out::add);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return out;
    }

    static Result script(Path script, String prefix, String verb, int timeoutSeconds) {
        return run(timeoutSeconds, "env", "HOPSCOPE_PREFIX=" + prefix, "bash", script.toString(), verb);
    }
}
