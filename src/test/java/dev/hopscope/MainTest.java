package dev.hopscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main's choice between the designer and the command line. */
class MainTest {
    @TempDir Path dir;

    @Test
    void noArgumentsOpensTheDesigner() {
        assertThat(Main.opensDesigner(new String[0])).isTrue();
    }

    @Test
    void oneExistingDocumentOpensTheDesignerAsAFileManagerWouldAsk() throws Exception {
        Path doc = Files.writeString(dir.resolve("lab.hopscope"), "{}");
        Path json = Files.writeString(dir.resolve("Lab.JSON"), "{}");
        assertThat(Main.opensDesigner(new String[] {doc.toString()})).isTrue();
        assertThat(Main.opensDesigner(new String[] {json.toString()})).isTrue();
    }

    @Test
    void commandsAndEverythingElseGoToTheCommandLine() throws Exception {
        Path doc = Files.writeString(dir.resolve("lab.hopscope"), "{}");
        Path text = Files.writeString(dir.resolve("notes.txt"), "");
        assertThat(Main.opensDesigner(new String[] {"validate", doc.toString()})).isFalse();
        assertThat(Main.opensDesigner(new String[] {"validate"})).isFalse();
        assertThat(Main.opensDesigner(new String[] {"--help"})).isFalse();
        // A missing file goes to the command line, whose message names it, not to a blank window.
        assertThat(Main.opensDesigner(new String[] {dir.resolve("missing.hopscope").toString()})).isFalse();
        assertThat(Main.opensDesigner(new String[] {text.toString()})).isFalse();
        assertThat(Main.opensDesigner(new String[] {dir.toString() + "/folder.json"})).isFalse();
        Files.createDirectory(dir.resolve("folder.json"));
        assertThat(Main.opensDesigner(new String[] {dir.resolve("folder.json").toString()})).isFalse();
        assertThat(Main.opensDesigner(new String[] {"bad\u0000name.hopscope"})).isFalse();
    }

    @Test
    void withoutADisplayTheDesignerSaysWhyInsteadOfAStackTrace() {
        String why = Main.noDisplay(java.util.Map.of("HOME", "/root"), "Linux", null);
        assertThat(why).contains("DISPLAY", "hopscope --help");
        assertThat(Main.noDisplay(java.util.Map.of("DISPLAY", ":0"), "Linux", null)).isNull();
        assertThat(Main.noDisplay(java.util.Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isNull();
        assertThat(Main.noDisplay(java.util.Map.of("DISPLAY", " "), "Linux", null)).isNotNull();
        assertThat(Main.noDisplay(java.util.Map.of(), "Linux", "Monocle")).isNull();
        assertThat(Main.noDisplay(java.util.Map.of(), "Windows 11", null)).isNull();
        assertThat(Main.noDisplay(java.util.Map.of(), "Mac OS X", null)).isNull();
    }
}
