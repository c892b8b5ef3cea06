package dev.hopscope.ui.flags;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Attachment;
import dev.hopscope.model.Container;
import dev.hopscope.net.analysis.IntentResult;
import dev.hopscope.ui.DesignerFixture;
import dev.hopscope.ui.Panels;
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

@ExtendWith(ApplicationExtension.class)
class LiveFlagsTest {
    static final String NAME_INTENT_LINK = "intent:app2->db2@user-defined-name-works";
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private Panels panels() { return app.window.panels(); }

    private void settled() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !panels().analysis().running().get() && panels().analysis().analysis().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test void movingAContainerToDocker0FlagsTheBrokenNameLookupAndUndoClearsIt(FxRobot robot) throws Exception {
        fx(() -> app.state().reset(Samples.open("default-bridge-dns.json"), null));
        fx(() -> app.window.canvas().fit());
        settled();
        assertThat(fx(() -> panels().flags().flaggedLinks())).doesNotContain(NAME_INTENT_LINK);
        assertThat(fx(() -> app.window.canvas().linkViews().get(NAME_INTENT_LINK).getPseudoClassStates().toString())).contains("holds");

        long t0 = System.nanoTime();
        fx(() -> app.state().executeEdit("Move app2 to docker0", d -> d.update("app2",
                n -> ((Container) n).withAttachments(List.of(Attachment.to("docker0"))))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> panels().flags().flaggedLinks().contains(NAME_INTENT_LINK)));
        double millis = (System.nanoTime() - t0) / 1e6;
        System.out.printf("edit → flag on canvas: %.0f ms (service measured %.0f ms)%n", millis, fx(() -> panels().analysis().lastLatencyMillis().get()));
        assertThat(fx(() -> app.window.canvas().linkViews().get(NAME_INTENT_LINK).getPseudoClassStates().toString())).contains("unreachable");
        assertThat(fx(() -> panels().findings().getItems().stream().anyMatch(i -> i.intent() != null
                && i.intent().intent().id().equals("user-defined-name-works")))).isTrue();
        assertThat(robot.lookup(".intent-verdict").queryAllAs(javafx.scene.control.Label.class))
                .anyMatch(l -> l.getText().equals("NAME_NOT_RESOLVED"));
        // the pill covers no card or bar (issue 12, point 7: a red label covered an address)
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Bounds pill = fx(() -> app.window.canvas().linkViews().get(NAME_INTENT_LINK).verdict().getBoundsInParent());
        for (dev.hopscope.model.scene.NodeSpec n : fx(() -> app.window.canvas().scene()).nodes().values())
            if (n.shape() != dev.hopscope.model.scene.Shape.HOST)
                assertThat(pill.intersects(n.box().x(), n.box().y(), n.box().w(), n.box().h())).as("pill " + pill + " on " + n.id() + " " + n.box()).isFalse();
        // hovering the source shows why and how to fix it
        assertThat(fx(() -> app.window.canvas().view("app2").orElseThrow().tip())).contains("NAME_NOT_RESOLVED").contains("Fix:");
        app.snapshot(Path.of("target", "screens", "flags-broken-dns.png"));

        // double-click the broken intent: its trace plays in the simulation panel
        fx(panels()::showFindings);
        int row = fx(() -> {
            for (int i = 0; i < panels().findings().getItems().size(); i++)
                if (panels().findings().getItems().get(i).intent() != null) return i;
            return -1;
        });
        assertThat(row).isGreaterThanOrEqualTo(0);
        FindingsView.Item item = fx(() -> panels().findings().getItems().get(row));
        fx(() -> panels().findings().scrollTo(row));
        javafx.scene.Node cell = robot.lookup("#findings .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getItem() == item).query();
        robot.doubleClickOn(cell);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(() -> panels().simulation().playback().trace().get() != null));
        IntentResult broken = fx(() -> panels().findings().getItems().get(row).intent());
        assertThat(fx(() -> panels().simulation().playback().trace().get())).isSameAs(broken.trace());
        assertThat(fx(() -> app.state().selection().contains(broken.intent().id()))).isTrue();

        fx(() -> app.state().undo());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !panels().flags().flaggedLinks().contains(NAME_INTENT_LINK)
                && !panels().analysis().running().get()));
        assertThat(fx(() -> app.window.canvas().linkViews().get(NAME_INTENT_LINK).getPseudoClassStates().toString()))
                .doesNotContain("unreachable").contains("holds");
    }
}
