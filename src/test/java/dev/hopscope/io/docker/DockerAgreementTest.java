package dev.hopscope.io.docker;

import dev.hopscope.Processes;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.imports.Importer;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Cidr;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.model.External;
import dev.hopscope.model.Host;
import dev.hopscope.model.Ipam;
import dev.hopscope.model.Ipv4;
import dev.hopscope.model.Node;
import dev.hopscope.model.Overlay;
import dev.hopscope.model.Pod;
import dev.hopscope.model.Probe;
import dev.hopscope.model.Proto;
import dev.hopscope.model.PublishedPort;
import dev.hopscope.model.Service;
import dev.hopscope.model.Socket;
import dev.hopscope.model.Underlay;
import dev.hopscope.net.Network;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.net.trace.Disposition;
import dev.hopscope.net.trace.DnsLookup;
import dev.hopscope.net.trace.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Docker itself as the referee, the sibling of the kernel agreement test: every Docker-only
 * sample and every compose fixture under src/test is brought up on a real engine (every image
 * replaced by a busybox image built here, every container listening with busybox httpd on the
 * sockets the document gives it), every row of the reachability matrix and every intent is probed
 * from inside the source container's network namespace ({@code ping -c 1 -W 2}, {@code nc -z -w 2}),
 * every name a container could look up is resolved inside the container the way its programs
 * would ({@code /etc/hosts}, then Docker's DNS: the container's busybox {@code ping} run in its
 * network and mount namespaces), and Docker's verdict must equal {@code analyze}'s
 * on every probe. The document's host is the engine's host: its LAN address is put on a veth whose
 * other end is a namespace standing for the document's external client, so nothing is ever sent
 * off this machine (the containers' DNS points at 127.0.0.1, so Docker's DNS forwards nothing out).
 */
class DockerAgreementTest {

    static final String P = DockerLab.prefix();
    static final AtomicInteger PROBES = new AtomicInteger();
    static final AtomicInteger UNPROBED = new AtomicInteger();
    static final AtomicInteger NAMES = new AtomicInteger();
    static final List<String> SUMMARY = new ArrayList<>();

    @BeforeAll
    static void engine() {
        DockerLab.acquire();
        removeLanLeftovers();
    }

    @AfterAll
    static void cleanUp() {
        List<String> left = DockerLab.release();
        System.out.printf("docker agreement: %d probes agree, %d of them name lookups (%d UDP rows not probed)%n", PROBES.get(), NAMES.get(),
                UNPROBED.get());
        SUMMARY.forEach(System.out::println);
        assertThat(left).as("left behind on the engine or in iptables").isEmpty();
    }

    /** Samples with no Kubernetes pods, Services or policies, and every compose file under src/test/resources that imports. */
    static Stream<String> documents() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Document d = DocumentCodec.load(p);
                // network kinds (macvlan, ipvlan) need a parent interface on the engine's host: the kernel agreement test referees them
                if (d.all(Pod.class).isEmpty() && d.all(Service.class).isEmpty() && d.all(dev.hopscope.model.NetworkPolicy.class).isEmpty()
                        && d.all(dev.hopscope.model.Network.class).isEmpty())
                    out.add("samples/" + p.getFileName());
            }
        }
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources"))) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.matches(".*\\.ya?ml")) continue;
                // a compose file has a top-level services key (Kubernetes manifests and hostile inputs do not)
                if (Files.size(p) > 1_000_000 || Files.readAllLines(p).stream().noneMatch(l -> l.startsWith("services:"))) continue;
                try {
                    Importer.importFile(p);
                    out.add(p.toString());
                } catch (RuntimeException broken) {
                    // a fixture that is wrong on purpose is no design to bring up
                }
            }
        }
        return out.stream();
    }

    static Document open(String name) {
        return name.startsWith("samples/") ? DocumentCodec.load(Path.of(name)) : Importer.importFile(Path.of(name)).document();
    }

    /**
     * One question put to Docker and to the analysis: {@code engine} is the analysis' verdict in words, {@code answers}
     * the addresses a name lookup may resolve to (any of them agrees: Docker shuffles a shared name's answers).
     */
    record Check(String what, String from, Kind kind, String target, int port, String engine, boolean engineYes, List<String> answers) {
        Check {
            answers = List.copyOf(answers);
        }
    }

    enum Kind { ICMP, TCP, NAME }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void dockerAgreesWithTheAnalysis(String name) throws Exception {
        Document doc = open(name);
        String why = whyDockerCannotStandFor(doc);
        assumeTrue(why == null, () -> name + ": " + why);
        Host host = doc.all(Host.class).get(0);
        Network net = Network.compile(doc);
        Analysis analysis = Analyzer.analyze(doc);
        Ipam.Addressing ipam = net.dataplane().addressing();

        List<Check> checks = new ArrayList<>();
        analysis.matrix().forEach(row -> add(checks, doc, row.from() + " -> " + row.to(), row.from(), row.probe(), row.via(), row.disposition()));
        for (IntentResult i : analysis.intents()) {
            if (i.trace() == null || i.intent().from() == null) continue;
            doc.find(i.intent().from()).ifPresent(src -> add(checks, doc, "intent " + i.intent().id(), src.id(), i.trace().probe(),
                    i.trace().via(), i.disposition()));
        }
        names(doc, net, checks);

        Lan lan = null;
        List<String> created = new ArrayList<>();
        try {
            lan = Lan.up(doc, host);
            Map<String, String> bridgeNames = new LinkedHashMap<>();
            for (Bridge b : doc.all(Bridge.class)) {
                if (b.bridgeKind() == Bridge.Kind.DEFAULT) {
                    bridgeNames.put(b.id(), "bridge");
                    continue;
                }
                // Docker's DNS asks a container's networks by name (internal last): name them as the document does
                String netName = P + (b.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*") && !bridgeNames.containsValue(P + b.name()) ? b.name() : b.id());
                List<String> args = new ArrayList<>(List.of("network", "create", "--driver", "bridge", "--label", DockerLab.LABEL + "=" + DockerLab.PID,
                        "--subnet", Cidr.parse(b.subnet()).base().toString(), "--gateway", ipam.gateway(b.id()).orElseThrow().toString(),
                        "-o", "com.docker.network.bridge.name=" + P + bridgeNames.size()));
                if (b.internal()) args.add("--internal");
                if (!b.icc()) args.addAll(List.of("-o", "com.docker.network.bridge.enable_icc=false"));
                if (!b.masquerade()) args.addAll(List.of("-o", "com.docker.network.bridge.enable_ip_masquerade=false"));
                args.add(netName);
                bringUp(name, args);
                bridgeNames.put(b.id(), netName);
            }
            for (Container c : startOrder(doc)) {
                create(name, doc, c, ipam, bridgeNames);
                created.add(c.id());
            }
            for (String id : created) bringUp(name, List.of("start", P + id));
            Map<String, String> pids = new LinkedHashMap<>();
            for (String id : created) pids.put(id, DockerLab.docker(10, "inspect", "-f", "{{.State.Pid}}", P + id).output().strip());
            checkAddresses(doc, ipam, bridgeNames);
            for (Container c : doc.all(Container.class)) awaitListeners(c, pids.get(c.id()));

            Lan l = lan;
            List<String> disagreements = Processes.askInParallel(checks, c -> disagreement(c, doc, pids, l));
            if (!disagreements.isEmpty())
                fail(name + ": Docker and the analysis disagree on " + disagreements.size() + " of " + checks.size() + " probes\n"
                        + String.format("%-40s %-10s %-26s %-22s %s%n", "flow", "probe", "sent to", "analysis", "docker")
                        + String.join("\n", disagreements));
            assertThat(checks).as("probes run").isNotEmpty();
            PROBES.addAndGet(checks.size());
            NAMES.addAndGet((int) checks.stream().filter(c -> c.kind() == Kind.NAME).count());
            long yes = checks.stream().filter(Check::engineYes).count();
            synchronized (SUMMARY) {
                SUMMARY.add(String.format("docker agreement %-52s %3d probes (%d reached or resolved, %d not), all agree", name, checks.size(),
                        yes, checks.size() - yes));
            }
        } finally {
            DockerLab.removeOurs();
            if (lan != null) lan.down();
        }
    }

    /** Null when one engine on this machine can stand for the document, else why not. */
    static String whyDockerCannotStandFor(Document doc) {
        List<Host> hosts = doc.all(Host.class);
        if (hosts.size() != 1) return hosts.size() + " hosts: one Docker engine stands for one host";
        Host h = hosts.get(0);
        if (!doc.all(Overlay.class).isEmpty()) return "a Docker overlay needs a swarm of hosts";
        if (!doc.all(dev.hopscope.model.Network.class).isEmpty()) return "a macvlan or ipvlan network needs a parent interface on the engine's host: the kernel agreement test referees them";
        if (!Boolean.TRUE.equals(h.ipForward())) return "the host has ip_forward off; dockerd turns it on";
        if (h.mtu() != 1500 || !h.routes().isEmpty()) return "the host's MTU or static routes are not the engine host's";
        for (Bridge b : doc.all(Bridge.class)) {
            if (b.bridgeKind() == Bridge.Kind.CNI) return "a CNI bridge is not Docker's";
            if (b.bridgeKind() == Bridge.Kind.DEFAULT) {
                if (!Cidr.parse(b.subnet()).base().toString().equals("172.17.0.0/16")
                        || !b.masquerade() || !b.icc() || b.internal())
                    return "its docker0 differs from the engine's own (172.17.0.0/16, masquerade and icc on), which dockerd's flags set for every container";
                if (b.gateway() != null && !b.gateway().equals("172.17.0.1")) return "its docker0 gateway is not the engine's";
            }
        }
        List<External> externals = doc.all(External.class);
        if (externals.size() > 1) return externals.size() + " external endpoints: one namespace on the host's LAN stands for one";
        for (External e : externals) {
            if (!e.underlay().equals(h.underlay())) return "the external endpoint is not on the host's LAN";
            if (!e.routes().isEmpty()) return "the external endpoint has routes of its own";
        }
        for (Container c : doc.all(Container.class)) {
            if (c.mode() == Container.Mode.BRIDGE && c.attachments().isEmpty()) continue;
            if (c.mode() == Container.Mode.BRIDGE && c.ports().stream().anyMatch(p -> p.hostIp() != null && !isHostAddress(h, p.hostIp())))
                return c.name() + " publishes on an address the host does not have";
        }
        Underlay lan = doc.get(h.underlay(), Underlay.class).orElse(null);
        if (lan == null || h.address() == null) return "the host is on no LAN";
        String clash = Lan.clashWithThisMachine(Cidr.parse(lan.subnet()));
        if (clash != null) return clash;
        return null;
    }

    private static boolean isHostAddress(Host h, String ip) {
        return ip.equals("127.0.0.1") || ip.equals(h.address().split("/")[0]);
    }

    /** A matrix row or intent as a probe; UDP rows are counted but not probed (nc -z cannot tell for UDP). */
    private static void add(List<Check> out, Document doc, String what, String from, Probe probe, String via, Disposition d) {
        if (probe == null || via == null || via.isBlank()) return;
        if (probe.proto() == Proto.UDP) {
            UNPROBED.incrementAndGet();
            return;
        }
        if (probe.size() > 0) {
            UNPROBED.incrementAndGet();
            return;
        }
        Node src = doc.node(from).orElse(null);
        if (src instanceof Container c && c.mode() == Container.Mode.BRIDGE && c.attachments().isEmpty()) return;
        String address = via;
        int port = 0;
        int colon = via.lastIndexOf(':');
        if (colon > 0) {
            address = via.substring(0, colon);
            port = Integer.parseInt(via.substring(colon + 1));
        }
        if (probe.proto() == Proto.TCP && port == 0) port = probe.port();
        out.add(new Check(what, from, probe.proto() == Proto.ICMP ? Kind.ICMP : Kind.TCP, address, port, d.name(), d == Disposition.DELIVERED, List.of()));
    }

    /**
     * Every name one container could look another up by: the other's name and its aliases on each
     * network, and the aliases of its own links. The analysis answers through a trace to the name
     * (NAME_NOT_RESOLVED, or the address it was sent to).
     */
    private static void names(Document doc, Network net, List<Check> out) {
        for (Container src : doc.all(Container.class)) {
            if (src.mode() == Container.Mode.BRIDGE && src.attachments().isEmpty()) continue;
            Set<String> names = new LinkedHashSet<>();
            for (Container dst : doc.all(Container.class)) {
                if (dst == src) continue;
                names.add(dst.name());
                for (Attachment a : dst.attachments()) names.addAll(a.aliases());
            }
            for (String l : src.links()) names.add(l.contains(":") ? l.substring(l.indexOf(':') + 1) : l);
            names.remove(src.name());
            for (String n : names) {
                if (Ipv4.isValid(n)) continue;
                Trace t = net.trace(src.id(), n, Probe.parse("icmp"));
                boolean resolved = t.disposition() != Disposition.NAME_NOT_RESOLVED;
                String address = resolved && t.via() != null ? t.via().replaceFirst(":\\d+$", "") : null;
                // a name several containers share answers every address, shuffled by Docker: any of them agrees
                List<String> answers = t.hops().stream().map(h -> h.detail()).filter(DnsLookup.class::isInstance).map(DnsLookup.class::cast)
                        .findFirst().map(l -> l.answers().stream().map(Ipv4::toString).toList()).filter(a -> !a.isEmpty())
                        .orElse(address == null ? List.of() : List.of(address));
                out.add(new Check("name " + src.name() + " looks up " + n, src.id(), Kind.NAME, n, 0,
                        resolved ? "resolves to " + String.join(" or ", answers) : "NAME_NOT_RESOLVED", resolved, resolved ? answers : List.of()));
            }
        }
    }

    /** Containers that others name (container:X, links) come first. */
    private static List<Container> startOrder(Document doc) {
        List<Container> all = new ArrayList<>(doc.all(Container.class));
        List<Container> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (!all.isEmpty()) {
            boolean progress = false;
            for (Container c : new ArrayList<>(all)) {
                Set<String> needs = new LinkedHashSet<>();
                if (c.mode() == Container.Mode.CONTAINER) needs.add(target(doc, c.modeTarget()));
                for (String l : c.links()) needs.add(target(doc, l.split(":")[0]));
                if (placed.containsAll(needs)) {
                    out.add(c);
                    placed.add(c.id());
                    all.remove(c);
                    progress = true;
                }
            }
            if (!progress) throw new AssertionError("containers name each other in a cycle: " + all);
        }
        return out;
    }

    private static String target(Document doc, String ref) {
        return doc.find(ref).map(Node::id).orElse(ref);
    }

    private static void create(String doc0, Document doc, Container c, Ipam.Addressing ipam, Map<String, String> bridgeNames) {
        List<String> args = new ArrayList<>(List.of("create", "--name", P + c.id(), "--label", DockerLab.LABEL + "=" + DockerLab.PID));
        List<Attachment> rest = new ArrayList<>();
        switch (c.mode()) {
            case HOST -> args.addAll(List.of("--network", "host"));
            case NONE -> args.addAll(List.of("--network", "none"));
            case CONTAINER -> args.addAll(List.of("--network", "container:" + P + target(doc, c.modeTarget())));
            case BRIDGE -> {
                if (c.attachments().isEmpty()) args.addAll(List.of("--network", "none"));
                else {
                    Attachment first = c.attachments().get(0);
                    args.addAll(List.of("--network", bridgeNames.get(first.network())));
                    args.addAll(endpoint(doc, c, first, ipam, "--ip", "--network-alias"));
                    rest.addAll(c.attachments().subList(1, c.attachments().size()));
                }
                for (PublishedPort p : c.ports())
                    args.addAll(List.of("-p", (p.hostIp() == null ? "" : p.hostIp() + ":") + p.hostPort() + ":" + p.containerPort() + "/" + p.proto().label()));
                for (String l : c.links()) {
                    String[] parts = l.split(":", 2);
                    Node linked = doc.find(parts[0]).orElseThrow();
                    args.addAll(List.of("--link", P + linked.id() + ":" + (parts.length > 1 ? parts[1] : linked.name())));
                    // the real container is named as the document names it, and that name is in /etc/hosts too
                    if (parts.length > 1 && !parts[1].equals(linked.name())) args.addAll(List.of("--link", P + linked.id() + ":" + linked.name()));
                }
            }
        }
        // no lookup ever leaves this machine: Docker's DNS forwards what it does not know to 127.0.0.1, where nothing answers
        // (a container:X container shares X's resolver configuration, and Docker refuses --dns for it)
        if (c.mode() != Container.Mode.CONTAINER) args.addAll(List.of("--dns", "127.0.0.1"));
        args.addAll(List.of(DockerLab.IMAGE, "sh", "-c", listeners(c) + "exec sleep 3600"));
        bringUp(doc0, args);
        for (Attachment a : rest) {
            List<String> connect = new ArrayList<>(List.of("network", "connect"));
            connect.addAll(endpoint(doc, c, a, ipam, "--ip", "--alias"));
            connect.addAll(List.of(bridgeNames.get(a.network()), P + c.id()));
            bringUp(doc0, connect);
        }
    }

    /** --ip and aliases on a user-defined network (the container's own name resolves there as an alias); nothing on docker0. */
    private static List<String> endpoint(Document doc, Container c, Attachment a, Ipam.Addressing ipam, String ipFlag, String aliasFlag) {
        List<String> out = new ArrayList<>();
        Bridge b = doc.get(a.network(), Bridge.class).orElseThrow();
        if (b.bridgeKind() == Bridge.Kind.DEFAULT) return out;
        out.addAll(List.of(ipFlag, ipam.address(c.id(), a.network()).orElseThrow().toString()));
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(c.name());
        aliases.addAll(a.aliases());
        for (String alias : aliases) out.addAll(List.of(aliasFlag, alias));
        return out;
    }

    /** busybox httpd on every TCP socket, bound as the document binds it (UDP sockets are not probed). */
    private static String listeners(Container c) {
        StringBuilder b = new StringBuilder();
        for (Socket s : c.sockets())
            if (s.proto() == Proto.TCP)
                b.append("httpd -p ").append(s.bind().equals("0.0.0.0") ? "" : s.bind() + ":").append(s.port()).append(" -h /; ");
        return b.toString();
    }

    private static void bringUp(String doc, List<String> args) {
        Processes.Result r = DockerLab.docker(120, args.toArray(String[]::new));
        if (r.ok()) return;
        String out = r.output().strip();
        boolean busy = out.contains("already allocated") || out.contains("address already in use") || out.contains("Pool overlaps")
                || out.contains("conflicts with network");
        assumeTrue(!busy, () -> doc + ": this machine cannot host it now: " + out);
        throw new AssertionError(doc + ": docker " + String.join(" ", args) + " failed: " + out);
    }

    /** Docker's addresses must be the ones the analysis reasoned about (docker0 cannot be pinned, so check them all). */
    private static void checkAddresses(Document doc, Ipam.Addressing ipam, Map<String, String> bridgeNames) {
        for (Container c : doc.all(Container.class)) {
            if (c.mode() != Container.Mode.BRIDGE) continue;
            for (Attachment a : c.attachments()) {
                String real = DockerLab.docker(10, "inspect", "-f", "{{(index .NetworkSettings.Networks \"" + bridgeNames.get(a.network())
                        + "\").IPAddress}}", P + c.id()).output().strip();
                String expected = ipam.address(c.id(), a.network()).map(Ipv4::toString).orElse("?");
                assertThat(real).as("Docker gave %s on %s the address %s; the analysis assumed %s", c.name(), a.network(), real, expected)
                        .isEqualTo(expected);
            }
        }
    }

    private static void awaitListeners(Container c, String pid) {
        if (pid == null) return;
        for (Socket s : c.sockets()) {
            if (s.proto() != Proto.TCP) continue;
            for (int i = 0; i < 100; i++) {
                Processes.Result r = DockerLab.run(10, "nsenter", "-t", pid, "-n", "ss", "-Hltn", "sport = :" + s.port());
                if (r.ok() && !r.output().isBlank()) break;
                DockerLab.sleep(50);
            }
        }
    }

    private static final Pattern RESOLVED = Pattern.compile("PING \\S+ \\(([0-9.]+)\\)");

    /** Null when Docker agrees, else one line of the table. A failed reach is tried once more (a reply is proof, a silence may be a slow start). */
    private static String disagreement(Check c, Document doc, Map<String, String> pids, Lan lan) {
        boolean external = doc.node(c.from()).orElseThrow() instanceof External;
        String pid = external ? null : pids.get(c.from());
        if (c.kind() == Kind.NAME) {
            // the container's own busybox in its network and mount namespaces: its /etc/hosts, its resolv.conf, its view of
            // Docker's DNS, without an exec session through the engine
            Processes.Result r = DockerLab.run(20, "nsenter", "-t", pid, "-n", "-m", "/bin/busybox", "timeout", "5",
                    "/bin/busybox", "ping", "-c", "1", "-W", "1", c.target());
            Matcher m = RESOLVED.matcher(r.output());
            String docker = m.find() ? "resolves to " + m.group(1) : "NAME_NOT_RESOLVED";
            boolean agree = c.engineYes()
                    ? m.find(0) && c.answers().contains(m.group(1))
                    : !docker.startsWith("resolves");
            if (agree) return null;
            return String.format("%-40s %-10s %-26s %-22s %s", c.what(), "name", c.target(), c.engine(), docker);
        }
        Processes.Result r = probe(c, pid, external ? lan.namespace() : null);
        if (!r.ok() && c.engineYes()) r = probe(c, pid, external ? lan.namespace() : null);
        if (r.ok() == c.engineYes()) return null;
        return String.format("%-40s %-10s %-26s %-22s %s", c.what(), c.kind() == Kind.ICMP ? "icmp" : "tcp/" + c.port(),
                c.target() + (c.port() != 0 ? ":" + c.port() : ""), c.engine(), r.ok() ? "reached" : "not reached (exit " + r.exit() + ")");
    }

    private static Processes.Result probe(Check c, String pid, String netns) {
        List<String> cmd = new ArrayList<>(netns != null ? List.of("ip", "netns", "exec", netns) : List.of("nsenter", "-t", pid, "-n"));
        if (c.kind() == Kind.ICMP) cmd.addAll(List.of("ping", "-n", "-c", "1", "-W", "2", c.target()));
        else cmd.addAll(List.of("nc", "-nz", "-w", "2", c.target(), Integer.toString(c.port())));
        return DockerLab.run(15, cmd.toArray(String[]::new));
    }

    /**
     * The document's LAN on this machine: a veth pair whose host end carries the host's LAN address
     * and whose other end sits in a namespace holding the external client's address and its
     * listeners (or no address, when the document has no external). Names carry this JVM's prefix.
     */
    record Lan(String namespace, String hostEnd) {
        static Lan up(Document doc, Host host) {
            String ns = P + "lan", hostEnd = P + "l", peer = P + "p";
            External ext = doc.all(External.class).stream().findFirst().orElse(null);
            must("ip", "netns", "add", ns);
            Lan lan = new Lan(ns, hostEnd);
            try {
                must("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", peer);
                must("ip", "link", "set", peer, "netns", ns);
                must("ip", "addr", "add", host.address(), "dev", hostEnd);
                must("ip", "link", "set", hostEnd, "up");
                must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
                must("ip", "netns", "exec", ns, "ip", "link", "set", peer, "name", "eth0");
                must("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
                if (ext != null) {
                    must("ip", "netns", "exec", ns, "ip", "addr", "add", ext.address(), "dev", "eth0");
                    for (Socket s : ext.sockets())
                        if (s.proto() == Proto.TCP)
                            must("ip", "netns", "exec", ns, "busybox", "httpd", "-p", (s.bind().equals("0.0.0.0") ? "" : s.bind() + ":") + s.port(), "-h", "/");
                }
                return lan;
            } catch (RuntimeException | Error e) {
                lan.down();
                throw e;
            }
        }

        void down() {
            Processes.Result pids = DockerLab.run(10, "ip", "netns", "pids", namespace);
            for (String pid : pids.output().split("\\s+"))
                if (pid.matches("\\d+")) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            DockerLab.run(10, "ip", "link", "del", hostEnd);
            DockerLab.run(10, "ip", "netns", "del", namespace);
        }

        /** The LAN must not overlap a network this machine is really on, or probes could leave it. */
        static String clashWithThisMachine(Cidr lan) {
            Processes.Result routes = DockerLab.run(10, "ip", "-4", "route", "show", "table", "main");
            for (String line : routes.output().split("\n")) {
                String dst = line.trim().split(" ")[0];
                if (dst.equals("default") || dst.isEmpty()) continue;
                if (dst.startsWith(P)) continue;
                if (!dst.contains("/")) dst += "/32";
                if (Cidr.isValid(dst) && Cidr.parse(dst).overlaps(lan) && !line.contains(" dev " + P))
                    return "its LAN " + lan + " overlaps " + dst + ", a network this machine is on";
            }
            return null;
        }

        private static void must(String... cmd) {
            Processes.Result r = DockerLab.run(20, cmd);
            if (!r.ok()) throw new AssertionError(String.join(" ", cmd) + " failed: " + r.output());
        }
    }

    /** A LAN namespace or veth of a run that died (its pid is gone). */
    private static void removeLanLeftovers() {
        Processes.Result links = DockerLab.run(10, "ip", "-o", "link", "show");
        Pattern ours = Pattern.compile("^\\d+: (hsd(\\d+)-l)[@:]");
        for (String line : links.output().split("\n")) {
            Matcher m = ours.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) DockerLab.run(10, "ip", "link", "del", m.group(1));
        }
        Processes.Result nss = DockerLab.run(10, "ip", "netns", "list");
        Pattern ns = Pattern.compile("^(hsd(\\d+)-lan)\\b");
        for (String line : nss.output().split("\n")) {
            Matcher m = ns.matcher(line.trim());
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) DockerLab.run(10, "ip", "netns", "del", m.group(1));
        }
    }
}
