package dev.hopscope.ui.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the designer keeps its settings and recovery file: {@code ~/.hopscope}, or the folder
 * named by the system property {@code hopscope.home} (tests use a temporary folder).
 */
public final class HopscopeHome {
    private HopscopeHome() {}

    public static Path dir() {
        String override = System.getProperty("hopscope.home");
        Path dir = override != null ? Path.of(override) : Path.of(System.getProperty("user.home"), ".hopscope");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            // settings and recovery are conveniences: without a writable folder the designer still works
        }
        return dir;
    }
}
