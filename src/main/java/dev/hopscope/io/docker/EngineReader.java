package dev.hopscope.io.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Reads an engine through docker-java over the zerodep transport, wrapped in a {@link
 * ReadOnlyTransport}: {@code GET /version}, {@code /info}, {@code /networks},
 * {@code /containers/json} (running and paused containers, as {@code docker ps} lists them) and
 * {@code /containers/ID/json} for each. Failures become one-line {@link EngineException}s.
 */
public final class EngineReader {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final EngineAddress address;

    public EngineReader(EngineAddress address) { this.address = address; }

    /** Reads the engine; {@code progress} hears a short sentence before each step. */
    public EngineSnapshot read(Consumer<String> progress) {
        DefaultDockerClientConfig.Builder config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(address.uri().toString())
                .withDockerTlsVerify(address.tls());
        if (address.tls()) config.withDockerCertPath(address.certPath().toString());
        DefaultDockerClientConfig cfg = config.build();
        DockerHttpClient http = new ReadOnlyTransport(new ZerodepDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(cfg.getSSLConfig())
                .maxConnections(4)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build());
        try (DockerClient docker = DockerClientImpl.getInstance(cfg, http)) {
            progress.accept("Connecting to " + address.uri());
            Version version = docker.versionCmd().exec();
            Info info = docker.infoCmd().exec();
            progress.accept("Reading networks");
            List<EngineSnapshot.Network> networks = new ArrayList<>();
            for (Network n : docker.listNetworksCmd().exec()) networks.add(network(n));
            networks.sort(Comparator.comparing(EngineSnapshot.Network::name));
            progress.accept("Listing containers");
            List<com.github.dockerjava.api.model.Container> listed = new ArrayList<>(docker.listContainersCmd().exec());
            List<EngineSnapshot.Container> containers = new ArrayList<>();
            int i = 0;
            for (com.github.dockerjava.api.model.Container c : listed) {
                progress.accept("Inspecting container " + (++i) + " of " + listed.size());
                InspectContainerResponse r;
                try {
                    r = docker.inspectContainerCmd(c.getId()).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                    continue; // removed between the list and the inspect
                }
                if (r.getState() == null || !Boolean.TRUE.equals(r.getState().getRunning())) continue;
                containers.add(container(r));
            }
            containers.sort(Comparator.comparing(EngineSnapshot.Container::name));
            return new EngineSnapshot(address.describe(), version.getVersion(), info.getName(), networks, containers);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw explain(e);
        } catch (IOException e) {
            throw explain(e);
        }
    }

    private static EngineSnapshot.Network network(Network n) {
        String subnet = null, gateway = null, range = null;
        if (n.getIpam() != null && n.getIpam().getConfig() != null)
            for (Network.Ipam.Config c : n.getIpam().getConfig()) {
                if (c.getSubnet() == null || c.getSubnet().contains(":")) continue;
                subnet = c.getSubnet();
                gateway = c.getGateway() == null || c.getGateway().isBlank() ? null : c.getGateway();
                range = c.getIpRange() == null || c.getIpRange().isBlank() ? null : c.getIpRange();
                break;
            }
        return new EngineSnapshot.Network(n.getId(), n.getName(), n.getDriver(), subnet, gateway, Boolean.TRUE.equals(n.getInternal()),
                orEmpty(n.getOptions()), orEmpty(n.getLabels()), range);
    }

    private static EngineSnapshot.Container container(InspectContainerResponse r) {
        String name = r.getName() == null ? r.getId().substring(0, 12) : r.getName().replaceFirst("^/", "");
        var hc = r.getHostConfig();
        var ns = r.getNetworkSettings();
        List<EngineSnapshot.Attachment> attachments = new ArrayList<>();
        if (ns != null && ns.getNetworks() != null)
            for (Map.Entry<String, ContainerNetwork> e : new java.util.TreeMap<>(ns.getNetworks()).entrySet()) {
                ContainerNetwork cn = e.getValue();
                String ip = cn.getIpAddress() == null || cn.getIpAddress().isBlank() ? null : cn.getIpAddress();
                attachments.add(new EngineSnapshot.Attachment(cn.getNetworkID(), e.getKey(), ip,
                        cn.getAliases() == null ? List.of() : cn.getAliases()));
            }
        List<EngineSnapshot.Port> published = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        if (ns != null && ns.getPorts() != null)
            for (Map.Entry<ExposedPort, Ports.Binding[]> e : ns.getPorts().getBindings().entrySet()) {
                if (e.getValue() == null) continue;
                for (Ports.Binding b : e.getValue()) {
                    String hostIp = b.getHostIp() == null || b.getHostIp().isBlank() ? null : b.getHostIp();
                    if (hostIp != null && hostIp.contains(":")) continue; // the IPv6 twin of an IPv4 binding
                    int hostPort = parsePort(b.getHostPortSpec());
                    if (hostPort <= 0) continue;
                    String proto = e.getKey().getProtocol().toString();
                    if (seen.add(hostIp + ":" + hostPort + ":" + e.getKey().getPort() + "/" + proto))
                        published.add(new EngineSnapshot.Port(hostIp, hostPort, e.getKey().getPort(), proto));
                }
            }
        published.sort(Comparator.comparingInt(EngineSnapshot.Port::containerPort).thenComparingInt(EngineSnapshot.Port::hostPort));
        List<EngineSnapshot.Port> exposed = new ArrayList<>();
        if (r.getConfig() != null && r.getConfig().getExposedPorts() != null)
            for (ExposedPort p : r.getConfig().getExposedPorts())
                exposed.add(new EngineSnapshot.Port(null, 0, p.getPort(), p.getProtocol().toString()));
        exposed.sort(Comparator.comparingInt(EngineSnapshot.Port::containerPort).thenComparing(EngineSnapshot.Port::proto));
        List<String> links = new ArrayList<>();
        if (hc != null && hc.getLinks() != null)
            for (Link l : hc.getLinks()) links.add(l.getName().replaceFirst("^/", "") + ":" + l.getAlias());
        long pid = r.getState() == null || r.getState().getPidLong() == null ? 0 : r.getState().getPidLong();
        return new EngineSnapshot.Container(r.getId(), name, r.getConfig() == null ? null : r.getConfig().getImage(),
                hc == null || hc.getNetworkMode() == null ? "default" : hc.getNetworkMode(), pid,
                ns == null ? null : ns.getSandboxKey(), attachments, published, exposed, links,
                r.getConfig() == null ? Map.of() : orEmpty(r.getConfig().getLabels()));
    }

    private static int parsePort(String spec) {
        if (spec == null) return 0;
        try {
            return Integer.parseInt(spec.contains("-") ? spec.substring(0, spec.indexOf('-')) : spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) m.forEach((k, v) -> { if (k != null && v != null) out.put(k, v); });
        return out;
    }

    /** One line that says what went wrong and what to do, from whatever docker-java threw. */
    EngineException explain(Throwable e) {
        String where = address.uri().toString();
        if (e instanceof DockerException d) {
            int status = d.getHttpStatus();
            if (status == 401 || status == 403)
                return new EngineException(where + ": the engine refused the request (HTTP " + status + "): check the client certificate or the proxy in front of it");
            return new EngineException(where + ": the engine answered HTTP " + status + ": " + firstLine(d.getMessage()));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof SSLException)
                return new EngineException(where + ": the TLS handshake failed (" + firstLine(m) + "): check DOCKER_CERT_PATH and that the engine speaks TLS");
            if (m.contains("Permission denied") || m.contains("[13]") || m.contains("EACCES"))
                return new EngineException(where + ": permission denied: run as root or as a member of the docker group");
            if (m.contains("No such file") || m.contains("[2]") || t instanceof FileNotFoundException)
                return new EngineException(where + ": no Docker engine there (the socket does not exist): is dockerd running?");
            if (t instanceof ConnectException || m.contains("Connection refused") || m.contains("[111]"))
                return new EngineException(where + ": connection refused: is dockerd running and listening there?");
            if (t instanceof UnknownHostException)
                return new EngineException(where + ": unknown host " + firstLine(m));
            if (t instanceof NoRouteToHostException)
                return new EngineException(where + ": no route to the engine's host");
            if (t instanceof SocketTimeoutException || m.toLowerCase(java.util.Locale.ROOT).contains("timed out"))
                return new EngineException(where + ": the engine did not answer in time");
        }
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return new EngineException(where + ": cannot read the engine: " + firstLine(root.getMessage() == null ? "the connection failed" : root.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
