package dev.hopscope.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Replaces a file so that a reader (or a crash) sees either the whole old content or the whole
 * new one: write a temporary file beside it, force it to disk, then rename over the target.
 * A rename within one directory is atomic on POSIX file systems.
 */
final class AtomicFile {

    private AtomicFile() {}

    /**
     * @param content produced before anything touches the disk, so a failing serializer costs nothing
     * @param beforeMove test hook run on the complete temporary file just before the rename (null in production)
     */
    static void write(Path file, Supplier<byte[]> content, Consumer<Path> beforeMove) {
        Path target = file.toAbsolutePath();
        String name = target.getFileName().toString();
        byte[] bytes;
        try {
            bytes = content.get();
        } catch (IllegalArgumentException e) {
            throw new DocumentException(name, 0, 0, "not saved, the document cannot be written: " + e.getMessage(), e);
        }
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            if (beforeMove != null) beforeMove.accept(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // some network file systems cannot rename atomically; a plain replace is the best they offer
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new DocumentException(name, 0, 0, "not saved (the previous file is unchanged): " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the save already failed and says so; a stray temp file is the lesser problem
                }
            }
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the data itself is already forced
        }
    }
}
