package dev.hopscope.io.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An Engine API stand-in on a unix socket: answers GET requests from JSON files recorded from a
 * real engine (src/test/resources/docker/engine: /version, /info, /networks, /containers/json
 * and /containers/ID/json), and records every request line it receives, whatever its method,
 * so a test can pin the exact calls a live import makes.
 */
public final class FakeEngine implements AutoCloseable {

    private final Path socket;
    private final Path answers;
    private final ServerSocketChannel server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    private final long delayMillis;

    /** The recorded answers of src/test/resources/docker/engine. */
    public static final Path RECORDED = Path.of("src/test/resources/docker/engine").toAbsolutePath();

    public FakeEngine(Path socket, Path answers) throws IOException {
        this(socket, answers, 0);
    }

    /** {@code delayMillis} before each answer, to watch a client's progress. */
    public FakeEngine(Path socket, Path answers, long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.socket = socket;
        this.answers = answers;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::accept, "fake-engine");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String uri() { return "unix://" + socket; }

    /** Every request as {@code METHOD /path} (the query left off), in arrival order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                Thread t = new Thread(() -> serve(ch), "fake-engine-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch; InputStream in = Channels.newInputStream(ch); OutputStream out = Channels.newOutputStream(ch)) {
            while (true) {
                String head = readHead(in);
                if (head == null) return;
                String[] lines = head.split("\r\n");
                String[] first = lines[0].split(" ");
                String method = first[0], target = first[1];
                long length = 0;
                for (String h : lines)
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(h.substring(15).trim());
                in.skipNBytes(length);
                String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
                requests.add(method + " " + path);
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                Path file = method.equals("GET") ? answers.resolve(path.substring(1).replaceFirst("/json$", "") + ".json") : null;
                if (path.equals("/containers/json")) file = answers.resolve("containers.json");
                byte[] body;
                String status;
                if (file != null && file.normalize().startsWith(answers) && Files.isRegularFile(file)) {
                    body = Files.readAllBytes(file);
                    status = "200 OK";
                } else {
                    body = ("{\"message\":\"no such thing in the fake engine: " + method + " " + path + "\"}").getBytes(StandardCharsets.UTF_8);
                    status = "404 Not Found";
                }
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nApi-Version: 1.41\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) return null;
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : c == '\r' ? 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
