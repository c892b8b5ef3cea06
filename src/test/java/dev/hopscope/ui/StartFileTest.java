package dev.hopscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Node;
import dev.hopscope.ui.files.RecoveryStore;
import dev.hopscope.ui.files.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** `hopscope FILE` (a double-click on a .hopscope file) opens that file instead of the sample. */
@ExtendWith(ApplicationExtension.class)
class StartFileTest {
    @TempDir static Path home;
    static Path document;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        document = home.resolve("two hosts.hopscope");
        Files.deleteIfExists(document);
        Files.copy(Path.of("samples", "s02-same-subnet-two-hosts.json"), document);
        window = DesignerApp.open(stage, new Settings(home.resolve("settings.properties")), new ScriptedPrompts(),
                new RecoveryStore(home), DesignerApp.startFile(List.of(document.toString())));
        // Monocle's headless screen is 1280x800; the designer's default window is larger.
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Test
    void opensTheNamedDocument(FxRobot robot) {
        DesignerFixture.settle(robot);
        assertThat(window.state().file().get()).isEqualTo(document);
        assertThat(ids(window.state().current().nodes()))
                .isEqualTo(ids(DocumentCodec.load(document).nodes()));
        assertThat(window.state().dirty().get()).isFalse();
    }

    @Test
    void noArgumentMeansNoStartFile() {
        assertThat(DesignerApp.startFile(List.of())).isEqualTo(Optional.empty());
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).sorted().collect(Collectors.toList());
    }
}
