package dev.hopscope.io.docker;

import dev.hopscope.Processes;

import dev.hopscope.cli.Cli;
import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Socket;
import dev.hopscope.model.kinds.MacvlanKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hopscope import --docker} against a real engine: the test starts containers of its own
 * (two networks, one internal without icc, a pinned address, aliases, compose labels, a port
 * published on an ephemeral host port, a container sharing another's namespace, one on the
 * default bridge linked to another) and checks the imported networks, addresses, aliases and
 * ports against what {@code docker inspect} reports, and the sockets against what the test told
 * busybox to listen on (exposed ports that nothing listens on are not sockets).
 */
class DockerLiveImportTest {

    static final String P = DockerLab.prefix();
    static final String PARENT = P + "par";
    static final ObjectMapper JSON = new ObjectMapper();
    static Document imported;
    static List<String> warnings;

    @BeforeAll
    static void start() {
        DockerLab.acquire();
        String label = DockerLab.LABEL + "=" + DockerLab.PID;
        must("network", "create", "--label", label, "--label", "com.docker.compose.project=" + P + "shop",
                "-o", "com.docker.network.bridge.name=" + P + "f", "--subnet", "172.28.7.0/24", P + "front");
        must("network", "create", "--label", label, "--internal", "-o", "com.docker.network.bridge.enable_icc=false",
                "--subnet", "172.28.8.0/24", P + "back");
        must("create", "--name", P + "web", "--label", label, "--label", "com.docker.compose.project=" + P + "shop",
                "--label", "com.docker.compose.service=web", "--network", P + "front", "--ip", "172.28.7.10", "--network-alias", "web",
                "-p", "127.0.0.1::80", "--expose", "8081", DockerLab.IMAGE, "sh", "-c", "httpd -p 80 -h /; exec sleep 600");
        must("network", "connect", "--alias", "web-back", P + "back", P + "web");
        must("run", "-d", "--name", P + "db", "--label", label, "--label", "com.docker.compose.project=" + P + "shop",
                "--label", "com.docker.compose.service=db", "--network", P + "back", "--network-alias", "db", "--expose", "5432",
                "--expose", "6000", DockerLab.IMAGE, "sh", "-c", "httpd -p 5432 -h /; httpd -p 127.0.0.1:9187 -h /; exec sleep 600");
        must("start", P + "web");
        must("run", "-d", "--name", P + "side", "--label", label, "--network", "container:" + P + "web", DockerLab.IMAGE,
                "sh", "-c", "httpd -p 9100 -h /; exec sleep 600");
        must("run", "-d", "--name", P + "old", "--label", label, DockerLab.IMAGE, "sh", "-c", "exec sleep 600");
        must("run", "-d", "--name", P + "new", "--label", label, "--link", P + "old:olddb", DockerLab.IMAGE, "sh", "-c", "exec sleep 600");
        // a macvlan network needs a parent device: one end of a veth pair of the test's own (this kernel has no dummy
        // module; nothing leaves the pair)
        Processes.Result pair = DockerLab.run(10, "ip", "link", "add", PARENT, "type", "veth", "peer", "name", P + "pe");
        if (!pair.ok()) throw new AssertionError("ip link add " + PARENT + " type veth: " + pair.output());
        DockerLab.run(10, "ip", "link", "set", PARENT, "up");
        must("network", "create", "--label", label, "-d", "macvlan", "-o", "parent=" + PARENT, "-o", "macvlan_mode=bridge",
                "--subnet", "10.203.7.0/24", "--gateway", "10.203.7.1", "--ip-range", "10.203.7.64/26", P + "mac");
        must("run", "-d", "--name", P + "lanbox", "--label", label, "--network", P + "mac", "--ip", "10.203.7.70",
                DockerLab.IMAGE, "sh", "-c", "exec sleep 600");
        awaitListening(P + "db", 5432);
        awaitListening(P + "db", 9187);
        awaitListening(P + "side", 9100);
        awaitListening(P + "web", 80);
        ImportResult r = LiveImporter.importEngine(EngineAddress.resolve(null, Map.of()), s -> {});
        imported = r.document();
        warnings = r.warnings();
    }

    @AfterAll
    static void stop() {
        List<String> left = DockerLab.release();
        DockerLab.run(10, "ip", "link", "del", PARENT);
        assertThat(left).as("left behind on the engine or in iptables").isEmpty();
    }

    @Test
    void networksAreWhatDockerNetworkInspectReports() {
        for (String name : List.of(P + "front", P + "back", "bridge")) {
            JsonNode n = inspect("network", name);
            Bridge b = imported.get(name, Bridge.class).orElseThrow(() -> new AssertionError("no bridge " + name + " in " + imported.nodes()));
            JsonNode ipam = n.get("IPAM").get("Config").get(0);
            assertThat(b.subnet()).as(name).isEqualTo(ipam.get("Subnet").asText());
            if (ipam.has("Gateway")) assertThat(b.gateway()).as(name).isEqualTo(ipam.get("Gateway").asText());
            assertThat(b.internal()).as(name).isEqualTo(n.get("Internal").asBoolean());
            JsonNode opts = n.get("Options");
            String device = opts.has("com.docker.network.bridge.name") ? opts.get("com.docker.network.bridge.name").asText()
                    : "br-" + n.get("Id").asText().substring(0, 12);
            assertThat(b.name()).as(name + " keeps its device name").isEqualTo(device);
            assertThat(b.icc()).as(name).isEqualTo(!opts.has("com.docker.network.bridge.enable_icc")
                    || !opts.get("com.docker.network.bridge.enable_icc").asText().equals("false"));
        }
        assertThat(imported.get(P + "front", Bridge.class).orElseThrow().name()).isEqualTo(P + "f");
        assertThat(imported.get("bridge", Bridge.class).orElseThrow().name()).isEqualTo("docker0");
    }

    @Test
    void containersHaveTheAddressesAliasesAndPortsThatDockerInspectReports() {
        for (String name : List.of(P + "web", P + "db", P + "old", P + "new")) {
            JsonNode c = inspect("container", name);
            Container got = imported.get(name, Container.class).orElseThrow(() -> new AssertionError("no container " + name));
            assertThat(got.name()).isEqualTo(c.get("Name").asText().substring(1));
            List<Attachment> expected = new ArrayList<>();
            JsonNode nets = c.get("NetworkSettings").get("Networks");
            List<String> netNames = new ArrayList<>();
            nets.propertyNames().forEach(netNames::add);
            netNames.sort(null);
            for (String net : netNames) {
                JsonNode e = nets.get(net);
                List<String> aliases = new ArrayList<>();
                if (e.get("Aliases") != null && e.get("Aliases").isArray())
                    for (JsonNode a : e.get("Aliases")) if (!c.get("Id").asText().startsWith(a.asText())) aliases.add(a.asText());
                expected.add(new Attachment(net, e.get("IPAddress").asText(), aliases));
            }
            assertThat(got.attachments()).as(name).isEqualTo(expected);
            List<PublishedPort> ports = new ArrayList<>();
            JsonNode bindings = c.get("NetworkSettings").get("Ports");
            bindings.propertyNames().forEach(key -> {
                JsonNode list = bindings.get(key);
                if (list == null || !list.isArray()) return;
                for (JsonNode b : list) {
                    if (b.get("HostIp").asText().contains(":")) continue;
                    String ip = b.get("HostIp").asText();
                    ports.add(new PublishedPort(ip.equals("0.0.0.0") ? null : ip, Integer.parseInt(b.get("HostPort").asText()),
                            Integer.parseInt(key.split("/")[0]), Proto.valueOf(key.split("/")[1].toUpperCase())));
                }
            });
            assertThat(got.ports()).as(name).containsExactlyInAnyOrderElementsOf(ports);
        }
        assertThat(imported.get(P + "web", Container.class).orElseThrow().ports()).hasSize(1)
                .allSatisfy(p -> assertThat(p.hostIp()).isEqualTo("127.0.0.1"));
        assertThat(imported.get(P + "web", Container.class).orElseThrow().attachments()).extracting(Attachment::ip).contains("172.28.7.10");
        Container side = imported.get(P + "side", Container.class).orElseThrow();
        assertThat(side.mode()).isEqualTo(Container.Mode.CONTAINER);
        assertThat(side.modeTarget()).isEqualTo(P + "web");
        assertThat(imported.get(P + "new", Container.class).orElseThrow().links()).containsExactly(P + "old:olddb");
    }

    @Test
    void aMacvlanNetworkIsANetworkOfItsKindOnTheLanItsParentIsOn() {
        JsonNode n = inspect("network", P + "mac");
        dev.hopscope.model.Network mac = imported.get(P + "mac", dev.hopscope.model.Network.class)
                .orElseThrow(() -> new AssertionError("no macvlan network in " + imported.nodes()));
        JsonNode ipam = n.get("IPAM").get("Config").get(0);
        assertThat(mac.driver()).isEqualTo(n.get("Driver").asText()).isEqualTo("macvlan");
        assertThat(mac.subnet()).isEqualTo(ipam.get("Subnet").asText());
        assertThat(mac.gateway()).isEqualTo(ipam.get("Gateway").asText());
        assertThat(mac.option(MacvlanKind.IP_RANGE)).isEqualTo(ipam.get("IPRange").asText());
        assertThat(mac.option(MacvlanKind.MODE)).isEqualTo(n.get("Options").get("macvlan_mode").asText());
        assertThat(mac.option(MacvlanKind.PARENT)).as("the design's LAN device").isEqualTo("eth0");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("stacked on " + PARENT, "eth0"));
        JsonNode box = inspect("container", P + "lanbox").get("NetworkSettings").get("Networks").get(P + "mac");
        assertThat(imported.get(P + "lanbox", Container.class).orElseThrow().attachments())
                .containsExactly(new Attachment(P + "mac", box.get("IPAddress").asText(), List.of()));
        // the LAN is the parent's segment; the host and the client sit outside the range and off every container
        Document doc = imported;
        String lan = doc.all(dev.hopscope.model.Underlay.class).get(0).subnet();
        assertThat(lan).isEqualTo("10.203.7.0/24");
        assertThat(doc.all(dev.hopscope.model.Host.class).get(0).address()).isEqualTo("10.203.7.254/24");
        assertThat(dev.hopscope.model.Validator.validate(doc)).isEmpty();
        // the analysis knows the isolation Docker documents: the host cannot reach its own macvlan container
        var t = dev.hopscope.net.Network.compile(doc).trace(doc.all(dev.hopscope.model.Host.class).get(0).id(), "10.203.7.70",
                dev.hopscope.model.Probe.parse("icmp"));
        assertThat(t.disposition()).isNotEqualTo(dev.hopscope.net.trace.Disposition.DELIVERED);
    }

    @Test
    void socketsAreWhatTheContainersReallyListenOnNotWhatTheyExpose() {
        assertThat(imported.get(P + "db", Container.class).orElseThrow().sockets())
                .as("exposes 5432 and 6000; listens on 5432 and 127.0.0.1:9187")
                .containsExactly(Socket.tcp(5432), new Socket(9187, Proto.TCP, "127.0.0.1"));
        assertThat(imported.get(P + "web", Container.class).orElseThrow().sockets()).containsExactly(Socket.tcp(80));
        assertThat(imported.get(P + "side", Container.class).orElseThrow().sockets()).as("its own, not web's").containsExactly(Socket.tcp(9100));
        assertThat(imported.get(P + "old", Container.class).orElseThrow().sockets()).isEmpty();
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains(P + "db"));
    }

    @Test
    void composeLabelsAreKeptInTheDescription() {
        assertThat(imported.description()).contains("Compose project " + P + "shop: db = " + P + "db, web = " + P + "web");
    }

    @Test
    void theCommandWritesTheSameDocument(@TempDir Path dir) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Path file = dir.resolve("live.hopscope");
        int exit = Cli.run(new String[] {"import", "--docker", "-o", file.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("unix:///var/run/docker.sock -> " + file);
        Document doc = DocumentCodec.load(file);
        assertThat(doc.get(P + "db", Container.class)).isEqualTo(imported.get(P + "db", Container.class));
        assertThat(doc.get(P + "front", Bridge.class)).isEqualTo(imported.get(P + "front", Bridge.class));
    }

    @Test
    void anEngineThatIsNotThereIsOneLineAndExitTwo(@TempDir Path dir) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Cli.run(new String[] {"import", "--docker", "--host", "unix://" + dir.resolve("none.sock"), "-o", dir.resolve("x").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("Exception").contains("no Docker engine there");
    }

    private static JsonNode inspect(String kind, String name) {
        Processes.Result r = DockerLab.docker(30, kind, "inspect", name);
        assertThat(r.exit()).as(r.output()).isZero();
        return JSON.readTree(r.output()).get(0);
    }

    private static void must(String... args) {
        Processes.Result r = DockerLab.docker(60, args);
        if (!r.ok()) throw new AssertionError("docker " + String.join(" ", args) + " failed: " + r.output());
    }

    private static void awaitListening(String container, int port) {
        for (int i = 0; i < 100; i++) {
            Processes.Result pid = DockerLab.docker(10, "inspect", "-f", "{{.State.Pid}}", container);
            Processes.Result r = DockerLab.run(10, "nsenter", "-t", pid.output().strip(), "-n", "ss", "-Hltn", "sport = :" + port);
            if (r.ok() && !r.output().isBlank()) return;
            DockerLab.sleep(100);
        }
        throw new AssertionError(container + " does not listen on " + port);
    }
}
