package dev.hopscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Application;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.scene.Parent;
import javafx.scene.effect.DropShadow;
import javafx.scene.effect.Effect;
import javafx.scene.effect.InnerShadow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The designer's theme is the build's trimmed copy of AtlantaFX Primer (packaging/TrimTheme.java,
 * issue 12's start-up), and it must look exactly as AtlantaFX's own: every styleable property of
 * every node of the designer (menu bar, toolbar, palette, canvas, inspector with a node's form,
 * every tab of the dock, the learn panel), in the light and the dark theme, has the value
 * AtlantaFX's full stylesheet gives it.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeTest {
    @TempDir static Path home;
    DesignerFixture app;

    private static final String FULL_LIGHT = "/atlantafx/base/theme/primer-light.css";
    private static final String FULL_DARK = "/atlantafx/base/theme/primer-dark.css";

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    @Test void theTrimmedThemeStylesEveryNodeOfTheDesignerAsAtlantaFxsOwnDoes(FxRobot robot) throws IOException {
        DesignerFixture.settle(robot);
        // a node selected, so that the inspector shows a form (text fields, a combo box, labels)
        robot.clickOn(app.screenOf("frontend", 0.5, 0.5));
        DesignerFixture.settle(robot);
        assertThat(app.state().selection()).containsExactly("frontend");
        String trimmedLight = Application.getUserAgentStylesheet();
        assertThat(trimmedLight).endsWith("/dev/hopscope/ui/theme/primer-light.css");
        // it is smaller: the rules of controls Hopscope never makes are gone
        assertThat(rules(trimmedLight)).isLessThan(rules(ThemeTest.class.getResource(FULL_LIGHT).toExternalForm()) * 2 / 3);
        try {
            for (boolean dark : new boolean[] {false, true}) {
                robot.interact(() -> Theme.apply(app.stage.getScene(), dark));
                DesignerFixture.settle(robot);
                String trimmed = Application.getUserAgentStylesheet();
                assertThat(trimmed).endsWith(dark ? "/dev/hopscope/ui/theme/primer-dark.css" : "/dev/hopscope/ui/theme/primer-light.css");
                Map<String, String> withTrimmed = styles(robot);
                robot.interact(() -> {
                    Application.setUserAgentStylesheet(ThemeTest.class.getResource(dark ? FULL_DARK : FULL_LIGHT).toExternalForm());
                    app.stage.getScene().getRoot().applyCss();
                });
                DesignerFixture.settle(robot);
                Map<String, String> withFull = styles(robot);
                assertThat(withFull.size()).as("styled values of the designer's nodes").isGreaterThan(5_000);
                List<String> differences = new ArrayList<>();
                for (String key : withFull.keySet())
                    if (!Objects.equals(withTrimmed.get(key), withFull.get(key)))
                        differences.add(key + ": trimmed " + withTrimmed.get(key) + ", AtlantaFX " + withFull.get(key));
                assertThat(withTrimmed.keySet()).as("the same nodes").isEqualTo(withFull.keySet());
                assertThat(differences).as(dark ? "dark theme" : "light theme").isEmpty();
                robot.interact(() -> {
                    Application.setUserAgentStylesheet(trimmed);
                    app.stage.getScene().getRoot().applyCss();
                });
            }
        } finally {
            // the user-agent stylesheet is the whole toolkit's: leave the light trimmed theme for the next test
            robot.interact(() -> Theme.apply(app.stage.getScene(), false));
        }
    }

    /** Every styleable property's value of every node in the window, keyed by the node's path and the property. */
    private Map<String, String> styles(FxRobot robot) {
        Map<String, String> out = new LinkedHashMap<>();
        robot.interact(() -> {
            // styles, then the layout pass in which skins pass some of them on (a label's text fill to its text)
            app.stage.getScene().getRoot().applyCss();
            app.stage.getScene().getRoot().layout();
            collect(app.stage.getScene().getRoot(), "root", out);
        });
        return out;
    }

    private static void collect(javafx.scene.Node node, String path, Map<String, String> out) {
        if (node instanceof javafx.scene.text.Text && node.getClass().getSimpleName().equals("LabeledText")) {
            // a label's text mirrors the label's own styles (compared on the label): its CSS
            // properties report what was last styled on it, so the text's actual values stand here
            javafx.scene.text.Text t = (javafx.scene.text.Text) node;
            out.put(path + " text", describe(t.getFill()) + " " + t.getFont() + " " + t.getLineSpacing() + " " + t.isUnderline() + " " + t.getTextAlignment());
        } else {
            for (CssMetaData<? extends Styleable, ?> meta : node.getCssMetaData()) {
                Object value = valueOf(meta, node);
                out.put(path + " " + meta.getProperty(), describe(value));
            }
        }
        if (node instanceof Parent p) {
            List<javafx.scene.Node> children = new ArrayList<>(p.getChildrenUnmodifiable());
            for (int i = 0; i < children.size(); i++) {
                javafx.scene.Node c = children.get(i);
                collect(c, path + "/" + i + ":" + c.getClass().getSimpleName() + c.getStyleClass(), out);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object valueOf(CssMetaData<? extends Styleable, ?> meta, javafx.scene.Node node) {
        StyleableProperty<?> property = ((CssMetaData<javafx.scene.Node, ?>) meta).getStyleableProperty(node);
        return property == null ? null : property.getValue();
    }

    /** A value as text; effects have no equals of their own, so their visible parameters stand for them. */
    private static String describe(Object value) {
        if (value instanceof DropShadow d)
            return "DropShadow " + d.getBlurType() + " " + d.getColor() + " " + d.getRadius() + " " + d.getSpread() + " " + d.getOffsetX() + " " + d.getOffsetY() + " " + describe(d.getInput());
        if (value instanceof InnerShadow s)
            return "InnerShadow " + s.getBlurType() + " " + s.getColor() + " " + s.getRadius() + " " + s.getChoke() + " " + s.getOffsetX() + " " + s.getOffsetY() + " " + describe(s.getInput());
        if (value instanceof Effect e) return e.getClass().getSimpleName();
        if (value instanceof Object[] array) return java.util.Arrays.deepToString(array);
        return Objects.toString(value);
    }

    private static int rules(String url) throws IOException {
        try (InputStream in = new java.net.URL(url).openStream()) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (int) css.chars().filter(c -> c == '{').count();
        }
    }
}
