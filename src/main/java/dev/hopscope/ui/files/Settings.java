package dev.hopscope.ui.files;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the designer remembers between sessions: window size and position, the theme, the
 * recent files (newest first). A plain properties file, read once and written on change.
 */
public final class Settings {
    public static final int MAX_RECENT = 8;

    private final Path file;
    private final Properties props = new Properties();

    public Settings(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                props.clear(); // a damaged settings file is forgotten, not fatal
            }
        }
    }

    public static Settings load() { return new Settings(HopscopeHome.dir().resolve("settings.properties")); }

    public double number(String key, double fallback) {
        try {
            return Double.parseDouble(props.getProperty(key, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean has(String key) { return props.containsKey(key); }

    public void setNumber(String key, double value) { props.setProperty(key, Double.toString(value)); }

    public boolean flag(String key) { return Boolean.parseBoolean(props.getProperty(key, "false")); }

    public void setFlag(String key, boolean on) { props.setProperty(key, Boolean.toString(on)); }

    public List<Path> recent() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = props.getProperty("recent." + i);
            if (p != null && !p.isBlank()) out.add(Path.of(p));
        }
        return out;
    }

    public void addRecent(Path p) {
        List<Path> list = new ArrayList<>(recent());
        Path abs = p.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) props.setProperty("recent." + i, list.get(i).toString());
            else props.remove("recent." + i);
        }
        save();
    }

    public void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(w, "Hopscope designer settings");
            }
        } catch (IOException e) {
            // settings are a convenience; failing to store them must not disturb the user's work
        }
    }
}
