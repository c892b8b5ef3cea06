package dev.hopscope.ui;

import dev.hopscope.io.Samples;
import dev.hopscope.model.Container;
import dev.hopscope.model.Link;
import dev.hopscope.model.scene.NodeSpec;
import dev.hopscope.model.scene.Point;
import dev.hopscope.ui.canvas.LinkView;
import dev.hopscope.ui.canvas.NodeView;
import javafx.geometry.Bounds;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words on the canvas are plain Text nodes, made cheap for a pan that brings views in by the
 * hundred: a word too long for its card still ends in "…" inside it, and an expected flow's words
 * are made when it is pointed at.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasWordsTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private void open(String sample) {
        fx(app::roomForTheCanvas);
        fx(() -> app.state().reset(Samples.open(sample), null));
        fx(() -> app.window.canvas().fit());
    }

    @Test void aNameTooLongForItsCardEndsInAnEllipsisInsideItAndShowsWholeOnceItFits(FxRobot robot) {
        open("default-bridge-dns.json");
        String longName = "app2-with-a-name-far-too-long-for-any-card";
        fx(() -> app.state().executeEdit("Rename app2", d -> d.update("app2", n -> ((Container) n).withName(longName))));
        DesignerFixture.settle(robot);

        NodeView card = fx(() -> app.window.canvas().view("app2").orElseThrow());
        Text title = robot.from(card).lookup(".title").queryAs(Text.class);
        String shown = fx(title::getText);
        assertThat(shown).endsWith("…").hasSizeLessThan(longName.length());
        assertThat(longName).startsWith(shown.substring(0, shown.length() - 1));
        assertThat(fx(title::getAccessibleText)).as("the whole name stays with the word").isEqualTo(longName);
        assertThat(DesignerFixture.words(robot, "app2", "title")).isEqualTo(longName);
        double right = fx(() -> card.sceneToLocal(title.localToScene(title.getBoundsInLocal())).getMaxX());
        double padding = fx(() -> ((javafx.scene.layout.Region) robot.from(card).lookup(".content").query()).getPadding().getRight());
        assertThat(right).as("the cut word ends inside the card's padding").isLessThanOrEqualTo(fx(card::getWidth) - padding + 0.5);

        fx(() -> app.state().executeEdit("Rename app2", d -> d.update("app2", n -> ((Container) n).withName("app2"))));
        DesignerFixture.settle(robot);
        assertThat(fx(title::getText)).isEqualTo("app2");
        assertThat(fx(title::getAccessibleText)).isNull();
    }

    @Test void anExpectedFlowsWordsAreMadeWhenItIsPointedAt(FxRobot robot) {
        open("macvlan-shim.json");
        DesignerFixture.settle(robot);
        LinkView flow = fx(() -> app.window.canvas().linkViews().values().stream()
                .filter(l -> l.spec().kind() == Link.Kind.INTENT && l.spec().labelAt() != null && !l.labelText().isEmpty())
                .findFirst().orElseThrow());
        assertThat(fx(flow::label)).as("no label before anyone points at the flow").isNull();

        robot.moveTo(app.screen(freePointOn(flow).x(), freePointOn(flow).y()));
        DesignerFixture.settle(robot);
        assertThat(fx(flow::label)).isNotNull();
        assertThat(fx(() -> flow.label().isVisible())).as("its words show while pointed at").isTrue();
        assertThat(fx(() -> ((Text) flow.label().getChildrenUnmodifiable().get(0)).getText())).isEqualTo(fx(flow::labelText));

        robot.moveTo(app.screen(-200, -200));
        DesignerFixture.settle(robot);
        assertThat(fx(() -> flow.label().isVisible())).as("and hide again after").isFalse();
    }

    @Test void viewsCarryNoCssIdSoTheThemeMatchesEachKindOfViewOnce() {
        open("default-bridge-dns.json");
        DesignerFixture.drawn();
        assertThat(fx(() -> app.window.canvas().view("app2").orElseThrow().getId())).isNull();
        assertThat(fx(() -> app.window.canvas().linkViews().values().stream().map(javafx.scene.Node::getId).filter(java.util.Objects::nonNull).toList())).isEmpty();
    }

    /** A point in the middle of a segment of the flow's route that lies on no node. */
    private Point freePointOn(LinkView flow) {
        List<Point> route = fx(flow::route);
        List<NodeSpec> nodes = List.copyOf(fx(() -> app.window.canvas().scene()).nodes().values());
        for (int i = 1; i < route.size(); i++) {
            Point a = route.get(i - 1), b = route.get(i);
            Point m = new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
            if (nodes.stream().noneMatch(n -> n.box().x() <= m.x() && m.x() <= n.box().x() + n.box().w()
                    && n.box().y() <= m.y() && m.y() <= n.box().y() + n.box().h())) return m;
        }
        throw new AssertionError("every segment of " + route + " lies on a node");
    }
}
