package dev.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: "No input reaches the user as a Java exception name or stack trace." Sweeps the
 * seed corpora of the fuzz targets (the samples, the import fixtures, every reproducer of the
 * issue) and seeded mutations of them (bytes changed, values swapped for values of other types,
 * lines cut, fragments repeated) through every command a user has: validate, analyze, trace,
 * export and import, in process, and fails on anything that looks like Java's insides in what
 * the command printed, or on the command's own "could not finish" (an internal error that no
 * input should cause). Failures list the command and the input, ready to reproduce.
 */
class NoJavaInternalsSweepTest {

    /** An exception's or error's class name, a stack frame, or our own sentence for an internal error. */
    static final Pattern JAVA_INSIDES = Pattern.compile(
            "Exception|\\b[A-Z][A-Za-z]*Error\\b|\\bat (dev\\.hopscope|java\\.|jdk\\.|tools\\.jackson|org\\.)|java\\.lang|could not finish");

    private static final Path SEEDS = Path.of("src/test/resources/dev/hopscope/fuzz");
    private static final int DOCUMENT_MUTATIONS = Integer.getInteger("hopscope.sweepMutations", 6);

    @TempDir Path dir;
    private final List<String> failures = new ArrayList<>();
    private int runs;

    private String run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code;
        try {
            code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } catch (Throwable t) {
            failures.add(String.join(" ", args) + "\n  threw " + t);
            return null;
        }
        runs++;
        String printed = out + "" + err;
        var m = JAVA_INSIDES.matcher(printed);
        boolean insides = m.find();
        if (insides || (code != 0 && code != Cli.FAILING && code != Cli.BAD_INPUT)) {
            int at = insides ? m.start() : 0;
            failures.add(String.join(" ", args) + "\n  exit " + code + ", printed: "
                    + printed.substring(Math.max(0, at - 200), Math.min(printed.length(), at + 300)));
        }
        return code == 0 || code == Cli.FAILING ? out.toString() : null;
    }

    private static List<Path> files(Path root, String glob) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        var matcher = root.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        }
    }

    /** Every command a user could run on a document file. */
    private void everyCommandOn(Path doc) {
        String valid = run("validate", doc.toString());
        run("analyze", doc.toString(), "--json");
        if (valid == null) return;
        run("analyze", doc.toString());
        List<String> endpoints = endpoints(doc);
        if (endpoints.size() >= 2) {
            run("trace", doc.toString(), "--from", endpoints.get(0), "--to", endpoints.get(1));
            run("trace", doc.toString(), "--from", endpoints.get(1), "--to", endpoints.get(0) + ":80", "--json");
            run("trace", doc.toString(), "--from", endpoints.get(0), "--to", "10.0.0.1:99999");
            run("trace", doc.toString(), "--from", endpoints.get(0), "--to", endpoints.get(1) + ":80:80");
        }
        for (String format : new String[] {"svg", "dot", "graphml", "netns"})
            run("export", doc.toString(), "--format", format, "-o", dir.resolve("out." + format).toString());
    }

    /** The ids of a document's containers, pods and externals, read from its text (no loader involved). */
    private static List<String> endpoints(Path doc) {
        try {
            var m = Pattern.compile("\"kind\"\\s*:\\s*\"(container|pod|external)\"\\s*,\\s*\"id\"\\s*:\\s*\"([^\"\\\\]+)\"").matcher(Files.readString(doc));
            List<String> ids = new ArrayList<>();
            while (m.find()) ids.add(m.group(2));
            return ids;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    @Test
    void documentsAndTheirMutationsThroughEveryCommand() throws Exception {
        List<Path> seeds = new ArrayList<>(files(Path.of("samples"), "*.json"));
        seeds.addAll(files(SEEDS.resolve("DocumentReaderFuzzTestInputs"), "*"));
        assertThat(seeds).hasSizeGreaterThan(30);
        Random random = new Random(14);
        int n = 0;
        for (Path seed : seeds) {
            everyCommandOn(seed);
            byte[] original = Files.readAllBytes(seed);
            for (int k = 0; k < DOCUMENT_MUTATIONS; k++) {
                Path mutant = dir.resolve("m" + (n++) + ".json");
                Files.write(mutant, k % 2 == 0 ? Mutations.tokens(original, random) : Mutations.bytes(original, random));
                everyCommandOn(mutant);
            }
        }
        // a picture of each sample, and of the far-flung layout
        for (Path seed : files(Path.of("samples"), "s0*.json")) run("export", seed.toString(), "--format", "png", "-o", dir.resolve("out.png").toString());
        run("export", SEEDS.resolve("DocumentReaderFuzzTestInputs/document/issue14/item04-x-million.json").toString(), "--format", "png",
                "-o", dir.resolve("far.png").toString());
        assertThat(failures).as("%d of %d runs printed Java's insides:%n%s", failures.size(), runs, String.join("\n", failures)).isEmpty();
    }

    @Test
    void importsAndTheirMutationsThroughImportAndEveryCommand() throws Exception {
        List<Path> seeds = new ArrayList<>(files(Path.of("src/test/resources/imports"), "*"));
        seeds.addAll(files(SEEDS.resolve("ImportFuzzTestInputs"), "*"));
        assertThat(seeds).hasSizeGreaterThan(10);
        Random random = new Random(1414);
        int n = 0;
        for (Path seed : seeds) {
            String text = Files.readString(seed, StandardCharsets.UTF_8);
            List<String> variants = new ArrayList<>(List.of(text));
            for (int k = 0; k < 8; k++) variants.add(Mutations.text(text, random));
            for (String variant : variants) {
                String ext = seed.getFileName().toString().replaceAll(".*\\.", "");
                Path in = dir.resolve("i" + (n++) + "." + ext);
                Files.writeString(in, variant, StandardCharsets.UTF_8);
                Path out = dir.resolve("imported-" + n + ".hopscope");
                if (run("import", in.toString(), "-o", out.toString()) != null) everyCommandOn(out);
            }
        }
        assertThat(failures).as("%d of %d runs printed Java's insides:%n%s", failures.size(), runs, String.join("\n", failures)).isEmpty();
    }

    @Test
    void theSweepWouldSeeAnInternalError() {
        // the pattern is the test: it must catch what a crash prints, and not what a clean refusal prints
        assertThat(JAVA_INSIDES.matcher("java.lang.NullPointerException: boom").find()).isTrue();
        assertThat(JAVA_INSIDES.matcher("\tat dev.hopscope.model.Validator.check(Validator.java:61)").find()).isTrue();
        assertThat(JAVA_INSIDES.matcher("hopscope: StackOverflowError").find()).isTrue();
        assertThat(JAVA_INSIDES.matcher("hopscope: analyze could not finish: an internal error stopped it.").find()).isTrue();
        assertThat(JAVA_INSIDES.matcher("hopscope: x.json:1:44: b.host: missing host").find()).isFalse();
        assertThat(JAVA_INSIDES.matcher("hopscope: x.json:3:9: \"mtu\" must be a number, not \"big\"").find()).isFalse();
    }

    /** Seeded damage, as a careless editor, a truncated download or a hostile author would do it. */
    static final class Mutations {
        private static final String[] VALUES = {"null", "0", "-1", "1e308", "-1e308", "99999999999999999999", "\"\"", "\"x\"", "[]",
                "{}", "true", "\"container:a\"", "\"tcp/99999\"", "\"010.0.0.1/24\"", "\"10.0.0.255\"", "\"\\u0000\"", "\"\\ud800\"",
                "\"$(reboot)\"", "\"a/b\"", "\"" + "n".repeat(300) + "\"", "1.5", "\"None\"", "\"icmp/70000\""};
        private static final String NOISE = " :-[]{}\n\t#&*!|>'\",0123456789abcxyz~%@`";

        private Mutations() {}

        static byte[] bytes(byte[] in, Random random) {
            byte[] b = in.clone();
            if (b.length == 0) return b;
            for (int k = 1 + random.nextInt(4); k > 0; k--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            return b;
        }

        static byte[] tokens(byte[] in, Random random) {
            StringBuilder sb = new StringBuilder(new String(in, StandardCharsets.UTF_8));
            for (int k = 1 + random.nextInt(3); k > 0 && sb.length() > 0; k--) {
                int colon = sb.indexOf(": ", random.nextInt(sb.length()));
                if (colon < 0) colon = sb.indexOf(":", random.nextInt(sb.length()));
                if (colon < 0) continue;
                int start = colon + 1, stop = start;
                while (stop < sb.length() && ",}]\n".indexOf(sb.charAt(stop)) < 0) stop++;
                if (random.nextInt(4) > 0) sb.replace(start, stop, VALUES[random.nextInt(VALUES.length)]);
                else sb.delete(Math.max(0, colon - random.nextInt(12)), Math.min(sb.length(), stop + random.nextInt(3)));
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        static String text(String text, Random random) {
            StringBuilder b = new StringBuilder(text);
            for (int i = 1 + random.nextInt(4); i > 0 && b.length() > 1; i--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(5)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    case 2 -> b.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    case 3 -> b.setLength(at);
                    default -> {
                        int end = Math.min(b.length(), at + 1 + random.nextInt(40));
                        b.insert(end, b.substring(at, end));
                    }
                }
            }
            return b.toString();
        }
    }
}
