package dev.hopscope.ui;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.model.Document;
import dev.hopscope.ui.files.Prompts;
import dev.hopscope.ui.files.RecoveryStore;
import dev.hopscope.ui.files.Settings;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Save, close, reopen; unsaved-work prompts; load errors; recovery after a simulated crash. */
@ExtendWith(ApplicationExtension.class)
class FilesTest {
    @TempDir Path home;
    @TempDir Path work;
    DesignerFixture app;
    Stage stage;

    @Start void start(Stage stage) {
        this.stage = stage;
    }

    private void open() { open(null); }

    /** A new session on the same folders; {@code restore} answers the recovery question if asked. */
    private void open(Boolean restore) {
        app = new DesignerFixture(home);
        if (restore != null) app.prompts.restore.add(restore);
        DesignerFixture.fx(() -> app.open(stage));
    }

    private void draw(FxRobot robot) {
        app.empty(0.8);
        robot.drag("#palette-host", MouseButton.PRIMARY).dropTo(app.screen(250, 200));
        robot.drag("#palette-docker0", MouseButton.PRIMARY).dropTo(app.screen(250, 300));
        robot.drag("#palette-container", MouseButton.PRIMARY).dropTo(app.screen(200, 300));
        DesignerFixture.settle(robot);
    }

    @Test void saveCloseAndReopenGivesTheSameDocument(FxRobot robot) throws Exception {
        open();
        draw(robot);
        Document drawn = app.state().current();
        assertThat(stage.getTitle()).startsWith("test •");
        Path file = work.resolve("mine.hopscope");
        app.prompts.files.add(file);
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(Files.exists(file)).isTrue();
        assertThat(stage.getTitle()).isEqualTo("mine.hopscope — Hopscope");
        assertThat(DocumentCodec.load(file)).isEqualTo(drawn);

        // close (clean: no question), start again, open the file
        assertThat(DesignerFixture.fx(() -> app.commands().close())).isTrue();
        assertThat(app.prompts.asked).doesNotContain("unsaved mine.hopscope");
        open();
        app.prompts.files.add(file);
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
        DesignerFixture.settle(robot);
        assertThat(app.state().current()).isEqualTo(drawn);
        assertThat(app.state().dirty().get()).isFalse();
        assertThat(app.commands().recent()).contains(file.toAbsolutePath().normalize());
        // and every step of the drawing is still in the file, but not in the history: a fresh start
        assertThat(app.state().canUndo().get()).isFalse();
    }

    @Test void replacingUnsavedWorkAsksAndCancelKeepsIt(FxRobot robot) {
        open();
        draw(robot);
        Document drawn = app.state().current();
        app.prompts.unsaved.add(Prompts.Unsaved.CANCEL);
        DesignerFixture.fx(() -> app.commands().newDocument());
        assertThat(app.prompts.asked).contains("unsaved test");
        assertThat(app.state().current()).isEqualTo(drawn);
        app.prompts.unsaved.add(Prompts.Unsaved.DISCARD);
        DesignerFixture.fx(() -> app.commands().newDocument());
        assertThat(app.state().current().nodes()).isEmpty();
    }

    @Test void aBrokenFileShowsItsErrorAndTheOpenDocumentStays(FxRobot robot) throws Exception {
        open();
        draw(robot);
        Document drawn = app.state().current();
        Path bad = work.resolve("bad.hopscope");
        Files.writeString(bad, "{\"format\": \"hopscope\", \"version\": 1, \"nodes\": [ {\"kind\": \"host\", ");
        app.prompts.unsaved.add(Prompts.Unsaved.DISCARD);
        DesignerFixture.fx(() -> app.commands().open(bad));
        assertThat(app.prompts.errors).singleElement().asString().contains("bad.hopscope:1:");
        assertThat(app.state().current()).isEqualTo(drawn);
    }

    @Test void unsavedWorkIsRecoveredAfterACrash(FxRobot robot) throws Exception {
        open();
        draw(robot);
        Document drawn = app.state().current();
        // the idle timer writes the recovery file a few seconds after the last change (on a busy
        // machine an earlier state may be written first, while the robot is still drawing)
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> new RecoveryStore(home).find().map(r -> r.document().equals(drawn)).orElse(false));
        // a crash: the window is gone without close(); a new session starts on the same folder
        DesignerFixture crashed = app;
        open(true);
        assertThat(app.prompts.asked).contains("restore test");
        assertThat(app.state().current()).isEqualTo(drawn);
        assertThat(app.state().dirty().get()).isTrue();
        assertThat(app.state().undoText().get()).isEqualTo("Undo Restore unsaved work");
        assertThat(crashed).isNotSameAs(app);
    }

    @Test void aDeclinedRecoveryIsForgotten(FxRobot robot) {
        open();
        draw(robot);
        DesignerFixture.fx(() -> app.commands().autosaveNow());
        assertThat(new RecoveryStore(home).exists()).isTrue();
        open(false);
        assertThat(new RecoveryStore(home).exists()).isFalse();
        assertThat(app.state().current().name()).isNotEqualTo("test");
    }

    @Test void theWindowRemembersItsThemeAndRecentFiles(FxRobot robot) throws Exception {
        open();
        Path file = work.resolve("r.hopscope");
        DocumentCodec.save(Document.empty("r"), file);
        DesignerFixture.fx(() -> app.commands().open(file));
        DesignerFixture.fx(() -> app.commands().toggleTheme());
        DesignerFixture.fx(() -> app.commands().close());
        Settings s = new Settings(home.resolve("settings.properties"));
        assertThat(s.flag("theme.dark")).isTrue();
        assertThat(s.recent()).containsExactly(file.toAbsolutePath().normalize());
    }
}
