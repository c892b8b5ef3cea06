package dev.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproducers of issue 14 ("Hostile input, big input, and the files we write"), each run
 * through the command line as a user would: a clean exit code, the file, line and column of the
 * fault, and never a Java exception name or stack trace. Expected columns are counted in the
 * reproducer's text by hand (indexOf), not asked of the reader.
 */
class HostileInputTest {

    @TempDir Path dir;

    record Run(int code, String out, String err) {
        String all() { return out + err; }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        Run r = new Run(code, out.toString(), err.toString());
        assertNoJavaInternals(r.all());
        return r;
    }

    /** What no user may ever see: a Java exception's class name or a stack frame. */
    static void assertNoJavaInternals(String output) {
        assertThat(output).doesNotContain("Exception").doesNotContain("at dev.hopscope").doesNotContain("at java.")
                .doesNotContainPattern("\\b[A-Z][A-Za-z]*Error\\b").doesNotContain("java.lang");
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private Path bytes(String name, byte[] content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    /** "name:1:COL: " where COL is where {@code needle} starts in the one-line reproducer. */
    private static String at(String name, String text, String needle) {
        int i = text.indexOf(needle);
        assertThat(i).as("the reproducer holds %s", needle).isNotNegative();
        return name + ":1:" + (i + 1) + ": ";
    }

    // 1. a bridge with no host
    @Test
    void item01_aBridgeWithoutAHostIsAProblemWithItsPlace() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},"
                + "{\"kind\":\"bridge\",\"id\":\"b\",\"subnet\":\"172.17.0.0/16\"},"
                + "{\"kind\":\"container\",\"id\":\"c\",\"host\":\"h\",\"attachments\":[{\"network\":\"b\"}]}]}";
        Run r = run("validate", file("nohost.json", text).toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains(at("nohost.json", text, "{\"kind\":\"bridge\"") + "b.host: missing host");
    }

    // 2. a container: mode cycle
    @Test
    void item02_aContainerModeCycleFailsValidateWithItsPlaceAndAnalyzeNeverOverflows() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},"
                + "{\"kind\":\"container\",\"id\":\"a\",\"host\":\"h\",\"mode\":\"container:b\"},"
                + "{\"kind\":\"container\",\"id\":\"b\",\"host\":\"h\",\"mode\":\"container:a\"}]}";
        Path f = file("cycle.json", text);
        Run v = run("validate", f.toString());
        assertThat(v.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(v.err()).contains(at("cycle.json", text, "\"container:b\"") + "a.mode: network mode container:b → container:a comes back to a")
                .contains(at("cycle.json", text, "\"container:a\"") + "b.mode:").contains("cycle");
        Run a = run("analyze", f.toString());
        assertThat(a.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(a.err()).contains("cycle");
    }

    @Test
    void item02_aContainerSharingItselfOrAContainerOnAnotherHostIsRefused() throws Exception {
        String self = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},"
                + "{\"kind\":\"container\",\"id\":\"a\",\"host\":\"h\",\"mode\":\"container:a\"}]}";
        assertThat(run("validate", file("self.json", self).toString()).err()).contains("comes back to a");
        String far = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},{\"kind\":\"host\",\"id\":\"h2\"},"
                + "{\"kind\":\"container\",\"id\":\"a\",\"host\":\"h\",\"mode\":\"container:b\"},"
                + "{\"kind\":\"container\",\"id\":\"b\",\"host\":\"h2\",\"mode\":\"none\"}]}";
        assertThat(run("validate", file("far.json", far).toString()).err()).contains("a container on another host (h2)");
    }

    // 4. pictures of huge layouts: bounds when reading
    @Test
    void item04_coordinatesAndSizesAreBoundedWhenReading() throws Exception {
        String base = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"}],\"layout\":{\"h\":";
        String far = base + "{\"x\":1e308,\"y\":0,\"w\":10,\"h\":10}}}";
        Run r = run("export", file("far.json", far).toString(), "--format", "png", "-o", dir.resolve("far.png").toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains(at("far.json", far, "1e308") + "\"x\" = 1.0E308 is too far out");
        String wide = base + "{\"x\":0,\"y\":0,\"w\":1e9,\"h\":10}}}";
        Run w = run("validate", file("wide.json", wide).toString());
        assertThat(w.err()).contains(at("wide.json", wide, "1e9") + "\"w\" = 1.0E9 is too large");
        String negative = base + "{\"x\":0,\"y\":0,\"w\":-5,\"h\":10}}}";
        assertThat(run("validate", file("neg.json", negative).toString()).err()).contains(at("neg.json", negative, "-5") + "\"w\" = -5 is negative");
    }

    // 4. pictures of huge layouts: a node a million units away
    @Test
    void item04_aPictureOfAFarFlungLayoutIsRefusedClearlyAndSvgStillWorks() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},{\"kind\":\"host\",\"id\":\"far\"}],"
                + "\"layout\":{\"h\":{\"x\":0,\"y\":0,\"w\":300,\"h\":200},\"far\":{\"x\":1000000,\"y\":0,\"w\":300,\"h\":200}}}";
        Path f = file("million.json", text);
        Path png = dir.resolve("million.png");
        Run r = run("export", f.toString(), "--format", "png", "-o", png.toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("too large for a readable PNG").contains("rightmost 'far' at x = 1000000").contains("--format svg");
        assertThat(png).doesNotExist();
        Run svg = run("export", f.toString(), "--format", "svg", "-o", dir.resolve("million.svg").toString());
        assertThat(svg.code()).isZero();
    }

    @Test
    void item04_aWideLayoutIsScaledDownWithinThePixelCap() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},{\"kind\":\"host\",\"id\":\"far\"}],"
                + "\"layout\":{\"h\":{\"x\":0,\"y\":0,\"w\":300,\"h\":2000},\"far\":{\"x\":30000,\"y\":0,\"w\":300,\"h\":2000}}}";
        Path png = dir.resolve("wide.png");
        Run r = run("export", file("wide.json", text).toString(), "--format", "png", "-o", png.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("% of the canvas to stay within");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isLessThanOrEqualTo(32_767);
        assertThat((long) img.getWidth() * img.getHeight()).isLessThanOrEqualTo(16L * 1024 * 1024);
        // still a picture of both hosts: wider than tall, as the layout (about 30,400 × 2,100 units)
        assertThat(img.getWidth()).isGreaterThan(10 * img.getHeight());
    }

    // 5. invalid text: a lone surrogate, invalid UTF-8
    @Test
    void item05_aLoneSurrogateIsRefusedWhenReading() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\",\"name\":\"bad\\ud800name\"}]}";
        Path f = file("surrogate.json", text);
        Run r = run("export", f.toString(), "--format", "graphml", "-o", dir.resolve("s.graphml").toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains(at("surrogate.json", text, "\"bad\\ud800") + "the text \"bad\\ud800name\" holds a lone UTF-16 surrogate");
        assertThat(dir.resolve("s.graphml")).doesNotExist();
    }

    @Test
    void item05_invalidUtf8IsRefusedWithItsPlace() throws Exception {
        String head = "{\"format\":\"hopscope\",\"version\":1,\n\"name\":\"x";
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] start = head.getBytes(StandardCharsets.UTF_8);
            byte[] end = "\"}\n".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[start.length + bad.length + end.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(bad, 0, all, start.length, bad.length);
            System.arraycopy(end, 0, all, start.length + bad.length, end.length);
            Run r = run("validate", bytes("utf8.json", all).toString());
            assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
            // line 2, after `"name":"x` (9 characters)
            assertThat(r.err()).contains("utf8.json:2:10: the file is not valid UTF-8 text");
        }
    }

    // 7. lenient addresses
    @Test
    void item07_lenientAddressesAreRefusedWithTheirPlace() throws Exception {
        for (String subnet : new String[] {"010.0.0.0/24", " 10.0.0.0/24", "10.0.0.0/24\\n"}) {
            String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},"
                    + "{\"kind\":\"bridge\",\"id\":\"b\",\"host\":\"h\",\"subnet\":\"" + subnet + "\"}]}";
            Run r = run("validate", file("addr.json", text).toString());
            assertThat(r.code()).as(subnet).isEqualTo(Cli.BAD_INPUT);
            assertThat(r.err()).as(subnet).contains(at("addr.json", text, "\"" + subnet) + "b.subnet: ")
                    .containsAnyOf("leading zero", "spaces");
        }
        String host = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"underlay\",\"id\":\"lan\",\"subnet\":\"192.168.50.0/24\"},"
                + "{\"kind\":\"host\",\"id\":\"h\",\"underlay\":\"lan\",\"address\":\"192.168.050.11/24\"}]}";
        assertThat(run("validate", file("host.json", host).toString()).err())
                .contains(at("host.json", host, "\"192.168.050") + "h.address: '192.168.050.11': an octet with a leading zero");
    }

    @Test
    void item07_aContainerAtItsSubnetsNetworkOrBroadcastAddressIsRefused() throws Exception {
        for (String ip : new String[] {"172.18.0.0", "172.18.255.255"}) {
            String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},"
                    + "{\"kind\":\"bridge\",\"id\":\"b\",\"host\":\"h\",\"bridgeKind\":\"user-defined\",\"subnet\":\"172.18.0.0/16\"},"
                    + "{\"kind\":\"container\",\"id\":\"c\",\"host\":\"h\",\"attachments\":[{\"network\":\"b\",\"ip\":\"" + ip + "\"}]}]}";
            Run r = run("validate", file("edge.json", text).toString());
            assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
            assertThat(r.err()).contains(at("edge.json", text, "[{\"network\"") + "c.attachments: " + ip + " is the "
                    + (ip.endsWith(".0") ? "network" : "broadcast") + " address of b's subnet 172.18.0.0/16");
        }
    }

    // 8. a link to a missing container
    @Test
    void item08_aLinkToAMissingContainerIsRefusedWithItsPlace() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\"},"
                + "{\"kind\":\"bridge\",\"id\":\"b\",\"host\":\"h\",\"subnet\":\"172.17.0.0/16\"},"
                + "{\"kind\":\"container\",\"id\":\"c\",\"host\":\"h\",\"attachments\":[{\"network\":\"b\"}],\"links\":[\"nope\"]}]}";
        Run r = run("validate", file("link.json", text).toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains(at("link.json", text, "[\"nope\"]") + "c.links: --link nope: there is no container 'nope'");
    }

    // 16. minor: a file of only a BOM
    @Test
    void item16_aFileOfOnlyAByteOrderMarkIsEmpty() throws Exception {
        Run r = run("validate", bytes("bom.json", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains("bom.json:1:1: the file is empty");
    }

    @Test
    void item16_aNulInANameIsRefusedWhenReading() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\",\"name\":\"a\\u0000b\"}]}";
        Run r = run("export", file("nul.json", text).toString(), "--format", "dot", "-o", dir.resolve("nul.dot").toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains(at("nul.json", text, "\"a\\u0000b\"") + "the text \"a\\u0000b\" holds a NUL character");
        String newline = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"h\",\"name\":\"a\\nb\"}]}";
        assertThat(run("validate", file("nl.json", newline).toString()).err())
                .contains(at("nl.json", newline, "\"a\\nb\"") + "\"name\" holds a control character");
    }

    // 16. minor: --help on every command, also those with required options
    @Test
    void item16_helpWorksOnEveryCommand() {
        var names = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getSubcommands().keySet();
        assertThat(names).contains("validate", "analyze", "trace", "import", "export", "generate");
        for (String name : names) {
            for (String flag : new String[] {"--help", "-h"}) {
                Run r = run(name, flag);
                assertThat(r.code()).as("%s %s", name, flag).isZero();
                assertThat(r.out()).as("%s %s", name, flag).startsWith("Usage: hopscope " + name).doesNotContain("Missing required");
            }
        }
        Run top = run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("Usage: hopscope");
        Run missing = run("trace", "samples/s01-same-bridge.json");
        assertThat(missing.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(missing.err()).contains("Missing required option").contains("Try 'hopscope trace --help'");
    }

    // 16. minor: an 11 MB file was reported as "10 MB" against a 10 MB limit
    @Test
    void item16_anOversizedImportSaysItsRealSize() throws Exception {
        Path big = dir.resolve("big.yml");
        try (var out = Files.newOutputStream(big)) {
            byte[] line = "# padding padding padding padding padding padding padding padding padding padding padd\n".getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < 11_000_000; written += line.length) out.write(line);
        }
        long size = Files.size(big);
        Run r = run("import", big.toString(), "-o", dir.resolve("big.hopscope").toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        // the importer now says the size in bytes, against the limit in bytes
        assertThat(r.err()).contains("the file is " + size + " bytes; imports are limited to 10 MB (10485760 bytes)");
        assertThat(dir.resolve("big.hopscope")).doesNotExist();
    }

    /** Found by the fuzzer (DocumentReaderFuzzTest, crash-e3e0a150...): a pod on a node whose CNI bridge lost its "host". */
    @Test
    void fuzzFinding_aPodBesideABridgeWithoutAHostIsAProblemNotACrash() throws Exception {
        String text = "{\"format\":\"hopscope\",\"version\":1,\"nodes\":[{\"kind\":\"host\",\"id\":\"n1\",\"role\":\"k8s-node\"},"
                + "{\"kind\":\"bridge\",\"id\":\"cni0\",\"bridgeKind\":\"cni\",\"subnet\":\"10.244.1.0/24\"},"
                + "{\"kind\":\"pod\",\"id\":\"p1\",\"node\":\"n1\",\"ip\":\"10.244.1.2\"}]}";
        Run r = run("validate", file("podbridge.json", text).toString());
        assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(r.err()).contains(at("podbridge.json", text, "{\"kind\":\"bridge\"") + "cni0.host: missing host");
    }
}
