package dev.hopscope.ui.challenge;

import dev.hopscope.io.Samples;
import dev.hopscope.ui.DesignerFixture;
import dev.hopscope.ui.files.Settings;
import dev.hopscope.ui.sim.SimulationPanel;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.hopscope.ui.DesignerFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The welcome lesson played as a challenge through the real scene: one answer given on the canvas
 * (wrong), the rest with the buttons (right), the answers shown against the right ones, the list
 * and the outcome kept hidden until answered, and the score remembered for the sample. The right
 * answers are SPEC section 2's: on one bridge, veth → bridge → veth, and the reply back the same way.
 */
@ExtendWith(ApplicationExtension.class)
class ChallengeTest {
    @TempDir static Path home;
    DesignerFixture app;

    @Start void start(Stage stage) {
        app = new DesignerFixture(home);
        app.open(stage);
    }

    private Challenge challenge() { return app.window.panels().challenge(); }

    private SimulationPanel panel() { return app.window.panels().simulation(); }

    private void waitForQuestion(int number) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> challenge().question() != null && challenge().answers().size() == number - 1));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(FxRobot robot, String query) { return robot.lookup(query).queryAs(Labeled.class).getText(); }

    @Test void theWelcomeLessonPlayedAsAChallengeIsScoredAndRemembered(FxRobot robot) throws Exception {
        fx(() -> app.state().reset(Samples.open("welcome.json"), null));
        fx(() -> app.window.canvas().fit());
        // slowly at first, so the marks of the first answer can be looked at before the packet moves on
        fx(() -> ((javafx.scene.control.Slider) robot.lookup("#sim-speed").query()).setValue(0.25));
        robot.clickOn("#lesson-challenge");
        waitForQuestion(1);

        // nothing ahead is given away: one row, no verdict, the player's buttons off
        assertThat(fx(() -> panel().events().rows().size())).isEqualTo(1);
        assertThat(text(robot, "#sim-verdict")).startsWith("Challenge").doesNotContain("DELIVERED");
        assertThat(robot.lookup("#sim-play").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#sim-capture").queryButton().isDisabled()).isTrue();
        assertThat(text(robot, "#challenge-prompt")).startsWith("1. The packet is at frontend. Where does it go next?");
        assertThat(robot.lookup("#choice-badge-frontend-net").tryQuery()).isPresent();

        // a wrong answer, clicked on the canvas: shown against the right one
        robot.clickOn(dev.hopscope.ui.DesignerFixture.view("db"));
        assertThat(fx(() -> challenge().answers().get(0).right())).isFalse();
        assertThat(text(robot, "#challenge-history .challenge-answer")).isEqualTo("✗ 1. at frontend: you said db; it was br-front");
        assertThat(fx(() -> robot.lookup("#choice-ring-frontend-net").query().getPseudoClassStates().toString())).contains("right");
        assertThat(fx(() -> robot.lookup("#choice-ring-db").query().getPseudoClassStates().toString())).contains("wrong");
        fx(() -> ((javafx.scene.control.Slider) robot.lookup("#sim-speed").query()).setValue(4));

        waitForQuestion(2);
        assertThat(text(robot, "#challenge-prompt")).startsWith("2. The packet is at br-front.");
        assertThat(fx(() -> panel().events().rows().size())).isBetween(2, fx(() -> panel().playback().steps().size()) - 1);
        app.snapshot(Path.of("target", "screens", "challenge-welcome.png"));
        robot.clickOn("#challenge-option-backend");
        waitForQuestion(3);
        robot.clickOn("#challenge-option-frontend-net");
        waitForQuestion(4);
        robot.clickOn("#challenge-option-frontend");
        waitForQuestion(5);
        robot.clickOn("#challenge-option-_no_further_");
        waitForQuestion(6);
        assertThat(text(robot, "#challenge-prompt")).contains("How does this flow end?");
        assertThat(text(robot, "#sim-verdict")).doesNotContain("DELIVERED");
        robot.clickOn("#challenge-option-DELIVERED");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !challenge().active().get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#challenge-prompt")).startsWith("Score: 5 of 6.");
        assertThat(text(robot, "#lesson-score")).isEqualTo("Last challenge: 5 of 6 right");
        assertThat(text(robot, "#sim-verdict")).startsWith("DELIVERED");
        assertThat(robot.lookup("#sim-play").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#sim-capture").queryButton().isDisabled()).isFalse();
        assertThat(fx(() -> panel().events().rows().size())).isEqualTo(fx(() -> panel().playback().steps().size()));
        // a later session reads the same score for this sample
        Scores later = new Scores(new Settings(home.resolve("settings.properties")));
        assertThat(later.last("Welcome to Hopscope")).contains(new Scores.Score(5, 6));
    }
}
