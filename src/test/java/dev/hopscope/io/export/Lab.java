package dev.hopscope.io.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    record Result(int exit, String output) {}

    static void assumeRootWith(String... tools) {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0, "needs root to build network namespaces");
        for (String t : tools) assumeTrue(onPath(t), t + " is not installed");
    }

    static String prefix(char kind) { return "hs" + kind + ProcessHandle.current().pid() + "-"; }

    private static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":"))
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }

    static Result run(int timeoutSeconds, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            Path out = Files.createTempFile("hopscope-lab", ".out");
            try {
                pb.redirectOutput(out.toFile());
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    return new Result(124, Files.readString(out, StandardCharsets.UTF_8) + "\n(timed out after " + timeoutSeconds + " s)");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        }
    }

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
