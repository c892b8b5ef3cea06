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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Start-up in two steps (issue 12): the first frame is the real window, its chrome in place and
 * the canvas saying what is opening; then the document arrives in that same window, drawn, and
 * nothing in the chrome moves. A bad start file says file:line:col and the window stays.
 */
@ExtendWith(ApplicationExtension.class)
class OpeningTest {
    @TempDir static Path home;
    Path document;
    Stage stage;
    DesignerApp.Opening opening;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        document = home.resolve("two hosts.hopscope");
        Files.deleteIfExists(document);
        Files.copy(Path.of("samples", "s02-same-subnet-two-hosts.json"), document);
        // Monocle's headless screen is 1280x800: the window's size is set before it shows
        stage.setWidth(1280);
        stage.setHeight(800);
        opening = DesignerApp.show(stage, new Settings(home.resolve("settings.properties")), new ScriptedPrompts(),
                new RecoveryStore(home), Optional.of(document));
    }

    @Test
    void theChromeIsThereBeforeTheDocumentAndStaysWhereItIsWhenTheDocumentArrives(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        MainWindow window = opening.window();
        assertThat(stage.isShowing()).isTrue();
        assertThat(window.completed()).isFalse();
        // the chrome: menu bar, toolbar, palette, canvas
        assertThat(robot.lookup("#menu-bar").tryQuery()).isPresent();
        assertThat(robot.lookup(".main-toolbar").tryQuery()).isPresent();
        assertThat(robot.lookup("#palette-host").tryQuery()).isPresent();
        assertThat(robot.lookup(".canvas").tryQuery()).isPresent();
        // the canvas says what is coming, and holds nothing yet
        Label loading = robot.lookup("#canvas-loading").queryAs(Label.class);
        assertThat(loading.isVisible()).isTrue();
        assertThat(loading.getText()).isEqualTo("Opening two hosts.hopscope…");
        assertThat(window.state().current().nodes()).isEmpty();
        // tooltips are not made before the first frame: none can show before input is let through
        assertThat(robot.lookup("#palette-container").queryAs(Label.class).getTooltip()).isNull();
        assertThat(robot.lookup("#tool-undo").queryAs(javafx.scene.control.Button.class).getTooltip()).isNull();
        // nor are the icons (Ikonli and its icon font), nor the palette's scroll pane: the first frame
        // has a box of the icon's size where each icon will be, and the palette in its column
        StackPane containerIcon = iconBox(robot.lookup("#palette-container").queryAs(Label.class));
        StackPane undoIcon = iconBox(robot.lookup("#tool-undo").queryAs(javafx.scene.control.Button.class));
        assertThat(containerIcon.getChildren()).isEmpty();
        assertThat(undoIcon.getChildren()).isEmpty();
        assertThat(robot.lookup(".ikonli-font-icon").queryAll()).isEmpty();
        assertThat(robot.lookup(".palette-scroll").tryQuery()).isEmpty();
        // the menu bar shows its five titles, and the menus are empty until the window is complete
        javafx.scene.control.MenuBar bar = robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        assertThat(bar.getMenus()).extracting(javafx.scene.control.Menu::getText).containsExactly("File", "Edit", "View", "Arrange", "Help");
        assertThat(bar.getMenus()).allSatisfy(m -> assertThat(m.getItems()).isEmpty());
        Bounds containerIconBox = DesignerFixture.fx(() -> containerIcon.localToScene(containerIcon.getBoundsInLocal()));
        Bounds undoIconBox = DesignerFixture.fx(() -> undoIcon.localToScene(undoIcon.getBoundsInLocal()));
        assertThat(containerIconBox.getWidth()).isEqualTo(16);
        assertThat(undoIconBox.getWidth()).isEqualTo(17);
        Bounds menuBar = sceneBounds(robot, "#menu-bar");
        Bounds toolBar = sceneBounds(robot, ".main-toolbar");
        Bounds palette = sceneBounds(robot, "#palette-host");
        Bounds canvas = sceneBounds(robot, ".canvas");

        // the icons come before the rest, into the boxes, which do not move
        robot.interact(opening::icons);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.completed()).isFalse();
        assertThat(containerIcon.getChildren()).singleElement().isInstanceOf(FontIcon.class);
        assertThat(undoIcon.getChildren()).singleElement().isInstanceOf(FontIcon.class);
        assertThat(DesignerFixture.fx(() -> containerIcon.localToScene(containerIcon.getBoundsInLocal()))).isEqualTo(containerIconBox);
        assertThat(robot.lookup("#tab-simulation").tryQuery()).isEmpty();

        robot.interact(opening::complete);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> DesignerFixture.fx(() -> window.canvas().sceneCurrent().get()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.completed()).isTrue();
        assertThat(ids(window.state().current().nodes())).isEqualTo(ids(DocumentCodec.load(document).nodes()));
        assertThat(window.state().file().get()).isEqualTo(document);
        for (Node n : window.state().current().nodes())
            if (window.state().current().box(n.id()).isPresent())
                assertThat(DesignerFixture.fx(() -> window.canvas().nodeBounds(n.id()))).as("the view of %s", n.id()).isPresent();
        assertThat(loading.isVisible()).isFalse();
        assertThat(stage.getTitle()).isEqualTo("two hosts.hopscope — Hopscope");
        // the inspector and the dock's panels came into the window the chrome laid out
        assertThat(robot.lookup("#tab-simulation").tryQuery()).isPresent();
        assertThat(robot.lookup("#learn-panel").tryQuery()).isPresent();
        assertThat(sceneBounds(robot, "#menu-bar")).isEqualTo(menuBar);
        assertThat(sceneBounds(robot, ".main-toolbar")).isEqualTo(toolBar);
        assertThat(sceneBounds(robot, "#palette-host")).isEqualTo(palette);
        assertThat(sceneBounds(robot, ".canvas")).isEqualTo(canvas);
        // the icons came into their boxes, which did not move, and the palette into its scroll pane
        assertThat(containerIcon.getChildren()).singleElement().isInstanceOfSatisfying(FontIcon.class,
                icon -> assertThat(icon.getIconLiteral()).isEqualTo("mdi2p-package-variant-closed"));
        assertThat(undoIcon.getChildren()).singleElement().isInstanceOfSatisfying(FontIcon.class,
                icon -> assertThat(icon.getIconLiteral()).isEqualTo("mdi2u-undo"));
        assertThat(DesignerFixture.fx(() -> containerIcon.localToScene(containerIcon.getBoundsInLocal()))).isEqualTo(containerIconBox);
        assertThat(DesignerFixture.fx(() -> undoIcon.localToScene(undoIcon.getBoundsInLocal()))).isEqualTo(undoIconBox);
        FontIcon shown = (FontIcon) containerIcon.getChildren().get(0);
        assertThat(DesignerFixture.fx(() -> shown.localToScene(shown.getLayoutBounds()))).isEqualTo(containerIconBox);
        javafx.scene.Node paletteScroll = robot.lookup(".palette-scroll").query();
        assertThat(paletteScroll).isInstanceOf(javafx.scene.control.ScrollPane.class);
        assertThat(DesignerFixture.fx(() -> ((javafx.scene.control.ScrollPane) paletteScroll).getContent().lookup("#palette-host"))).isNotNull();
        // the menus have their items, and their shortcuts work from the keyboard
        assertThat(bar.getMenus().get(0).getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .startsWith("New", "Open…", "Open Recent", "Samples");
        assertThat(bar.getMenus().get(3).getItems()).extracting(javafx.scene.control.MenuItem::getText).containsExactly("Auto-Layout Everything");
        // and a tooltip is made when the pointer first comes to its control
        Label containerEntry = robot.lookup("#palette-container").queryAs(Label.class);
        // the toolbar's first button, New (Undo has nothing to undo: a disabled control shows no tooltip)
        javafx.scene.control.Button newButton = (javafx.scene.control.Button) robot.lookup(".main-toolbar .tool-button").queryAll().iterator().next();
        assertThat(containerEntry.getTooltip()).isNull();
        assertThat(newButton.getTooltip()).isNull();
        robot.moveTo(containerEntry);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(containerEntry.getTooltip().getText()).isEqualTo("Drag onto the canvas, into a host");
        // and shows while the pointer rests there
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> DesignerFixture.fx(() -> containerEntry.getTooltip().isShowing()));
        robot.moveTo(newButton);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(newButton.getTooltip().getText()).isEqualTo("New (Ctrl+N)");
        // a menu's shortcut works once its items are in: Ctrl+N is File › New, an empty design
        assertThat(window.state().current().nodes()).isNotEmpty();
        robot.clickOn("#status").press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.N).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.state().current().nodes()).as("Ctrl+N, File › New's shortcut").isEmpty();
        assertThat(window.state().file().get()).isNull();
    }

    @Test
    void aBadStartFileSaysWhereAndTheWindowShowsTheWelcomeDesign(FxRobot robot) throws Exception {
        Path bad = home.resolve("bad.hopscope");
        Files.writeString(bad, "{\n  \"name\": \"broken\",\n  \"nodes\": [ oops ]\n}\n");
        ScriptedPrompts prompts = new ScriptedPrompts();
        Stage[] other = new Stage[1];
        MainWindow window = DesignerFixture.fx(() -> {
            other[0] = new Stage();
            other[0].setWidth(1280);
            other[0].setHeight(800);
            return DesignerApp.show(other[0], new Settings(home.resolve("other.properties")), prompts,
                    new RecoveryStore(home.resolve("other")), Optional.of(bad)).complete();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> DesignerFixture.fx(() -> window.canvas().sceneCurrent().get()));
        try {
            assertThat(prompts.errors()).hasSize(1);
            // title: "Cannot open bad.hopscope", message: "<path>/bad.hopscope:3:<col>: what is wrong" (the token on line 3)
            assertThat(prompts.errors().get(0)).startsWith("Cannot open bad.hopscope: ").containsPattern("bad\\.hopscope:3:\\d+: ")
                    .doesNotContain("Exception");
            assertThat(other[0].isShowing()).isTrue();
            assertThat(window.state().file().get()).isNull();
            assertThat(window.state().current().nodes()).isNotEmpty();
            assertThat(window.loading().isVisible()).isFalse();
        } finally {
            robot.interact(other[0]::close);
        }
    }

    /** The box a palette entry's or a tool button's icon comes into. */
    private static StackPane iconBox(javafx.scene.control.Labeled labeled) {
        assertThat(labeled.getGraphic()).isInstanceOf(StackPane.class);
        return (StackPane) labeled.getGraphic();
    }

    private static Bounds sceneBounds(FxRobot robot, String query) {
        javafx.scene.Node n = robot.lookup(query).query();
        return DesignerFixture.fx(() -> n.localToScene(n.getBoundsInLocal()));
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).sorted().collect(Collectors.toList());
    }
}
