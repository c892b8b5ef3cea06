package dev.hopscope.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Writes a file the way a careful editor saves: a reader (or a crash) sees either the whole old
 * content or the whole new one. The new bytes go to a temporary file {@code .NAME.N.tmp} beside
 * the target, are forced to disk, and the temporary file is renamed over the target (atomic
 * within one directory on POSIX file systems). Around that:
 * <ul>
 * <li>a symbolic link is written through: its target gets the new content, the link stays;</li>
 * <li>only a regular file is replaced: a folder, a named pipe, a device or a socket is refused,
 *     before anything is opened (so a FIFO never blocks us and {@code /dev/full} is never touched);</li>
 * <li>an existing file keeps its mode (and, where allowed, its owner and group); a new file gets
 *     the mode the umask gives ({@code 0666 & ~umask}, or {@code 0777 & ~umask} for a script);</li>
 * <li>a missing folder or a read-only file is said plainly;</li>
 * <li>temporary files of ours left by a killed save are removed on the next save of that file
 *     (a save in progress holds a lock on its temporary file, so it is never taken for stale).</li>
 * </ul>
 * Every failure is a {@link DocumentException} without position, the previous file unchanged.
 */
public final class AtomicFile {

    /** How a new file is created: a document (read-write) or a script (also executable), less the umask. */
    public enum Kind { DOCUMENT, EXECUTABLE }

    /** Symbolic links followed before giving up, as the kernel does (ELOOP after 40). */
    private static final int MAX_LINKS = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {}

    /** Writes {@code content} to {@code file} as described above. */
    public static void write(Path file, byte[] content, Kind kind) {
        write(file, () -> content, kind, null);
    }

    /** As {@link #write(Path, byte[], Kind)} for a document, with the bytes produced first. */
    static void write(Path file, Supplier<byte[]> content, Consumer<Path> beforeMove) {
        write(file, content, Kind.DOCUMENT, beforeMove);
    }

    /**
     * @param content produced before anything touches the disk, so a failing serializer costs nothing
     * @param beforeMove test hook run on the complete temporary file just before the rename (null in production)
     */
    static void write(Path file, Supplier<byte[]> content, Kind kind, Consumer<Path> beforeMove) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = content.get();
        } catch (IllegalArgumentException e) {
            throw new DocumentException(name, 0, 0, "not saved, the document cannot be written: " + e.getMessage(), e);
        }
        Path target = throughLinks(file, name);
        Path dir = target.getParent();
        if (!Files.exists(dir)) throw new DocumentException(name, 0, 0, "not saved: the folder " + dir + " does not exist");
        if (!Files.isDirectory(dir)) throw new DocumentException(name, 0, 0, "not saved: " + dir + " is not a folder");
        Integer keptMode = null;
        Integer uid = null, gid = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            refuseUnlessRegular(target, name);
            if (!Files.isWritable(target))
                throw new DocumentException(name, 0, 0, "not saved: " + target + " is read-only (the file is unchanged)");
            try {
                keptMode = ((Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
                uid = (Integer) Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                gid = (Integer) Files.getAttribute(target, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                keptMode = null; // not a Unix file system: the new file gets the default mode
            }
        }
        String targetName = target.getFileName().toString();
        removeStaleTemporaries(dir, targetName);

        Path tmp = null;
        FileChannel ch = null;
        try {
            tmp = createTemporary(dir, targetName, kind, keptMode != null);
            ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
            // held until the rename: a concurrent save sees this temporary file as in use, not stale
            FileLock lock = tryLock(ch);
            if (keptMode != null) {
                int mode = kind == Kind.EXECUTABLE ? keptMode | ((keptMode & 0444) >> 2) : keptMode;
                keepOwner(tmp, uid, gid);
                Files.setAttribute(tmp, "unix:mode", mode); // after chown, which may clear set-id bits
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
            if (beforeMove != null) beforeMove.accept(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // some network file systems cannot rename atomically; a plain replace is the best they offer
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            if (lock != null) lock.release();
            syncDirectory(dir);
        } catch (AccessDeniedException e) {
            throw new DocumentException(name, 0, 0, "not saved: no permission to write in the folder " + dir
                    + " (the previous file is unchanged)", e);
        } catch (IOException e) {
            throw new DocumentException(name, 0, 0, "not saved (the previous file is unchanged): " + plain(e), e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the data was forced or the save failed and says so
                }
            }
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the save already failed and says so; the next save removes a stray temporary file
                }
            }
        }
    }

    /** The file a path finally names: symbolic links followed (also to a target that does not exist yet). */
    private static Path throughLinks(Path file, String name) {
        Path at = file.toAbsolutePath();
        for (int i = 0; i < MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(at)) return at;
            try {
                Path link = Files.readSymbolicLink(at);
                at = at.getParent().resolve(link);
            } catch (IOException e) {
                throw new DocumentException(name, 0, 0, "not saved: cannot read the symbolic link " + at + ": " + plain(e), e);
            }
        }
        throw new DocumentException(name, 0, 0, "not saved: " + file + " is a loop of symbolic links (or a chain of more than "
                + MAX_LINKS + ")");
    }

    private static void refuseUnlessRegular(Path target, String name) {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))
            throw new DocumentException(name, 0, 0, "not saved: " + target + " is a folder; give a file name");
        String what = "not a regular file";
        try {
            int type = ((Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
            what = switch (type) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> what;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // the generic words will do
        }
        throw new DocumentException(name, 0, 0, "not saved: " + target + " is " + what
                + ", not a regular file; Hopscope only replaces regular files (nothing was written)");
    }

    private static Path createTemporary(Path dir, String targetName, Kind kind, boolean private0600) throws IOException {
        FileAttribute<?>[] attrs;
        if (private0600) attrs = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        else if (kind == Kind.EXECUTABLE) attrs = new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx"))};
        else attrs = new FileAttribute<?>[0]; // open(2) with 0666: the umask decides, as for any new file
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + targetName + "." + (RANDOM.nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                Files.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) throw e;
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: no mode to give
                Files.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)).close();
                return tmp;
            }
        }
    }

    /** Temporary files of ours for this target: {@code .NAME.N.tmp}, and {@code .NAMEN.tmp} of earlier versions. */
    static Pattern temporaryPattern(String targetName) {
        return Pattern.compile("\\." + Pattern.quote(targetName) + "\\.?[0-9]+\\.tmp");
    }

    /**
     * Removes what a killed save of this target left behind. A temporary file whose lock we can
     * take belongs to no running save (locks die with their process); one that is locked, by
     * another process or by another save in this one, is left alone.
     */
    private static void removeStaleTemporaries(Path dir, String targetName) {
        Pattern ours = temporaryPattern(targetName);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path stale : entries) {
                if (!Files.isRegularFile(stale, LinkOption.NOFOLLOW_LINKS)) continue;
                try (FileChannel ch = FileChannel.open(stale, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    FileLock lock = tryLock(ch);
                    if (lock == null) continue;
                    Files.deleteIfExists(stale);
                    lock.release();
                } catch (IOException | OverlappingFileLockException e) {
                    // in use or not ours to remove: leave it
                }
            }
        } catch (IOException e) {
            // cleaning up is a courtesy; the save itself goes on
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Keeps the owner and group of the file being replaced where we may (root may; others only their own groups). */
    private static void keepOwner(Path tmp, Integer uid, Integer gid) {
        if (uid == null || gid == null) return;
        try {
            if (!uid.equals(Files.getAttribute(tmp, "unix:uid"))) Files.setAttribute(tmp, "unix:uid", uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // not allowed: the file becomes ours, as with any editor that saves by rename
        }
        try {
            if (!gid.equals(Files.getAttribute(tmp, "unix:gid"))) Files.setAttribute(tmp, "unix:gid", gid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // likewise
        }
    }

    /** An I/O error in words: the path and the reason, without the exception's class name. */
    private static String plain(IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        String where = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
        return where + (reason == null ? "an input/output error" : reason);
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
