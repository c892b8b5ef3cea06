package dev.hopscope.io.imports;

import dev.hopscope.model.Proto;
import dev.hopscope.model.Socket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ports that official images {@code EXPOSE}, bundled as {@code official-images.tsv} (one
 * line per image: name with an optional tag glob, ports, and where the entry comes from), so that
 * a service with {@code image: redis} listens on 6379 as the image says it does. Read once,
 * strictly: a malformed line stops the class from loading, and a test reads every line.
 */
final class ImageCatalog {

    /** One line: the repository, the tags it covers (null: every tag), the ports, and its source. */
    record Entry(String repository, String tagGlob, Pattern tags, List<Socket> sockets, String source, int line) {
        boolean covers(ImageReference ref) {
            if (!repository.equals(ref.repository())) return false;
            return tags == null || tags.matcher(ref.effectiveTag()).matches();
        }
    }

    static final String RESOURCE = "official-images.tsv";
    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(/(tcp|udp))?");

    private static final List<Entry> ENTRIES = load();

    private ImageCatalog() {}

    static List<Entry> entries() { return ENTRIES; }

    /** What the image exposes, when the catalog knows it: a tag-specific entry before the image's plain one. */
    static Optional<Entry> lookup(ImageReference ref) {
        Entry plain = null;
        for (Entry e : ENTRIES) {
            if (!e.covers(ref)) continue;
            if (e.tagGlob() != null) return Optional.of(e);
            if (plain == null) plain = e;
        }
        return Optional.ofNullable(plain);
    }

    private static List<Entry> load() {
        try (InputStream in = ImageCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the image catalog " + RESOURCE + " is missing from the class path");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry of a catalog text; a malformed line is an {@link IllegalArgumentException} naming it. */
    static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        BufferedReader r = new BufferedReader(new java.io.StringReader(text));
        int n = 0;
        try {
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t", -1);
                if (cols.length != 3) throw bad(n, "needs 3 tab-separated columns (image, ports, source), has " + cols.length);
                String image = cols[0], ports = cols[1].trim(), source = cols[2].trim();
                if (source.isEmpty()) throw bad(n, "has no source");
                int colon = image.indexOf(':');
                String name = colon < 0 ? image : image.substring(0, colon);
                String glob = colon < 0 ? null : image.substring(colon + 1);
                ImageReference ref;
                try {
                    ref = ImageReference.parse(name);
                } catch (ImageReference.Invalid e) {
                    throw bad(n, "'" + name + "' is not an image name: " + e.getMessage());
                }
                if (ref.tag() != null || ref.digest() != null || !ref.repository().equals(name))
                    throw bad(n, "'" + name + "' must be written as Docker Hub shows it (no registry, no library/, no tag)");
                if (glob != null && (glob.isEmpty() || !glob.matches("[\\w.*-]+"))) throw bad(n, "the tag glob '" + glob + "' may hold letters, digits, '_', '.', '-' and '*'");
                if (!keys.add(image)) throw bad(n, "'" + image + "' is listed twice");
                List<Socket> sockets = new ArrayList<>();
                if (!ports.equals("-")) {
                    if (ports.isEmpty()) throw bad(n, "lists no ports (write '-' for an image that exposes none)");
                    for (String p : ports.split(" ")) {
                        var m = PORT.matcher(p);
                        if (!m.matches()) throw bad(n, "'" + p + "' is not PORT or PORT/udp");
                        int port = Integer.parseInt(m.group(1));
                        if (port < 1 || port > 65535) throw bad(n, "port " + port + " is outside 1..65535");
                        Socket s = new Socket(port, "udp".equals(m.group(3)) ? Proto.UDP : Proto.TCP, "0.0.0.0");
                        if (sockets.contains(s)) throw bad(n, "lists " + p + " twice");
                        sockets.add(s);
                    }
                }
                out.add(new Entry(name, glob, glob == null ? null : glob(glob), List.copyOf(sockets), source, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private static IllegalArgumentException bad(int line, String what) {
        return new IllegalArgumentException(RESOURCE + ":" + line + ": the entry " + what);
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        return Pattern.compile(re.toString());
    }
}
