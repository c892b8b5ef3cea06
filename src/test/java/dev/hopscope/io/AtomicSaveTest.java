package dev.hopscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hopscope.model.Box;
import dev.hopscope.model.Document;

class AtomicSaveTest {

    @TempDir Path dir;

    private byte[] previous(Path file) throws Exception {
        DocumentCodec.save(TestDocuments.small(), file);
        return Files.readAllBytes(file);
    }

    private long otherFiles(Path file) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.equals(file)).count();
        }
    }

    @Test
    void aDocumentThatCannotBeSerializedLeavesThePreviousFileUntouched() throws Exception {
        Path file = dir.resolve("net.json");
        byte[] before = previous(file);
        Document bad = TestDocuments.everything().withBox("h1", new Box(Double.NaN, 0, 1, 1));
        assertThatThrownBy(() -> DocumentCodec.save(bad, file))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("net.json").hasMessageContaining("the box of \"h1\"").hasMessageContaining("NaN");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(otherFiles(file)).isZero();
    }

    @Test
    void aCrashAfterTheTemporaryFileIsWrittenLeavesThePreviousFileUntouched() throws Exception {
        Path file = dir.resolve("net.json");
        byte[] before = previous(file);
        byte[] next = DocumentCodec.write(TestDocuments.everything()).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AtomicFile.write(file, () -> next, tmp -> {
            // the new content is complete on disk beside the target, but not yet in its place
            try {
                assertThat(tmp.getParent()).isEqualTo(file.toAbsolutePath().getParent());
                assertThat(Files.readAllBytes(tmp)).isEqualTo(next);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("simulated crash before the rename");
        })).hasMessage("simulated crash before the rename");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(otherFiles(file)).as("the temporary file is cleaned up").isZero();
    }

    @Test
    void aSaveIntoAMissingFolderFailsCleanly() throws Exception {
        Path file = dir.resolve("no-such-folder").resolve("net.json");
        assertThatThrownBy(() -> DocumentCodec.save(TestDocuments.small(), file))
                .isInstanceOf(DocumentException.class)
                .hasMessage("net.json: not saved: the folder " + dir.resolve("no-such-folder").toAbsolutePath() + " does not exist");
    }

    @Test
    void aSuccessfulSaveReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("net.json");
        previous(file);
        DocumentCodec.save(TestDocuments.everything(), file);
        assertThat(DocumentCodec.load(file)).isEqualTo(TestDocuments.everything());
        assertThat(otherFiles(file)).isZero();
    }
}
