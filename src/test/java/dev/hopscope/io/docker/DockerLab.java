package dev.hopscope.io.docker;

import dev.hopscope.Processes;
import dev.hopscope.Processes.Result;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Docker engine for tests, shared safely between JVMs on one machine. The first user in a
 * JVM takes an exclusive lock on {@code /run/hopscope-docker.lock} (an fcntl lock through
 * {@link FileChannel#lock}: released by the kernel if the JVM dies), snapshots
 * {@code iptables-save}, starts {@code dockerd} if none answers, and builds the busybox probe
 * image; the last user removes everything labelled with this JVM's pid, stops dockerd only if this
 * JVM started it (then removes the rules, chains and docker0 it left, and puts ip_forward back),
 * and hands back what is still different from the snapshot. Everything a test creates is named
 * {@link #prefix()} and labelled {@link #LABEL}={@code pid}. Skips (never fails) when not root,
 * when docker or dockerd is missing, or when the engine cannot start, saying why.
 */
final class DockerLab {
    private DockerLab() {}

    static final Path LOCK = Path.of("/run/hopscope-docker.lock");
    static final String LABEL = "dev.hopscope.test";
    static final String IMAGE = "hopscope-probe:busybox";
    static final long PID = ProcessHandle.current().pid();

    private static int users;
    private static FileChannel lockFile;
    private static FileLock lock;
    private static Process dockerd;
    private static Path dockerdLog;
    private static String ipForwardBefore;
    private static boolean docker0Before;
    private static boolean imageBuilt;
    private static List<String> iptablesBefore;
    private static String skip;

    /** Names and bridge devices start with this: hsd, the pid, a dash (at most 11 characters). */
    static String prefix() { return "hsd" + PID + "-"; }

    /** Takes the engine (starting it if needed) or skips the calling test with the reason. */
    static synchronized void acquire() {
        if (skip != null) assumeTrue(false, skip);
        if (users > 0) {
            users++;
            return;
        }
        String why = prepare();
        if (why != null) {
            skip = why;
            releaseLock();
            assumeTrue(false, why);
        }
        users = 1;
    }

    /** Gives the engine back; the last user cleans up. Returns what is left behind (empty: nothing). */
    static synchronized List<String> release() {
        if (users == 0) return List.of();
        if (--users > 0) return List.of();
        List<String> left = new ArrayList<>();
        try {
            removeOurs();
            left.addAll(leftovers());
            if (imageBuilt) docker(60, "rmi", "-f", IMAGE);
            if (dockerd != null) stopDockerd();
            List<String> after = iptables();
            if (iptablesBefore != null && after != null && !after.equals(iptablesBefore)) {
                List<String> added = new ArrayList<>(after);
                added.removeAll(iptablesBefore);
                List<String> removed = new ArrayList<>(iptablesBefore);
                removed.removeAll(after);
                left.add("iptables differs from before the tests: added " + added + ", removed " + removed);
            }
        } finally {
            releaseLock();
        }
        return left;
    }

    private static String prepare() {
        if (!isRoot()) return "needs root to run a Docker engine";
        for (String tool : List.of("docker", "dockerd", "iptables-save", "ip", "busybox", "nsenter", "ping", "nc"))
            if (!onPath(tool)) return tool + " is not installed (CI installs docker.io, busybox-static, iproute2, iptables, iputils-ping, netcat-openbsd)";
        try {
            lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while ((lock = lockFile.tryLock()) == null) {
                if (System.nanoTime() > deadline) return "another test run held " + LOCK + " for ten minutes";
                Thread.sleep(500);
            }
        } catch (IOException e) {
            return "cannot lock " + LOCK + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for " + LOCK;
        }
        iptablesBefore = iptables();
        if (!docker(20, "version", "--format", "{{.Server.Version}}").ok()) {
            String why = startDockerd();
            if (why != null) return why;
        }
        removeLeftoversOfDeadRuns();
        String why = buildImage();
        if (why != null) return why;
        return null;
    }

    private static String startDockerd() {
        try {
            ipForwardBefore = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim();
            docker0Before = Files.exists(Path.of("/sys/class/net/docker0"));
            dockerdLog = Files.createTempFile("hopscope-dockerd", ".log");
            dockerd = new ProcessBuilder("dockerd").redirectErrorStream(true).redirectOutput(dockerdLog.toFile()).start();
            dockerd.getOutputStream().close();
        } catch (IOException e) {
            return "cannot start dockerd: " + e.getMessage();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!dockerd.isAlive()) break;
            if (docker(10, "version", "--format", "{{.Server.Version}}").ok()) return null;
            sleep(500);
        }
        String log = tail(dockerdLog, 5);
        stopDockerd();
        return "dockerd did not start within 60 s: " + log;
    }

    private static void stopDockerd() {
        Process p = dockerd;
        dockerd = null;
        p.destroy(); // SIGTERM: dockerd stops its containers and containerd
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // dockerd leaves its chains, rules and docker0 behind when it stops: take back exactly what it added
        undoIptables();
        if (!docker0Before) run(10, "ip", "link", "del", "docker0");
        if (ipForwardBefore != null) {
            try {
                Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), ipForwardBefore);
            } catch (IOException e) {
                // left as dockerd set it
            }
        }
        try {
            if (dockerdLog != null) Files.deleteIfExists(dockerdLog);
        } catch (IOException e) {
            // a temp file
        }
    }

    /** Deletes every rule that was not there before, then the chains that were not, then puts changed policies back. */
    private static void undoIptables() {
        List<String> after = iptables();
        if (after == null || iptablesBefore == null) return;
        String table = null;
        List<String[]> rules = new ArrayList<>();
        List<String[]> chains = new ArrayList<>();
        List<String[]> policies = new ArrayList<>();
        Set<String> before = new LinkedHashSet<>(iptablesBefore);
        for (String line : after) {
            if (line.startsWith("*")) table = line.substring(1);
            if (before.contains(line) || table == null) continue;
            if (line.startsWith("-A ")) rules.add(new String[] {table, line});
            else if (line.startsWith(":")) {
                String[] f = line.substring(1).split(" ");
                boolean existed = iptablesBefore.stream().anyMatch(b -> b.startsWith(":" + f[0] + " "));
                if (existed) policies.add(new String[] {table, f[0], policyBefore(f[0])});
                else chains.add(new String[] {table, f[0]});
            }
        }
        for (int i = rules.size() - 1; i >= 0; i--) {
            List<String> cmd = new ArrayList<>(List.of("iptables", "-t", rules.get(i)[0], "-D"));
            cmd.addAll(shellWords(rules.get(i)[1].substring(3)));
            run(10, cmd.toArray(String[]::new));
        }
        for (String[] c : chains) run(10, "iptables", "-t", c[0], "-F", c[1]);
        for (String[] c : chains) run(10, "iptables", "-t", c[0], "-X", c[1]);
        for (String[] p : policies) if (p[2] != null && !p[2].equals("-")) run(10, "iptables", "-t", p[0], "-P", p[1], p[2]);
    }

    private static String policyBefore(String chain) {
        for (String b : iptablesBefore) if (b.startsWith(":" + chain + " ")) return b.split(" ")[1];
        return null;
    }

    /** iptables-save prints rules as shell words: split them, keeping quoted comments whole. */
    static List<String> shellWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') { quoted = !quoted; any = true; }
            else if (c == '\\' && i + 1 < s.length()) { cur.append(s.charAt(++i)); any = true; }
            else if (c == ' ' && !quoted) {
                if (any) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else { cur.append(c); any = true; }
        }
        if (any) out.add(cur.toString());
        return out;
    }

    /** The rule set, without comments and counters, so two snapshots compare equal when nothing changed. */
    static List<String> iptables() {
        Result r = run(30, "iptables-save");
        if (!r.ok()) return null;
        List<String> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            out.add(line.startsWith(":") ? line.replaceFirst(" \\[\\d+:\\d+\\]$", "") : line);
        }
        return out;
    }

    private static String buildImage() {
        try {
            Path root = Files.createTempDirectory("hopscope-rootfs");
            try {
                Files.createDirectories(root.resolve("bin"));
                Files.createDirectories(root.resolve("etc"));
                Files.createDirectories(root.resolve("tmp"));
                Files.copy(Path.of(which("busybox")), root.resolve("bin/busybox"));
                for (String t : List.of("sh", "nc", "ping", "nslookup", "httpd", "sleep", "cat", "ip", "true", "timeout"))
                    Files.createSymbolicLink(root.resolve("bin").resolve(t), Path.of("busybox"));
                Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/:/bin/sh\n");
                Result r = run(120, "sh", "-c", "tar -C '" + root + "' -c . | docker import -c 'CMD [\"/bin/sh\"]' - " + IMAGE);
                if (!r.ok()) return "cannot build the probe image from busybox: " + r.output().strip();
                imageBuilt = true;
                return null;
            } finally {
                run(30, "rm", "-rf", root.toString());
            }
        } catch (IOException e) {
            return "cannot build the probe image: " + e.getMessage();
        }
    }

    /** Containers and networks labelled by a JVM that is no longer running (a run that was killed). */
    private static void removeLeftoversOfDeadRuns() {
        for (String kind : List.of("container", "network")) {
            Result r = kind.equals("container")
                    ? docker(30, "container", "ls", "-a", "--filter", "label=" + LABEL, "--format", "{{.ID}} {{.Label \"" + LABEL + "\"}}")
                    : docker(30, "network", "ls", "--filter", "label=" + LABEL, "--format", "{{.ID}} {{.Label \"" + LABEL + "\"}}");
            for (String line : r.output().split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length != 2 || !f[1].matches("\\d+")) continue;
                if (ProcessHandle.of(Long.parseLong(f[1])).isPresent()) continue;
                if (kind.equals("container")) docker(60, "rm", "-f", f[0]);
                else docker(60, "network", "rm", f[0]);
            }
        }
    }

    /**
     * Removes every container and network this JVM labelled, containers first, one at a time and
     * tried again once: a loaded engine may still be tearing the last one down.
     */
    static void removeOurs() {
        for (int attempt = 0; attempt < 2; attempt++) {
            Result cs = docker(60, "ps", "-aq", "--filter", "label=" + LABEL + "=" + PID);
            for (String id : cs.output().lines().map(String::trim).filter(s -> s.matches("[0-9a-f]+")).toList()) docker(120, "rm", "-f", id);
            Result ns = docker(60, "network", "ls", "-q", "--filter", "label=" + LABEL + "=" + PID);
            for (String id : ns.output().lines().map(String::trim).filter(s -> s.matches("[0-9a-f]+")).toList()) docker(120, "network", "rm", id);
            if (leftovers().isEmpty()) return;
            sleep(2000);
        }
    }

    /** What of ours is still on the engine. */
    static List<String> leftovers() {
        List<String> left = new ArrayList<>();
        String cs = docker(30, "ps", "-a", "--filter", "label=" + LABEL + "=" + PID, "--format", "{{.Names}}").output().strip();
        if (!cs.isEmpty()) left.add("containers left: " + cs.replace('\n', ' '));
        String ns = docker(30, "network", "ls", "--filter", "label=" + LABEL + "=" + PID, "--format", "{{.Name}}").output().strip();
        if (!ns.isEmpty()) left.add("networks left: " + ns.replace('\n', ' '));
        return left;
    }

    static Result docker(int timeoutSeconds, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "docker";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return run(timeoutSeconds, cmd);
    }

    static Result run(int timeoutSeconds, String... cmd) { return Processes.run(timeoutSeconds, cmd); }

    static boolean isRoot() { return Processes.isRoot(); }

    static boolean onPath(String tool) { return Processes.onPath(tool); }

    static String which(String tool) { return Processes.which(tool); }

    private static void releaseLock() {
        try {
            if (lock != null) lock.release();
            if (lockFile != null) lockFile.close();
        } catch (IOException e) {
            // the kernel drops the lock with the file
        }
        lock = null;
        lockFile = null;
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
