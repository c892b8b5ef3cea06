package dev.hopscope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Running the machine's own tools from tests (ip, iptables, docker, tshark, dot, bash): output and
 * errors together, a time limit that kills the whole process tree, and no exception for a tool
 * that is missing or fails (its exit code says so). Shared by the kernel and Docker labs.
 */
public final class Processes {
    private Processes() {}

    /** A finished command: its exit code (124 timed out, 127 could not start) and its output and errors together. */
    public record Result(int exit, String output) {
        public boolean ok() { return exit == 0; }
    }

    public static Result run(int timeoutSeconds, String... cmd) {
        try {
            Path out = Files.createTempFile("hopscope-run", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
                // the docker command line must speak to this machine's engine, whatever the caller's shell points it at
                pb.environment().remove("DOCKER_HOST");
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

    public static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean onPath(String tool) { return which(tool) != null; }

    /** The tool's path on PATH or in the usual system directories (a test's PATH may lack /sbin), or null. */
    public static String which(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String d : dirs) if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return Path.of(d, tool).toString();
        return null;
    }

    /**
     * Puts {@code question} to every item on a few threads (probes spend their time waiting on
     * timeouts, not on CPU) and returns the non-null answers in the items' order: the
     * disagreements of an agreement test.
     */
    public static <T> List<String> askInParallel(List<T> items, Function<T, String> question) throws InterruptedException, ExecutionException {
        List<String> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (T item : items) results.add(pool.submit(() -> question.apply(item)));
            for (Future<String> f : results) {
                String answer = f.get();
                if (answer != null) answers.add(answer);
            }
        } finally {
            pool.shutdownNow();
        }
        return answers;
    }
}
