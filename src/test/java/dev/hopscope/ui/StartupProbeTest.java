package dev.hopscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.testfx.api.FxToolkit;

/** The startup probe speaks once, in the format packaging/startup-time.sh parses, after a paint. */
class StartupProbeTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void reportsFirstPaintOnceTheStageIsShowing() throws Exception {
        CompletableFuture<String> line = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger reports = new AtomicInteger();
        long before = System.currentTimeMillis();
        Stage[] stage = new Stage[1];
        AtomicBoolean showingWhenReported = new AtomicBoolean();

        Platform.runLater(() -> {
            stage[0] = new Stage();
            stage[0].setScene(new Scene(new Pane(), 200, 100));
            StartupProbe.install(stage[0], text -> {
                reports.incrementAndGet();
                showingWhenReported.set(stage[0].isShowing());
                line.complete(text);
            }, done::countDown);
            // Not shown yet: the probe must wait for the window, however many pulses pass.
            Platform.runLater(stage[0]::show);
        });

        String text = line.get(20, TimeUnit.SECONDS);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(showingWhenReported).isTrue();
        assertThat(text).matches("FIRST_PAINT \\d+ \\d+ -?\\d+ -?\\d+");
        String[] parts = text.split(" ");
        long sinceStart = Long.parseLong(parts[1]);
        long epoch = Long.parseLong(parts[2]);
        // The process started before this test did, and the paint came after the stage was built.
        assertThat(sinceStart).isGreaterThan(System.currentTimeMillis() - before - 1);
        assertThat(epoch).isBetween(before, System.currentTimeMillis());
        // the JavaFX thread's CPU time is part of the process's (both as the kernel counts them)
        long cpu = Long.parseLong(parts[3]);
        long fxCpu = Long.parseLong(parts[4]);
        if (cpu >= 0 && fxCpu >= 0) assertThat(fxCpu).isLessThanOrEqualTo(cpu);
        Thread.sleep(200);
        assertThat(reports).hasValue(1);
        Platform.runLater(stage[0]::close);
    }

    @Test
    void aMarkMadeBeforeTheFirstFrameIsPrintedAfterItWithItsTimeOnly() throws Exception {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setProperty(StartupProbe.PROPERTY, "true");
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            CompletableFuture<String> line = new CompletableFuture<>();
            CompletableFuture<String> beforeTheFrame = new CompletableFuture<>();
            Stage[] stage = new Stage[1];
            Platform.runLater(() -> {
                stage[0] = new Stage();
                stage[0].setScene(new Scene(new Pane(), 200, 100));
                StartupProbe.install(stage[0], line::complete, () -> { });
                // made before the frame is out: kept, not printed (the management beans would cost the frame)
                StartupProbe.mark("before-the-frame");
                beforeTheFrame.complete(printed.toString(java.nio.charset.StandardCharsets.UTF_8));
                stage[0].show();
            });
            assertThat(beforeTheFrame.get(20, TimeUnit.SECONDS)).doesNotContain("MARK");
            assertThat(line.get(20, TimeUnit.SECONDS)).startsWith("FIRST_PAINT ");
            WaitForAsyncUtils.waitForFxEvents();
            // then printed, with its time since the JVM started and no CPU or class count
            assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
                    .anySatisfy(l -> assertThat(l).matches("MARK before-the-frame \\d+ cpu -1 classes -1"));
            // a mark after the frame has every figure
            Platform.runLater(() -> StartupProbe.mark("after-the-frame"));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
                    .anySatisfy(l -> assertThat(l).matches("MARK after-the-frame \\d+ cpu -?\\d+ classes \\d+"));
            Platform.runLater(stage[0]::close);
        } finally {
            System.setOut(out);
            System.clearProperty(StartupProbe.PROPERTY);
        }
    }
}
