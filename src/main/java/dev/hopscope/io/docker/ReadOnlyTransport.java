package dev.hopscope.io.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The only way Hopscope talks to an engine: a transport that lets exactly the read calls of a
 * live import through and refuses anything else before it is sent. The Docker socket is
 * root-equivalent, so "we only read" is enforced here, not merely intended.
 */
final class ReadOnlyTransport implements DockerHttpClient {

    /** The Engine API calls a live import makes, all GET; an optional /vX.Y prefix is allowed. */
    static final List<String> CALLS = List.of("GET /version", "GET /info", "GET /networks", "GET /containers/json",
            "GET /containers/{id}/json");

    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v\\d+\\.\\d+(?=/)");
    private static final Pattern ALLOWED = Pattern.compile("^/(version|info|networks|containers/json|containers/[0-9a-f]{12,64}/json)$");

    private final DockerHttpClient next;

    ReadOnlyTransport(DockerHttpClient next) { this.next = next; }

    /** The call as {@link #CALLS} names it, or null when it is not one of them. */
    static String allowed(String method, String pathAndQuery) {
        if (!"GET".equals(method)) return null;
        int q = pathAndQuery.indexOf('?');
        String path = VERSION_PREFIX.matcher(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).replaceFirst("");
        if (!ALLOWED.matcher(path).matches()) return null;
        return "GET " + (path.startsWith("/containers/") && !path.equals("/containers/json") ? "/containers/{id}/json" : path);
    }

    @Override public Response execute(Request request) {
        if (allowed(request.method(), request.path()) == null)
            throw new EngineException("refused to send " + request.method() + " " + request.path()
                    + " to the engine: a live import only reads");
        return next.execute(request);
    }

    @Override public void close() throws IOException { next.close(); }
}
