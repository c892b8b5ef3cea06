package dev.hopscope.io;

import dev.hopscope.model.Document;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample documents that ship inside the jar (the repository's samples/ folder, listed in
 * samples/index.txt), so the designer's Samples menu and start-up work from any folder.
 */
public final class Samples {
    public static final String WELCOME = "welcome.json";

    private Samples() {}

    /** File names of the samples, in menu order. */
    public static List<String> names() {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/index.txt")) {
            if (in == null) return List.of();
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) out.add(line.trim());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads one sample by file name (e.g. "welcome.json"). */
    public static Document open(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) throw new DocumentException(name, 0, 0, "no such sample");
            return DocumentCodec.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
