package dev.hopscope.ui.compare;

import dev.hopscope.io.DocumentCodec;
import dev.hopscope.io.Samples;
import dev.hopscope.model.Bridge;
import dev.hopscope.model.Document;
import dev.hopscope.ui.DesignerFixture;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compare through the real scene, on S7 of scenarios.md: without MASQUERADE the reply of a's egress
 * has no way back (NO_RETURN_PATH). Turning it off breaks a → ext (red on the canvas, listed);
 * undo clears the marks; compared with a file that lacks it, the same flows started working (green).
 */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    @TempDir static Path home;
    @TempDir static Path work;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private CompareView compare() { return app.window.panels().compare(); }

    private List<CompareView.Item> items() { return fx(() -> List.copyOf(compare().items().getItems())); }

    private String arrowState(String key) {
        return fx(() -> compare().arrows().containsKey(key) ? compare().arrows().get(key).getPseudoClassStates().toString() : "none");
    }

    @Test void editsAreComparedWithTheSavedDesignAndWithAFileAndUndoClearsTheMarks(FxRobot robot) throws Exception {
        Document masquerading = Samples.open("s07-egress-masquerade.json");
        fx(() -> app.state().reset(masquerading, null));
        fx(() -> app.window.canvas().fit());
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        List<String> view = fx(() -> bar.getMenus().stream().filter(m -> m.getText().equals("View")).findFirst().orElseThrow()
                .getItems().stream().map(MenuItem::getText).toList());
        assertThat(view).contains("Compare with Saved", "Compare with File…", "Stop Comparing");

        fx(() -> app.window.panels().showCompare());
        robot.clickOn("#compare-saved");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> compare().diff() != null));
        assertThat(items()).isEmpty();
        assertThat(robot.lookup("#compare-summary").queryLabeled().getText()).contains("no flow, intent or finding changed");

        fx(() -> app.state().executeEdit("No masquerade", d -> d.update("docker0", n -> ((Bridge) n).withMasquerade(false))));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !items().isEmpty());
        List<CompareView.Item> broke = items();
        assertThat(broke).allMatch(i -> i.change() == CompareView.Change.BROKE);
        assertThat(broke).extracting(CompareView.Item::title).contains("a → ext icmp:  DELIVERED → NO_RETURN_PATH", "a → ext tcp/443:  DELIVERED → NO_RETURN_PATH");
        assertThat(arrowState("a->ext")).contains("broke");
        assertThat(fx(() -> ((javafx.scene.control.Labeled) robot.lookup("#tab-compare .tab-label").query()).getText()))
                .isEqualTo("Compare (" + broke.size() + " broke · 0 fixed)");
        // a click on a row selects its ends and picks out its arrow (the list lays out its cells on a later pulse)
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#compare-list .list-cell").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#compare-list .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        assertThat(fx(() -> app.state().selection())).contains("a", "ext");
        assertThat(arrowState("a->ext")).contains("focused");
        app.snapshot(Path.of("target", "screens", "compare-s07.png"));

        // undo: nothing differs from the saved design any more, and the marks go
        robot.clickOn("#tool-undo");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> items().isEmpty());
        assertThat(arrowState("a->ext")).isEqualTo("none");

        // against a file without MASQUERADE the same flows started working
        Path other = work.resolve("no-masquerade.hopscope");
        DocumentCodec.save(masquerading.update("docker0", n -> ((Bridge) n).withMasquerade(false)), other);
        app.prompts().willChoose(other);
        robot.clickOn("#compare-file");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !items().isEmpty());
        assertThat(items()).allMatch(i -> i.change() == CompareView.Change.FIXED)
                .extracting(CompareView.Item::title).contains("a → ext tcp/443:  NO_RETURN_PATH → DELIVERED");
        assertThat(arrowState("a->ext")).contains("fixed");
        assertThat(robot.lookup("#compare-summary").queryLabeled().getText()).startsWith("Against no-masquerade.hopscope:");

        robot.clickOn("#compare-stop");
        assertThat(items()).isEmpty();
        assertThat(fx(() -> compare().arrows())).isEmpty();
    }
}
