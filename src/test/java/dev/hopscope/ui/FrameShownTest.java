package dev.hopscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Tasks that wait for a stage's frame on the screen run once each, in the order they came, after it shows. */
class FrameShownTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void tasksWaitForTheStageToShowThenRunOnceEachInOrder() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        Stage[] stage = new Stage[1];
        Platform.runLater(() -> {
            stage[0] = new Stage();
            stage[0].setScene(new Scene(new Label("first frame"), 200, 100));
            FrameShown.then(stage[0], () -> {
                ran.add("probe:" + stage[0].isShowing());
                both.countDown();
            });
            FrameShown.then(stage[0], () -> {
                ran.add("panels:" + stage[0].isShowing());
                both.countDown();
            });
            // not shown yet: the tasks wait for the window, however many pulses pass
            Platform.runLater(stage[0]::show);
        });
        assertThat(both.await(20, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        assertThat(ran).containsExactly("probe:true", "panels:true");
        // a task asked for later waits for the next frame, and runs too
        CountDownLatch later = new CountDownLatch(1);
        Platform.runLater(() -> {
            ((Label) stage[0].getScene().getRoot()).setText("next frame");
            FrameShown.then(stage[0], later::countDown);
        });
        assertThat(later.await(20, TimeUnit.SECONDS)).isTrue();
        Platform.runLater(stage[0]::close);
    }
}
