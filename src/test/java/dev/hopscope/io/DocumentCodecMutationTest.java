package dev.hopscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hopscope.model.Document;

/**
 * Hostile input, generated: every broken variant of a valid file must either load completely or
 * fail with a DocumentException. Any other exception is a crash the user would see.
 */
class DocumentCodecMutationTest {

    @TempDir Path dir;

    private static final String VALID = DocumentCodec.write(TestDocuments.everything());

    private static void loadsOrFailsCleanly(String text, String what) {
        try {
            Document d = DocumentCodec.read(text, "m.json");
            assertThat(d).isNotNull();
        } catch (DocumentException e) {
            assertThat(e.getMessage()).startsWith("m.json:");
            assertThat(e.line()).isPositive();
        } catch (RuntimeException | StackOverflowError e) {
            fail("%s gave %s instead of a DocumentException:%n%s", what, e, text);
        }
    }

    @Test
    void truncationAtEveryOffsetFailsCleanly() {
        String small = DocumentCodec.write(TestDocuments.small());
        for (int i = 0; i < small.length(); i++) {
            String cut = small.substring(0, i);
            try {
                DocumentCodec.read(cut, "m.json");
                // only cutting inside the trailing whitespace leaves a complete document
                assertThat(small.substring(i).isBlank()).as("truncated at %d yet loaded", i).isTrue();
            } catch (DocumentException e) {
                assertThat(e.getMessage()).startsWith("m.json:");
            } catch (RuntimeException e) {
                fail("truncation at %d gave %s", i, e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomByteFlipsLoadOrFailCleanly(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("m.json");
        for (int round = 0; round < 120; round++) {
            byte[] b = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            Files.write(file, b);
            try {
                DocumentCodec.load(file);
            } catch (DocumentException e) {
                assertThat(e.getMessage()).startsWith("m.json:");
            } catch (RuntimeException e) {
                fail("seed %d round %d gave %s", seed, round, e);
            }
        }
    }

    /** Structure-aware mutations: swap values for values of other types, drop and duplicate tokens. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void tokenLevelMutationsLoadOrFailCleanly(long seed) {
        Random random = new Random(seed);
        String[] replacements = {"null", "0", "-1", "1e400", "99999999999999999999", "\"\"", "\"x\"", "[]", "{}", "true",
                "[null]", "{\"a\": null}", "\"tcp/0\"", "\"icmp/99999\"", "\"container:\"", "1.5", "\"None\""};
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder(VALID);
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(sb.length());
                int colon = sb.indexOf(": ", at);
                if (colon < 0) continue;
                int end = colon + 2;
                int stop = end;
                while (stop < sb.length() && ",}]\n".indexOf(sb.charAt(stop)) < 0) stop++;
                if (random.nextBoolean()) sb.replace(end, stop, replacements[random.nextInt(replacements.length)]);
                else sb.delete(Math.max(0, colon - random.nextInt(8)), Math.min(sb.length(), stop + random.nextInt(3)));
            }
            loadsOrFailsCleanly(sb.toString(), "seed " + seed + " round " + round);
        }
    }
}
