package dev.hopscope.ui.docker;

import dev.hopscope.io.docker.FakeEngine;
import dev.hopscope.model.Box;
import dev.hopscope.model.Container;
import dev.hopscope.model.Document;
import dev.hopscope.ui.DesignerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * File › Import › From Docker… through the real window, against an engine stand-in that answers
 * slowly (the answers recorded from Docker 20.10): the progress indicator shows the step under
 * way while the window stays live, the drawing is replaced by the engine's, a re-import keeps a
 * box the user moved and is one undoable step, and an engine that is not there is one line in the
 * dialog with the drawing untouched.
 */
@ExtendWith(ApplicationExtension.class)
class DockerImportDialogTest {
    @TempDir Path home;
    @TempDir Path sockets;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
        stage.show();
    }

    @Test void importsWithProgressAndReimportsKeepingTheUsersLayout(FxRobot robot) throws Exception {
        try (FakeEngine engine = new FakeEngine(sockets.resolve("docker.sock"), FakeEngine.RECORDED, 150)) {
            DockerImportDialog dialog = fx(() -> app.window.menus().dockerImport());
            fx(dialog::show);
            fx(() -> ((TextField) dialog.stage().getScene().lookup("#docker-address")).setText(engine.uri()));
            robot.clickOn(robot.from(dialog.stage().getScene().getRoot()).lookup("#docker-import").queryButton());
            ProgressIndicator progress = (ProgressIndicator) dialog.stage().getScene().lookup("#docker-progress");
            Label status = (Label) dialog.stage().getScene().lookup("#docker-status");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(progress::isVisible) && fx(status::getText).startsWith("Inspecting container"));
            shot(dialog, Path.of("target/docker-import-dialog.png"));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> app.state().current().get("shop_web_1", Container.class).isPresent()));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(fx(() -> dialog.stage().isShowing())).isFalse();
            Document first = fx(() -> app.state().current());
            assertThat(first.all(Container.class)).hasSize(7);
            assertThat(fx(() -> app.state().message().get())).startsWith("Imported from Docker: 7 containers from " + engine.uri());
            assertThat(engine.requests()).allSatisfy(r -> assertThat(r).startsWith("GET "));
            WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
            var window = fx(() -> app.stage.getScene().snapshot(null));
            ImageIO.write(SwingFXUtils.fromFXImage(window, null), "png", Path.of("target/docker-import-window.png").toFile());

            // the user moves a card and deletes another; the engine still runs both
            Box moved = new Box(700, 520, 160, 70);
            fx(() -> app.state().executeEdit("Move legacy-a", d -> d.withBox("legacy-a", moved)));
            fx(() -> app.state().executeEdit("Delete isolated", d -> d.without("isolated")));
            int depth = fx(() -> app.state().undoDepth());
            fx(dialog::reimport);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> app.state().undoDepth()) == depth + 1);
            WaitForAsyncUtils.waitForFxEvents();
            Document again = fx(() -> app.state().current());
            assertThat(again.box("legacy-a")).as("the user's box is kept").contains(moved);
            assertThat(again.box("shop_web_1")).isEqualTo(first.box("shop_web_1"));
            assertThat(again.get("isolated", Container.class)).as("what the engine runs comes back").isPresent();
            assertThat(again.box("isolated")).as("with a box of its own").isPresent();
            assertThat(fx(() -> app.state().undoText().get())).contains("Re-import from Docker");
            fx(() -> app.state().undo());
            assertThat(fx(() -> app.state().current()).node("isolated")).isEmpty();
            assertThat(fx(() -> app.state().current()).box("legacy-a")).contains(moved);
        }
    }

    @Test void anEngineThatIsNotThereIsOneLineInTheDialogAndTheDrawingStays(FxRobot robot) throws Exception {
        DockerImportDialog dialog = fx(() -> app.window.menus().dockerImport());
        Document before = fx(() -> app.state().current());
        fx(dialog::show);
        fx(() -> ((TextField) dialog.stage().getScene().lookup("#docker-address")).setText("unix://" + sockets.resolve("none.sock")));
        robot.clickOn(robot.from(dialog.stage().getScene().getRoot()).lookup("#docker-import").queryButton());
        Label status = (Label) dialog.stage().getScene().lookup("#docker-status");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(status::getText).contains("no Docker engine there"));
        assertThat(fx(status::getText)).doesNotContain("\n").doesNotContain("Exception");
        assertThat(fx(() -> status.getStyleClass().contains("docker-import-error"))).isTrue();
        assertThat(fx(() -> app.state().current())).isEqualTo(before);
        fx(() -> ((TextField) dialog.stage().getScene().lookup("#docker-address")).setText("tcp://127.0.0.1:2376"));
        robot.clickOn(robot.from(dialog.stage().getScene().getRoot()).lookup("#docker-import").queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(status::getText).contains("TLS port"));
        shot(dialog, Path.of("target/docker-import-error.png"));
    }

    private static void shot(DockerImportDialog dialog, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        var image = fx(() -> dialog.stage().getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", to.toFile());
    }
}
