package dev.hopscope.samples;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.model.Scenario;
import dev.hopscope.net.Network;
import dev.hopscope.net.trace.Trace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios saved in the samples end the way they say: their expectations are the kernel's
 * verdicts of scenarios.md (S1, S2, S3, S7, S8, S11) and SPEC section 2's rules for names.
 */
class SampleScenariosTest {

    @Test
    void everySavedScenarioEndsAsExpected() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (var files = Files.list(Path.of("samples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Document doc = DocumentCodec.load(file);
                if (doc.scenarios().isEmpty()) continue;
                Network net = Network.compile(doc);
                for (Scenario s : doc.scenarios()) {
                    assertThat(s.expect()).as("%s: %s states its outcome", file.getFileName(), s.name()).isNotNull();
                    Trace t = net.trace(s.from(), s.to(), s.probe());
                    checked++;
                    if (!t.disposition().name().equals(s.expect()))
                        wrong.add(file.getFileName() + ": " + s.name() + " expected " + s.expect() + ", got " + t.disposition() + " — " + t.reason());
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(18);
        assertThat(wrong).isEmpty();
    }
}
