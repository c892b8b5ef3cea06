package dev.hopscope.io.docker;

import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a container really listens on, read without touching it: the kernel's socket tables of the
 * container's network namespace ({@code /proc/PID/net/tcp}, {@code tcp6}, {@code udp},
 * {@code udp6}), keeping the sockets that a process of the container owns (found through
 * {@code /proc/N/fd} of the processes in the container's PID namespace), so that Docker's own
 * DNS listener and the sockets of containers sharing the namespace are not counted twice.
 * Works when Hopscope runs on the engine's host with the right to read other processes' /proc
 * (root); otherwise says so and the importer falls back to the exposed ports.
 */
public final class ListeningSockets {

    private final Path proc;

    public ListeningSockets() { this(Path.of("/proc")); }

    ListeningSockets(Path proc) { this.proc = proc; }

    /**
     * The sockets the container's processes listen on (TCP LISTEN, UDP bound and unconnected),
     * sorted and without duplicates; empty Optional when they cannot be read here. {@code
     * sandboxKey} (the engine's path of the namespace) is checked against {@code /proc/PID/ns/net}
     * when it can be read, so a PID from another machine's engine is never read as ours.
     */
    public Optional<List<Socket>> of(long pid, String sandboxKey) {
        if (pid <= 0) return Optional.empty();
        Path p = proc.resolve(Long.toString(pid));
        try {
            Object netNs = Files.readSymbolicLink(p.resolve("ns/net")).toString();
            if (sandboxKey != null && !sandboxKey.isBlank()) {
                Path key = Path.of(sandboxKey);
                if (Files.exists(key)) {
                    Object keyInode = Files.getAttribute(key, "unix:ino");
                    Object pidInode = Files.getAttribute(p.resolve("ns/net"), "unix:ino");
                    if (!keyInode.equals(pidInode)) return Optional.empty();
                }
            }
            Set<Long> owned = socketInodesOfPidNamespace(Files.readSymbolicLink(p.resolve("ns/pid")).toString());
            Set<Socket> out = new LinkedHashSet<>();
            for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
                Path f = p.resolve("net").resolve(table);
                if (!Files.isReadable(f)) continue;
                out.addAll(parse(Files.readAllLines(f), table.startsWith("tcp") ? Proto.TCP : Proto.UDP, table.endsWith("6"), owned));
            }
            List<Socket> sorted = new ArrayList<>(out);
            sorted.sort(java.util.Comparator.comparing((Socket s) -> s.proto().ordinal()).thenComparingInt(Socket::port).thenComparing(Socket::bind));
            return netNs == null ? Optional.empty() : Optional.of(List.copyOf(sorted));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Inodes of every socket open in a process of the given PID namespace ({@code pid:[4026532…]}). */
    private Set<Long> socketInodesOfPidNamespace(String pidNs) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, n -> n.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : all) {
                try {
                    if (!pidNs.equals(Files.readSymbolicLink(proc.resolve("ns/pid")).toString())) continue;
                    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                        for (Path fd : fds) {
                            String target;
                            try {
                                target = Files.readSymbolicLink(fd).toString();
                            } catch (IOException gone) {
                                continue;
                            }
                            if (target.startsWith("socket:[")) inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                        }
                    }
                } catch (IOException | SecurityException gone) {
                    // the process ended or is not ours to read: it owns nothing we can see
                }
            }
        }
        return inodes;
    }

    /**
     * The listening rows of one /proc/net table. TCP rows in state 0A (LISTEN); UDP rows in state
     * 07 (unconnected) with no remote port. IPv6 rows bound to :: listen on IPv4 too (a dual-stack
     * socket), ::1 is loopback, and ::ffff:a.b.c.d is that IPv4 address.
     */
    static List<Socket> parse(List<String> lines, Proto proto, boolean v6, Set<Long> owned) {
        List<Socket> out = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) continue;
            String state = f[3];
            if (proto == Proto.TCP && !state.equals("0A")) continue;
            if (proto == Proto.UDP && (!state.equals("07") || !f[2].endsWith(":0000"))) continue;
            long inode;
            try {
                inode = Long.parseLong(f[9]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (owned != null && !owned.contains(inode)) continue;
            int colon = f[1].lastIndexOf(':');
            int port = Integer.parseInt(f[1].substring(colon + 1), 16);
            String bind = v6 ? ipv6(f[1].substring(0, colon)) : ipv4(f[1].substring(0, colon));
            if (bind == null) continue; // a specific IPv6 address: nothing IPv4 reaches it
            out.add(new Socket(port, proto, bind));
        }
        return out;
    }

    /** /proc writes IPv4 addresses as one little-endian 32-bit word in hex. */
    static String ipv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    /** Four little-endian words; only the forms that IPv4 traffic can reach are returned. */
    static String ipv6(String hex) {
        String h = hex.toUpperCase(Locale.ROOT);
        if (h.equals("00000000000000000000000000000000")) return "0.0.0.0";
        if (h.equals("00000000000000000000000001000000")) return "127.0.0.1";
        if (h.startsWith("0000000000000000FFFF0000")) return ipv4(h.substring(24));
        return null;
    }
}
