package dev.hopscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hopscope.io.export.Exporter;

/**
 * The rules for every file Hopscope writes (Save, {@code -o} of import, export and generate;
 * issue 14 items 11 to 14, issue 12 point 10): written through symbolic links, nothing but a
 * regular file replaced, missing folders named, stale temporary files of ours cleaned, modes kept
 * and the umask respected. Expected modes come from the kernel (stat of files the shell made).
 */
class OutputFileTest {

    @TempDir Path dir;

    private static final byte[] OLD = "old\n".getBytes(StandardCharsets.UTF_8);

    private static int mode(Path p) throws Exception {
        return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
    }

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private List<String> others(Path... keep) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> !List.of(keep).contains(p)).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSymbolicLinkIsWrittenThroughToItsTarget() throws Exception {
        Path real = Files.write(dir.resolve("real.json"), OLD);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        DocumentCodec.save(TestDocuments.small(), link);
        assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real.json"));
        assertThat(DocumentCodec.load(real)).isEqualTo(TestDocuments.small());
        assertThat(others(real, link)).isEmpty();
    }

    @Test
    void aChainOfLinksAndADanglingLinkAreFollowedAndALoopIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Path first = Files.createSymbolicLink(dir.resolve("a.json"), Path.of("b.json"));
        Files.createSymbolicLink(dir.resolve("b.json"), Path.of("sub/new.json")); // sub/new.json does not exist yet
        Exporter.write(TestDocuments.small(), Exporter.Format.DOT, first);
        assertThat(Files.readString(dir.resolve("sub/new.json"))).startsWith("digraph hopscope").contains("id=\"h1\"");
        assertThat(Files.isSymbolicLink(first)).isTrue();

        Path loop = Files.createSymbolicLink(dir.resolve("x.json"), Path.of("y.json"));
        Files.createSymbolicLink(dir.resolve("y.json"), Path.of("x.json"));
        assertThatThrownBy(() -> DocumentCodec.save(TestDocuments.small(), loop)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("is a loop of symbolic links");
    }

    @Test
    void aNamedPipeIsRefusedAndNeverOpened() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        assumeTrue(sh("mkfifo '" + fifo + "' && echo made").equals("made"), "mkfifo is available");
        // opening a FIFO for writing would block until a reader comes: a refusal must not open it
        assertThatThrownBy(() -> DocumentCodec.save(TestDocuments.small(), fifo)).isInstanceOf(DocumentException.class)
                .hasMessage("pipe.json: not saved: " + fifo + " is a named pipe (FIFO), not a regular file;"
                        + " Hopscope only replaces regular files (nothing was written)");
        assertThat(sh("test -p '" + fifo + "' && echo fifo")).isEqualTo("fifo");
        assertThat(others(fifo)).isEmpty();
    }

    @Test
    void aDeviceIsRefusedWithoutBeingWritten() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.exists(full), "only as root, where a rename could replace it");
        String before = sh("stat -c '%F %t:%T' /dev/full");
        assertThatThrownBy(() -> Exporter.write(TestDocuments.small(), Exporter.Format.SVG, full)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("/dev/full is a character device, not a regular file");
        assertThat(sh("stat -c '%F %t:%T' /dev/full")).isEqualTo(before).startsWith("character special file");
        assertThat(sh("ls -a /dev | grep -c '^\\.full\\.' || true")).isEqualTo("0");
    }

    @Test
    void aFolderIsRefusedAndAMissingFolderIsNamed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertThatThrownBy(() -> DocumentCodec.save(TestDocuments.small(), folder))
                .hasMessage("folder.json: not saved: " + folder + " is a folder; give a file name");
        Path missing = dir.resolve("nowhere/deeper/out.png");
        assertThatThrownBy(() -> Exporter.write(TestDocuments.small(), Exporter.Format.PNG, missing))
                .hasMessage("out.png: not saved: the folder " + dir.resolve("nowhere/deeper") + " does not exist");
    }

    @Test
    void staleTemporaryFilesOfOursAreRemovedOnTheNextSaveAndOnesInUseAreKept() throws Exception {
        Path file = dir.resolve("net.json");
        Files.write(file, OLD);
        Path stale = Files.write(dir.resolve(".net.json.123456789.tmp"), "half a document".getBytes(StandardCharsets.UTF_8));
        Path oldStyle = Files.write(dir.resolve(".net.json987.tmp"), OLD);
        Path otherFile = Files.write(dir.resolve(".other.json.5.tmp"), OLD);
        Path notOurs = Files.write(dir.resolve(".net.json.backup.tmp"), OLD);
        Path inUse = Files.write(dir.resolve(".net.json.42.tmp"), OLD);
        try (FileChannel ch = FileChannel.open(inUse, StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            DocumentCodec.save(TestDocuments.small(), file);
        }
        assertThat(stale).doesNotExist();
        assertThat(oldStyle).doesNotExist();
        assertThat(inUse).as("a save in progress holds its lock").exists();
        assertThat(otherFile).as("another document's").exists();
        assertThat(notOurs).as("not our pattern").exists();
        assertThat(DocumentCodec.load(file)).isEqualTo(TestDocuments.small());
    }

    @Test
    void anExistingFileKeepsItsModeAndANewOneFollowsTheUmask() throws Exception {
        for (String perms : new String[] {"rw-r--r--", "rw-r-----", "rwxr-x---", "rw-rw-rw-"}) {
            Path file = Files.write(dir.resolve("kept-" + perms + ".json"), OLD);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
            DocumentCodec.save(TestDocuments.small(), file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo(perms);
        }
        // the kernel's answer for this process's umask: a file the shell creates
        Path byShell = dir.resolve("by-shell");
        sh("touch '" + byShell + "'");
        Path fresh = dir.resolve("fresh.json");
        DocumentCodec.save(TestDocuments.small(), fresh);
        assertThat(mode(fresh)).isEqualTo(mode(byShell));
        Path script = dir.resolve("lab.sh");
        Exporter.write(TestDocuments.small(), Exporter.Format.NETNS, script);
        int umask = Integer.parseInt(sh("umask"), 8);
        assertThat(mode(script)).isEqualTo(0777 & ~umask);
    }

    /** The designer and the command line run with the user's umask: a child process with another one shows it is obeyed. */
    @Test
    void aNewFileFollowsTheUmaskOfTheProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("generated.hopscope");
        String cmd = "umask 027 && '" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.hopscope.Main generate"
                + " --hosts 1 --containers-per-host 1 -o '" + out + "'";
        String said = sh(cmd);
        assertThat(said).contains("generated.hopscope: ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r-----");
    }

    @Test
    void aReadOnlyFileIsNotReplaced() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write anything");
        Path file = Files.write(dir.resolve("ro.json"), OLD);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assertThatThrownBy(() -> DocumentCodec.save(TestDocuments.small(), file)).hasMessageContaining("is read-only");
        assertThat(Files.readAllBytes(file)).isEqualTo(OLD);
    }
}
