package dev.hopscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.DocumentException;
import dev.hopscope.model.Document;
import dev.hopscope.model.Validator;

/**
 * Any bytes given to the document reader either load, completely, or fail with a
 * {@link DocumentException} that says where. A document that loads must survive the validator
 * without an exception, and write and read back to the same value with the same bytes (the
 * reader never accepts what the writer cannot say, and the writer never says what the reader
 * refuses). Anything else, a RuntimeException or an Error, is a finding.
 */
class DocumentReaderFuzzTest {

    @FuzzTest(maxDuration = "30m")
    void document(byte[] input) {
        Document doc;
        try {
            doc = DocumentCodec.read(input, "fuzz.json");
        } catch (DocumentException e) {
            assertThat(e.getMessage()).startsWith("fuzz.json");
            assertThat(e.line()).isNotNegative();
            return;
        }
        Validator.validate(doc);
        String written;
        try {
            written = DocumentCodec.write(doc);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("a document that loaded cannot be written: " + e.getMessage(), e);
        }
        Document again = DocumentCodec.read(written, "rewritten.json");
        assertThat(again).isEqualTo(doc);
        assertThat(DocumentCodec.write(again)).isEqualTo(written);
    }
}
