package dev.hopscope.io.export;

import dev.hopscope.Processes;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.net.Network;
import dev.hopscope.net.dataplane.Dataplane;
import dev.hopscope.net.dataplane.Namespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NetnsScriptTest {

    /** A marker file (in the working directory) that a hostile name would create if the script ever ran it. */
    static final String PWNED = "hopscope-pwned-" + ProcessHandle.current().pid();

    /** A two-host design whose ids and names try to break out of the script, the SVG and the DOT file. */
    static Document hostile() {
        String json = """
                {"format": "hopscope", "version": 1, "name": "evil\\n$(touch %1$s)",
                 "nodes": [
                  {"kind": "underlay", "id": "lan", "name": "lan", "subnet": "192.168.50.0/24"},
                  {"kind": "host", "id": "h1`touch %1$s`", "name": "h1\\"; touch %1$s; \\"", "role": "docker", "underlay": "lan", "address": "192.168.50.11/24"},
                  {"kind": "bridge", "id": "docker0", "name": "docker0", "host": "h1`touch %1$s`", "bridgeKind": "default", "subnet": "172.17.0.0/16"},
                  {"kind": "container", "id": "$(touch %1$s)", "name": "<script>alert(1)</script>", "host": "h1`touch %1$s`", "mode": "bridge",
                   "attachments": [{"network": "docker0"}], "sockets": [{"port": 80, "proto": "tcp", "bind": "0.0.0.0"}]},
                  {"kind": "container", "id": "a'b;rm -rf x", "name": "a'b;rm -rf x", "host": "h1`touch %1$s`", "mode": "bridge",
                   "attachments": [{"network": "docker0"}], "ports": [{"hostPort": 8080, "containerPort": 80, "proto": "tcp"}]},
                  {"kind": "external", "id": "ext\\\\$HOME", "name": "ext", "underlay": "lan", "address": "192.168.50.100/24"}
                 ]}
                """.formatted(PWNED);
        return dev.hopscope.model.layout.AutoLayout.apply(DocumentCodec.read(json, "hostile.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "", "a'b", "'", "''", "$(reboot)", "`id`", "a\nb", "x\"y\\z", "*", "-n", "!x", "a b\tc", "é ☃"})
    void quotingGivesBackExactlyTheString(String s) {
        Lab.assumeRootWith("bash"); // not root-only: the check just needs bash on PATH
        Processes.Result r = Lab.run(10, "bash", "-c", "printf '%s' " + Shell.quote(s));
        assertEquals(0, r.exit());
        assertEquals(s, r.output());
    }

    @Test
    void aNulCannotBeQuoted() {
        assertThatThrownBy(() -> Shell.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Shell.printable("a\nb\rc\u2028")).isEqualTo("a?b?c?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.hopscope.io.export.KernelAgreementTest#samples")
    void everySampleGivesASyntacticallyValidScript(String sample, @TempDir Path dir) throws Exception {
        assumeTrue(Lab.onPath("bash"), "bash is not installed");
        Document doc = DocumentCodec.load(Path.of("samples", sample));
        Path script = dir.resolve("lab.sh");
        Exporter.write(doc, Exporter.Format.NETNS, script);
        assertThat(Files.isExecutable(script)).isTrue();
        Processes.Result r = Lab.run(30, "bash", "-n", script.toString());
        assertEquals(0, r.exit(), r.output());
        String text = Files.readString(script);
        assertThat(text).startsWith("#!/usr/bin/env bash\n").contains("set -euo pipefail");
        Dataplane dp = Network.compile(doc).dataplane();
        for (Namespace ns : dp.namespaces()) assertThat(text).contains("ip netns add \"$P\"" + Shell.quote(ns.name()) + "\n");
        boolean encrypted = doc.all(dev.hopscope.model.Overlay.class).stream().anyMatch(o -> Boolean.TRUE.equals(o.encrypted()));
        assertThat(text.contains("IPsec ESP) are NOT built")).isEqualTo(encrypted);
    }

    @Test
    void theScriptReadsTheCompiledDataplane() {
        Document doc = DocumentCodec.load(Path.of("samples", "s03-vxlan-overlay.json"));
        Dataplane dp = Network.compile(doc).dataplane();
        String text = NetnsScript.of(dp, doc.name());
        // the VXLAN device with its VNI, port, local VTEP and flood entry to the other host
        assertThat(text).containsPattern("link add '[^']+' type vxlan id '42' dstport '4789' local '192\\.168\\.50\\.11' dev 'eth0'");
        assertThat(text).contains("fdb append 00:00:00:00:00:00 dev");
        assertThat(text).contains("dst '192.168.50.12'");
        // and MTU 1450 on it, as compiled
        assertThat(text).containsPattern("link set dev '[^']+' address '[0-9a-f:]{17}' mtu '1450'");
    }

    @Test
    void hostileNamesAreQuotedSoBashSeesWords(@TempDir Path dir) throws Exception {
        assumeTrue(Lab.onPath("bash"), "bash is not installed");
        Document doc = hostile();
        Path script = dir.resolve("lab.sh");
        Exporter.write(doc, Exporter.Format.NETNS, script);
        assertEquals(0, Lab.run(30, "bash", "-n", script.toString()).exit());
        // 'list' only prints the names: they come back exactly, and nothing was run
        Processes.Result list = Lab.script(script, "", "list", 30);
        assertEquals(0, list.exit(), list.output());
        List<String> names = Network.compile(doc).dataplane().namespaces().stream().map(Namespace::name).toList();
        assertThat(list.output()).isEqualTo(String.join("\n", names) + "\n");
        assertThat(names).contains("$(touch " + PWNED + ")", "a'b;rm -rf x");
        assertThat(Path.of(PWNED)).doesNotExist();
    }

    @Test
    void hostileLabGoesUpWithExactNamesAndDownLeavesNothing(@TempDir Path dir) throws Exception {
        Lab.assumeRootWith("ip", "bridge", "iptables", "bash");
        Lab.removeLeftovers();
        Document doc = hostile();
        Path script = dir.resolve("lab.sh");
        Exporter.write(doc, Exporter.Format.NETNS, script);
        String prefix = Lab.prefix('q');
        List<String> expected = Network.compile(doc).dataplane().namespaces().stream().map(n -> prefix + n.name()).sorted().toList();
        try {
            Processes.Result up = Lab.script(script, prefix, "up", 120);
            assertEquals(0, up.exit(), up.output());
            assertThat(Lab.namespaces(prefix)).containsExactlyInAnyOrderElementsOf(expected);
            Processes.Result ipList = Lab.run(10, "ip", "netns", "list");
            assertThat(ipList.output()).contains(prefix + "$(touch " + PWNED + ")", prefix + "a'b;rm -rf x");
            // a second up refuses and builds nothing more
            Processes.Result again = Lab.script(script, prefix, "up", 60);
            assertThat(again.exit()).isNotZero();
            assertThat(again.output()).contains("already exists");
        } finally {
            Processes.Result down = Lab.script(script, prefix, "down", 60);
            assertEquals(0, down.exit(), down.output());
            assertThat(Lab.namespaces(prefix)).isEmpty();
        }
        assertThat(Path.of(PWNED)).doesNotExist();
    }

    @Test
    void downToleratesAHalfBuiltLab(@TempDir Path dir) throws Exception {
        Lab.assumeRootWith("ip", "bash");
        Lab.removeLeftovers();
        Document doc = DocumentCodec.load(Path.of("samples", "s08-published-port.json"));
        Path script = dir.resolve("lab.sh");
        Exporter.write(doc, Exporter.Format.NETNS, script);
        String prefix = Lab.prefix('q');
        try {
            // as if up had died after its second namespace
            Lab.run(10, "ip", "netns", "add", prefix + "lan");
            Lab.run(10, "ip", "netns", "add", prefix + "h1");
            assertThat(Lab.namespaces(prefix)).hasSize(2);
            Processes.Result down = Lab.script(script, prefix, "down", 60);
            assertEquals(0, down.exit(), down.output());
            assertThat(Lab.namespaces(prefix)).isEmpty();
            assertEquals(0, Lab.script(script, prefix, "down", 60).exit(), "down twice is fine");
        } finally {
            for (String left : Lab.namespaces(prefix)) Lab.deleteNamespace(left);
        }
    }

    /** Issue 14 item 15: a 300-character id, past the kernel's 255 bytes for a namespace name. */
    static Document longIds() {
        String longHost = "h".repeat(300), longBox = "c-" + "\u00e9".repeat(150); // 302 bytes of UTF-8 in 152 characters
        return DocumentCodec.read("{\"format\":\"hopscope\",\"version\":1,\"nodes\":["
                + "{\"kind\":\"host\",\"id\":\"" + longHost + "\"},"
                + "{\"kind\":\"bridge\",\"id\":\"d0\",\"host\":\"" + longHost + "\",\"bridgeKind\":\"default\",\"subnet\":\"172.17.0.0/16\"},"
                + "{\"kind\":\"container\",\"id\":\"" + longBox + "\",\"host\":\"" + longHost + "\",\"attachments\":[{\"network\":\"d0\"}]},"
                + "{\"kind\":\"container\",\"id\":\"short\",\"host\":\"" + longHost + "\",\"attachments\":[{\"network\":\"d0\"}]}]}", "long.json");
    }

    @Test
    void longIdsAreShortenedDeterministicallyAndTheMapIsInTheHeader(@TempDir Path dir) throws Exception {
        Document doc = longIds();
        String text = NetnsScript.of(Network.compile(doc).dataplane(), "long");
        assertThat(text).isEqualTo(NetnsScript.of(Network.compile(doc).dataplane(), "long"));
        String host = NetnsScript.netnsName("h".repeat(300));
        assertThat(host).matches("h{191}~[0-9a-f]{8}");
        assertThat(host.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        String box = NetnsScript.netnsName("c-" + "\u00e9".repeat(150));
        assertThat(box.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(box).startsWith("c-\u00e9").doesNotContain("\ufffd"); // cut between characters, never inside one
        assertThat(NetnsScript.netnsName("short")).isEqualTo("short");
        assertThat(text).contains("#   " + host + "  is  " + "h".repeat(300));
        assertThat(text).contains("NAMESPACES=(").contains("'" + host + "'").doesNotContain("'" + "h".repeat(300) + "'");
        assumeTrue(Lab.onPath("bash"), "bash is not installed");
        Path script = dir.resolve("lab.sh");
        Exporter.write(doc, Exporter.Format.NETNS, script);
        assertEquals(0, Lab.run(30, "bash", "-n", script.toString()).exit());
        Processes.Result tooLong = Lab.script(script, "p".repeat(60), "list", 30);
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.output()).contains("HOPSCOPE_PREFIX is too long");
    }

    @Test
    void theKernelTakesTheShortenedNames(@TempDir Path dir) throws Exception {
        Lab.assumeRootWith("ip", "bridge", "iptables", "bash");
        Lab.removeLeftovers();
        Document doc = longIds();
        Path script = dir.resolve("lab.sh");
        Exporter.write(doc, Exporter.Format.NETNS, script);
        String prefix = Lab.prefix('q');
        try {
            Processes.Result up = Lab.script(script, prefix, "up", 120);
            assertEquals(0, up.exit(), up.output());
            assertThat(Lab.namespaces(prefix)).contains(prefix + NetnsScript.netnsName("h".repeat(300)), prefix + "short");
        } finally {
            Processes.Result down = Lab.script(script, prefix, "down", 60);
            assertEquals(0, down.exit(), down.output());
            assertThat(Lab.namespaces(prefix)).isEmpty();
        }
    }

    @Test
    void brNetfilterIsLoadedOnlyWhenMissingAndTheHeaderSaysSo() throws Exception {
        String text = NetnsScript.of(Network.compile(DocumentCodec.load(Path.of("samples", "s08-published-port.json"))).dataplane(), "s8");
        assertThat(text).contains("# On the host itself, 'up' loads the br_netfilter kernel module (modprobe) unless it is loaded already");
        int check = text.indexOf("if [ ! -d /sys/module/br_netfilter ]; then"), load = text.indexOf("modprobe br_netfilter 2>/dev/null");
        assertThat(check).isPositive();
        assertThat(load).isGreaterThan(check);
        assertThat(text.indexOf("modprobe br_netfilter 2>/dev/null", load + 1)).as("one modprobe, inside the check").isNegative();
    }
}
