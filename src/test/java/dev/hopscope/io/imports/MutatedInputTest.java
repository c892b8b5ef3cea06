package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hopscope.model.layout.AutoLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style robustness: every realistic input, damaged at random (seeded, so a failure
 * repeats), either imports or fails with an {@link ImportException} that names a place. Any
 * other exception is a crash the user would see.
 */
class MutatedInputTest {

    private static final int ROUNDS = Integer.getInteger("hopscope.mutationRounds", 100);
    private static final String NOISE = " :-[]{}\n\t#&*!|>'\",0123456789abcxyz~%@`";

    @ParameterizedTest
    @ValueSource(strings = {"shop/docker-compose.yml", "legacy/docker-compose.yml", "k8s/guestbook.yaml",
            "k8s/database.yaml", "k8s/list.json", "inspect/networks.json", "k8s/cilium.yaml", "k8s/weave.yaml", "k8s/calico-ippool.yaml",
            "inspect/macvlan.json", "homelab/compose.yaml"})
    void damagedFilesImportOrFailWithAPlace(String name) throws IOException {
        String original = Files.readString(Fixtures.path(name));
        Random random = new Random(name.hashCode());
        int imported = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String damaged = mutate(original, random);
            try {
                ImportResult r = Importer.importText(name, "fixture", damaged);
                assertThat(r.document().layout()).isNotNull();
                assertThat(AutoLayout.apply(r.document()).layout()).isEqualTo(r.document().layout());
                imported++;
            } catch (ImportException e) {
                assertThat(e.getMessage()).matches("(?s)" + java.util.regex.Pattern.quote(name) + ":\\d+:\\d+: .+");
                assertThat(e.line()).isPositive();
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + " crashed with " + e + " on:\n" + damaged, e);
            }
        }
        assertThat(imported).as("some damage is harmless (comments, values)").isPositive();
    }

    /**
     * Projects on disk (several files, .env, include, extends, Dockerfiles): one of their files
     * damaged at a time. The error may point into any file of the project, but always at a place.
     */
    @ParameterizedTest
    @ValueSource(strings = {"voting", "platform", "extends"})
    void damagedProjectsImportOrFailWithAPlace(String project, @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws IOException {
        java.nio.file.Path source = Fixtures.path(project).getParent();
        copy(source, tmp);
        java.nio.file.Path root = tmp.resolve(project);
        java.util.List<java.nio.file.Path> main = switch (project) {
            case "voting" -> java.util.List.of(root.resolve("compose.yaml"), root.resolve("compose.scale.yaml"));
            case "platform" -> java.util.List.of(root.resolve("compose.yaml"));
            default -> java.util.List.of(root.resolve("compose.yml"));
        };
        java.util.List<java.nio.file.Path> files;
        try (var walk = Files.walk(tmp)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Random random = new Random(project.hashCode());
        int imported = 0;
        for (int round = 0; round < ROUNDS; round++) {
            java.nio.file.Path victim = files.get(random.nextInt(files.size()));
            String original = Files.readString(victim);
            String damaged = mutate(original, random);
            Files.writeString(victim, damaged);
            try {
                ImportResult r = Importer.importFiles(main, ImportOptions.none());
                assertThat(r.document().layout()).isNotNull();
                imported++;
            } catch (ImportException e) {
                assertThat(e.getMessage()).matches("(?s)[^\\n]+:\\d+:\\d+: .+");
                assertThat(e.line()).isPositive();
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + " crashed with " + e + " with " + victim + " damaged to:\n" + damaged, e);
            } finally {
                Files.writeString(victim, original);
            }
        }
        assertThat(imported).as("some damage is harmless (comments, values)").isPositive();
    }

    /** The import fixtures' folders a project reads (itself and its neighbours for include and extends). */
    private static void copy(java.nio.file.Path from, java.nio.file.Path to) throws IOException {
        for (String dir : new String[] {"voting", "platform", "monitoring", "extends"}) {
            java.nio.file.Path src = from.resolve(dir);
            try (var walk = Files.walk(src)) {
                for (java.nio.file.Path p : walk.toList()) {
                    java.nio.file.Path target = to.resolve(dir).resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(target);
                    else Files.copy(p, target);
                }
            }
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && b.length() > 1; i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(5)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 2 -> b.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 3 -> b.setLength(at); // truncated
                default -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(40));
                    b.insert(end, b.substring(at, end)); // a repeated fragment
                }
            }
        }
        return b.toString();
    }
}
