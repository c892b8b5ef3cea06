package dev.hopscope.io.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: clear errors, fast, never a crash or a partial document. */
class SafeInputTest {

    @Test
    void aBillionLaughsAliasBombFailsFast() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Fixtures.load("hostile/billion-laughs.yaml"))
                .isInstanceOf(ImportException.class)
                .hasMessageEndingWith("more than 50 aliases to collections in one document (a YAML alias bomb?)")
                .hasMessageContaining("billion-laughs.yaml:7:23:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void fewAliasesThatStillExpandHugelyAreRefused() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 24; i++) y.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        assertThatThrownBy(() -> Importer.importText("bomb.yaml", null, y.toString()))
                .hasMessageContaining("expand to more than 1000000 values");
    }

    @Test
    void deepNestingFailsWithItsPlace() {
        String deep = "services:\n  web:\n    labels: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> Importer.importText("deep.yaml", null, deep))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("deep.yaml:3:")
                .hasMessageEndingWith("the input nests deeper than 100 levels");
        String deepJson = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> Importer.importText("deep.json", null, deepJson))
                .hasMessageEndingWith("the input nests deeper than 100 levels");
    }

    @Test
    void typeTagsAreRefusedNotConstructed() {
        assertThatThrownBy(() -> Fixtures.load("hostile/python-tag.yaml"))
                .hasMessageEndingWith("python-tag.yaml:3:12: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed: an import never constructs objects from tags");
        assertThatThrownBy(() -> Importer.importText("t.yaml", null, "services: !custom {web: {}}\n"))
                .hasMessage("t.yaml:1:11: the tag !custom is not allowed: an import never constructs objects from tags");
    }

    @Test
    void brokenYamlNamesLineAndColumn() {
        assertThatThrownBy(() -> Fixtures.load("hostile/bad-indent.yaml"))
                .isInstanceOf(ImportException.class)
                .hasMessageMatching(".*bad-indent\\.yaml:4:4: not valid YAML: .*");
        assertThatThrownBy(() -> Importer.importText("dup.yaml", null, "services:\n  web: {}\n  web: {}\n"))
                .hasMessage("dup.yaml:3:3: the key 'web' appears twice in this mapping");
        assertThatThrownBy(() -> Importer.importText("rec.yaml", null, "a: &a\n  b: *a\n"))
                .hasMessageContaining("refers to the value that contains it");
    }

    @Test
    void filesThatAreTooBigEmptyOrNotTextAreRefused(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        try (var out = Files.newOutputStream(big)) {
            byte[] line = "# padding padding padding padding padding padding padding padding\n".getBytes();
            for (long written = 0; written <= Importer.MAX_BYTES; written += line.length) out.write(line);
        }
        assertThatThrownBy(() -> Importer.importFile(big))
                .hasMessage(big + ":1:1: the file is " + Files.size(big) + " bytes; imports are limited to 10 MB (10485760 bytes)");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "  \n");
        assertThatThrownBy(() -> Importer.importFile(empty)).hasMessage(empty + ":1:1: the file is empty");
        Path binary = Files.write(dir.resolve("bin.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> Importer.importFile(binary)).hasMessage(binary + ":1:1: the file is not UTF-8 text");
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> Importer.importFile(missing)).hasMessageStartingWith(missing + ":1:1: cannot read the file");
        Path other = Files.writeString(dir.resolve("other.yaml"), "just: a mapping\n");
        assertThatThrownBy(() -> Importer.importFile(other)).hasMessageStartingWith(other + ":1:1: not a docker-compose file");
    }

    @Test
    void wrongTypesAreErrorsNotCrashes() {
        String[] inputs = {
                "services:\n  web:\n    ports: {a: b}\n",
                "services:\n  web:\n    networks: 12\n",
                "services:\n  web:\n    image: [a]\n",
                "services:\n  web: 3\n",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, ports: [{containerPort: x}]}]}\n",
                "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: 3}\n",
                "apiVersion: v1\nkind: Pod\n",
                "- 1\n- 2\n",
                "[{\"Name\": 1, \"IPAM\": 2}]",
        };
        for (String in : inputs)
            assertThatThrownBy(() -> Importer.importText("w.yaml", null, in)).as(in)
                    .isInstanceOf(ImportException.class)
                    .hasMessageMatching("w\\.yaml:\\d+:\\d+: .+");
    }
}
