package dev.hopscope.io.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the engine is, found as the docker CLI finds it: {@code --host}, else {@code DOCKER_HOST},
 * else the local socket {@code unix:///var/run/docker.sock}. A {@code tcp://} engine speaks TLS
 * when {@code DOCKER_TLS_VERIFY} is set to anything non-empty, with {@code ca.pem},
 * {@code cert.pem} and {@code key.pem} from {@code DOCKER_CERT_PATH} (default {@code ~/.docker}).
 * Port 2376 is Docker's TLS port: plain TCP to it is refused here rather than sent.
 *
 * @param uri the engine's address, {@code unix:///path} or {@code tcp://host:port}
 * @param certPath the folder of the TLS files; null for a plain connection
 */
public record EngineAddress(URI uri, Path certPath) {

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
    static final int TLS_PORT = 2376;

    public boolean tls() { return certPath != null; }

    public boolean local() { return "unix".equals(uri.getScheme()); }

    /** The address as a user writes it, for messages: unix:///var/run/docker.sock, tcp://h:2376 (TLS). */
    public String describe() {
        return uri + (tls() ? " (TLS, certificates from " + certPath + ")" : "");
    }

    /** The engine named by {@code hostFlag} (null: none given) and the environment, checked. */
    public static EngineAddress resolve(String hostFlag, Map<String, String> env) {
        String host = blankToNull(hostFlag);
        if (host == null) host = blankToNull(env.get("DOCKER_HOST"));
        if (host == null) host = DEFAULT_SOCKET;
        URI uri;
        try {
            uri = new URI(host);
        } catch (URISyntaxException e) {
            throw new EngineException("'" + host + "' is not an engine address: write unix:///path/to/docker.sock or tcp://HOST:PORT");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tlsVerify = truthy(env.get("DOCKER_TLS_VERIFY"));
        switch (scheme) {
            case "unix" -> {
                if (uri.getPath() == null || uri.getPath().isEmpty())
                    throw new EngineException("'" + host + "' names no socket: write unix:///var/run/docker.sock");
                return new EngineAddress(URI.create("unix://" + uri.getPath()), null);
            }
            case "tcp", "http", "https" -> {
                if (uri.getHost() == null)
                    throw new EngineException("'" + host + "' names no host: write tcp://HOST:PORT");
                boolean tls = tlsVerify || scheme.equals("https");
                int port = uri.getPort() > 0 ? uri.getPort() : tls ? TLS_PORT : 2375;
                if (!tls && port == TLS_PORT)
                    throw new EngineException(host + " is Docker's TLS port, and DOCKER_TLS_VERIFY is not set: set DOCKER_TLS_VERIFY=1"
                            + " and DOCKER_CERT_PATH to the folder of ca.pem, cert.pem and key.pem (plain TCP is never sent to a TLS port)");
                URI plain = URI.create("tcp://" + uri.getHost() + ":" + port);
                if (!tls) return new EngineAddress(plain, null);
                Path certs = certPath(env);
                for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"})
                    if (!Files.isReadable(certs.resolve(f)))
                        throw new EngineException("TLS is on for " + plain + " but " + certs.resolve(f)
                                + " cannot be read: set DOCKER_CERT_PATH to the folder of ca.pem, cert.pem and key.pem");
                return new EngineAddress(plain, certs);
            }
            case "ssh" -> throw new EngineException(host + ": ssh:// engines are not read directly; forward the socket first"
                    + " (ssh -NL /tmp/docker.sock:/var/run/docker.sock USER@HOST) and use --host unix:///tmp/docker.sock");
            case "npipe" -> throw new EngineException(host + ": Windows named pipes are not supported; use tcp:// with TLS");
            default -> throw new EngineException("'" + host + "' is not an engine address: write unix:///path/to/docker.sock or tcp://HOST:PORT");
        }
    }

    private static Path certPath(Map<String, String> env) {
        String p = blankToNull(env.get("DOCKER_CERT_PATH"));
        if (p != null) return Path.of(p);
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".docker");
    }

    /** As the docker CLI reads it: any non-empty DOCKER_TLS_VERIFY turns TLS on. */
    private static boolean truthy(String v) {
        return v != null && !v.isEmpty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
