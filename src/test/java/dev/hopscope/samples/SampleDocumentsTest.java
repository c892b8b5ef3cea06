package dev.hopscope.samples;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.Samples;
import dev.hopscope.model.Document;
import dev.hopscope.model.Intent;
import dev.hopscope.model.Validator;
import dev.hopscope.net.analysis.Analysis;
import dev.hopscope.net.analysis.Analyzer;
import dev.hopscope.net.analysis.IntentResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every document in samples/ loads, round-trips byte for byte, and satisfies every intent it states. */
class SampleDocumentsTest {

    static Stream<Path> samples() throws IOException {
        return Files.list(Path.of("samples")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void loadsRoundTripsAndHoldsItsIntents(Path file) throws IOException {
        Document doc = DocumentCodec.load(file);
        assertThat(Validator.validate(doc)).as("structural problems").isEmpty();
        assertThat(DocumentCodec.write(doc)).as("load then save is byte-identical").isEqualTo(Files.readString(file));
        assertThat(doc.all(Intent.class)).as("a sample states what it teaches as intents").isNotEmpty();
        assertThat(doc.lesson()).as("a sample carries a lesson for learn mode").isNotNull();
        Analysis a = Analyzer.analyze(doc);
        for (IntentResult r : a.intents())
            assertThat(r.ok()).as(file.getFileName() + ": intent " + r.intent().id() + " — " + r.reason()).isTrue();
        assertThat(a.matrix().size()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theIndexListsEverySampleAndTheJarCanOpenThem() throws IOException {
        List<String> files = samples().map(p -> p.getFileName().toString()).sorted().toList();
        assertThat(Samples.names()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(Samples.names()).contains(Samples.WELCOME);
        for (String name : Samples.names()) assertThat(Samples.open(name).nodes()).isNotEmpty();
    }
}
