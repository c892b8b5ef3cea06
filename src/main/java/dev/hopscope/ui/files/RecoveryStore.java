package dev.hopscope.ui.files;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.DocumentException;
import dev.hopscope.model.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The recovery file: unsaved work written a few idle seconds after each change, removed when
 * the work is saved or discarded or the designer closes normally. Finding it at start-up means
 * the last session died; {@code recovery.origin} remembers which file the work belonged to.
 */
public final class RecoveryStore {
    private final Path doc;
    private final Path origin;

    public RecoveryStore(Path dir) {
        this.doc = dir.resolve("recovery.hopscope");
        this.origin = dir.resolve("recovery.origin");
    }

    public static RecoveryStore inHome() { return new RecoveryStore(HopscopeHome.dir()); }

    /** What a crashed session left behind. */
    public record Recovered(Document document, Path origin, Instant savedAt) {}

    public void save(Document d, Path from) {
        try {
            DocumentCodec.save(d, doc);
            Files.writeString(origin, from == null ? "" : from.toAbsolutePath().toString(), StandardCharsets.UTF_8);
        } catch (DocumentException | IOException e) {
            // autosave is best effort; the user's own Save reports its errors
        }
    }

    public Optional<Recovered> find() {
        if (!Files.isRegularFile(doc)) return Optional.empty();
        try {
            Document d = DocumentCodec.load(doc);
            String o = Files.isRegularFile(origin) ? Files.readString(origin, StandardCharsets.UTF_8).trim() : "";
            return Optional.of(new Recovered(d, o.isEmpty() ? null : Path.of(o), Files.getLastModifiedTime(doc).toInstant()));
        } catch (DocumentException | IOException e) {
            clear(); // an unreadable recovery file can never be restored; do not ask about it forever
            return Optional.empty();
        }
    }

    public boolean exists() { return Files.isRegularFile(doc); }

    public void clear() {
        try {
            Files.deleteIfExists(doc);
            Files.deleteIfExists(origin);
        } catch (IOException e) {
            // a leftover recovery file only causes one needless question next time
        }
    }
}
