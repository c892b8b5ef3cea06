package dev.hopscope.io.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wireshark's dissector as a test oracle: runs {@code tshark -r FILE -T json} with checksum
 * validation on and hands back the packets. Tests that need it skip, saying why, when tshark is
 * not installed (CI installs Debian's {@code tshark}).
 */
final class Tshark {
    private Tshark() {}

    /** Checksum validation is off by default in Wireshark: the test turns it on for every layer. */
    private static final List<String> CHECKS = List.of(
            "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE");

    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "tshark");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    static Path require() {
        Optional<Path> t = find();
        Assumptions.assumeTrue(t.isPresent(),
                "tshark is not installed (apt-get install tshark): captures cannot be read back by a real dissector");
        return t.get();
    }

    /** Every packet of the file as tshark's JSON ({@code _source.layers} of each), repeated keys kept as arrays. */
    static List<JsonNode> packets(Path file, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(require().toString(), "-n", "-r", file.toString(), "-T", "json", "--no-duplicate-keys"));
        cmd.addAll(CHECKS);
        cmd.addAll(List.of(extra));
        String out = run(cmd);
        List<JsonNode> packets = new ArrayList<>();
        for (JsonNode p : JsonMapper.builder().build().readTree(out)) packets.add(p.get("_source").get("layers"));
        return packets;
    }

    /** tshark's detail view ({@code -V}) of the file. */
    static String details(Path file) {
        List<String> cmd = new ArrayList<>(List.of(require().toString(), "-n", "-r", file.toString(), "-V"));
        cmd.addAll(CHECKS);
        return run(cmd);
    }

    private static String run(List<String> cmd) {
        try {
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tshark did not finish in 60 s: " + cmd);
                }
                String stderr = Files.readString(err).lines().filter(l -> !l.startsWith("Running as user")).reduce("", (a, b) -> a + b + "\n");
                if (p.exitValue() != 0) throw new AssertionError("tshark exited " + p.exitValue() + ": " + stderr);
                if (!stderr.isBlank()) throw new AssertionError("tshark complained: " + stderr);
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run tshark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every value of {@code field} anywhere in the packet, outermost first (a tunnel repeats ip.src). */
    static List<String> all(JsonNode packet, String field) {
        List<String> out = new ArrayList<>();
        collect(packet, field, out);
        return out;
    }

    static String first(JsonNode packet, String field) {
        List<String> v = all(packet, field);
        return v.isEmpty() ? null : v.get(0);
    }

    private static void collect(JsonNode node, String field, List<String> out) {
        if (node.isArray()) {
            for (JsonNode n : node) collect(n, field, out);
            return;
        }
        if (!node.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(field)) {
                if (e.getValue().isArray()) for (JsonNode v : e.getValue()) out.add(v.isValueNode() ? v.asString() : v.toString());
                else out.add(e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
            }
            collect(e.getValue(), field, out);
        }
    }

    /**
     * What a person would call broken: a malformed-packet mark, a bad or unverified checksum, or
     * any expert message of warning level or above in the malformed, checksum or protocol groups.
     */
    static List<String> problems(JsonNode packet) {
        List<String> out = new ArrayList<>();
        if (!all(packet, "_ws.malformed").isEmpty()) out.add("malformed packet");
        // with validation on, every checksum must be "1" (good); a UDP checksum of 0 is "3" (not
        // present), which IPv4 allows and Linux's VXLAN sends
        List<String> udpZero = all(packet, "udp.checksum");
        for (String f : List.of("ip.checksum.status", "tcp.checksum.status", "udp.checksum.status", "icmp.checksum.status")) {
            List<String> v = all(packet, f);
            for (int i = 0; i < v.size(); i++) {
                boolean absent = f.startsWith("udp") && "3".equals(v.get(i)) && i < udpZero.size() && "0x0000".equals(udpZero.get(i));
                if (!"1".equals(v.get(i)) && !absent) out.add(f + " = " + v.get(i));
            }
        }
        List<String> groups = all(packet, "_ws.expert.group");
        List<String> severities = all(packet, "_ws.expert.severity");
        List<String> messages = all(packet, "_ws.expert.message");
        for (int i = 0; i < severities.size(); i++) {
            long severity = Long.parseLong(severities.get(i));
            long group = i < groups.size() ? Long.parseLong(groups.get(i)) : 0;
            boolean broken = group == 0x01000000L /* checksum */ || group == 0x05000000L /* undecoded */
                    || group == 0x07000000L /* malformed */ || group == 0x09000000L /* protocol */;
            if (broken && severity >= 0x00600000L /* warning */) out.add("expert: " + (i < messages.size() ? messages.get(i) : "?"));
        }
        return out;
    }
}
