package dev.hopscope.io.imports;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The realistic input files under src/test/resources/imports. */
final class Fixtures {
    private Fixtures() {}

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/imports/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource imports/" + name, e);
        }
    }

    static ImportResult load(String name) { return Importer.importFiles(java.util.List.of(path(name)), ImportOptions.none()); }
}
