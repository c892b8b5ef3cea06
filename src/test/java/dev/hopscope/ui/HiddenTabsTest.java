package dev.hopscope.ui;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopscope.io.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dock's hidden tabs (Findings, Objects) make their views on first selection (issue 12,
 * start-up): their titles count what the document and its analysis hold before that, and a click
 * on the tab shows those rows.
 */
@ExtendWith(ApplicationExtension.class)
class HiddenTabsTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void aHiddenTabCountsItsRowsAndShowsThemWhenFirstSelected(FxRobot robot) throws Exception {
        Panels panels = app.window.panels();
        // two warnings about NetworkPolicies and hostNetwork pods (hopscope analyze says so), every intent holds;
        // and its two NetworkPolicies are objects the canvas does not draw
        fx(() -> app.state().reset(Samples.open("k8s-host-network.json"), null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !panels.analysis().running().get() && panels.analysis().analysis().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#findings").tryQuery()).isEmpty();
        assertThat(robot.lookup("#objects-view").tryQuery()).isEmpty();
        assertThat(fx(() -> tab("tab-findings").getText())).isEqualTo("Findings (2)");
        assertThat(fx(() -> tab("tab-objects").getText())).isEqualTo("Objects (2)");

        robot.clickOn("#tab-findings");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> findings = robot.lookup("#findings").queryAs(ListView.class);
        assertThat(findings.isVisible()).isTrue();
        assertThat(findings.getItems()).hasSize(2);
        List<String> titles = robot.lookup("#findings .finding-title").queryAllAs(Label.class).stream()
                .filter(Label::isVisible).map(Label::getText).filter(t -> t != null && !t.isEmpty()).toList();
        assertThat(titles).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("NETWORK_POLICY_HOST_NETWORK — NetworkPolicy "));
        assertThat(titles).anySatisfy(t -> assertThat(t).contains("db-from-exporters"))
                .anySatisfy(t -> assertThat(t).contains("exporters-deny-all"));

        robot.clickOn("#tab-objects");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> objects = robot.lookup("#objects-table").queryAs(TableView.class);
        assertThat(objects.isVisible()).isTrue();
        assertThat(objects.getItems()).hasSize(2);
        assertThat(robot.lookup("#objects-table .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
                .map(c -> c.getText()).filter(t -> t != null).toList())
                .contains("db-from-exporters", "exporters-deny-all");
    }

    private Tab tab(String id) {
        return app.window.bottomDock().getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }
}
