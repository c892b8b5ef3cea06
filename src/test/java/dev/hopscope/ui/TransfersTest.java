package dev.hopscope.ui;

import dev.hopscope.io.export.Exporter;
import dev.hopscope.model.Container;
import dev.hopscope.model.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/** File › Import, File › Open on a compose file, and File › Export in every format, through the menus. */
@ExtendWith(ApplicationExtension.class)
class TransfersTest {
    @TempDir static Path home;
    @TempDir Path work;
    DesignerFixture app;

    /** Two services on one network; the bare "9000" publishes an ephemeral port, which the importer warns about (line 6). */
    static final String COMPOSE = String.join("\n",
            "name: tiny",
            "services:",
            "  web:",
            "    image: nginx",
            "    ports:",
            "      - \"9000\"",
            "  db:",
            "    image: postgres",
            "    expose: [\"5432\"]",
            "");

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void idle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !app.commands().work().busy().get()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> names() {
        return app.state().current().nodes().stream().map(Node::name).toList();
    }

    @Test void importingThroughTheMenuShowsTheDesignAndItsWarningsWithTheirPlace(FxRobot robot) throws Exception {
        Path compose = work.resolve("docker-compose.yml");
        Files.writeString(compose, COMPOSE, StandardCharsets.UTF_8);
        app.prompts.files.add(compose);
        robot.clickOn("File").clickOn("Import").clickOn("Compose File…");
        idle();
        assertThat(app.prompts.errors).isEmpty();
        // the compose file's own names, and the external client every import adds (README, Import)
        assertThat(names()).contains("web", "db", "external");
        assertThat(app.state().current().get("web", Container.class).orElseThrow().ports()).isNotEmpty();
        assertThat(app.state().file().get()).isNull();
        assertThat(app.stage.getTitle()).startsWith("tiny");
        assertThat(app.prompts.shownLines).hasSize(1);
        List<String> shown = app.prompts.shownLines.get(0);
        assertThat(shown.get(0)).contains("docker-compose.yml");
        // each warning names the file, the line and the column of the bare port
        assertThat(shown.subList(1, shown.size())).anyMatch(w -> w.contains("docker-compose.yml:6:"));

        // a broken file: the reader's own message with the place, never a Java exception
        Path broken = work.resolve("broken.yaml");
        Files.writeString(broken, "services:\n  web: [unclosed\n", StandardCharsets.UTF_8);
        app.prompts.files.add(broken);
        fx(() -> app.commands().transfers().importFile());
        idle();
        assertThat(app.prompts.errors).hasSize(1);
        assertThat(app.prompts.errors.get(0)).contains("broken.yaml:").doesNotContain("Exception").doesNotContain("at dev.hopscope");
        assertThat(names()).as("a failed import leaves the design on screen").contains("web", "db");
    }

    @Test void openingAComposeFileImportsIt(FxRobot robot) throws Exception {
        Path compose = work.resolve("compose.yaml");
        Files.writeString(compose, COMPOSE, StandardCharsets.UTF_8);
        app.prompts.files.add(compose);
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        idle();
        assertThat(app.prompts.errors).as("no JSON parser error for YAML").isEmpty();
        assertThat(names()).contains("web", "db");
        assertThat(app.state().message().get()).contains("Imported compose.yaml");
    }

    @Test void everyExportFormatIsInTheMenuAndWritesItsFile(FxRobot robot) throws Exception {
        List<MenuItem> items = fx(() -> List.copyOf(app.window.menus().exportMenu().getItems()));
        assertThat(items).extracting(MenuItem::getId)
                .containsExactlyElementsOf(java.util.Arrays.stream(Exporter.Format.values()).map(f -> "menu-export-" + f.label()).toList());

        // one through the mouse, the rest by their items
        Path svg = work.resolve("picture.svg");
        app.prompts.files.add(svg);
        robot.clickOn("File").clickOn("Export").clickOn("SVG picture…");
        idle();
        assertThat(app.prompts.asked).anyMatch(a -> a.startsWith("export Welcome-to-Hopscope.svg as SVG picture"));
        assertThat(Files.readString(svg)).contains("<svg");

        for (Exporter.Format f : Exporter.Format.values()) {
            Path out = work.resolve("out-" + f.label() + "." + Transfers.extension(f));
            app.prompts.files.add(out);
            MenuItem item = items.stream().filter(i -> i.getId().equals("menu-export-" + f.label())).findFirst().orElseThrow();
            fx(item::fire);
            idle();
            assertThat(app.prompts.errors).as(f.label()).isEmpty();
            assertThat(Files.size(out)).as(f.label()).isGreaterThan(100);
        }
        byte[] png = Files.readAllBytes(work.resolve("out-png.png"));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(Files.readString(work.resolve("out-dot.dot"))).contains("graph");
        assertThat(Files.readString(work.resolve("out-graphml.graphml"))).contains("<graphml");
        assertThat(Files.readString(work.resolve("out-netns.sh"))).startsWith("#!");
        assertThat(app.state().message().get()).startsWith("Exported");

        // a folder that does not exist: a readable refusal
        app.prompts.files.add(work.resolve("no-such-folder").resolve("x.dot"));
        fx(() -> app.commands().transfers().export(Exporter.Format.DOT));
        idle();
        assertThat(app.prompts.errors).hasSize(1);
        assertThat(app.prompts.errors.get(0)).startsWith("Cannot export x.dot").doesNotContain("Exception");
    }
}
