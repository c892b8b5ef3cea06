package dev.hopscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.DocumentException;
import dev.hopscope.io.imports.ImportException;
import dev.hopscope.io.imports.ImportResult;
import dev.hopscope.io.imports.Importer;
import dev.hopscope.model.Validator;

/**
 * The importers through their public entry point, {@link Importer#importText}, one target per
 * format: each starts from its own seeds (compose files, Kubernetes manifests, docker network
 * inspect output), and the importer tells the format from the content as it does for a user.
 * An input imports or fails with an {@link ImportException} naming a line and column; what
 * imports can be validated without an exception and saved as a document that reads back.
 */
class ImportFuzzTest {

    private static void importsOrFailsCleanly(byte[] input, String name) {
        String text = new String(input, StandardCharsets.UTF_8);
        ImportResult result;
        try {
            result = Importer.importText(name, "fuzz", text);
        } catch (ImportException e) {
            assertThat(e.getMessage()).startsWith(name + ":");
            assertThat(e.line()).isPositive();
            return;
        }
        // issue 14 item 6: an import never returns a document that does not validate
        assertThat(Validator.validate(result.document())).as("problems of the imported document").isEmpty();
        String saved = DocumentCodec.write(result.document());
        try {
            DocumentCodec.read(saved, "imported.hopscope");
        } catch (DocumentException e) {
            throw new AssertionError("the import writes a document that Hopscope cannot open: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "30m")
    void compose(byte[] input) {
        importsOrFailsCleanly(input, "docker-compose.yml");
    }

    @FuzzTest(maxDuration = "30m")
    void kubernetes(byte[] input) {
        importsOrFailsCleanly(input, "manifests.yaml");
    }

    @FuzzTest(maxDuration = "30m")
    void inspect(byte[] input) {
        importsOrFailsCleanly(input, "networks.json");
    }
}
